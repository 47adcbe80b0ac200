"""Ready to publish (handbook/publishing.md): the public address is one setting (SITE_URL);
with it, sitemaps with alternates, robots.txt and canonical links; on every page, head
metadata of that page; 404 pages in both languages; pre-compressed files; without it,
nothing that needs an absolute address."""

from __future__ import annotations

import gzip
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from plansite.publish import COMPRESSED_SUFFIXES, unindented
from plansite.settings import SettingsError, site_url
from plansite.urls import LANGUAGE_ROOTS
from support import PUBLIC_URL, ROOT, built_pages, language_root, other_language
from support.html_pages import read_page
from support.source_table import names

LANGS = tuple(LANGUAGE_ROOTS)
TAGS = {"zh": "zh-CN", "en": "en"}  # BCP 47: written here, not read from the code under test
LABELS = yaml.safe_load((ROOT / "templates" / "labels.yaml").read_text(encoding="utf-8"))
SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}
MUST_LOOK_LIKE = "SITE_URL must look like https://example.gov.cn/jieshui/"


def page_path(site: Path, lang: str, page_file: Path) -> str:
    """tasks/3/index.html -> tasks/3/ (below the language's root)."""
    folder = page_file.parent.relative_to(language_root(site, lang)).as_posix()
    return "" if folder == "." else folder + "/"


# --- the setting ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("", ""),
        ("https://example.gov.cn/", "https://example.gov.cn/"),
        ("https://example.gov.cn", "https://example.gov.cn/"),  # the / is added
        ("http://10.0.0.5:8080/jieshui", "http://10.0.0.5:8080/jieshui/"),
    ],
)
def test_site_url_accepted(value, expected):
    assert site_url(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "example.gov.cn",
        "/jieshui/",
        "jieshui/",
        "htps://example.gov.cn/",
        "https://",
        "http://[bad/",
        "https://example.gov.cn:80a/",
        "https://example.gov.cn/jieshui/?page=1",
        "https://example.gov.cn/jie shui/",
    ],
)
def test_site_url_refused(value):
    with pytest.raises(SettingsError, match=f"^{MUST_LOOK_LIKE}"):
        site_url(value)


@pytest.mark.parametrize("value", ["example.gov.cn/jieshui/", "htps://example.gov.cn/"])
def test_bad_site_url_stops_the_build_and_keeps_the_site(tmp_path, value, build_project):
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "index.html").write_text("the last good site", encoding="utf-8")
    result = build_project(ROOT, site_dir, site_url=value)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [f"Error: {MUST_LOOK_LIKE} (not {value!r})"]
    assert [p.name for p in site_dir.iterdir()] == ["index.html"]
    assert (site_dir / "index.html").read_text(encoding="utf-8") == "the last good site"


# --- sitemaps and robots.txt -----------------------------------------------------------


def test_without_site_url_no_sitemap_and_no_robots(site):
    published = {p.relative_to(site).as_posix() for p in site.rglob("*")}
    assert not {"robots.txt", "sitemap.xml", "en/sitemap.xml"} & published
    assert not [p for p in published if "sitemap" in p]


@pytest.mark.parametrize("lang", LANGS)
def test_sitemap_lists_every_page_with_its_alternates(published_site, lang):
    tree = ET.parse(language_root(published_site, lang) / "sitemap.xml")
    entries = tree.getroot().findall("s:url", SITEMAP_NS)
    pages = [page_path(published_site, lang, p) for p in built_pages(published_site, lang)]
    assert len(pages) == 75  # 35 tasks, 11 categories, 21 departments, 8 other pages
    own_root = PUBLIC_URL + LANGUAGE_ROOTS[lang]
    assert sorted(e.find("s:loc", SITEMAP_NS).text for e in entries) == sorted(
        own_root + page for page in pages
    )
    for entry in entries:
        page = entry.find("s:loc", SITEMAP_NS).text.removeprefix(own_root)
        links = {
            link.get("hreflang"): link.get("href")
            for link in entry.findall("x:link", SITEMAP_NS)
            if link.get("rel") == "alternate"
        }
        assert links == {
            "zh-CN": PUBLIC_URL + page,
            "en": PUBLIC_URL + "en/" + page,
            "x-default": PUBLIC_URL + page,
        }
        for other in LANGS:  # each alternate is a page of the built site
            assert (language_root(published_site, other) / page / "index.html").is_file()


