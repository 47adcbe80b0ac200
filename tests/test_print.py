"""Printing pages from the browser: Debian's chromium prints the served site to PDF with
print media, and the PDF is read back. A4; no navigation, search, header or footer; the
plan's name and the page's address on the printout; external link addresses printed;
no list entry split across pages; the closed original Chinese text printed."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from plansite.testing.text import pdf_pages_text
from plansite.testing.text import squeeze as text_squeeze

A4_POINTS = (595.28, 841.89)
SITE_NAME = {
    "zh": "无锡市节水行动任务分工",
    "en": "Wuxi Water-Saving Action: Division of Tasks",
}  # plan.yaml


def squeeze(text: str) -> str:
    return text_squeeze(text, "en")  # without hyphens too, whatever the language


def print_to_pdf(page, url: str, path) -> list[str]:
    """The page printed as the browser prints it; the text of each printed page."""
    page.goto(url)
    page.emulate_media(media="print")
    page.pdf(path=str(path), prefer_css_page_size=True, print_background=True)
    return list(pdf_pages_text(path))


@pytest.mark.parametrize(("lang", "path"), [("zh", "departments/shuiliju/"), ("en", "en/tasks/2/")])
def test_chrome_is_hidden_and_the_plan_and_address_are_printed(
    page, site_url, tmp_path, lang, path
):
    url = site_url + path
    page.goto(url)
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search", ".md-top"):
        shown = page.eval_on_selector_all(
            chrome, "els => els.filter(e => getComputedStyle(e).display !== 'none').length"
        )
        assert shown == 0, chrome
    pages = print_to_pdf(page, url, tmp_path / "print.pdf")
    first = squeeze(pages[0])
    assert squeeze(SITE_NAME[lang]) in first
    assert squeeze(url) in first
    for size in (p.mediabox for p in PdfReader(tmp_path / "print.pdf").pages):
        assert (float(size.width), float(size.height)) == pytest.approx(A4_POINTS, abs=1)


def test_navigation_is_not_printed(page, site_url, tmp_path, csv_rows):
    """Entries of the navigation that the page's content does not repeat, and the links to
    the previous and next task, are on screen but not in the printout; the content, and
    the original Chinese closed on screen, are."""
    url = site_url + "en/tasks/2/"
    page.goto(url)
    entries = page.eval_on_selector_all(
        ".md-sidebar--primary .md-nav__link", "els => els.map(e => e.textContent.trim())"
    )
    content = squeeze(page.inner_text("article"))
    only_in_nav = [e for e in entries if len(e) >= 12 and squeeze(e) not in content]
    assert len(only_in_nav) >= 5, only_in_nav
    pager = page.eval_on_selector_all(
        "a[rel=prev], a[rel=next]", "els => els.map(e => e.textContent.trim())"
    )
    assert len(pager) == 2, pager
    text = squeeze("".join(print_to_pdf(page, url, tmp_path / "print.pdf")))
    for entry in only_in_nav + pager:
        assert squeeze(entry) not in text, entry
    task = next(row for row in csv_rows if row["id"] == "2")
    assert squeeze(task["content_en"]) in text
    assert squeeze(task["content_zh"]) in text


def test_external_link_addresses_are_printed_internal_ones_not(page, site_url, tmp_path):
    """The plan's pages hold no external link yet, so one is added to a page's text."""
    url = site_url + "en/tasks/2/"
    page.goto(url)
    page.evaluate(
        """() => {
            const p = document.createElement("p");
            p.innerHTML = 'See <a href="https://example.org/rules">the rules</a>.';
            document.querySelector(".md-content__inner").append(p);
        }"""
    )
    page.emulate_media(media="print")
    page.pdf(path=str(tmp_path / "print.pdf"), prefer_css_page_size=True)
    text = "".join(pdf_pages_text(tmp_path / "print.pdf"))
    assert "the rules (https://example.org/rules)" in " ".join(text.split())
    assert "(../../departments/" not in text and "(https://127.0.0.1" not in text


def test_no_task_entry_is_split_across_pages(page, site_url, tmp_path):
    """The English page of the department with the most tasks prints on several pages;
    each task entry (a table row: the task, its lead and participating units) is whole on
    one of them. The PDF's text runs line by line across the columns, so a split row would
    show as a page that starts with the rest of a row rather than a new one."""
    url = site_url + "en/departments/shuiliju/"
    page.goto(url)
    rows = page.eval_on_selector_all(
        ".md-content .plan-task-table tbody tr", "rows => rows.map(r => r.cells[0].innerText)"
    )
    repeated = set(
        page.eval_on_selector_all(".plan-task-table thead th", "c => c.map(e => e.innerText)")
    )
    headings = page.eval_on_selector_all(
        ".md-content h2, .plan-closing-note-label", "els => els.map(e => e.innerText.trim())"
    )
    pages = print_to_pdf(page, url, tmp_path / "print.pdf")
    assert len(pages) >= 2 and len(rows) >= 20
    for number, text in enumerate(pages[1:], start=2):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        # past the table's header, repeated on each page, a cell's words perhaps on two lines
        header = " ".join(repeated)
        first = next(line for line in lines if line not in header)
        assert re.match(r"\d+\. ", first) or first in headings, (number, first)
    starts = [line for text in pages for line in text.splitlines() if re.match(r"\d+\. ", line)]
    assert [s.split(".")[0] for s in starts] == [r.split(".")[0] for r in rows]
