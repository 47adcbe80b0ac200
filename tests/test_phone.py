"""Phone first: the home page's first screen finds one's department; lists of tasks read
on a phone (one card per task, names never broken, 24 px targets); the matrix's tasks by
title where a finger reaches them; the reading switch and the other language in words;
charts that grow with the text or yield to their tables; the all-tasks page and the
categories' overview. In both languages, at 320, 390, 768 and 1280 px, plain and in the
reading mode."""

from __future__ import annotations

import re

import pytest
import yaml

from plansite.urls import LANGUAGE_ROOTS as LANGS
from support import ROOT, built_pages, language_root
from support.html_pages import resolve

LABELS = yaml.safe_load((ROOT / "templates" / "labels.yaml").read_text(encoding="utf-8"))
WIDTHS = (320, 390, 768, 1280)
PHONE_HEIGHT = 844
READING_KEY = "plan-reading-mode"  # docs/assets/javascripts/accessibility.js
# Pages whose tables list tasks, departments, categories or targets.
TABLE_PAGES = (
    "",
    "tasks/",
    "categories/",
    "categories/3/",
    "departments/",
    "departments/shuiliju/",
)
TABLE_PAGES += ("targets/",)

TASK_TABLE = r'<table class="plan-table plan-task-table[^"]*">.*?</table>'

# Words a table broke across two lines: each Latin word (a hyphen may end a line), and
# each Chinese department name, which is one word.
BROKEN_WORDS = """root => {
  const lines = range => new Set(
    [...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.bottom))
  ).size;
  const broken = [];
  for (const table of root.querySelectorAll("table.plan-table")) {
    const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) {
      if (!node.parentElement.getClientRects().length) continue;  // not shown
      for (const word of node.data.matchAll(/[A-Za-z][A-Za-z'’]*/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        if (lines(range) > 1) broken.push(word[0]);
      }
    }
    for (const name of table.querySelectorAll(".plan-name:lang(zh)")) {
      const range = document.createRange();
      range.selectNodeContents(name);
      if (lines(range) > 1) broken.push(name.textContent);
    }
  }
  return broken;
}"""


def open_page(browser, url: str, width: int, reading: bool = False, height: int = 800, **more):
    context = browser.new_context(viewport={"width": width, "height": height}, **more)
    if reading:
        context.add_init_script(f"localStorage.setItem('{READING_KEY}', 'on')")
    tab = context.new_page()
    tab.goto(url)
    tab.wait_for_load_state("networkidle")
    return context, tab


def no_sideways_scroll(tab) -> bool:
    return tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


# -- the home page's first screen -----------------------------------------------------


