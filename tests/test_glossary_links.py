"""Glossary links: the first occurrence of each term in a task's text links to its entry,
the text around it stays text, and the glossary page has every entry."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
import yaml

from plansite.glossary import TermFinder
from plansite.model import LANGUAGES, GlossaryTerm, Text
from support import ROOT, language_root
from support.html_pages import read_page, resolve

GLOSSARY = yaml.safe_load((ROOT / "data" / "glossary.yaml").read_text(encoding="utf-8"))["terms"]
BY_SLUG = {entry["slug"]: entry for entry in GLOSSARY}


def term(zh: str, en: str, slug: str, *forms: str) -> GlossaryTerm:
    return GlossaryTerm(term=Text(zh=zh, en=en), slug=slug, forms=forms)


QUOTA = term("用水定额", "water-use quota", "quota", "water-use quotas")
SOCIETY = term("节水型社会", "water-saving society", "society")
DEMO = term("节水型社会示范区", "water-saving society demonstration zone", "demo")
TERMS = (QUOTA, SOCIETY, DEMO)


def first_occurrences(text: str, terms: tuple[GlossaryTerm, ...], lang: str):
    return TermFinder(terms, lang).first_occurrences(text)


def link_terms(text: str, terms: tuple[GlossaryTerm, ...], lang: str, link_url) -> str:
    return TermFinder(terms, lang).link(text, link_url)


def url(t: GlossaryTerm) -> str:
    return f"../glossary/#{t.slug}"


def links(markup: str) -> list[tuple[str, str]]:
    return re.findall(r'<a class="plan-term" href="([^"]+)">([^<]*)</a>', markup)


def test_only_the_first_occurrence_links():
    markup = link_terms("严格执行用水定额，修订用水定额。", TERMS, "zh", url)
    assert links(markup) == [("../glossary/#quota", "用水定额")]
    assert markup.endswith("修订用水定额。")


def test_the_longer_term_wins_and_the_shorter_waits_for_a_free_occurrence():
    text = "建设节水型社会示范区，推进节水型社会建设。"
    assert [(text[s:e], t.slug) for s, e, t in first_occurrences(text, TERMS, "zh")] == [
        ("节水型社会示范区", "demo"),
        ("节水型社会", "society"),
    ]


def test_english_matches_any_case_and_listed_forms_as_whole_words():
    text = "Water-use quotas apply. A water-use quota-based rule. The water-use quota."
    markup = link_terms(text, TERMS, "en", url)
    assert links(markup) == [("../glossary/#quota", "Water-use quotas")]
    # "quota-based" is one word with the hyphen: no match inside it
    assert [
        text[s:e] for s, e, _ in first_occurrences("a water-use quota-based rule", TERMS, "en")
    ] == []


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "*bold* _em_ | a | b |",
        "[x](javascript:alert(1))",
        "{{ plan.title }} {% if %}",
        '"quoted" & <b>',
    ],
)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_markup_in_the_text_stays_text(hostile, lang):
    word = QUOTA.term[lang]
    text = f"{hostile} {word} {hostile}"
    markup = link_terms(text, TERMS, lang, url)
    assert links(markup) == [("../glossary/#quota", word)]
    # the only tag is the link; everything else reads back as the original text
    assert re.sub(r"</?a[^>]*>", "", markup).count("<") == 0
    assert html.unescape(re.sub(r"</?a[^>]*>", "", markup)) == text


def test_the_link_address_is_escaped_too():
    markup = link_terms("a water-use quota", TERMS, "en", lambda t: '"><script>')
    assert "<script>" not in markup and 'href="&quot;&gt;&lt;script&gt;"' in markup


# -- the built site -------------------------------------------------------------------


class _TextLinks(HTMLParser):
    """The plan-text block of a task page: its text and the glossary links in it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.text = ""
        self.links: list[tuple[str, str, int]] = []  # (href, word, position in text)
        self.href = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.depth:
            self.depth += tag == "div"
            if tag == "a":
                self.href = a.get("href")
        elif tag == "div" and "plan-text" in (a.get("class") or ""):
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth and tag == "div":
            self.depth -= 1
        if tag == "a":
            self.href = None

    def handle_data(self, data):
        if self.depth:
            if self.href:
                self.links.append((self.href, data, len(self.text)))
            self.text += data


def term_pattern(entry: dict, lang: str) -> re.Pattern:
    """The term as written in Chinese; in English any listed form, any case, as whole
    words (a hyphen joins words)."""
    if lang == "zh":
        return re.compile(re.escape(entry["zh"]))
    words = "|".join(re.escape(w) for w in [entry["en"], *entry.get("forms", [])])
    return re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.I)


def expected_terms(content: str, lang: str) -> set[str]:
    """Slugs of the terms the text uses, read independently: a term hidden inside a
    longer term's occurrence does not count."""
    found = set()
    for entry in sorted(GLOSSARY, key=lambda e: -len(e[lang])):
        pattern = term_pattern(entry, lang)
        if pattern.search(content):
            found.add(entry["slug"])
            content = pattern.sub("\0", content)
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_task_pages_link_each_terms_first_occurrence(site, lang, csv_rows):
    root = language_root(site, lang)
    glossary_file = root / "glossary" / "index.html"
    entries = read_page(glossary_file).ids
    linked_anywhere = 0
    for row in csv_rows:
        page_file = root / "tasks" / row["id"] / "index.html"
        reader = _TextLinks()
        reader.feed(page_file.read_text(encoding="utf-8"))
        slugs = []
        for href, word, position in reader.links:
            assert resolve(page_file, href) == glossary_file, href
            slug = href.split("#", 1)[1]
            assert slug in entries
            slugs.append(slug)
            pattern = term_pattern(BY_SLUG[slug], lang)
            assert pattern.fullmatch(word), (row["id"], word)
            assert not pattern.search(reader.text[:position]), (row["id"], word)  # the first
        assert len(slugs) == len(set(slugs)), (row["id"], slugs)  # each term once
        assert set(slugs) == expected_terms(row[f"content_{lang}"], lang), row["id"]
        assert re.sub(r"\s+", "", reader.text) == re.sub(r"\s+", "", row[f"content_{lang}"])
        linked_anywhere += len(slugs)
    assert linked_anywhere > 20


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_glossary_page_has_every_term_in_both_languages(site, lang):
    root = language_root(site, lang)
    page_file = root / "glossary" / "index.html"
    page = read_page(page_file)
    html_text = page_file.read_text(encoding="utf-8")
    for entry in GLOSSARY:
        assert entry["slug"] in page.ids
        term = re.search(rf'<h2 id="{entry["slug"]}">(.*?)</h2>', html_text, re.S)[1]
        assert html.escape(entry["zh"], quote=False) in term
        assert html.escape(entry["en"], quote=False) in term
    for _, href in page.content_links:
        assert resolve(page_file, href).is_file(), href
