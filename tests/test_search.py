"""Search finds what people type, in each language: names, short names, pinyin, plan terms
and English words, typed into the built site in a real browser (issue 3); parts of
longer words, phrases, English word forms, names in the other language and glossary
entries (issue 13). The index loads only when the reader asks for search."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jieba
import pytest

from plansite.engine import ThemeChanged
from plansite.engine.corrections import WORKER_FIXES, WORKER_GLOB, correct_script
from plansite.load import load_plan
from plansite.model import LANGUAGES
from plansite.search.forms import english_forms
from plansite.search.vocabulary import user_dictionary, user_dictionary_words
from plansite.testing.search import (
    INDEX_FILE,
    NO_KEY_WAYS,
    SCREENS,
    SEARCH_BUTTON,
    SEARCH_INPUT,
    SearchBox,
    found,
    queries,
)
from plansite.urls import LANGUAGE_ROOTS
from support import ROOT, language_root, other_language

QUERIES = queries(ROOT / "data")
HAN = re.compile(r"[\u3400-\u9fff]")


def index(site: Path, lang: str) -> dict:
    folder = language_root(site, lang)
    return json.loads((folder / INDEX_FILE).read_text(encoding="utf-8"))


def indexed_words(entry: dict, separator: str) -> set[str]:
    text = re.sub(r"<[^>]+>", " ", entry["title"] + " " + entry["text"])
    return {word.lower() for word in re.split(separator, text) if word}


# -- the indexes, as built ------------------------------------------------------------


def test_each_language_has_its_own_index(site):
    zh, en = index(site, "zh"), index(site, "en")
    plan = load_plan(ROOT / "data")
    zh_titles = {e["title"].replace("\u200b", "") for e in zh["docs"]}
    en_titles = {e["title"] for e in en["docs"]}
    for task in plan.tasks:
        assert f"{task.id}. {task.title.zh}" in zh_titles
        assert f"{task.id}. {task.title.en}" in en_titles
        assert f"{task.id}. {task.title.en}" not in zh_titles
    # English headings only: the Chinese originals on English pages are text, not titles;
    # but a glossary entry's heading shows its term in both languages.
    originals = {f"{t.term.en} {t.term.zh}" for t in plan.glossary}
    assert not [t for t in en_titles if HAN.search(t) and t.replace("\u200b", "") not in originals]
    assert not [e for e in zh["docs"] if e["location"].startswith("en/")]
    # nor the other language's text that task pages show collapsed beside their own
    zh_text = "".join(e["text"] for e in zh["docs"]).replace("\u200b", "")
    en_text = "".join(e["text"] for e in en["docs"])
    for task in plan.tasks:
        assert task.content.zh not in en_text, task.id
        assert task.content.en not in zh_text, task.id


@pytest.mark.parametrize("lang", LANGUAGE_ROOTS)
def test_a_task_pages_entries_hold_no_other_tasks_title(site, lang):
    """The links to the previous and next task are left out of the index: with them, a
    task's page was a result for its neighbours' titles."""
    plan = load_plan(ROOT / "data")
    titles = {task.id: f"{task.id}. {task.title[lang]}" for task in plan.tasks}
    checked = 0
    for entry in index(site, lang)["docs"]:
        page = re.fullmatch(r"tasks/(\d+)/(#.*)?", entry["location"])
        if page:
            text = entry["text"].replace("\u200b", "")
            assert not [t for i, t in titles.items() if i != int(page[1]) and t in text], entry
            checked += 1
    assert checked >= len(titles)


def test_chinese_index_keeps_the_plans_words_whole(site):
    """Every dictionary word (name, short name, glossary term) that a task's text
    contains is a word of that task's entry in the index: jieba used the dictionary."""
    zh = index(site, "zh")
    separator = zh["config"]["separator"]
    words = user_dictionary_words(load_plan(ROOT / "data"))
    assert "管网" in words and "漏损" in words
    checked = 0
    for entry in zh["docs"]:
        if not re.fullmatch(r"tasks/\d+/#content", entry["location"]):
            continue
        text = entry["text"].replace("\u200b", "")
        found = indexed_words(entry, separator)
        for word in words:
            # A longer dictionary word may hold this one (市水利局 holds 水利局).
            if word in text and not any(word in w and w != word for w in found):
                assert word in found, f"{entry['location']}: {word} was cut apart"
                checked += 1
    assert checked > 50