def test_robots_txt_names_both_sitemaps(published_site):
    lines = (published_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {PUBLIC_URL}sitemap.xml" in lines
    assert f"Sitemap: {PUBLIC_URL}en/sitemap.xml" in lines
    assert "User-agent: *" in lines
    assert not [line for line in lines if line.startswith("Disallow: /")]


# --- head metadata -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_head_metadata_with_site_url(published_site, lang):
    other = other_language(lang)
    for page_file in built_pages(published_site, lang):
        page = read_page(page_file)
        path = page_path(published_site, lang, page_file)
        address = PUBLIC_URL + LANGUAGE_ROOTS[lang] + path
        assert page.lang == TAGS[lang], page_file
        assert page.canonical == address, page_file
        assert page.hreflang == {
            TAGS[lang]: address,
            TAGS[other]: PUBLIC_URL + LANGUAGE_ROOTS[other] + path,
            "x-default": PUBLIC_URL + path,
        }, page_file
        assert page.meta["og:url"] == address
        assert page.meta["og:type"] == "website"
        assert page.meta["og:locale"] == {"zh": "zh_CN", "en": "en_GB"}[lang]
        assert page.meta["og:description"] == page.meta["description"]
        assert page.meta["og:title"], page_file


@pytest.mark.parametrize("lang", LANGS)
def test_head_metadata_without_site_url(site, lang):
    """Nothing that only works as an absolute address: no canonical link, no og:url, no
    hreflang alternates (the language switch links the same page in the other language)."""
    for page_file in built_pages(site, lang):
        page = read_page(page_file)
        assert page.lang == TAGS[lang]
        assert page.canonical is None and "og:url" not in page.meta
        assert page.hreflang == {}, page_file


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_has_its_own_description(site, lang):
    descriptions = {}
    for page_file in built_pages(site, lang):
        page = read_page(page_file)
        assert page.meta["description"], page_file
        descriptions.setdefault(page.meta["description"], []).append(page_file)
    assert [files for files in descriptions.values() if len(files) > 1] == []


@pytest.mark.parametrize("lang", LANGS)
def test_task_description_is_the_start_of_its_content(site, csv_rows, lang):
    for row in csv_rows:
        page = read_page(language_root(site, lang) / "tasks" / row["id"] / "index.html")
        description = page.meta["description"]
        first_paragraph = row[f"content_{lang}"].split("\n")[0]
        assert description.removesuffix("…") in first_paragraph, row["id"]
        assert first_paragraph.startswith(description.removesuffix("…")), row["id"]
        assert len(description) >= min(len(first_paragraph), 60), row["id"]


@pytest.mark.parametrize("lang", LANGS)
def test_department_description_counts_its_tasks(site, csv_rows, departments_yaml, lang):
    for department in departments_yaml["departments"]:
        led = sum(department["name_zh"] in names(r["lead_zh"]) for r in csv_rows)
        joined = sum(department["name_zh"] in names(r["participants_zh"]) for r in csv_rows)
        page_file = language_root(site, lang) / "departments" / department["slug"] / "index.html"
        description = read_page(page_file).meta["description"]
        numbers = [int(n) for n in "".join(c if c.isdigit() else " " for c in description).split()]
        assert numbers == [led, joined], (department["slug"], description)
        assert department[f"name_{lang}"] in description


# --- 404 -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("built, root", [("site", "/"), ("published_site", "/jieshui/")])
def test_404_page_in_each_language(request, built, root, lang):
    site = request.getfixturevalue(built)
    page = read_page(language_root(site, lang) / "404.html")
    words = LABELS[lang]
    assert page.h1 == words["not_found_title"]
    assert words["not_found_text"] in page.text
    home = root + LANGUAGE_ROOTS[lang]
    html = page.path.read_text(encoding="utf-8")
    assert f'<a href="{home}">{words["not_found_home"]}</a>' in html
    assert f'<a href="{home}?q=">{words["not_found_search"]}</a>' in html
    assert page.lang == TAGS[lang]
    assert page.meta["robots"] == "noindex"
    # the language switch and every stylesheet start at the site's root on the server
    assert page.alternates == {"zh": root, "en": root + "en/"}
    assert f'href="{home}assets/stylesheets/plan.css"' in html


def test_english_404_holds_no_chinese_but_the_language_name(site):
    text = read_page(site / "en" / "404.html").text
    assert not [c for c in text if "\u4e00" <= c <= "\u9fff"], text


# --- pre-compressed files ---------------------------------------------------------------


def test_text_files_are_precompressed_without_time_or_name(site):
    compressed = 0
    for path in site.rglob("*"):
        if path.suffix in COMPRESSED_SUFFIXES:
            packed = path.with_name(path.name + ".gz")
            if not packed.exists():  # only where compression gains nothing
                assert len(gzip.compress(path.read_bytes())) >= path.stat().st_size, path
                continue
            data = packed.read_bytes()
            assert gzip.decompress(data) == path.read_bytes(), packed
            assert data[3] & 0x08 == 0, packed  # no FNAME: no file name recorded
            assert data[4:8] == b"\0\0\0\0", packed  # MTIME 0: no time recorded
            compressed += 1
    assert compressed > 200
    for suffix in (".html", ".css", ".js", ".json", ".csv"):
        assert list(site.rglob(f"*{suffix}.gz")), suffix
    assert not list(site.rglob("*.pdf.gz")) and not list(site.rglob("*.png.gz"))


def test_pages_are_not_indented_but_where_white_space_counts(site):
    """No line of a page starts with white space, but in <pre>, <textarea> and <script>,
    which keep theirs."""
    pages = list(site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        html = page.read_text(encoding="utf-8")
        outside = re.sub(r"<(pre|textarea|script)\b.*?</\1>", "<kept>", html, flags=re.S | re.I)
        assert not re.search(r"\n\s", outside), page
    kept = "<pre>  a\n    b</pre>\n<script>\n  x = `\n  y`;\n</script>"
    assert unindented("<div>\n    <p>a\n\n   b</p>\n  " + kept) == "<div>\n<p>a\nb</p>\n" + kept


def test_the_sites_own_stylesheets_lose_their_comments_and_keep_every_rule(site):
    """Every page downloads them: published without comments or indentation, with each
    selector and declaration of the source."""
    for name in ("plan.css", "accessibility.css", "print.css"):
        source = (ROOT / "docs" / "assets" / "stylesheets" / name).read_text(encoding="utf-8")
        published = (site / "assets" / "stylesheets" / name).read_text(encoding="utf-8")
        assert "/*" not in published and "\n " not in published
        lines = [
            line.strip()
            for line in re.sub(r"/\*.*?\*/", "", source, flags=re.S).splitlines()
            if line.strip()
        ]
        assert published.splitlines() == lines
