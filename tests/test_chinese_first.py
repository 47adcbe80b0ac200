"""Chinese first in every word the site writes (issue 9): each page explains itself in
its own language, the glossary is explained in Chinese, every page says where the plan
comes from and every English page that the Chinese is authoritative, the source's closing
note goes with every list of obligations, and the layouts help a reader decide."""

from __future__ import annotations

import html as html_module
import re

import pytest
import yaml

from plansite.urls import LANGUAGE_ROOTS as LANGS
from support import ROOT, built_pages, other_language
from support.html_pages import read_page, resolve

LABELS = yaml.safe_load((ROOT / "templates" / "labels.yaml").read_text(encoding="utf-8"))
GLOSSARY = yaml.safe_load((ROOT / "data" / "glossary.yaml").read_text(encoding="utf-8"))["terms"]
PLAN = yaml.safe_load((ROOT / "data" / "plan.yaml").read_text(encoding="utf-8"))
HAN = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
# Each page the site writes, and the label that introduces it.
INTRODUCED = {
    "index.html": "intro_home",
    "categories/3/index.html": "category_intro",
    "departments/index.html": "department_index_intro",
    "matrix/index.html": "matrix_intro",
    "targets/index.html": "targets_intro",
    "glossary/index.html": "glossary_intro",
    "404.html": "not_found_text",
}


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pages(site, lang: str) -> list:
    found = built_pages(site, lang, "*.html")
    assert len(found) > 60
    return found


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", INTRODUCED)
def test_every_page_the_site_writes_introduces_itself_in_its_language(site, lang, path):
    text = flat(read_page(site / LANGS[lang] / path).text)
    key = INTRODUCED[path]
    own = LABELS[lang][key].split("{")[0]  # up to a placeholder, if any
    other = LABELS[other_language(lang)][key].split("{")[0]
    assert flat(own) in text and flat(other) not in text
    if lang == "zh":  # a Chinese introduction, not English text in its place
        assert len(HAN.findall(own)) > 3 * len(LATIN.findall(own)), own


def test_the_chinese_404_page_is_chinese(site):
    page = read_page(site / "404.html")
    assert page.h1 == LABELS["zh"]["not_found_title"]
    assert "Not found" not in page.text


@pytest.mark.parametrize("lang", LANGS)
def test_the_glossary_explains_every_term_in_the_pages_language(site, lang):
    page_file = site / LANGS[lang] / "glossary" / "index.html"
    html = page_file.read_text(encoding="utf-8")
    entries = dict(
        re.findall(
            r'<h2 id="([^"]+)">.*?</h2>\s*<div class="plan-glossary-entry">(.*?)</div>', html, re.S
        )
    )
    assert set(entries) == {term["slug"] for term in GLOSSARY}
    used_in = {}
    for term in GLOSSARY:
        entry = html_module.unescape(entries[term["slug"]])
        own, other = (term["note_zh"], term["note_en"])[:: 1 if lang == "zh" else -1]
        assert own in entry and other not in entry, term["slug"]
        used_in[term["slug"]] = re.findall(r'<a href="([^"]+)"', entry)
        assert used_in[term["slug"]], term["slug"]  # every entry lists its tasks
    if lang == "zh":  # the explanations, not only the terms, are Chinese
        text = re.sub(r"<[^>]+>", "", "".join(entries.values()))
        assert len(LATIN.findall(text)) < len(HAN.findall(text)) / 20
    # 用水总量和强度双控 is written 双控 in task 1: listed in both languages
    assert [resolve(page_file, href).parent.name for href in used_in["dual-control"]] == ["1"]


def test_both_glossaries_list_the_same_tasks(site):
    lists = []
    for lang in LANGS:
        html = (site / LANGS[lang] / "glossary" / "index.html").read_text(encoding="utf-8")
        lists.append(re.findall(r'<a href="\.\./tasks/(\d+)/"', html))
    assert lists[0] == lists[1] and len(lists[0]) > 60


# What the provenance says, in each language: that the text the site is built from (not
# the plan, which may well have them) states no issuing body, number or date; that every
# department's name is written in full; on Chinese pages that the plan's words are
# verbatim, on English pages that they are translated.
PROVENANCE_STATES = {
    "zh": (
        "本网站所依据的附件文本未载明印发机关、文号和印发日期",
        "单位名称均写为全称",
        "照录原文",
    ),
    "en": (
        "built from does not state the issuing body, the document number or the date",
        "this site writes every name in full",
        "department names and closing note on these pages are translated from the Chinese",
    ),
}
# Wordings the site no longer uses: what is authoritative is said one way everywhere.
RETIRED = ("以中文原文为准", "以中文版为准", "原文未载明", "Chinese text is authoritative")


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_says_what_the_document_is_and_where_the_data_is(site, lang):
    provenance = flat(LABELS[lang]["provenance"])
    for state in PROVENANCE_STATES[lang]:
        assert state in provenance, state
    about = site / LANGS[lang] / "about" / "index.html"
    for page_file in pages(site, lang):
        html = page_file.read_text(encoding="utf-8")
        footer = re.search(r'<div class="md-copyright plan-provenance">(.*?)</div>', html, re.S)
        assert footer and provenance in flat(footer[1]), page_file
        assert LABELS[lang]["authoritative"] in footer[1], page_file
        link = re.search(r'<a href="([^"]+)">' + LABELS[lang]["provenance_link"], footer[1])
        target = resolve(page_file, link[1], site)
        assert target == site / LANGS[lang] / "index.html", page_file
        assert 'id="open-data"' in target.read_text(encoding="utf-8")
        about_link = re.search(r'<a href="([^"]+)">' + LABELS[lang]["about"] + "</a>", footer[1])
        assert resolve(page_file, about_link[1], site) == about, page_file
        assert not [w for w in RETIRED if w in html], page_file