def test_user_dictionary_cuts_the_sources_phrase(tmp_path):
    """The issue's example: without the dictionary jieba cut 供水管网漏损 as 供水管/网漏/损."""
    words = user_dictionary_words(load_plan(ROOT / "data"))
    tokenizer = jieba.Tokenizer()
    (tmp_path / "userdict.txt").write_text(user_dictionary(words), encoding="utf-8")
    tokenizer.load_userdict(str(tmp_path / "userdict.txt"))
    assert "/".join(tokenizer.cut("供水管网漏损")) == "供水/管网/漏损"
    assert "/".join(tokenizer.cut("市市场监管局")) == "市市场监管局"


def test_pinyin_is_in_the_pages_and_no_pinyin_dictionary_ships(site):
    zh = index(site, "zh")
    page = next(e for e in zh["docs"] if e["location"] == "departments/shuiliju/")
    assert {"shuiliju", "slj"} <= indexed_words(page, zh["config"]["separator"])
    # Pinyin is computed at build time: no script knows a reading (shuǐ) or a key.
    for script in site.rglob("*.js"):
        code = script.read_text(encoding="utf-8")
        assert "pinyin" not in script.name.lower()
        assert "shuǐ" not in code and "shuiliju" not in code, script


def test_english_forms_find_each_other():
    """Forms written by hand from English grammar; the stemmer keeps what it agrees with,
    and of the inflections only those the site writes (the vocabulary)."""
    written = {"penalty", "penalties", "washes", "washing", "washed", "cities", "subsidies"}
    assert {"penalty"} <= english_forms("penalties", written)
    assert {"penalties"} <= english_forms("penalty", written)
    assert {"wash", "washing", "washed"} <= english_forms("washes", written)
    assert {"washes"} <= english_forms("washing", written)
    assert {"city"} <= english_forms("cities", written)
    assert {"subsidies"} <= english_forms("subsidy", written)
    assert {"meter"} <= english_forms("metering", written)
    assert "washe" not in english_forms("washes", written)
    assert english_forms("penalty", set()) == {"penalties"}  # no verb form no page writes


def test_department_pages_carry_the_other_languages_names(site):
    plan = load_plan(ROOT / "data")
    for lang, other in ((lang, other_language(lang)) for lang in LANGUAGES):
        entries = {e["location"]: e for e in index(site, lang)["docs"]}
        for department in plan.departments:
            names = entries[f"departments/{department.slug}/"]["names"]
            assert department.name[other] in names
            assert all(key in names.split() for key in department.pinyin)


def test_each_glossary_entry_is_its_own_index_entry(site):
    plan = load_plan(ROOT / "data")
    for lang in LANGUAGES:
        entries = {e["location"]: e for e in index(site, lang)["docs"]}
        for term in plan.glossary:
            entry = entries[f"glossary/#{term.slug}"]
            assert term.term[lang] in entry["title"].replace("\u200b", "")
            if term.note[lang]:
                assert term.note[lang][:20] in entry["text"].replace("\u200b", "")


def test_both_workers_carry_the_segmentation_fix(site):
    for folder in (site, site / "en"):
        (worker,) = folder.glob("assets/javascripts/workers/search.*.min.js")
        assert "o<=t.length;o++)t.slice(s,o)in e" in worker.read_text(encoding="utf-8")


def test_an_unknown_search_worker_stops_the_build(tmp_path):
    worker = tmp_path / "assets" / "javascripts" / "workers" / "search.0.min.js"
    worker.parent.mkdir(parents=True)
    worker.write_text("function segment(){}", encoding="utf-8")
    with pytest.raises(ThemeChanged, match="no longer contains"):
        correct_script(tmp_path, WORKER_GLOB, WORKER_FIXES)


