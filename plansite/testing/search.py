"""Typing into the built site's search box the way people do, and reading the results.

Shared by tests/test_search.py and scripts/benchmarks/bench_search.py. The queries and
the pages each must find are derived here from the data files, read on their own (or,
for pinyin, written from the names), never from the search's own output.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from pypinyin import lazy_pinyin

from ..urls import LANGUAGE_ROOTS

GLOSSARY_PAGE = "glossary/"
TARGETS_PAGE = "targets/"
INDEX_FILE = "search/search_index.json"

# Counts the queries Material's page sends to its search worker and the results it gets
# back, so a test waits for the answer to exactly what was typed (no sleeps). The answer
# is rendered by the worker's message handler; the timeout runs after that handler.
INSTRUMENT = """
(() => {
  const state = window.__search = {
    ready: false, sent: 0, received: 0, query: null, keyupAt: 0, renderedAt: 0,
    focusAt: 0
  };
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", event => setTimeout(() => {
        if (event.data.type === 1) state.ready = true;          // READY
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
  document.addEventListener("focusin", event => {           // the reader asks for search
    if (event.target.matches(".md-search__input") && !state.focusAt) {
      state.focusAt = performance.now();
    }
  }, true);
})();
"""

SEARCH_INPUT = "input.md-search__input"
# The link of a result's best entry: the highest score Material gives it (data-md-score).
BEST_LINK = """item => [...item.querySelectorAll('a.md-search-result__link')].reduce(
  (best, link) => +link.firstElementChild.dataset.mdScore
    > +best.firstElementChild.dataset.mdScore ? link : best)"""
BEST_LINKS = f"items => items.map(item => ({BEST_LINK})(item).href)"
ANSWERED = """q => window.__search.query === q
  && window.__search.received === window.__search.sent"""


@dataclass(frozen=True)
class Query:
    lang: str
    text: str
    # One of these is among the first three results. A page ("tasks/7/") stands for any
    # of its entries; a glossary entry ("glossary/#leakage") for itself only.
    expected: frozenset[str]
    # when not empty, the first result is one of these (a department's page for its
    # name; for a term, a page that mentions it; for a phrase, a page that holds it whole)
    first: frozenset[str] = frozenset()
    kind: str = "term"  # what the query tries, for the test's name

    def __str__(self) -> str:
        return f"{self.lang}:{self.kind}:{self.text}"


def found(result: str, pages: frozenset[str]) -> bool:
    """Whether a result ("tasks/7/#content", "glossary/#leakage") is one of the pages."""
    return result in pages or result.split("#")[0] in pages


class _Data:
    """The data files read directly, as an oracle independent of plansite.load."""

    def __init__(self, data_dir: Path):
        with open(data_dir / "tasks.csv", encoding="utf-8", newline="") as f:
            self.tasks = list(csv.DictReader(f))
        self.departments = _yaml(data_dir / "departments.yaml")["departments"]
        self.glossary = _yaml(data_dir / "glossary.yaml")["terms"]
        self.targets = _yaml(data_dir / "targets.yaml")["targets"]
        self.synonyms = _yaml(data_dir / "synonyms.yaml")["synonyms"]
        self.shared_by_all = _yaml(data_dir / "plan.yaml")["shared_by_all"]["zh"]

    def tasks_mentioning(self, term: str, lang: str) -> frozenset[str]:
        """Task pages whose title or content contains the term (any case)."""
        term = term.lower()
        return frozenset(
            f"tasks/{row['id']}/"
            for row in self.tasks
            if term in (row[f"title_{lang}"] + " " + row[f"content_{lang}"]).lower()
        )

    def glossary_mentioning(self, term: str) -> frozenset[str]:
        """The glossary entries that use the term (any case), each with its anchor."""
        fields = ("zh", "en", "forms", "note_zh", "note_en")
        return frozenset(
            f"{GLOSSARY_PAGE}#{entry['slug']}"
            for entry in self.glossary
            if term.lower() in " ".join(str(entry.get(f) or "") for f in fields).lower()
        )

    def glossary_entry(self, term: str) -> frozenset[str]:
        """The glossary entry of the term itself."""
        (slug,) = [e["slug"] for e in self.glossary if term in (e["zh"], e["en"])]
        return frozenset({f"{GLOSSARY_PAGE}#{slug}"})

    def targets_quoting(self, text: str, lang: str) -> frozenset[str]:
        """The targets page, if one of its quotes holds the text."""
        quotes = " ".join(t[lang] for t in self.targets).lower()
        return frozenset({TARGETS_PAGE}) if text.lower() in quotes else frozenset()

    def holding(self, text: str, lang: str) -> frozenset[str]:
        """The pages that hold the text whole: tasks, glossary entries, targets. Only for
        text that no task title holds (titles are repeated on overview pages)."""
        assert not [r for r in self.tasks if text.lower() in r[f"title_{lang}"].lower()], text
        return (
            self.tasks_mentioning(text, lang)
            | self.glossary_mentioning(text)
            | self.targets_quoting(text, lang)
        )

    def tasks_with_word(self, forms: tuple[str, ...]) -> frozenset[str]:
        """English task pages that hold one of the forms as a whole word (any case), and
        the pages that list a task whose title holds it."""
        word = re.compile(r"\b(?:" + "|".join(forms) + r")\b", re.IGNORECASE)
        pages = set()
        for row in self.tasks:
            if word.search(row["title_en"] + " " + row["content_en"]):
                pages.add(f"tasks/{row['id']}/")
            if word.search(row["title_en"]):
                pages |= self.listing(row)
        return frozenset(pages)

    def listing(self, row: dict) -> set[str]:
        """The pages that list a task: its category's and its units' (a task that all
        departments share is listed on every department's page)."""
        units = set((row["lead_zh"] + "、" + row["participants_zh"]).split("、"))
        return {f"categories/{row['category_id']}/"} | {
            f"departments/{d['slug']}/"
            for d in self.departments
            if d["name_zh"] in units or self.shared_by_all in units
        }

    def departments_containing(self, text: str) -> frozenset[str]:
        """The pages of departments one of whose Chinese names holds the text."""
        return frozenset(
            f"departments/{d['slug']}/"
            for d in self.departments
            if any(text in name for name in (d["name_zh"], *(d.get("short_zh") or ())))
        )

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

    # -- what people type, paste and say ------------------------------------------------

    def deadline(self, year: int) -> frozenset[str]:
        """The targets page and the tasks with a target due in the year."""
        tasks = {f"tasks/{t['task']}/" for t in self.targets if t["year"] == year}
        assert tasks, year
        return frozenset({TARGETS_PAGE} | tasks)

    def task_numbered(self, number: int) -> frozenset[str]:
        assert any(row["id"] == str(number) for row in self.tasks), number
        return frozenset({f"tasks/{number}/"})

    def tasks_titled_with(self, phrase: str, lang: str) -> frozenset[str]:
        """Task pages whose title holds each word of the phrase (any case; an English
        word whole: "water-saving retrofits" is in "water-saving technological
        retrofits"; Chinese, which has no spaces, as written)."""

        def holds(title: str, word: str) -> bool:
            if not word.isascii():
                return word in title
            return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", title, re.I) is not None

        pages = {
            f"tasks/{row['id']}/"
            for row in self.tasks
            if all(holds(row[f"title_{lang}"], word) for word in phrase.split())
        }
        assert pages, phrase
        return frozenset(pages)

    def department_of_field(self, word: str, lang: str) -> frozenset[str]:
        """The one department whose name holds the word (any case)."""
        pages = {
            f"departments/{d['slug']}/"
            for d in self.departments
            if word.lower() in d[f"name_{lang}"].lower()
        }
        assert len(pages) == 1, f"{word} is in the names of {len(pages)} departments"
        return frozenset(pages)

    def synonym_queries(self) -> list[tuple[str, str, str]]:
        """Each everyday word of data/synonyms.yaml: (language, word, the plan's term)."""
        return [
            (lang, word, entry["term"][lang])
            for entry in self.synonyms
            for lang in ("zh", "en")
            for word in entry["words"][lang]
        ]


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


# Issue 13: what people type that round 1 did not find.
# Chinese words that the text holds only inside a longer word or across jieba's words
# (大数据 in 市大数据管理局 and in 加强大数据, cut 加/强大/数据; 测试 in 水平衡测试).
PARTIAL_WORDS_ZH = ("大数据", "区块链", "球场", "绿地", "测试", "平衡测试", "审计", "累进")
# A word and a character typed after it, which starts words of titles elsewhere (大户,
# 大力): the character left over from cutting the query never outweighs the word.
LEFTOVER_ZH = {"洗车大": "洗车", "区块链大": "区块链", "球场大": "球场"}
# Phrases of several words of the index, each word common, the phrase in one task or two.
PHRASES_ZH = (
    "节水宣传周",
    "中国水周",
    "世界水日",
    "高尔夫球场",
    "节水载体创建",
    "雨水集蓄利用",
    "供水管网漏损",
    "公共供水漏损率",
    "计划用水管理",
)
PHRASES_EN = ("car wash", "golf course", "publicity week", "water balance test")
# English words typed in another form than the text's, with the forms (written by hand)
# that the text may hold; and a prefix.
FORMS_EN = {
    "penalty": ("penalty", "penalties"),
    "penalties": ("penalty", "penalties"),
    "wash": ("wash", "washes", "washing", "washed"),
    "washing": ("wash", "washes", "washing", "washed"),
    "car washing": ("washes",),
    "cities": ("city", "cities"),
    "subsidy": ("subsidy", "subsidies"),
    "leakages": ("leakage", "leakages"),
    "penal": ("penalties",),
}
# A phrase typed in another form than the text's: the page that holds it in the text's
# form comes first (car washing: task 10's "car washes", not task 5's "washing" and
# "carrying", which "car" starts). Only forms that some page writes are indexed: "car
# washed" finds task 10 only as far as "car" does.
PHRASE_FORMS_EN = {"car washing": "car washes"}
# Names in the other language: Chinese names, short names and pinyin on the English
# site, English names on the Chinese site.
NAMES_ACROSS = (
    ("en", "水利局"),
    ("en", "市水利局"),
    ("en", "发改委"),
    ("en", "住建局"),
    ("en", "大数据局"),
    ("en", "市场监管局"),
    ("zh", "Water Resources Bureau"),
    ("zh", "Housing Bureau"),
    ("zh", "DRC"),
    ("zh", "Big Data Administration"),
)
PINYIN_ACROSS = {"dsjj": "大数据局", "zhujianju": "住建局"}  # dàshùjùjú, zhùjiànjú
# Glossary terms: the term's own entry is among the first three, with its anchor.
GLOSSARY_TERMS = (
    ("zh", "再生水"),
    ("zh", "海绵城市"),
    ("zh", "阶梯水价"),
    ("en", "reclaimed water"),
    ("en", "sponge city"),
    ("en", "tiered water pricing"),
)


# Phone first: what people type, paste and say.
# A year as people write it, and the bare number (the targets page, or a task due then).
YEARS = {"zh": ("2020年", "到2020年", "2022年", "2020"), "en": ("2020", "by 2020", "2022")}
# A task's number, bare or as people say it (the task's page first).
TASK_NUMBERS = {
    "zh": ("1", "2", "3", "7", "12", "35", "第7项", "第1项", "第12项任务"),
    "en": ("1", "2", "3", "7", "35", "task 1", "task 7", "task 12"),
}
# A phrase from task titles (two tasks' titles hold "water users" and "water-saving
# retrofits"; a glossary entry holds 节水型城市 and "water users" too): a task's page
# comes first, above the glossary entry and the lists of tasks that repeat the title.
TITLE_PHRASES = {
    "zh": ("用水大户", "节水型城市", "公共用水"),
    "en": ("water users", "water-saving retrofits", "water-saving cities"),
}
# A field of work that is part of one department's name.
FIELDS = {
    "zh": ("农业", "教育", "交通", "税务"),
    "en": ("agriculture", "education", "transport", "tax"),
}
FIRST_NUMBER = re.compile(r"\d+")


def queries(data_dir: Path) -> list[Query]:
    data = _Data(data_dir)

    def department(lang: str, text: str, name: str, kind: str = "name") -> Query:
        page = data.department_named(name)
        return Query(lang, text, page, first=page, kind=kind)

    def term(lang: str, term: str) -> Query:
        tasks = data.tasks_mentioning(term, lang)
        return Query(lang, term, tasks, first=tasks | data.glossary_mentioning(term))

    def partial(word: str) -> Query:
        pages = data.tasks_mentioning(word, "zh") | data.departments_containing(word)
        pages |= data.glossary_mentioning(word)
        return Query("zh", word, pages, first=pages, kind="partial")

    def phrase(lang: str, text: str) -> Query:
        pages = data.holding(text, lang)
        return Query(lang, text, pages, first=pages, kind="phrase")

    def forms(text: str, forms: tuple[str, ...]) -> Query:
        pages = data.tasks_with_word(forms)
        return Query("en", text, pages, kind="forms")

    def glossary(lang: str, term: str) -> Query:
        first = data.tasks_mentioning(term, lang) | data.glossary_mentioning(term)
        return Query(lang, term, data.glossary_entry(term), first=first, kind="glossary")

    asked: list[Query] = []
    asked += [department("zh", n, n) for n in DEPARTMENT_NAMES_ZH]
    asked += [term("zh", t) for t in TERMS_ZH]
    asked += [Query("zh", t, data.task_titled(t), kind="title") for t in TASK_TITLES_ZH]
    asked += [department("zh", p, n, "pinyin") for p, n in PINYIN.items()]
    asked += [department("en", n, n) for n in DEPARTMENT_NAMES_EN]
    asked += [term("en", t) for t in TERMS_EN]
    asked += [Query("en", t, data.task_titled(t), kind="title") for t in TASK_TITLES_EN]
    asked += [department("en", p, PINYIN[p], "pinyin") for p in ("shuiliju", "fgw")]
    asked += [partial(w) for w in PARTIAL_WORDS_ZH]
    asked += [
        replace(partial(word), text=text, kind="leftover") for text, word in LEFTOVER_ZH.items()
    ]
    asked += [phrase("zh", p) for p in PHRASES_ZH]
    asked += [phrase("en", p) for p in PHRASES_EN]
    asked += [forms(text, f) for text, f in FORMS_EN.items()]
    asked += [
        replace(phrase("en", form), text=text, kind="phrase-forms")
        for text, form in PHRASE_FORMS_EN.items()
    ]
    asked += [department(lang, n, n, "across") for lang, n in NAMES_ACROSS]
    asked += [department("en", p, n, "across") for p, n in PINYIN_ACROSS.items()]
    asked += [glossary(lang, t) for lang, t in GLOSSARY_TERMS]
    asked += phone_first_queries(data)
    return asked


def phone_first_queries(data: _Data) -> list[Query]:
    """Years, task numbers, phrases from task titles, fields of work, and the everyday
    words of data/synonyms.yaml (the pages that write the plan's term)."""
    asked: list[Query] = []
    for lang in ("zh", "en"):
        for text in YEARS[lang]:
            pages = data.deadline(int(FIRST_NUMBER.search(text)[0]))
            asked.append(Query(lang, text, pages, first=pages, kind="year"))
        for text in TASK_NUMBERS[lang]:
            page = data.task_numbered(int(FIRST_NUMBER.search(text)[0]))
            asked.append(Query(lang, text, page, first=page, kind="number"))
        for text in TITLE_PHRASES[lang]:
            pages = data.tasks_titled_with(text, lang)
            asked.append(Query(lang, text, pages, first=pages, kind="title-phrase"))
        for text in FIELDS[lang]:
            asked.append(Query(lang, text, data.department_of_field(text, lang), kind="field"))
    for lang, word, term in data.synonym_queries():
        pages = data.tasks_mentioning(term, lang) | data.glossary_mentioning(term)
        asked.append(Query(lang, word, pages, first=pages, kind="synonym"))
    return asked


# The search screens people use: a desktop's field in the header, opened with Material's
# key, and a phone's, opened with the header's search button.
SCREENS = {"desktop": 1280, "phone": 390}
SEARCH_BUTTON = "label.md-header__button[for=__search]"
# Ways text arrives in the box without a key press: pasted or dictated (the browser
# inserts the text), autofilled (Playwright's fill), or set by an input method's script.
NO_KEY_WAYS = ("fill", "insert-text", "input-event")


class SearchBox:
    """The search dialog of one page of the built site, in a Playwright page whose
    viewport is the screen's (SCREENS)."""

    def __init__(self, page, site_url: str, lang: str, screen: str = "desktop"):
        self.page = page
        self.root = site_url + LANGUAGE_ROOTS[lang]
        page.add_init_script(INSTRUMENT)
        page.goto(self.root)
        if screen == "phone":
            page.click(SEARCH_BUTTON)
        else:
            page.keyboard.press("s")  # Material's shortcut opens the search dialog
        page.wait_for_function("window.__search.ready")  # the index is loaded
        self.cdp = page.context.new_cdp_session(page)

    def put(self, text: str, way: str) -> None:
        """Text that arrives without a key: no keydown, no keyup, only an input event."""
        before = self.page.evaluate("window.__search.received")
        if way == "fill":
            self.page.fill(SEARCH_INPUT, text)
        elif way == "insert-text":
            self.page.focus(SEARCH_INPUT)
            self.cdp.send("Input.insertText", {"text": text})
        else:
            self.page.eval_on_selector(
                SEARCH_INPUT,
                """(box, text) => {
                  box.value = text;
                  box.dispatchEvent(new InputEvent("input", {
                    bubbles: true, inputType: "insertFromPaste", data: text
                  }));
                }""",
                text,
            )
        self.page.wait_for_function(ANSWERED, arg=text, timeout=5000)
        assert self.page.evaluate("window.__search.received") > before

    def clear(self) -> None:
        self.page.fill(SEARCH_INPUT, "")
        self.page.keyboard.up("Backspace")
        self.page.wait_for_function(ANSWERED, arg="")

    def type(self, text: str, key_interval_ms: float = 0) -> None:
        """Type as a person does: key by key for Latin letters (key_interval_ms apart);
        for Chinese, as an input method does, which composes the pinyin in the box and
        then commits the characters with a key (Space), firing no key event per
        character."""
        before = self.page.evaluate("window.__search.received")
        if text.isascii():
            self.page.keyboard.type(text, delay=key_interval_ms)
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
        """Results in order, as absolute URLs: of each page, the entry that scored best
        (the one Enter opens), with its anchor."""
        hrefs = self.page.eval_on_selector_all("li.md-search-result__item", BEST_LINKS)
        return [urlsplit(h)._replace(query="").geturl() for h in hrefs]

    def snippets(self) -> list[str]:
        """The text shown for each result's best entry, in order."""
        return self.page.eval_on_selector_all(
            "li.md-search-result__item",
            f"items => items.map(item => ({BEST_LINK})(item).innerText)",
        )

    def page_path(self, url: str) -> str:
        """A result URL as a path under this language's root; the URL itself if outside."""
        return url.removeprefix(self.root) if url.startswith(self.root) else url

    def latency_ms(self) -> float:
        """From the last keyup to the rendered results of the last query."""
        return self.page.evaluate("window.__search.renderedAt - window.__search.keyupAt")