@pytest.mark.parametrize("reading", [False, True], ids=["plain", "reading"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_first_screen_of_a_phone_shows_the_departments(browser, site_url, lang, reading):
    """390 x 844: the first department's link is on the first screen (it was at y = 843,
    1,303 in the reading mode), the three figures on one line, each a link."""
    context, tab = open_page(browser, site_url + LANGS[lang], 390, reading, PHONE_HEIGHT)
    first = tab.locator("ul.plan-departments a").first.bounding_box()
    assert first["y"] + first["height"] <= PHONE_HEIGHT, first
    figures = [tab.locator("ul.plan-figures > li").nth(i).bounding_box() for i in range(3)]
    assert len({round(box["y"]) for box in figures}) == 1, figures
    assert figures[2]["x"] + figures[2]["width"] <= 390
    assert no_sideways_scroll(tab)
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_the_figures_link_to_the_overviews(site, lang, csv_rows, departments_yaml):
    page_file = language_root(site, lang) / "index.html"
    html = page_file.read_text(encoding="utf-8")
    figures = re.search(r'<ul class="plan-figures">(.*?)</ul>', html, re.S)[1]
    links = re.findall(r'<a href="([^"]+)"><strong>(\d+)</strong>', figures)
    root = language_root(site, lang)
    assert [
        (resolve(page_file, href).relative_to(root).as_posix(), int(n)) for href, n in links
    ] == [
        ("tasks/index.html", len(csv_rows)),
        ("categories/index.html", len({r["category_id"] for r in csv_rows})),
        ("departments/index.html", len(departments_yaml["departments"])),
    ]
    # each fact once: the categories' chart is on their overview, not here
    assert 'id="tasks-per-category-title"' not in html
    categories = (root / "categories" / "index.html").read_text(encoding="utf-8")
    assert 'id="tasks-per-category-title"' in categories


# -- the all-tasks page ---------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_all_tasks_page_lists_every_task_by_category_with_its_units(
    site, lang, csv_rows, departments_yaml
):
    slug = {d["name_zh"]: d["slug"] for d in departments_yaml["departments"]}
    page_file = language_root(site, lang) / "tasks" / "index.html"
    html = page_file.read_text(encoding="utf-8")
    sections = re.split(r'<h2 id="category-(\d+)"', html)[1:]
    listed = []
    for category, section in zip(sections[::2], sections[1::2], strict=True):
        rows = re.findall(r'<tr><th scope="row">.*?</tr>', section)
        for row in rows:
            href = re.match(r'<tr><th scope="row"><a href="([^"]+)">', row)[1]
            task_id = resolve(page_file, href).parent.name
            source = next(r for r in csv_rows if r["id"] == task_id)
            assert source["category_id"] == category, task_id
            lead = re.search(r"<td>(.*?)</td>", row)[1]
            linked = [
                resolve(page_file, h).parent.name for h in re.findall(r'href="([^"]+)"', lead)
            ]
            assert linked == [slug[n] for n in source["lead_zh"].split("、")], task_id
            listed.append(task_id)
    assert listed == [r["id"] for r in csv_rows]


# -- lists of tasks on a phone --------------------------------------------------------


@pytest.mark.parametrize(("width", "reading"), [(390, False), (768, True)], ids=str)
@pytest.mark.parametrize("lang", LANGS)
def test_a_list_of_tasks_is_one_card_per_task_on_a_narrow_column(
    browser, site_url, lang, width, reading
):
    """The title, then the lead units' line, then the participating units', each line
    naming itself; where three columns fit (1280 px), the table."""
    context, tab = open_page(
        browser, site_url + LANGS[lang] + "departments/shuiliju/", width, reading
    )
    row = tab.locator("table.plan-task-table tbody tr").first
    title, lead, participants = (row.locator(":scope > *").nth(i) for i in range(3))
    boxes = [cell.bounding_box() for cell in (title, lead, participants)]
    assert boxes[0]["y"] < boxes[1]["y"] < boxes[2]["y"], boxes
    assert lead.inner_text().startswith(LABELS[lang]["lead"])
    assert participants.inner_text().startswith(LABELS[lang]["participants"])
    assert no_sideways_scroll(tab)
    context.close()
    context, tab = open_page(browser, site_url + LANGS[lang] + "departments/shuiliju/", 1280)
    row = tab.locator("table.plan-task-table tbody tr").first
    boxes = [row.locator(":scope > *").nth(i).bounding_box() for i in range(3)]
    assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"], boxes
    assert not tab.locator("table.plan-task-table .plan-cell-label").first.is_visible()
    context.close()


@pytest.mark.parametrize("reading", [False, True], ids=["plain", "reading"])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_no_table_breaks_a_word_or_a_name(browser, site_url, lang, width, reading):
    """Material let a link's word break anywhere: "Munic/ipal" at 320 px."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    if reading:
        context.add_init_script(f"localStorage.setItem('{READING_KEY}', 'on')")
    tab = context.new_page()
    checked = 0
    for path in TABLE_PAGES:
        tab.goto(site_url + LANGS[lang] + path)
        checked += tab.locator("table.plan-table").count()
        assert tab.eval_on_selector("body", BROKEN_WORDS) == [], path
        assert no_sideways_scroll(tab), path
    assert checked >= len(TABLE_PAGES)
    context.close()


@pytest.mark.parametrize("reading", [False, True], ids=["plain", "reading"])
@pytest.mark.parametrize("lang", LANGS)
def test_links_in_lists_of_tasks_are_24_px_targets(browser, site_url, lang, reading):
    """WCAG 2.2, 2.5.8: each line of a title or a name is at least 24 px high, and
    the lines of different links do not overlap."""
    context, tab = open_page(browser, site_url + LANGS[lang] + "tasks/", 390, reading)
    rects = tab.eval_on_selector_all(
        "table.plan-task-table a",
        "links => links.map(a => [...a.getClientRects()].map(r => [r.top, r.bottom, r.width]))",
    )
    assert len(rects) > 100
    for lines in rects:
        for top, bottom, _ in lines:
            assert bottom - top >= 24, (top, bottom)
        assert max(w for _, _, w in lines) >= 24
    context.close()


def test_a_department_is_marked_as_itself_on_its_own_page(site, departments_yaml, csv_rows):
    for lang in LANGS:
        for d in departments_yaml["departments"]:
            page_file = language_root(site, lang) / "departments" / d["slug"] / "index.html"
            html = page_file.read_text(encoding="utf-8")
            tables = "".join(re.findall(TASK_TABLE, html, re.S))
            own = [
                h
                for h in re.findall(r'href="([^"]+)"', tables)
                if resolve(page_file, h) == page_file
            ]
            assert own == [], page_file
            name = d[f"name_{lang}"].replace("'", "&#x27;")
            named = sum(
                d["name_zh"] in (r["lead_zh"] + "、" + r["participants_zh"]).split("、")
                for r in csv_rows
            )
            assert tables.count(f'<strong class="plan-name">{name}</strong>') == named, page_file


# -- the matrix on a phone ------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_matrix_shows_each_tasks_title_where_a_finger_reaches_it(
    browser, site_url, lang, csv_rows
):
    context, tab = open_page(browser, site_url + LANGS[lang] + "matrix/", 390, has_touch=True)
    for row in csv_rows:
        link = tab.locator(f'.plan-matrix-tasks a[href$="tasks/{row["id"]}/"]')
        assert link.inner_text() == f"{row['id']}. {row[f'title_{lang}']}"
        link.scroll_into_view_if_needed()
        box = link.bounding_box()
        assert link.is_visible() and box["height"] >= 24 and 0 <= box["x"] <= 390 - box["width"]
        # and the column's heading links to the task
        assert tab.locator(f'.plan-matrix-table thead a[href$="tasks/{row["id"]}/"]').count() == 1
    assert no_sideways_scroll(tab)
    context.close()


# -- the header: the reading switch and the other language, in words -------------------


@pytest.mark.parametrize("width", (320, 390))
@pytest.mark.parametrize("lang", LANGS)
def test_the_reading_switch_says_what_it_is_and_a_tap_stays_on_screen(
    browser, site_url, lang, width
):
    context, tab = open_page(browser, site_url + LANGS[lang], width, has_touch=True, is_mobile=True)
    switch = tab.locator("[data-plan-reading-switch]")
    short = LABELS[lang]["a11y_reading_mode_short"]
    words = switch.locator(".plan-reading__short")
    assert words.is_visible() and words.inner_text() == short
    # its name is the whole label, which starts with the words shown
    name = LABELS[lang]["a11y_reading_mode"]
    assert tab.get_by_role("switch", name=name, exact=True).count() == 1
    assert LABELS[lang]["a11y_reading_mode"].startswith(short)  # the name starts with it
    assert switch.get_attribute("title") is None  # Material made a title a tooltip
    switch.tap()
    tab.wait_for_function("document.documentElement.hasAttribute('data-plan-reading')")
    assert switch.get_attribute("aria-checked") == "true"
    assert no_sideways_scroll(tab)
    tips = tab.eval_on_selector_all(
        ".md-tooltip--active", "tips => tips.map(t => t.getBoundingClientRect().right)"
    )
    assert all(right <= width for right in tips), tips
    box = switch.bounding_box()
    assert box["x"] + box["width"] <= width and box["height"] >= 24
    context.close()


def test_every_page_names_the_other_language_in_words(site):
    checked = 0
    for lang in LANGS:
        other = next(o for o in LANGS if o != lang)
        for page_file in built_pages(site, lang):
            html = page_file.read_text(encoding="utf-8")
            (link,) = re.findall(r"<a [^>]*data-plan-language-link=[^>]*>[^<]*</a>", html)
            assert f">{LABELS[other]['language_name']}</a>" in link, page_file
            assert f'title="{LABELS[other]["language_switch_title"]}"' in link, page_file
            href = re.search(r'href="([^"]+)"', link)[1]
            here = page_file.relative_to(language_root(site, lang))
            assert resolve(page_file, href) == language_root(site, other) / here, page_file
            checked += 1
    assert checked >= 2 * 70


@pytest.mark.parametrize("reading", [False, True], ids=["plain", "reading"])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_other_language_is_visible_at_every_width(browser, site_url, lang, width, reading):
    context, tab = open_page(browser, site_url + LANGS[lang] + "tasks/7/", width, reading)
    other = next(o for o in LANGS if o != lang)
    link = tab.locator("[data-plan-language-link]")
    assert link.is_visible() and link.inner_text().strip() == LABELS[other]["language_name"]
    box = link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
    assert no_sideways_scroll(tab)
    context.close()


# -- charts in the reading mode -------------------------------------------------------


def test_a_chart_grows_with_the_text_or_yields_to_its_table(browser, site_url):
    label_heights = {}
    for reading in (False, True):
        context, tab = open_page(browser, site_url + "departments/", 1280, reading)
        label_heights[reading] = tab.eval_on_selector(
            "svg.plan-chart text", "t => t.getBoundingClientRect().height"
        )
        context.close()
    assert label_heights[True] >= 1.2 * label_heights[False], label_heights
    for path in ("departments/", "en/categories/"):
        context, tab = open_page(browser, site_url + path, 390, reading=True)
        assert not tab.locator("figure.plan-figure").is_visible(), path
        assert tab.locator("table.plan-table").first.is_visible(), path
        context.close()