# -- in the browser -----------------------------------------------------------------


@pytest.fixture(scope="module")
def search_boxes(browser, site_url):
    """A search box per language and screen: the desktop's, and the phone's (390 px),
    opened with the header's search button."""
    boxes = {}
    contexts = []
    for lang in LANGUAGES:
        for screen, width in SCREENS.items():
            context = browser.new_context(viewport={"width": width, "height": 844})
            contexts.append(context)
            boxes[lang, screen] = SearchBox(context.new_page(), site_url, lang, screen)
    yield boxes
    for context in contexts:
        context.close()


def test_at_least_sixty_queries_in_both_languages():
    assert len(QUERIES) >= 60
    assert {q.lang for q in QUERIES} == {"zh", "en"}
    assert all(q.expected for q in QUERIES)
    kinds = {(q.kind, q.lang) for q in QUERIES}
    for kind in ("phrase", "across", "glossary", "year", "number", "title-phrase", "field"):
        assert {(kind, "zh"), (kind, "en")} <= kinds, kind
    assert {("synonym", "zh"), ("synonym", "en")} <= kinds
    assert {("partial", "zh"), ("forms", "en")} <= kinds


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("query", QUERIES, ids=str)
def test_query_finds_its_page(search_boxes, query, screen):
    box = search_boxes[query.lang, screen]
    box.clear()
    assert box.results() == []
    box.type(query.text)
    results = [box.page_path(url) for url in box.results()]
    assert results, f"{query}: nothing found"
    # Each language searches its own pages only.
    if query.lang == "zh":
        assert not [r for r in results if r.startswith(("en/", "http"))], results
    else:
        assert not [r for r in results if r.startswith("http")], results
    top = results[:3]
    assert any(found(r, query.expected) for r in top), (
        f"{query}: expected {sorted(query.expected)}, got {top}"
    )
    if query.first:
        assert found(top[0], query.first), (
            f"{query}: expected first {sorted(query.first)}, got {top}"
        )
    if query.kind == "glossary":  # the entry's own words, not the glossary's first
        (entry,) = query.expected
        snippet = box.snippets()[results.index(entry)]
        assert query.text.lower() in snippet.lower(), snippet


# Text that arrives without a key: one query of each language, each way, each screen.
NO_KEY_QUERIES = [
    next(q for q in QUERIES if q.kind == "synonym" and q.lang == lang) for lang in LANGUAGES
]


@pytest.mark.parametrize("way", NO_KEY_WAYS)
@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("query", NO_KEY_QUERIES, ids=str)
def test_text_without_a_key_press_searches(search_boxes, query, screen, way):
    """Pasted, dictated, chosen from suggestions or autofilled: an input event and no
    key. Material searched on keyup only, and such text found nothing."""
    box = search_boxes[query.lang, screen]
    box.clear()
    box.put(query.text, way)
    top = [box.page_path(url) for url in box.results()][:3]
    assert any(found(r, query.expected) for r in top), (query, way, top)


# -- the index loads when the reader asks for search -----------------------------------


# How a reader asks for search: Material's key, a click into the box, a tap on the
# search icon of a phone's header (which opens the search dialog).
ASK = {
    "key": (1280, lambda page: page.keyboard.press("/")),
    "click": (1280, lambda page: page.click(SEARCH_INPUT)),
    "phone": (390, lambda page: page.click(SEARCH_BUTTON)),
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("ask", ASK)
def test_no_index_until_the_reader_asks_for_search(browser, site_url, lang, ask):
    width, open_search = ASK[ask]
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    requested = []
    context.on("request", lambda request: requested.append(request.url))
    page.goto(f"{site_url}{LANGUAGE_ROOTS[lang]}tasks/7/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in requested if url.endswith(INDEX_FILE)]
    open_search(page)
    page.keyboard.type("shuiliju")  # pinyin, on both sites
    page.wait_for_selector("li.md-search-result__item")
    assert [url for url in requested if url.endswith(INDEX_FILE)]
    context.close()
