"""Who runs the site, in the footer of every page (data/site.yaml): nothing but a plain
statement that the site is no official publication while no sponsor is set; each
setting, in both languages, once set; a wrong setting refused in one line. And the
site's remarks on the source (data/remarks.yaml), refused when they name no task."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
import yaml

from plansite.load import DataError, load_plan
from plansite.model import LANGUAGES
from support import ROOT, built_pages, language_root
from support.html_pages import read_page
from support.source_table import read_source

LABELS = yaml.safe_load((ROOT / "templates" / "labels.yaml").read_text(encoding="utf-8"))
REMARKS = yaml.safe_load((ROOT / "data" / "remarks.yaml").read_text(encoding="utf-8"))
OWNER = re.compile(r'<div class="md-copyright plan-owner">(.*?)</div>', re.S)
# A complete footer, as an office would fill it in.
SETTINGS = {
    "sponsor": {"zh": "无锡市水利局", "en": "Wuxi Water Resources Bureau"},
    "organizer": {"zh": "无锡市节约用水办公室", "en": "Wuxi Water Conservation Office"},
    "contact": {"zh": "电话：0510-12345678", "en": "Telephone: +86 510 1234 5678"},
    "site_code": "3202000001",
    "icp": "苏ICP备12345678号-1",
    "police": "苏公网安备32020002000001号",
}


def footer(page_file: Path) -> str:
    found = OWNER.search(page_file.read_text(encoding="utf-8"))
    assert found, page_file
    return found[1]


# -- the loader refuses a wrong setting, in one line ------------------------------------


def _data_with(tmp_path: Path, name: str, text: str) -> Path:
    data = shutil.copytree(ROOT / "data", tmp_path / "data")
    (data / name).write_text(text, encoding="utf-8")
    return data


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("icp: 苏ICP备123号\n", 1, "icp '苏ICP备123号' must be the record as it reads"),
        ("police: 32020002000001\n", 1, "police '32020002000001' must be the record"),
        ("site_code: 32020\n", 1, "site_code '32020' must be ten letters and digits"),
        ("sponsor:\n  zh: 无锡市水利局\n", 2, "'sponsor' needs both 'zh' and 'en'"),
        ("sponsor: 无锡市水利局\n", 1, "'sponsor' (zh: and en:) must be a mapping"),
        ("sponser:\n  zh: a\n", 1, "unknown key 'sponser' (a misspelling of 'sponsor'?)"),
    ],
)
def test_a_wrong_setting_is_refused_with_its_line(tmp_path, text, line, message):
    data = _data_with(tmp_path, "site.yaml", text)
    with pytest.raises(DataError) as error:
        load_plan(data)
    assert error.value.path.name == "site.yaml"
    assert message in error.value.message and error.value.line == line, str(error.value)
    assert "\n" not in str(error.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("remarks:\n  - task: 99\n    zh: 甲\n    en: a\n", "'task: 99' is no task id"),
        (
            "remarks:\n  - {task: 3, zh: 甲, en: a}\n  - {task: 3, zh: 乙, en: b}\n",
            "task 3 already has a remark on line 2",
        ),
        ("remarks:\n  - task: 3\n    zh: 甲\n", "'en' is missing or empty"),
    ],
)
def test_a_wrong_remark_is_refused(tmp_path, text, message):
    data = _data_with(tmp_path, "remarks.yaml", text)
    with pytest.raises(DataError, match=re.escape(message)):
        load_plan(data)


def test_a_complete_footer_loads(tmp_path):
    data = _data_with(tmp_path, "site.yaml", yaml.safe_dump(SETTINGS, allow_unicode=True))
    site = load_plan(data).site
    assert site.sponsor.en == SETTINGS["sponsor"]["en"] and site.police_number == "32020002000001"


# -- the site as shipped: no sponsor, so the plain statement --------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_without_a_sponsor_every_page_says_the_site_is_not_official(site, lang):
    for page_file in built_pages(site, lang, "*.html"):
        owner = footer(page_file)
        assert LABELS[lang]["not_official"] in owner, page_file
        assert "data-plan-owner" not in owner, page_file
    about = read_page(language_root(site, lang) / "about" / "index.html")
    assert LABELS[lang]["about_report_none"] in about.text


# -- a copy with every setting: one build ---------------------------------------------------


@pytest.fixture(scope="module")
def owned_site(project_copy, build_project) -> Path:
    project = project_copy()
    (project / "data" / "site.yaml").write_text(
        yaml.safe_dump(SETTINGS, allow_unicode=True), encoding="utf-8"
    )
    result = build_project(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_setting_is_in_the_footer_of_every_page(owned_site, lang):
    t = LABELS[lang]
    pages = built_pages(owned_site, lang, "*.html")
    assert len(pages) > 60
    for page_file in pages:
        owner = footer(page_file)
        assert t["not_official"] not in owner, page_file
        for key in ("sponsor", "organizer", "contact"):
            assert f"{t['owner_' + key]}{t['colon']}{SETTINGS[key][lang]}" in owner, page_file
        assert f"{t['owner_site_code']}{t['colon']}{SETTINGS['site_code']}" in owner
        links = dict(
            (text, href) for href, text in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', owner)
        )
        assert links[SETTINGS["icp"]] == "https://beian.miit.gov.cn/", page_file
        police = links[SETTINGS["police"]]
        assert police.startswith("https://beian.mps.gov.cn/") and "32020002000001" in police
    about_file = language_root(owned_site, lang) / "about" / "index.html"
    about = re.sub(r"\s+", " ", read_page(about_file).text)
    assert t["about_report_contact"].format(contact=SETTINGS["contact"][lang]) in about


def test_the_remark_on_the_source_is_on_its_task_pages(site):
    """The source's own text has the doubt the remark speaks of: a list that ends with 、."""
    rows, _ = read_source()
    unfinished = {r.id for r in rows if r.participants.endswith("、") or r.lead.endswith("、")}
    assert unfinished == {entry["task"] for entry in REMARKS["remarks"]} == {33}
    for lang in LANGUAGES:
        for entry in REMARKS["remarks"]:
            page_file = language_root(site, lang) / "tasks" / str(entry["task"]) / "index.html"
            remark = re.search(r'<p class="plan-remark">(.*?)</p>', page_file.read_text("utf-8"))
            assert remark and LABELS[lang]["source_remark"] in remark[1], page_file
            assert entry[lang] in html.unescape(re.sub(r"<[^>]+>", "", remark[1]))
        other = language_root(site, lang) / "tasks" / "32" / "index.html"
        assert "plan-remark" not in other.read_text(encoding="utf-8")
