"""Typing into the built site's search box the way people do, and reading the results.

Shared by tests/test_search.py and scripts/benchmarks/bench_search.py. The queries and
the pages each must find are derived here from the data files, read on their own (or,
for pinyin, written from the names), never from the search's own output.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from pypinyin import lazy_pinyin

from ..urls import LANGUAGE_ROOTS

GLOSSARY_PAGE = "glossary/"

# Counts the queries Material's page sends to its search worker and the results it gets
# back, so a test waits for the answer to exactly what was typed (no sleeps). The answer
# is rendered by the worker's message handler; the timeout runs after that handler.
INSTRUMENT = """
(() => {
  const state = window.__search = {
    ready: false, readyAt: 0, sent: 0, received: 0, query: null, keyupAt: 0, renderedAt: 0
  };
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", event => setTimeout(() => {
        if (event.data.type === 1) {                            // READY
          state.ready = true;
          state.readyAt = performance.now();
        }
        if (event.data.type === 3) {                            // RESULT
          state.received++;
          state.renderedAt = performance.now();
        }
      }, 0));
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) {                     // QUERY
        state.sent++;
        state.query = message.data;
      }
      return super.postMessage(message, ...rest);
    }
  };
  document.addEventListener("keyup", () => { state.keyupAt = performance.now(); }, true);
})();
"""

SEARCH_INPUT = "input.md-search__input"
ANSWERED = """q => window.__search.query === q
  && window.__search.received === window.__search.sent"""


@dataclass(frozen=True)
class Query:
    lang: str
    text: str
    expected: frozenset[str]  # one of these pages is among the first three results
    # when not empty, the first result is one of these pages (a department's page for its
    # name; for a term, a page that mentions it)
    first: frozenset[str] = frozenset()

    def __str__(self) -> str:
        return f"{self.lang}:{self.text}"


class _Data:
    """The data files read directly, as an oracle independent of plansite.load."""

    def __init__(self, data_dir: Path):
        with open(data_dir / "tasks.csv", encoding="utf-8", newline="") as f:
            self.tasks = list(csv.DictReader(f))
        self.departments = _yaml(data_dir / "departments.yaml")["departments"]
        self.glossary = _yaml(data_dir / "glossary.yaml")["terms"]

    def tasks_mentioning(self, term: str, lang: str) -> frozenset[str]:
        """Task pages whose title or content contains the term (any case)."""
        term = term.lower()
        return frozenset(
            f"tasks/{row['id']}/"
            for row in self.tasks
            if term in (row[f"title_{lang}"] + " " + row[f"content_{lang}"]).lower()
        )

    def glossary_mentioning(self, term: str) -> frozenset[str]:
        """The glossary page, if one of its entries uses the term (any case)."""
        fields = ("zh", "en", "forms", "note_en")
        text = " ".join(str(entry.get(f) or "") for entry in self.glossary for f in fields)
        return frozenset({GLOSSARY_PAGE}) if term.lower() in text.lower() else frozenset()

    def department_named(self, name: str) -> frozenset[str]:
        """The page of the department with this name or short name, in either language."""
        pages = {
            f"departments/{d['slug']}/"
            for d in self.departments
            if name
            in (d["name_zh"], d["name_en"], *(d.get("short_zh") or ()), *(d.get("short_en") or ()))
        }
        assert len(pages) == 1, f"{name} names {len(pages)} departments"
        return frozenset(pages)

    def task_titled(self, title: str) -> frozenset[str]:
        pages = {
            f"tasks/{row['id']}/"
            for row in self.tasks
            if title in (row["title_zh"], row["title_en"])
        }
        assert len(pages) == 1, f"{title} is the title of {len(pages)} tasks"
        return frozenset(pages)


def _yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# What the issue lists (names, short names, plan terms) and a few task titles.
DEPARTMENT_NAMES_ZH = ("市水利局", "水利局", "发改委", "工信局", "住建局", "园林局", "市场监管局")
DEPARTMENT_NAMES_EN = ("Water Resources Bureau", "DRC", "Industry and IT Bureau", "Housing Bureau")
TERMS_ZH = (
    "管网",
    "漏损",
    "再生水",
    "海绵城市",
    "阶梯水价",
    "水效标识",
    "高标准农田",
    "水平衡测试",
    "计划用水",
)
TERMS_EN = ("leakage", "reclaimed water", "metering", "pricing", "sponge city")
TASK_TITLES_ZH = (
    "改造供水管网",
    "深化水价改革",
    "强化用水大户节水监管",
    "大力推进县域节水型社会建设",
    "保障资金投入",
)
TASK_TITLES_EN = ("Deepen water pricing reform",)
# Pinyin as typed on a phone keyboard, written from the names: 水利局 shuǐlìjú,
# 发改委 fāgǎiwěi, 工信局 gōngxìnjú, 住建局 zhùjiànjú.
PINYIN = {
    "shuiliju": "水利局",
    "slj": "水利局",
    "fagaiwei": "发改委",
    "fgw": "发改委",
    "gxj": "工信局",
    "zhujianju": "住建局",
}


def queries(data_dir: Path) -> list[Query]:
    data = _Data(data_dir)

    def department(lang: str, text: str, name: str) -> Query:
        return Query(lang, text, data.department_named(name), first=data.department_named(name))

    def term(lang: str, term: str) -> Query:
        tasks = data.tasks_mentioning(term, lang)
        return Query(lang, term, tasks, first=tasks | data.glossary_mentioning(term))

    found: list[Query] = []
    found += [department("zh", n, n) for n in DEPARTMENT_NAMES_ZH]
    found += [term("zh", t) for t in TERMS_ZH]
    found += [Query("zh", t, data.task_titled(t)) for t in TASK_TITLES_ZH]
    found += [department("zh", p, n) for p, n in PINYIN.items()]
    found += [Query("en", n, data.department_named(n)) for n in DEPARTMENT_NAMES_EN]
    found += [term("en", t) for t in TERMS_EN]
    found += [Query("en", t, data.task_titled(t)) for t in TASK_TITLES_EN]
    found += [Query("en", p, data.department_named(PINYIN[p])) for p in ("shuiliju", "fgw")]
    return found


class SearchBox:
    """The search dialog of one page of the built site, in a Playwright page."""

    def __init__(self, page, site_url: str, lang: str):
        self.page = page
        self.root = site_url + LANGUAGE_ROOTS[lang]
        page.add_init_script(INSTRUMENT)
        page.goto(self.root)
        page.keyboard.press("s")  # Material's shortcut opens the search dialog
        page.wait_for_function("window.__search.ready")  # the index is loaded
        self.cdp = page.context.new_cdp_session(page)

    def clear(self) -> None:
        self.page.fill(SEARCH_INPUT, "")
        self.page.keyboard.up("Backspace")
        self.page.wait_for_function(ANSWERED, arg="")

    def type(self, text: str) -> None:
        """Type as a person does: key by key for Latin letters; for Chinese, as an input
        method does, which composes the pinyin in the box and then commits the
        characters with a key (Space), firing no key event per character."""
        before = self.page.evaluate("window.__search.received")
        if text.isascii():
            self.page.keyboard.type(text)
        else:
            pinyin = "".join(lazy_pinyin(text))
            self.cdp.send(
                "Input.imeSetComposition",
                {"text": pinyin, "selectionStart": len(pinyin), "selectionEnd": len(pinyin)},
            )
            self.cdp.send("Input.insertText", {"text": text})
            self.page.keyboard.up("Space")
        self.page.wait_for_function(ANSWERED, arg=text)
        assert self.page.evaluate("window.__search.received") > before

    def results(self) -> list[str]:
        """Result pages in order, as absolute URLs (the first link of each result)."""
        hrefs = self.page.eval_on_selector_all(
            "li.md-search-result__item",
            "items => items.map(item => item.querySelector('a.md-search-result__link').href)",
        )
        return [urlsplit(h)._replace(query="", fragment="").geturl() for h in hrefs]

    def page_path(self, url: str) -> str:
        """A result URL as a path under this language's root; the URL itself if outside."""
        return url.removeprefix(self.root) if url.startswith(self.root) else url

    def ready_ms(self) -> float:
        """From the start of the page's navigation to the search index being ready."""
        return self.page.evaluate("window.__search.readyAt")

    def latency_ms(self) -> float:
        """From the last keyup to the rendered results of the last query."""
        return self.page.evaluate("window.__search.renderedAt - window.__search.keyupAt")