@pytest.mark.parametrize("lang", LANGS)
def test_the_source_text_is_linked_from_the_home_and_about_pages(site, lang):
    source = (ROOT / "source" / "wuxi-water-saving-division-of-labour.txt").read_bytes()
    for path in ("index.html", "about/index.html"):
        page_file = site / LANGS[lang] / path
        linked = [resolve(page_file, href, site) for href in read_page(page_file).all_links]
        published = [p for p in linked if p.name == "source.txt"]
        assert published and published[0].read_bytes() == source, page_file


def test_every_english_page_says_the_translation_is_unofficial_and_links_the_chinese(site):
    notice = LABELS["en"]["translation_notice"]
    authoritative = LABELS["en"]["authoritative"]
    for page_file in pages(site, "en"):
        html = page_file.read_text(encoding="utf-8")
        banner = re.search(r"<p [^>]*data-plan-translation-notice>(.*?)</p>", html, re.S)
        assert banner and notice in banner[1] and authoritative in banner[1], page_file
        href = re.search(r'<a href="([^"]+)" hreflang="zh-CN"', banner[1])[1]
        if page_file.name == "404.html":  # served at any address: links from the root
            assert href == "/", href
            continue
        chinese = resolve(page_file, href)
        assert chinese == site / page_file.relative_to(site / "en"), page_file
    for page_file in pages(site, "zh"):  # no banner on the Chinese site
        assert "data-plan-translation-notice" not in page_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGS)
def test_the_closing_note_goes_with_every_list_of_obligations(site, lang, csv_rows):
    note = flat(PLAN["note"][lang])
    folders = ["tasks", "departments", "categories"]
    checked = 0
    for folder in folders:
        for page_file in (site / LANGS[lang] / folder).glob("*/index.html"):
            html = page_file.read_text(encoding="utf-8")
            aside = re.search(r'<aside class="plan-closing-note">(.*?)</aside>', html, re.S)
            assert aside and note in flat(re.sub(r"<[^>]+>", "", aside[1])), page_file
            checked += 1
    assert checked == len(csv_rows) + 21 + 11


@pytest.mark.parametrize("lang", LANGS)
def test_category_pages_list_lead_and_participating_units(site, lang, csv_rows, departments_yaml):
    slug = {d["name_zh"]: d["slug"] for d in departments_yaml["departments"]}
    shared = PLAN["shared_by_all"]
    for row in csv_rows:
        page_file = site / LANGS[lang] / "categories" / row["category_id"] / "index.html"
        html = page_file.read_text(encoding="utf-8")
        tr = re.search(
            rf'<tr><th scope="row"><a href="\.\./\.\./tasks/{row["id"]}/">.*?</tr>', html
        )
        # each cell names itself for the cards a phone shows (plan.css), then the units
        labelled = re.findall(r'<td><span class="plan-cell-label">(.*?)</span>(.*?)</td>', tr[0])
        assert [label for label, _ in labelled] == [
            LABELS[lang][key] + LABELS[lang]["colon"] for key in ("lead", "participants")
        ], row["id"]
        cells = [cell for _, cell in labelled]
        linked = [
            [resolve(page_file, h).parent.name for h in re.findall(r'href="([^"]+)"', c)]
            for c in cells
        ]
        assert linked[0] == [slug[n] for n in row["lead_zh"].split("、")], row["id"]
        if row["participants_zh"] == shared["zh"]:
            assert cells[1] == shared[lang].replace("'", "&#x27;"), row["id"]
        else:
            assert linked[1] == [slug[n] for n in row["participants_zh"].split("、")], row["id"]


def test_chinese_labels_use_full_width_punctuation(site):
    """牵头单位：, not 牵头单位: ; （3）, not (3) after Chinese words."""
    half_width = re.compile(r"[\u4e00-\u9fff\u3001-\u303f\uff01-\uff5e][:(]|[\u4e00-\u9fff]\)")
    for page_file in pages(site, "zh"):
        html = page_file.read_text(encoding="utf-8")
        body = re.sub(
            r'<details class="quote plan-original" lang="en".*?</details>', "", html, flags=re.S
        )
        text = re.sub(r"<(script|style)\b.*?</\1>|<[^>]+>", "", body, flags=re.S)
        found = half_width.findall(text)
        assert not found, (page_file, found[:5])


# -- layouts, in a real browser -------------------------------------------------------


