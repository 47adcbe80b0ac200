"""Targets and deadlines: every quote is its task's own words, no dated or numeric target
of the source is left out, bad entries are refused, and the page lists them by year."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from plansite.load import DataError, load_plan
from plansite.model import LANGUAGES
from support import ROOT, language_root
from support.html_pages import read_page, resolve, task_id_of
from support.source_table import read_source

TARGETS_FILE = ROOT / "data" / "targets.yaml"
# What counts as a dated or numeric target in the source's text.
YEAR = re.compile(r"20\d\d年")
PERCENTAGE = re.compile(r"\d+(?:\.\d+)?%")
QUANTITY = re.compile(
    r"\d+(?:\.\d+)?(?:万|亿)?(?:亩|公顷|立方米|平方米|吨|公里|千米|米|家|个|座|处|项)"
)
ANY_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# A quantity in Chinese numerals or words: 千亩, 一批, 两级, 四类, 三级, 一户一表 …
CHINESE_QUANTITY = re.compile(
    r"[一二两三四五六七八九十百千万亿]+"
    r"(?:亩|公顷|立方米|平方米|吨|公里|米|个|批|家|座|处|项|级|类|条|户|表|所|套|种|年)"
)


@pytest.fixture(scope="module")
def targets() -> list[dict]:
    return yaml.safe_load(TARGETS_FILE.read_text(encoding="utf-8"))["targets"]


@pytest.fixture(scope="module")
def source_content() -> dict[int, str]:
    rows, _ = read_source()
    return {row.id: row.content for row in rows}


def test_each_quote_is_its_tasks_own_words(targets, source_content, csv_rows):
    english = {int(row["id"]): row["content_en"] for row in csv_rows}
    for target in targets:
        assert target["zh"] in source_content[target["task"]], target
        assert target["en"] in english[target["task"]], target
        year = target["year"]
        assert set(YEAR.findall(target["zh"])) == ({f"{year}年"} if year else set()), target


def test_the_scan_finds_the_issues_examples(source_content):
    """The patterns below are not vacuous: they find what the issue names."""
    found = {m.group() for text in source_content.values() for m in QUANTITY.finditer(text)}
    assert {"3万亩", "100万立方米", "2万平方米", "5万立方米", "2家"} <= found
    assert "30%" in {m.group() for m in PERCENTAGE.finditer(source_content[15])}
    assert "2022年" in YEAR.findall(source_content[28])
    words = {m.group() for text in source_content.values() for m in CHINESE_QUANTITY.finditer(text)}
    assert {"千亩", "一批", "两级"} <= words, words


@pytest.mark.parametrize(
    "pattern", [YEAR, PERCENTAGE, QUANTITY, ANY_NUMBER, CHINESE_QUANTITY], ids=str
)
def test_no_dated_or_numeric_target_is_missed(targets, source_content, pattern):
    missed = []
    for task_id, text in source_content.items():
        quoted = [
            (start, start + len(t["zh"]))
            for t in targets
            if t["task"] == task_id
            for start in [text.find(t["zh"])]
        ]
        for match in pattern.finditer(text):
            if not any(s <= match.start() and match.end() <= e for s, e in quoted):
                missed.append((task_id, match.group(), text[max(0, match.start() - 20) :][:50]))
    assert not missed, missed


# -- the loader refuses a target that is not exactly right ---------------------------


def _broken_copy(tmp_path, old: str, new: str):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "targets.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    return data, line


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "每年新建高标准农田面积3万亩",
            "每年新建高标准农田面积4万亩",
            "'zh' does not occur in task 11",
        ),
        ("build 30,000 mu", "build 40,000 mu", "'en' does not occur in task 11"),
        ("  - task: 11", "  - task: 99", "'task: 99' is no task id"),
        (
            "    year: 2022\n    zh: 到2022年，创建2家",
            "    year: 2020\n    zh: 到2022年，创建2家",
            "names 2022",
        ),
        ("    year: null\n    zh: 公共供水", "    year: 2020\n    zh: 公共供水", "names no year"),
    ],
)
def test_a_wrong_target_is_refused_with_its_line(tmp_path, old, new, message):
    data, line = _broken_copy(tmp_path, old, new)
    with pytest.raises(DataError) as error:
        load_plan(data)
    assert error.value.path.name == "targets.yaml"
    # the entry's first line ("  - task:"), at or just above the changed line
    assert line - 3 <= error.value.line <= line, (error.value.line, line)
    assert message in error.value.message
    assert str(error.value).startswith(f"{error.value.path}:{error.value.line}: ")


# -- the page --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_lists_each_target_under_its_year_with_task_and_leads(
    site, lang, targets, csv_rows, departments_yaml
):
    root = language_root(site, lang)
    page_file = root / "targets" / "index.html"
    page = read_page(page_file)
    slug = {d["name_zh"]: d["slug"] for d in departments_yaml["departments"]}
    leads = {int(r["id"]): {slug[n] for n in r["lead_zh"].split("、")} for r in csv_rows}
    found: dict[str, set[int]] = {}
    linked_departments: dict[str, set[str]] = {}
    for section, href in page.content_links:
        target = resolve(page_file, href)
        assert target.is_file(), href
        task = task_id_of(target.relative_to(site))
        if task is not None:
            found.setdefault(section, set()).add(task)
        elif target.parent.parent.name == "departments":
            linked_departments.setdefault(section, set()).add(target.parent.name)
    text = re.sub(r"\s+", " ", page.text)
    for target in targets:
        section = str(target["year"]) if target["year"] else "no-year"
        assert target["task"] in found[section], target
        assert leads[target["task"]] <= linked_departments[section], target
        assert target[lang] in text
        if lang == "en":  # the original beside the translation
            assert target["zh"] in text
    assert set(found) == {str(t["year"]) if t["year"] else "no-year" for t in targets}
    years = re.findall(r'<h2 id="([^"]+)"', page_file.read_text("utf-8"))
    assert years == sorted(years, key=lambda y: (not y.isdigit(), y))  # by year, undated last
