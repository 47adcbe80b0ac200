"""The overview views: the responsibility matrix (read in a real browser, scrolled,
keyed through and printed), the build-time charts, and each task page's other language."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader

from plansite.testing.text import normalise, pdf_bytes_pages_text
from plansite.urls import LANGUAGE_ROOTS as LANGS
from support import other_language
from support.html_pages import read_page, resolve
from support.source_table import SHARED_BY_ALL, names

MARKS = {"●": "lead", "○": "joined", "△": "shared"}
SVG = "{http://www.w3.org/2000/svg}"


def expected_role(row: dict[str, str], department: str) -> str:
    if department in names(row["lead_zh"]):
        return "lead"
    if department in names(row["participants_zh"]):
        return "joined"
    return "shared" if row["participants_zh"] == SHARED_BY_ALL else ""


# -- the matrix -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_matrix_marks_every_role_and_links_every_row_and_column(
    page, site_url, lang, csv_rows, departments_yaml
):
    page.goto(site_url + LANGS[lang] + "matrix/")
    table = page.locator("table.plan-matrix-table")
    assert table.locator("caption").inner_text().strip()
    assert table.locator("thead th:not([scope])").count() == 0
    assert table.locator("tbody th[scope=row]").count() == len(departments_yaml["departments"])
    # columns: the task each header links to, in order, grouped under its category
    columns = page.eval_on_selector_all(
        "thead tr:nth-child(2) th a", "links => links.map(a => a.pathname)"
    )
    task_ids = [int(re.search(r"/tasks/(\d+)/$", path)[1]) for path in columns]
    assert task_ids == [int(r["id"]) for r in csv_rows]
    groups = page.eval_on_selector_all(
        "thead tr:first-child th[scope=colgroup]",
        "cells => cells.map(c => [c.colSpan, c.querySelector('a').pathname])",
    )
    per_category: dict[str, int] = {}
    for r in csv_rows:
        per_category[r["category_id"]] = per_category.get(r["category_id"], 0) + 1
    assert [(span, path.rstrip("/").rsplit("/", 1)[1]) for span, path in groups] == [
        (n, c) for c, n in per_category.items()
    ]
    rows = page.eval_on_selector_all(
        "tbody tr",
        """rows => rows.map(r => [r.querySelector('th a').pathname,
            [...r.querySelectorAll('td')].map(c => c.innerText.trim())])""",
    )
    slug_to_name = {d["slug"]: d["name_zh"] for d in departments_yaml["departments"]}
    shared_marked = 0
    for path, cells in rows:
        department = slug_to_name[path.rstrip("/").rsplit("/", 1)[1]]
        for row, cell in zip(csv_rows, cells, strict=True):
            mark = cell[:1]
            assert MARKS.get(mark, "") == expected_role(row, department), (department, row["id"])
            shared_marked += mark == "△"
            if mark:  # the mark's words for screen readers follow it
                assert len(cell) > 1
    shared = [r for r in csv_rows if r["participants_zh"] == SHARED_BY_ALL]
    assert shared and shared_marked == sum(
        len(departments_yaml["departments"]) - len(names(r["lead_zh"])) for r in shared
    )


def test_matrix_headers_stay_in_view_while_scrolling_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    tab = context.new_page()
    tab.goto(site_url + "en/matrix/")
    box = tab.locator(".plan-matrix")
    assert box.get_attribute("tabindex") == "0" and box.get_attribute("aria-label")
    tab.eval_on_selector(".plan-matrix", "e => { e.scrollLeft = 600; e.scrollTop = 300; }")
    assert tab.eval_on_selector(".plan-matrix", "e => e.scrollLeft") > 0
    container = box.bounding_box()
    row_header = tab.locator("tbody tr:nth-child(10) th").bounding_box()
    column_header = tab.locator("thead tr:nth-child(2) th:nth-child(20)").bounding_box()
    assert abs(row_header["x"] - container["x"]) <= 2  # first column pinned left
    assert container["y"] <= column_header["y"] <= container["y"] + 60  # header pinned top
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390  # only the box scrolls
    context.close()


def test_matrix_scrolls_from_the_keyboard(browser, site_url):
    context = browser.new_context(viewport={"width": 800, "height": 600})
    tab = context.new_page()
    tab.goto(site_url + "matrix/")
    tab.keyboard.press("Tab")
    for _ in range(300):  # Tab through the header and navigation to the scroll box
        if tab.evaluate("document.activeElement.classList.contains('plan-matrix')"):
            break
        tab.keyboard.press("Tab")
    else:
        pytest.fail("the matrix cannot be reached with Tab")
    for key in ("ArrowRight", "ArrowDown"):
        for _ in range(5):
            tab.keyboard.press(key)
    tab.wait_for_function(
        "(e => e.scrollLeft > 0 && e.scrollTop > 0)(document.querySelector('.plan-matrix'))"
    )
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_matrix_prints_on_one_a4_landscape_page(page, site_url, lang, departments_yaml):
    page.goto(site_url + LANGS[lang] + "matrix/")
    page.emulate_media(media="print")
    printout = page.pdf(prefer_css_page_size=True)
    pdf = PdfReader(io.BytesIO(printout))
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pdf.pages]
    assert sizes == [(842, 595)]  # A4 landscape, in points
    if lang == "en":  # every row made it onto the page
        text = normalise(pdf_bytes_pages_text(printout)[0])
        for d in departments_yaml["departments"]:
            assert d["name_en"] in text


# -- the charts ---------------------------------------------------------------------------


def chart(page_file, name: str) -> ET.Element:
    html = page_file.read_text(encoding="utf-8")
    markup = re.search(rf'<svg class="plan-chart"[^>]*{name}-title.*?</svg>', html, re.S)[0]
    return ET.fromstring(markup.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))


def bar_widths(svg: ET.Element) -> list[float]:
    """The bars' segments (not the legend's keys)."""
    return [float(r.get("width")) for r in svg.iter(f"{SVG}rect") if not r.get("class")]


@pytest.mark.parametrize("lang", LANGS)
def test_department_chart_draws_each_load_and_describes_it(site, lang, csv_rows, departments_yaml):
    page_file = site / LANGS[lang] / "departments" / "index.html"
    svg = chart(page_file, "department-load")
    # not an image, whose content is hidden from readers: its links must stay reachable
    assert svg.get("role") is None and svg.findall(f"{SVG}a")
    assert svg.get("aria-labelledby") == "department-load-title department-load-desc"
    assert svg.find(f"{SVG}title").text.strip()
    desc = svg.find(f"{SVG}desc").text
    loads = []
    for d in departments_yaml["departments"]:
        led = sum(d["name_zh"] in names(r["lead_zh"]) for r in csv_rows)
        joined = sum(d["name_zh"] in names(r["participants_zh"]) for r in csv_rows)
        name = d["name_zh"] if lang == "zh" else d["name_en"]
        assert re.search(rf"{re.escape(name)}\D+{led}\D+{joined}(\D|$)", desc), name
        loads += [n for n in (led, joined) if n]
    # one bar segment per non-zero figure, drawn in proportion to it
    widths = bar_widths(svg)
    assert len(widths) == len(loads)
    unit = (max(widths) + 1) / max(loads)
    drawn = sorted(round((w + 1) / unit) for w in widths)
    assert drawn == sorted(loads)
    assert svg.find(f".//{SVG}script") is None
    # the same figures as a table: the page's text alternative
    assert "<caption>" in page_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGS)
def test_department_chart_bars_link_in_the_tables_order_busiest_first(
    site, lang, csv_rows, departments_yaml
):
    page_file = site / LANGS[lang] / "departments" / "index.html"
    svg = chart(page_file, "department-load")
    bars = [resolve(page_file, a.get("href")) for a in svg.iter(f"{SVG}a")]
    table = re.search(r"<table.*?</table>", page_file.read_text(encoding="utf-8"), re.S)[0]
    rows = [
        resolve(page_file, href) for href in re.findall(r'<th scope="row"><a href="([^"]+)"', table)
    ]
    assert bars == rows and len(bars) == len(departments_yaml["departments"])
    slugs = [path.parent.name for path in bars]
    assert sorted(slugs) == sorted(d["slug"] for d in departments_yaml["departments"])
    load = {}
    for d in departments_yaml["departments"]:
        led = sum(d["name_zh"] in names(r["lead_zh"]) for r in csv_rows)
        joined = sum(d["name_zh"] in names(r["participants_zh"]) for r in csv_rows)
        load[d["slug"]] = led + joined
    assert [load[s] for s in slugs] == sorted(load.values(), reverse=True)


@pytest.mark.parametrize("lang", LANGS)
def test_categories_chart_counts_tasks_per_category(site, lang, csv_rows):
    page_file = site / LANGS[lang] / "categories" / "index.html"
    svg = chart(page_file, "tasks-per-category")
    desc = svg.find(f"{SVG}desc").text
    counts: dict[str, int] = {}
    titles: dict[str, str] = {}
    for r in csv_rows:
        counts[r["category_id"]] = counts.get(r["category_id"], 0) + 1
        titles[r["category_id"]] = r[f"category_{lang}"]
    for category, count in counts.items():
        assert f"{titles[category]}{'：' if lang == 'zh' else ': '}{count}" in desc
    widths = bar_widths(svg)
    unit = (max(widths) + 1) / max(counts.values())
    assert [round((w + 1) / unit) for w in widths] == list(counts.values())


def test_charts_fit_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    tab = context.new_page()
    for path in ("en/categories/", "en/departments/", "departments/"):
        tab.goto(site_url + path)
        charts = tab.locator("svg.plan-chart").all()
        assert charts, path
        for svg in charts:  # the home page has two: tasks per category, per status
            box = svg.bounding_box()
            assert 300 <= box["width"] <= 390 and box["height"] > 150, path
        # every label, as the browser lays it out, ends inside its chart
        overflow = tab.eval_on_selector_all(
            "svg.plan-chart",
            """svgs => svgs.flatMap(svg => [...svg.querySelectorAll('text')]
                .filter(t => t.getBBox().x + t.getBBox().width > svg.viewBox.baseVal.width)
                .map(t => t.textContent))""",
        )
        assert overflow == [], (path, overflow)
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390, path
    context.close()


# -- the other language on task pages -------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_task_pages_offer_the_other_language_collapsed(site, lang, csv_rows):
    other = other_language(lang)
    for row in csv_rows:
        page_file = site / LANGS[lang] / "tasks" / row["id"] / "index.html"
        html = page_file.read_text(encoding="utf-8")
        block = re.search(
            rf'<details class="quote plan-original" lang="{other}"[^>]*>(.*?)</details>', html, re.S
        )
        assert block, page_file
        text = re.sub(r"<[^>]+>", "", block[1])
        assert row[f"content_{other}"] in text.replace("&quot;", '"').replace("&#x27;", "'")
        assert row[f"title_{other}"] in text


def test_overview_pages_link_only_to_pages_that_exist(site):
    for lang in LANGS:
        for name in ("matrix", "targets", "glossary"):
            page_file = site / LANGS[lang] / name / "index.html"
            page = read_page(page_file)
            assert page.h1
            for _, href in page.content_links:
                assert resolve(page_file, href).is_file(), (page_file, href)
