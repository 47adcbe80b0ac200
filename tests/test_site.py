"""The built site: every page in both languages, cross-links matching the CSV, the
language switch, nothing loaded from another host."""

from __future__ import annotations

import json
import re
import urllib.parse

import pytest
import yaml

from plansite.urls import LANGUAGE_ROOTS as LANGS
from support import ROOT, built_pages, language_root, other_language
from support.html_pages import read_page, resolve, task_id_of
from support.source_table import SHARED_BY_ALL, names

LABELS = yaml.safe_load((ROOT / "templates" / "labels.yaml").read_text(encoding="utf-8"))


def test_both_languages_have_the_same_pages(site):
    zh = {p.relative_to(site) for p in built_pages(site, "zh")}
    en = {p.relative_to(site / "en") for p in built_pages(site, "en")}
    assert zh == en
    assert len([p for p in zh if p.parts[0] == "tasks"]) == 36  # 35 and the all-tasks page
    assert len([p for p in zh if p.parts[0] == "categories"]) == 12  # 11 and the overview
    assert len([p for p in zh if p.parts[0] == "departments"]) == 22  # 21 and the index


@pytest.mark.parametrize("lang", LANGS)
def test_department_pages_list_exactly_the_tasks_that_name_them(
    site, lang, csv_rows, departments_yaml
):
    shared = {int(r["id"]) for r in csv_rows if r["participants_zh"] == SHARED_BY_ALL}
    for d in departments_yaml["departments"]:
        page_file = language_root(site, lang) / "departments" / d["slug"] / "index.html"
        page = read_page(page_file)
        found: dict[str, set[int]] = {"leads": set(), "takes-part": set(), "shared": set()}
        for section, href in page.content_links:
            task = task_id_of(resolve(page_file, href).relative_to(site))
            if task is not None and section in found:
                found[section].add(task)
        led = {int(r["id"]) for r in csv_rows if d["name_zh"] in names(r["lead_zh"])}
        joined = {int(r["id"]) for r in csv_rows if d["name_zh"] in names(r["participants_zh"])}
        assert found["leads"] == led, d["name_zh"]
        assert found["takes-part"] == joined, d["name_zh"]
        assert found["shared"] == shared - led, d["name_zh"]
        assert page.h1 == (d["name_zh"] if lang == "zh" else d["name_en"])
        parens = "（{}）" if lang == "zh" else "({})"  # full width after Chinese words
        assert parens.format(len(led)) in page.text and parens.format(len(joined)) in page.text


@pytest.mark.parametrize("lang", LANGS)
def test_task_pages_link_their_units_and_show_the_text(site, lang, csv_rows, departments_yaml):
    slug = {d["name_zh"]: d["slug"] for d in departments_yaml["departments"]}
    for row in csv_rows:
        page_file = language_root(site, lang) / "tasks" / row["id"] / "index.html"
        page = read_page(page_file)
        linked: dict[str, set[str]] = {"lead": set(), "participants": set()}
        for section, href in page.content_links:
            target = resolve(page_file, href)
            assert target.is_file(), href
            if section in linked and target.parent.parent.name == "departments":
                linked[section].add(target.parent.name)
        assert linked["lead"] == {slug[n] for n in names(row["lead_zh"])}
        assert linked["participants"] == {slug[n] for n in names(row["participants_zh"])}
        text = re.sub(r"\s+", "", page.text)
        assert row[f"content_{lang}"].replace(" ", "") in text.replace(" ", "")
        if lang == "en":  # the authoritative Chinese is shown beside the translation
            assert row["content_zh"] in text
        else:
            assert row["title_zh"] in page.h1


@pytest.mark.parametrize("lang", LANGS)
def test_task_pages_link_the_previous_and_next_task(site, lang, csv_rows):
    """Task pages are outside the navigation: each links the tasks before and after it in
    the plan's order (by number, across categories) with their numbers and titles; the
    first has no previous task, the last no next one."""
    t = LABELS[lang]
    rows = sorted(csv_rows, key=lambda row: int(row["id"]))
    for i, row in enumerate(rows):
        page_file = language_root(site, lang) / "tasks" / row["id"] / "index.html"
        neighbours = {
            ("prev", t["previous_task"]): rows[i - 1] if i > 0 else None,
            ("next", t["next_task"]): rows[i + 1] if i + 1 < len(rows) else None,
        }
        expected = {
            rel: [(int(other["id"]), f"{label}{t['colon']}{other['id']}. {other[f'title_{lang}']}")]
            for (rel, label), other in neighbours.items()
            if other
        }
        found = {
            rel: [(task_id_of(resolve(page_file, href)), text) for href, text in links]
            for rel, links in read_page(page_file).rel_links.items()
        }
        assert found == expected, page_file