def test_home_department_list_fits_a_desktop_screen_and_a_phone_reaches_both_lists(
    browser, site_url
):
    desktop = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = desktop.new_page()
    tab.goto(site_url)
    box = tab.locator("ul.plan-departments").bounding_box()
    columns = tab.eval_on_selector(
        "ul.plan-departments", "ul => new Set([...ul.children].map(li => li.offsetLeft)).size"
    )
    assert columns >= 3 and box["height"] < 900 / 2, (columns, box)
    desktop.close()
    phone = browser.new_context(viewport={"width": 390, "height": 844})
    tab = phone.new_page()
    tab.goto(site_url)
    for selector in ("ul.plan-departments li:first-child", "table.plan-categories tbody tr"):
        top = tab.locator(selector).first.bounding_box()["y"]
        assert top < 2 * 844, (selector, top)
    phone.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_matrix_legend_stays_outside_the_box_and_the_box_uses_the_window(browser, site_url, width):
    height = 844 if width < 600 else 900
    context = browser.new_context(viewport={"width": width, "height": height})
    tab = context.new_page()
    for lang in LANGS:
        tab.goto(site_url + LANGS[lang] + "matrix/")
        legend = tab.locator(".plan-matrix-legend")
        assert tab.locator(".plan-matrix .plan-matrix-legend").count() == 0
        box = legend.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
        assert legend.evaluate("e => e.scrollWidth <= e.clientWidth")
        # the page scrolled to the legend: legend and box fill the window, and the box
        # scrolls its table inside it
        header = tab.locator(".md-header").bounding_box()["height"]
        tab.evaluate(f"window.scrollBy(0, {box['y'] - header})")
        legend_box = legend.bounding_box()
        matrix = tab.locator(".plan-matrix").bounding_box()
        assert legend_box["y"] >= header - 1 and matrix["y"] > legend_box["y"]
        assert matrix["y"] + matrix["height"] <= height, (matrix, height)
        assert matrix["height"] > height * 0.6, matrix  # the window's height, not a fixed box
    context.close()


# -- the site's own Chinese, as handbook/style.md writes it ---------------------------------

# Words the style note retires (translated turns, claims the site must not make), each
# with what replaced it.
RETIRED_ZH = {
    "责任矩阵": "任务分工一览表",
    "部门索引": "各部门承担任务情况",
    "到期": "完成时限",
    "未设年份": "未明确时限",
    "目标与期限": "目标与时限",
    "反复出现": "常用术语",
    "牵头的任务": "牵头任务",
    "参与的任务": "参与任务",
    "本网站发布": "本网站依据……整理",
    "编印": "整理打印",
    "方案全文": "全部重点任务",
    "以中文原文为准": "以正式印发的文件为准",
    "按CC BY 4.0许可提供": "知识共享署名4.0国际许可协议（CC BY 4.0）",
    "本站": "本网站",
}
# A space between a Chinese character and a digit, a Latin letter or a placeholder; a
# half-width mark beside a Chinese character; a middle dot or slash joining words.
SPACED = re.compile(r"[\u4e00-\u9fff] +[0-9A-Za-z{]|[0-9A-Za-z}] +[\u4e00-\u9fff]")
HALF_WIDTH = re.compile(r"[\u4e00-\u9fff][,;:!?()]|[,;:!?()][\u4e00-\u9fff]")
JOINED = re.compile(r" · |[\u4e00-\u9fff]/|/[\u4e00-\u9fff]")


def site_chinese() -> dict[str, str]:
    """Every Chinese text the site writes itself: the labels and the glossary's notes."""
    texts = {f"labels.yaml: {key}": value for key, value in LABELS["zh"].items()}
    texts |= {f"glossary.yaml: {t['slug']}": t["note_zh"] for t in GLOSSARY}
    return texts


def test_the_sites_chinese_keeps_the_style_notes_terms_and_punctuation():
    texts = site_chinese()
    assert len(texts) > 150
    for where, text in texts.items():
        for retired, replacement in RETIRED_ZH.items():
            assert retired not in text, f"{where}: {retired} (write {replacement})"
        for rule in (SPACED, HALF_WIDTH, JOINED):
            assert not rule.search(text), f"{where}: {rule.search(text)[0]!r}"
    # the one sentence of authority, and the site never calls itself the publisher
    assert LABELS["zh"]["authoritative"] == "内容以正式印发的文件为准。"
    assert "依据《无锡市节水行动实施方案》所附分工方案整理" in LABELS["zh"]["provenance"]


def test_the_rules_catch_what_they_name():
    assert SPACED.search("35 项重点任务") and SPACED.search("第 1 页")
    assert HALF_WIDTH.search("牵头单位:") and JOINED.search("园林局 · 市政局")


def test_numbers_and_names_are_set_as_chinese_on_the_pages(site):
    home = flat(read_page(site / "index.html").text)
    assert "35项重点任务" in home and "21个部门" in home and "11个任务类别" in home
    department = flat(read_page(site / "departments" / "shizhengyuanlinju" / "index.html").text)
    assert "简称及常用名：" in department and " · " not in department