@pytest.mark.parametrize("lang", LANGS)
def test_the_navigation_does_not_grow_with_the_tasks(site, lang, csv_rows, departments_yaml):
    """Every page's navigation links the home page, the categories' overview and each
    category, the department index and each department, the four overviews (the all-tasks
    page among them) and the About page, and no task: its size depends on the number of
    categories and departments, not on the number of tasks."""
    root = language_root(site, lang)
    overviews = ("tasks", "categories", "departments", "matrix", "targets", "glossary")
    expected = (
        {"index.html", "about/index.html"}
        | {f"{overview}/index.html" for overview in overviews}
        | {f"categories/{row['category_id']}/index.html" for row in csv_rows}
        | {f"departments/{d['slug']}/index.html" for d in departments_yaml["departments"]}
    )
    pages = 0
    for page_file in built_pages(site, lang):
        # the current page's headings, which the theme repeats in the nav, aside
        links = [href for href in read_page(page_file).nav_links if not href.startswith("#")]
        if not links:  # a page that hides the navigation (the matrix)
            continue
        targets = [resolve(page_file, href).relative_to(root).as_posix() for href in links]
        assert set(targets) == expected, page_file
        assert len(targets) == len(expected) + 1, page_file  # and the logo's link home
        pages += 1
    assert pages >= len(csv_rows) + len(departments_yaml["departments"])


@pytest.mark.parametrize("lang", LANGS)
def test_language_switch_lands_on_the_same_page(site, lang):
    other = other_language(lang)
    for page_file in built_pages(site, lang):
        page = read_page(page_file)
        here = page_file.relative_to(language_root(site, lang))
        target = resolve(page_file, page.alternates[other])
        assert target == language_root(site, other) / here, page_file
        assert resolve(page_file, page.alternates[lang]) == page_file


def test_english_pages_hold_no_chinese_outside_marked_originals(site):
    cjk = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
    for page_file in built_pages(site, "en"):
        html = page_file.read_text(encoding="utf-8")
        # drop what deliberately shows the original: elements marked lang="zh" (or
        # "zh-CN", the language switch's 中文)
        html = re.sub(
            r'<details class="quote plan-original" lang="zh"[^>]*>.*?</details>',
            "",
            html,
            flags=re.S,
        )
        html = re.sub(r'<(\w+)[^>]*lang="zh(-CN)?"[^>]*>[^<]*</\1>', "", html)
        html = re.sub(r"<script.*?</script>", "", html, flags=re.S)
        assert not cjk.findall(html), (page_file, cjk.findall(html)[:10])


def test_nothing_is_loaded_from_another_host(site):
    external = re.compile(r"^(https?:)?//", re.I)
    for page_file in site.rglob("*.html"):
        page = read_page(page_file)
        assert not [r for r in page.resources if external.match(r)], page_file
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.findall(r"(@import|url\()\s*['\"]?(https?:)?//", text), css


def test_every_internal_link_resolves(site):
    """Every link and resource in both languages names an existing file, and every
    #fragment an element id in the target page."""
    pages = {path: read_page(path) for path in site.rglob("*.html")}
    checked = 0
    for page_file, page in pages.items():
        for href in page.all_links + page.resources:
            if re.match(r"^([a-z]+:|//|$)", href, re.I):
                continue
            target = resolve(page_file, href, site)
            assert target.exists(), (page_file, href)
            fragment = urllib.parse.unquote(href.partition("#")[2])
            if fragment and target.suffix == ".html":
                assert fragment in pages[target].ids, (page_file, href)
                checked += 1
    assert checked > 100  # the anchors were followed, not skipped


def test_every_search_result_links_to_an_existing_anchor(site):
    for index in site.rglob("search_index.json"):
        lang_root = index.parent.parent
        for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]:
            path, _, fragment = doc["location"].partition("#")
            target = resolve(lang_root / "index.html", path or "./")
            assert target.is_file(), (index, doc["location"])
            if fragment:
                assert urllib.parse.unquote(fragment) in read_page(target).ids, doc["location"]


def test_a_removed_task_leaves_no_page(tmp_path, project_copy, build_project):
    project = project_copy()
    tasks = project / "data" / "tasks.csv"
    lines = tasks.read_text(encoding="utf-8").splitlines(keepends=True)
    tasks.write_text(
        "".join(line for line in lines if not line.startswith("35,")), encoding="utf-8"
    )
    site_dir = tmp_path / "site"
    (site_dir / "tasks" / "35").mkdir(parents=True)  # a page left from an earlier build
    result = build_project(project, site_dir)
    assert result.returncode == 0, result.stderr
    assert (site_dir / "tasks" / "34" / "index.html").is_file()
    assert not (site_dir / "tasks" / "35").exists()
    assert not (site_dir / "en" / "tasks" / "35").exists()
    assert "tasks/35/" not in (site_dir / "departments" / "shuiliju" / "index.html").read_text(
        "utf-8"
    )
