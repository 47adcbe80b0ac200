"""Progress reports: the departments' words, read from data/progress/*.csv, checked by
the loader, and shown where a reader looks. data/ ships with none; tests write their own
into copies."""

from __future__ import annotations

import csv
import datetime
import html
import io
import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from frictionless import validate

from plansite.columns import PROGRESS_COLUMNS
from plansite.feed import atom_feed
from plansite.load import DataError, load_plan
from plansite.model import LANGUAGES
from plansite.settings import Settings
from plansite.templating import Templates
from plansite.testing.reports import write_sample_reports
from plansite.testing.search import INDEX_FILE, SearchBox
from plansite.testing.text import pdf_pages_text, squeeze
from plansite.urls import LANGUAGE_ROOTS
from support import (
    PUBLIC_URL,
    ROOT,
    built_pages,
    language_root,
    random_edits,
    serve,
)
from support.html_pages import resolve

# What random edits insert (as tests/test_bad_input.py's, for the report files)
NOISE = ['"', ",", "\n", "\r", "\x00", "\t", "\u200b", "\ufeff", "\u00a0", "=", "-", "、"]

# -- reports written for the tests --------------------------------------------------------

# A report of task 1's first lead unit, its text in two paragraphs (task 1 is led by
# 市水利局 and joined by 市发展改革委 in data/tasks.csv; test_the_reports_departments
# checks it).
GOOD = {
    "task_id": "1",
    "department": "市水利局",
    "date": "2026-06-30",
    "status": "on_track",
    "text_zh": "已完成年度用水总量分解。\n正在核定各地区用水强度指标。",
    "text_en": "",
    "evidence": "https://example.org/a https://example.org/b",
}


def report_csv(*rows: dict[str, str]) -> str:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=PROGRESS_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


@pytest.fixture
def data(tmp_path, monkeypatch) -> Path:
    """A copy of data/, to add reports to; refusals name its files from the folder above
    it, as they name data/'s from the project's."""
    monkeypatch.chdir(tmp_path)
    return shutil.copytree(ROOT / "data", tmp_path / "data")


def load_with(data: Path, text: str, name: str = "2026.csv"):
    (data / "progress" / name).write_text(text, encoding="utf-8")
    return load_plan(data)


def refusal(data: Path, text: str, name: str = "2026.csv") -> str:
    with pytest.raises(DataError) as refused:
        load_with(data, text, name)
    message = str(refused.value)
    assert "\n" not in message
    return message


def test_the_published_data_holds_no_report():
    """Reports are the departments' words: none is invented, so none ships."""
    assert not list((ROOT / "data" / "progress").glob("*.csv"))
    assert load_plan(ROOT / "data").reports == ()


def test_a_good_report_is_read_as_written(data):
    plan = load_with(data, report_csv(GOOD, dict(GOOD, department="市发展改革委")))
    first, second = plan.reports
    assert first.task.id == 1 and first.department.name.zh == "市水利局"
    assert first.date == datetime.date(2026, 6, 30)
    assert first.status.id == "on_track" and first.status.name.zh == "按计划推进"
    assert first.text_zh == GOOD["text_zh"]
    assert first.text_en is None
    assert first.evidence == ("https://example.org/a", "https://example.org/b")
    assert second.department.name.zh == "市发展改革委"


def test_the_reports_departments_take_part_in_task_1(csv_rows):
    row = next(r for r in csv_rows if r["id"] == "1")
    assert row["lead_zh"].split("、")[0] == "市水利局"
    assert "市发展改革委" in row["participants_zh"].split("、")
    assert "市财政局" not in row["lead_zh"] + row["participants_zh"]


REFUSALS = {
    # name: (changes to GOOD, column named, words the fix must hold)
    "task unknown": ({"task_id": "99"}, "task_id", "no task '99'"),
    "task not a number": ({"task_id": "一"}, "task_id", "no task '一'"),
    "department unknown": ({"department": "市水力局"}, "department", "did you mean '市水利局'"),
    "department short name": ({"department": "水利局"}, "department", "full name '市水利局'"),
    "department not in the task": ({"department": "市财政局"}, "department", "no part in task 1"),
    "status unknown": ({"status": "finished"}, "status", "done, on_track, behind, not_started"),
    "status by its name": ({"status": "已完成"}, "status", "write 'done'"),
    "date not ISO": ({"date": "2026/6/30"}, "date", "YYYY-MM-DD"),
    "date not in the calendar": ({"date": "2026-02-30"}, "date", "no day of the calendar"),
    "date after current_to": ({"date": "2026-12-07"}, "date", "after current_to 2026-12-06"),
    "empty task_id": ({"task_id": ""}, "task_id", "empty"),
    "empty department": ({"department": ""}, "department", "empty"),
    "empty date": ({"date": ""}, "date", "empty"),
    "empty status": ({"status": ""}, "status", "empty"),
    "empty text_zh": ({"text_zh": ""}, "text_zh", "empty"),
    "evidence not a web address": ({"evidence": "ftp://example.org/x"}, "evidence", "https://"),
    "evidence without host": ({"evidence": "https:///x"}, "evidence", "https://"),
    "formula =": ({"text_zh": "=1+1"}, "text_zh", "formula"),
    "formula +": ({"text_zh": "+86 电话"}, "text_zh", "formula"),
    "formula -": ({"text_zh": "-完成"}, "text_zh", "formula"),
    "formula @": ({"text_zh": "@SUM(A1)"}, "text_zh", "formula"),
    "formula in text_en": ({"text_en": "=HYPERLINK(1)"}, "text_en", "formula"),
    "invisible character": ({"text_zh": "已完成\u200b分解"}, "text_zh", "U+200B"),
    "control character": ({"text_zh": "已完成\t分解"}, "text_zh", "tab"),
}


@pytest.mark.parametrize("case", REFUSALS)
def test_a_wrong_report_is_refused_in_one_line(data, case):
    change, column, fix = REFUSALS[case]
    # after a good report of two lines (2 and 3) and one of one line (4)
    one_line = dict(GOOD, text_zh="已完成。", date="2026-01-01")
    message = refusal(data, report_csv(GOOD, one_line, {**GOOD, "date": "2026-03-01", **change}))
    assert message.startswith(f"data/progress/2026.csv:5: {column}: "), message
    assert fix in message, message


def test_a_report_on_a_task_all_departments_share_is_taken_from_any_department(data):
    shared = [t for t in load_plan(data).tasks if t.shared_by_all]
    assert shared
    task = shared[0]
    outsider = next(
        d for d in load_plan(data).departments if d not in task.lead and d not in task.participants
    )
    plan = load_with(
        data, report_csv(dict(GOOD, task_id=str(task.id), department=outsider.name.zh))
    )
    assert plan.reports[0].department == outsider


def test_the_same_department_twice_for_one_task_and_date_is_refused_across_files(data):
    (data / "progress" / "2025.csv").write_text(report_csv(GOOD), encoding="utf-8")
    message = refusal(data, report_csv(dict(GOOD, text_zh="另一份。")), "2026.csv")
    assert message.startswith("data/progress/2026.csv:2: department: "), message
    assert "2025.csv:2" in message


def test_a_header_with_a_misspelt_column_is_refused(data):
    text = report_csv(GOOD).replace("evidence", "evidense", 1)
    assert "data/progress/2026.csv:1: missing column 'evidence'" in refusal(data, text)


def test_a_quote_left_open_in_a_report_names_the_row_it_swallowed(data):
    text = report_csv(GOOD, dict(GOOD, department="市发展改革委"))
    text = text.replace('正在核定各地区用水强度指标。"', "正在核定各地区用水强度指标。", 1)
    message = refusal(data, text)
    assert message.startswith("data/progress/2026.csv:"), message
    assert "unbalanced quote" in message


def test_files_are_read_in_name_order_and_rows_in_file_order(data):
    (data / "progress" / "2027.csv").write_text(
        report_csv(dict(GOOD, date="2026-01-02")), encoding="utf-8"
    )
    plan = load_with(data, report_csv(dict(GOOD, date="2026-03-04"), dict(GOOD, date="2026-03-05")))
    assert [r.date.isoformat() for r in plan.reports] == ["2026-03-04", "2026-03-05", "2026-01-02"]


# -- statuses.yaml and current_to -----------------------------------------------------------


def edit(data: Path, name: str, old: str, new: str) -> None:
    path = data / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(data: Path, name: str, words: str) -> int:
    """The last line holding the words."""
    lines = (data / name).read_text(encoding="utf-8").split("\n")
    return max(n for n, line in enumerate(lines, 1) if words in line)


@pytest.mark.parametrize(
    ("old", "new", "at", "fix"),
    [
        # at: words on the line the refusal names, in the edited file (the last such line)
        ("id: on_track", "id: done", "id: done", "already used on line"),
        ("id: behind", "id: Behind", "id: Behind", "lowercase"),
        ("en: Not started", "en: Completed", "en: Completed", "already used on line"),
        ("    meaning_en: Work has not yet begun.\n", "", "id: not_started", "'meaning_en'"),
        ("    zh: 尚未启动\n", "    zh: 尚未启动\n    colour: red\n", "colour", "unknown key"),
    ],
)
def test_a_wrong_status_list_is_refused(data, old, new, at, fix):
    edit(data, "statuses.yaml", old, new)
    with pytest.raises(DataError) as refused:
        load_plan(data)
    message = str(refused.value)
    assert message.startswith(f"data/statuses.yaml:{line_of(data, 'statuses.yaml', at)}: ")
    assert fix in message, message


@pytest.mark.parametrize(
    ("value", "fix"),
    [
        ("2026-02-30", "no day of the calendar"),
        ('"2026/12/06"', "YYYY-MM-DD"),
        ("2026-12-06 10:00:00", "YYYY-MM-DD"),
        ('""', "missing or empty"),
    ],
)
def test_a_wrong_current_to_is_refused(data, value, fix):
    edit(data, "plan.yaml", "current_to: 2026-12-06", f"current_to: {value}")
    with pytest.raises(DataError) as refused:
        load_plan(data)
    line = line_of(data, "plan.yaml", "current_to:")
    assert str(refused.value).startswith(f"data/plan.yaml:{line}: "), str(refused.value)
    assert fix in str(refused.value)


@pytest.mark.slow  # many loads of the data: run by `make test`
def test_no_edit_of_a_report_file_ends_in_a_traceback(data):
    """Random edits (seeded): every one loads, or is refused in one line."""
    clean = report_csv(GOOD, dict(GOOD, department="市发展改革委", evidence=""))
    refused = 0
    for text in random_edits(clean, "progress", 80, NOISE):
        try:
            load_with(data, text)
        except DataError as error:
            assert "\n" not in str(error), str(error)
            refused += 1
    assert refused > 20  # the edits did break the file


# -- a build with reports -----------------------------------------------------------------
#
# One copy of the project, with sample reports for every task from each lead unit in four
# periods (plansite/testing/reports.py) and a few written here, built once as the
# demonstration it is. What the pages must show is worked out from the CSV files, read
# here on their own, by the rule the handbook states (handbook/progress-reports.md).

EXTRA = [
    # a participant's report, in two paragraphs, translated, with two links; words found
    # nowhere in the plan, for the search
    {
        "task_id": "7",
        "department": "市自然资源规划局",
        "date": "2026-11-30",
        "status": "behind",
        "text_zh": "泵房智能化改造试点已选定三处小区。\n因管线迁改审批延后，进度滞后约两个月。",
        "text_en": "Three housing estates were chosen for the pump room pilot.\n"
        "Approvals for moving pipelines came late: about two months behind.",
        "evidence": "https://example.org/pump-rooms https://example.org/pump-rooms/plan",
    },
]


class Reports:
    """The reports of a project's data/progress/, read with the csv module alone."""

    def __init__(self, data: Path):
        self.rows = []
        for path in sorted((data / "progress").glob("*.csv")):
            with open(path, encoding="utf-8", newline="") as f:
                self.rows += list(csv.DictReader(f))
        statuses = yaml.safe_load((data / "statuses.yaml").read_text(encoding="utf-8"))
        self.statuses = {s["id"]: s for s in statuses["statuses"]}
        self.order = list(self.statuses)  # most advanced first
        with open(data / "tasks.csv", encoding="utf-8", newline="") as f:
            self.tasks = {row["id"]: row for row in csv.DictReader(f)}

    def newest_first(self, rows=None) -> list[dict]:
        rows = self.rows if rows is None else rows
        return sorted(reversed(rows), key=lambda r: r["date"], reverse=True)

    def of(self, task_id: str) -> list[dict]:
        return self.newest_first([r for r in self.rows if r["task_id"] == task_id])

    def latest(self, task_id: str) -> list[dict]:
        seen, latest = set(), []
        for row in self.of(task_id):
            if row["department"] not in seen:
                seen.add(row["department"])
                latest.append(row)
        return latest

    def status(self, task_id: str) -> str | None:
        """The least advanced among the lead units' latest (or all latest, if no lead
        unit reported); of two equally advanced, the older."""
        lead = self.tasks[task_id]["lead_zh"].split("、")
        latest = self.latest(task_id)
        deciding = [r for r in latest if r["department"] in lead] or latest
        if not deciding:
            return None
        worst = max(self.order.index(r["status"]) for r in deciding)
        return self.order[worst]


@pytest.fixture(scope="module")
def reported(project_copy, build_project) -> Path:
    """A copy of the project with sample reports, built as a demonstration."""
    project = project_copy()
    write_sample_reports(project, periods=4)
    (project / "data" / "progress" / "extra.csv").write_text(report_csv(*EXTRA), encoding="utf-8")
    result = build_project(project, demo_reports=True)
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="module")
def reports(reported) -> Reports:
    return Reports(reported / "data")


def page_html(site: Path, lang: str, path: str) -> str:
    return (language_root(site, lang) / path / "index.html").read_text(encoding="utf-8")


ARTICLE = re.compile(r'<article class="plan-report">(.*?)</article>', re.S)


def shown_reports(html_text: str) -> list[dict]:
    """Each report block of a page: department, date, status id, its words, and more."""
    found = []
    for block in ARTICLE.findall(html_text):
        quote = re.search(r"<blockquote([^>]*)>(.*?)</blockquote>", block, re.S)
        found.append(
            {
                "department": html.unescape(re.search(r"<a [^>]*>(.*?)</a>", block)[1]),
                "date": re.search(r"<time>([^<]+)</time>", block)[1],
                "status": re.search(r'class="plan-status plan-status-(\w+)"', block)[1],
                "paragraphs": [
                    html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", quote[2], re.S)
                ],
                "quote_lang": (re.search(r'lang="([^"]+)"', quote[1]) or [None, None])[1],
                "untranslated": "plan-untranslated" in block,
                "evidence": re.findall(r'<a href="([^"]+)" rel="external"', block),
            }
        )
    return found


def progress_section(html_text: str) -> tuple[str, str]:
    """A task page's progress section: the latest reports, and the folded earlier ones."""
    section = html_text.split('id="progress"', 1)[1].split("plan-closing-note", 1)[0]
    latest, _, earlier = section.partition('<details class="plan-earlier-reports">')
    return latest, earlier


def expected_block(row: dict, lang: str, departments: dict[str, str]) -> dict:
    words = row["text_zh"] if lang == "zh" else row["text_en"]
    return {
        "department": row["department"] if lang == "zh" else departments[row["department"]],
        "date": row["date"],
        "status": row["status"],
        "paragraphs": (words or row["text_zh"]).split("\n"),
        "quote_lang": None if words else "zh-CN",
        "untranslated": not words,
        "evidence": row["evidence"].split(),
    }


@pytest.fixture(scope="module")
def english_names(reported) -> dict[str, str]:
    data = yaml.safe_load((reported / "data" / "departments.yaml").read_text(encoding="utf-8"))
    return {d["name_zh"]: d["name_en"] for d in data["departments"]}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_task_page_shows_each_departments_latest_report_then_the_earlier_folded(
    reported, reports, english_names, lang
):
    site = reported / "site"
    for task_id in reports.tasks:
        page = page_html(site, lang, f"tasks/{task_id}")
        latest, earlier = progress_section(page)
        expected_latest = [expected_block(r, lang, english_names) for r in reports.latest(task_id)]
        assert expected_latest, task_id  # every task has reports here
        assert sorted(shown_reports(latest), key=str) == sorted(expected_latest, key=str)
        others = [r for r in reports.of(task_id) if r not in reports.latest(task_id)]
        # earlier reports newest first (the oldest last), folded (no open attribute)
        assert shown_reports(earlier) == [expected_block(r, lang, english_names) for r in others]
        assert re.search(r'<details class="plan-earlier-reports">\s*<summary>', page)
        # each report's words once in the page: nothing loaded twice
        for row in reports.of(task_id):
            words = row["text_zh"] if lang == "zh" or not row["text_en"] else row["text_en"]
            first = html.escape(words.split("\n")[0], quote=False)
            assert page.count(first) == 1, (task_id, first)


def test_english_pages_mark_an_untranslated_report_and_name_its_language(reported, reports):
    untranslated = [r for r in reports.rows if not r["text_en"]]
    assert untranslated  # the sample leaves some reports untranslated
    row = untranslated[0]
    page = page_html(reported / "site", "en", f"tasks/{row['task_id']}")
    first = html.escape(row["text_zh"].split("\n")[0], quote=False)
    before = page[: page.index(first)]
    assert before.rstrip().endswith("<p>")
    assert re.search(
        r'<p class="plan-untranslated">[^<]+</p>\s*<blockquote [^>]*lang="zh-CN"', before[-600:]
    )


def status_words(reports: Reports, status: str | None, lang: str) -> str:
    if status is None:
        return LABELS[lang]["no_report_short"]
    return reports.statuses[status][lang]


LABELS = yaml.safe_load((ROOT / "templates" / "labels.yaml").read_text(encoding="utf-8"))
STATUS_CELL = re.compile(r'class="plan-status plan-status-([\w]+)">([^<]+)</span>')


def row_of(page: str, task_id: str) -> str:
    """The table row of a task on a department or category page."""
    return re.search(rf'<tr><th scope="row"><a href="[^"]*tasks/{task_id}/">.*?</tr>', page, re.S)[
        0
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_category_and_department_pages_give_each_task_its_status_and_deadline(
    reported, reports, lang
):
    site = reported / "site"
    targets = yaml.safe_load((reported / "data" / "targets.yaml").read_text("utf-8"))["targets"]
    departments = yaml.safe_load((reported / "data" / "departments.yaml").read_text("utf-8"))
    for task_id, task in reports.tasks.items():
        status = reports.status(task_id)
        lead_slug = next(
            d["slug"]
            for d in departments["departments"]
            if d["name_zh"] == task["lead_zh"].split("、")[0]
        )
        for path in (f"categories/{task['category_id']}", f"departments/{lead_slug}"):
            row = row_of(page_html(site, lang, path), task_id)
            assert STATUS_CELL.findall(row) == [(status, status_words(reports, status, lang))]
            years = sorted({t["year"] for t in targets if str(t["task"]) == task_id and t["year"]})
            for year in years:
                assert LABELS[lang]["deadline_year"].format(year=year) in row
            if not years:
                assert LABELS[lang]["deadline_none"] in row


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_department_page_counts_its_tasks_by_status(reported, reports, lang):
    site = reported / "site"
    page = page_html(site, lang, "departments/shuiliju")
    listed = set(re.findall(r'<tr><th scope="row"><a href="[^"]*tasks/(\d+)/"', page))
    counts = re.search(r'<ul class="plan-status-counts">(.*?)</ul>', page, re.S)[1]
    shown = {
        status: int(count)
        for status, count in re.findall(r"plan-status-(\w+)\">[^<]+</span>\D*(\d+)", counts)
    }
    expected = {s: 0 for s in [*reports.order, "none"]}
    for task_id in listed:
        expected[reports.status(task_id) or "none"] += 1
    assert shown == expected and sum(shown.values()) == len(listed) > 0


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_counts_tasks_by_status_and_lists_the_newest_reports(
    reported, reports, english_names, lang
):
    page = page_html(reported / "site", lang, "")
    table = re.search(r'<table class="plan-table plan-status-table">(.*?)</table>', page, re.S)[1]
    shown = dict(re.findall(r"plan-status-(\w+)\">[^<]+</span></th><td>(\d+)</td>", table))
    expected = {s: 0 for s in [*reports.order, "none"]}
    for task_id in reports.tasks:
        expected[reports.status(task_id) or "none"] += 1
    assert {k: int(v) for k, v in shown.items()} == expected
    assert 'id="tasks-per-status-title"' in page  # and the chart beside it
    listed = re.search(r'<ul class="plan-latest-reports">(.*?)</ul>', page, re.S)[1]
    items = re.findall(
        r'<li><time datetime="([^"]+)">.*?tasks/(\d+)/#progress">([^<]+)</a>', listed
    )
    newest = reports.newest_first()[: len(items)]
    assert len(items) >= 5
    assert [(d, t) for d, t, _ in items] == [(r["date"], r["task_id"]) for r in newest]
    for (_, _, words), row in zip(items, newest, strict=True):
        name = row["department"] if lang == "zh" else english_names[row["department"]]
        assert html.unescape(words).startswith(name)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_targets_page_gives_each_target_its_tasks_status(reported, reports, lang):
    page = page_html(reported / "site", lang, "targets")
    rows = re.findall(r'<tr><th scope="row">.*?</tr>', page, re.S)
    targets = yaml.safe_load((reported / "data" / "targets.yaml").read_text("utf-8"))["targets"]
    assert len(rows) == len(targets)
    for row in rows:
        task_id = re.search(r'tasks/(\d+)/"', row)[1]
        status = reports.status(task_id)
        assert STATUS_CELL.findall(row)[-1] == (status, status_words(reports, status, lang))
        assert LABELS[lang]["past_due"] not in row  # every task has reports here


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_task_page_answers_by_when_and_how_far_at_its_top(reported, reports, lang):
    site = reported / "site"
    for task_id in reports.tasks:
        page = page_html(site, lang, f"tasks/{task_id}")
        top = page.split('id="content"', 1)[0]  # before the task's text
        status = reports.status(task_id)
        statuses = STATUS_CELL.findall(top)
        assert statuses and set(statuses) == {(status, status_words(reports, status, lang))}


# -- demonstration banner -------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_of_a_demonstration_says_its_reports_are_samples(reported, lang):
    notice = html.escape(LABELS[lang]["demo_notice"], quote=False)
    for page in built_pages(reported / "site", lang, "*.html"):
        assert notice in page.read_text(encoding="utf-8"), page


def test_the_published_site_has_no_demonstration_banner(site):
    for lang in LANGUAGES:
        for page in built_pages(site, lang, "*.html"):
            assert "data-plan-demo-notice" not in page.read_text(encoding="utf-8"), page


# -- the published site, with no report ---------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_published_site_says_plainly_that_no_report_has_been_received(site, csv_rows, lang):
    none = LABELS[lang]["no_report"]
    none_short = LABELS[lang]["no_report_short"]
    for row in csv_rows:
        page = page_html(site, lang, f"tasks/{row['id']}")
        latest, earlier = progress_section(page)
        assert none in latest and not earlier and "<article" not in latest
        assert none_short in page.split('id="content"', 1)[0]  # at the top, beside by when
    home = page_html(site, lang, "")
    assert none in home.split('id="latest-reports"', 1)[1]
    targets = page_html(site, lang, "targets")
    passed = [
        row
        for row in re.findall(r'<tr><th scope="row">.*?</tr>', targets, re.S)
        if LABELS[lang]["past_due"] in row
    ]
    # every dated target of this plan fell due before the data's date (2026-12-06)
    dated = [
        t
        for t in yaml.safe_load((ROOT / "data" / "targets.yaml").read_text("utf-8"))["targets"]
        if t["year"]
    ]
    assert len(passed) == len(dated) > 0


# -- the feed ---------------------------------------------------------------------------


def parsed_feed(site: Path, lang: str):
    feed = feedparser.parse((language_root(site, lang) / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_feed_lists_every_report_newest_first_each_linking_its_task(reported, reports, lang):
    site = reported / "site"
    feed = parsed_feed(site, lang)
    rows = reports.newest_first()
    assert len(feed.entries) == len(rows)
    assert feed.feed.updated.startswith(rows[0]["date"])
    ids = [entry.id for entry in feed.entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    root = language_root(site, lang)
    for entry, row in zip(feed.entries, rows, strict=True):
        assert entry.published.startswith(row["date"]) and entry.updated.startswith(row["date"])
        target = urlsplit(entry.link)
        assert target.fragment == "progress"
        assert (root / target.path / "index.html") == root / "tasks" / row["task_id"] / "index.html"
        assert entry.tags[0].term == row["status"]
        words = row["text_zh"] if lang == "zh" or not row["text_en"] else row["text_en"]
        assert words.split("\n")[0] in entry.content[0].value


def test_the_feeds_ids_do_not_change_from_build_to_build(reported, tmp_path, project_copy):
    """The ids come from the reports, not from the time of the build: a second
    generation in another folder writes the same feeds."""
    project = project_copy()
    shutil.copytree(
        reported / "data" / "progress", project / "data" / "progress", dirs_exist_ok=True
    )
    settings = Settings(root=project, pdf_cache=ROOT / ".cache" / "pdf")
    plan = load_plan(project / "data")
    templates = Templates(project / "templates")
    for lang in LANGUAGES:
        written = (language_root(reported / "site", lang) / "feed.xml").read_text("utf-8")
        assert atom_feed(plan, lang, templates.labels[lang], settings.site_url) == written


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_published_sites_feed_is_valid_and_empty(site, lang):
    feed = parsed_feed(site, lang)
    assert feed.entries == []
    current_to = yaml.safe_load((ROOT / "data" / "plan.yaml").read_text("utf-8"))["current_to"]
    assert feed.feed.updated.startswith(current_to.isoformat())
    site_name = yaml.safe_load((ROOT / "data" / "plan.yaml").read_text("utf-8"))["name"][lang]
    assert feed.feed.title == LABELS[lang]["feed_title"].format(site=site_name)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_with_a_public_address_the_feed_names_itself_and_its_site(published_site, lang):
    links = {link.rel: link.href for link in parsed_feed(published_site, lang).feed.links}
    assert links == {
        "self": PUBLIC_URL + LANGUAGE_ROOTS[lang] + "feed.xml",
        "alternate": PUBLIC_URL + LANGUAGE_ROOTS[lang],
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_head_links_its_languages_feed(site, lang):
    feed = language_root(site, lang) / "feed.xml"
    for page in built_pages(site, lang):
        head = page.read_text(encoding="utf-8").split("</head>", 1)[0]
        (href,) = re.findall(
            r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"', head
        )
        assert resolve(page, href) == feed, page


# -- open data ----------------------------------------------------------------------------


def test_the_reports_are_published_as_a_table_the_data_package_validates(reported, reports):
    data = reported / "site" / "data"
    with open(data / "reports.csv", encoding="utf-8-sig", newline="") as f:  # after its BOM
        published = list(csv.DictReader(f))
    departments = yaml.safe_load((reported / "data" / "departments.yaml").read_text("utf-8"))
    english = {d["name_zh"]: d["name_en"] for d in departments["departments"]}
    expected = [
        {
            "task_id": r["task_id"],
            "department_zh": r["department"],
            "department_en": english[r["department"]],
            "date": r["date"],
            "status": r["status"],
            "status_zh": reports.statuses[r["status"]]["zh"],
            "status_en": reports.statuses[r["status"]]["en"],
            "text_zh": r["text_zh"],
            "text_en": r["text_en"],
            "evidence": " ".join(r["evidence"].split()),
        }
        for r in reports.rows
    ]
    assert published == expected
    as_json = json.loads((data / "reports.json").read_text(encoding="utf-8"))
    assert [{**row, "task_id": str(row["task_id"])} for row in as_json] == expected
    report = validate(str(data / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])
    task = json.loads((data / "tasks" / "7.json").read_text(encoding="utf-8"))
    assert [(r["department_zh"], r["date"]) for r in task["reports"]] == [
        (r["department"], r["date"]) for r in reports.of("7")
    ]


def test_the_published_reports_table_is_its_header_alone(site):
    text = (site / "data" / "reports.csv").read_text(encoding="utf-8-sig")  # after its BOM
    assert text.split("\n")[0].split(",")[0] == "task_id" and text.count("\n") == 1
    assert json.loads((site / "data" / "reports.json").read_text(encoding="utf-8")) == []


# -- handouts -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_department_handout_gives_each_task_its_status_and_date(reported, reports, lang):
    pdf = language_root(reported / "site", lang) / "pdf" / f"wuxi-water-saving-shuiliju.{lang}.pdf"
    text = squeeze("".join(pdf_pages_text(pdf)), lang)
    assert squeeze(LABELS[lang]["demo_notice"], lang) in text
    led = [t for t, row in reports.tasks.items() if "市水利局" in row["lead_zh"].split("、")]
    assert led
    for task_id in led:
        status = reports.status(task_id)
        latest = [
            r
            for r in reports.latest(task_id)
            if r["department"] in reports.tasks[task_id]["lead_zh"].split("、")
        ]
        date = max((r["date"] for r in latest if r["status"] == status), key=lambda d: d)
        words = LABELS[lang]["pdf_report_as_of"].format(
            status=reports.statuses[status][lang], date=date
        )
        assert squeeze(words, lang) in text, (task_id, words)


def test_the_published_handouts_say_no_report_has_been_received(site, csv_rows):
    pdf = site / "pdf" / "wuxi-water-saving-shuiliju.zh.pdf"
    text = squeeze("".join(pdf_pages_text(pdf)))
    led = [r for r in csv_rows if "市水利局" in r["lead_zh"].split("、")]
    assert text.count(squeeze(LABELS["zh"]["no_report_short"])) >= len(led) > 0
    assert squeeze(LABELS["zh"]["demo_notice"]) not in text


# -- search -------------------------------------------------------------------------------


def test_a_reports_words_are_in_its_task_pages_index_entries(reported):
    index = json.loads((reported / "site" / INDEX_FILE).read_text(encoding="utf-8"))
    phrase = "泵房智能化改造试点"
    holding = {
        e["location"].split("#")[0]
        for e in index["docs"]
        if phrase in e["text"].replace("\u200b", "")
    }
    assert holding == {"tasks/7/"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_status_words_stay_out_of_the_index_of_pages_that_list_tasks(site, lang):
    """They would dilute the names and titles these entries are found by."""
    index = json.loads((language_root(site, lang) / INDEX_FILE).read_text(encoding="utf-8"))
    listing = [
        e
        for e in index["docs"]
        if e["location"].startswith(("departments/", "categories/", "targets/"))
    ]
    words = LABELS[lang]["no_report_short"]
    assert listing and not [
        e["location"] for e in listing if words in e["text"].replace("\u200b", "")
    ]


@pytest.fixture(scope="module")
def reported_search(reported, browser):
    with serve(reported / "site") as url:
        context = browser.new_context()
        yield SearchBox(context.new_page(), url, "zh")
        context.close()


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("泵房智能化改造", "tasks/7/"),  # a department's words: its task's page
        ("改造供水管网", "tasks/7/"),  # a task's title: its page before the pages listing it
        ("强化用水大户节水监管", "tasks/6/"),
    ],
)
def test_search_finds_a_report_on_its_task_page_and_titles_still_rank_first(
    reported_search, csv_rows, typed, first
):
    task_id = first.split("/")[1]
    row = next(r for r in csv_rows if r["id"] == task_id)
    assert typed in row["title_zh"] or typed in EXTRA[0]["text_zh"]  # the oracle: the data
    box = reported_search
    box.clear()
    box.type(typed)
    results = [box.page_path(url) for url in box.results()]
    assert results and results[0].split("#")[0] == first, results[:3]


# -- a wrong report keeps the last good site ------------------------------------------------


def test_a_wrong_report_stops_the_build_and_keeps_the_last_site(reported, build_project):
    site = reported / "site"
    before = {p: p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    bad = reported / "data" / "progress" / "zz-wrong.csv"
    bad.write_text(report_csv(dict(GOOD, status="finished")), encoding="utf-8")
    try:
        result = build_project(reported, demo_reports=True)
    finally:
        bad.unlink()
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()[-1:]
    assert line.startswith("Error: data/progress/zz-wrong.csv:2: status: 'finished'"), line
    assert {p: p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()} == before


# -- accessibility of the reports' markup ------------------------------------------------

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.mark.parametrize("reading", [False, True], ids=["ordinary", "reading-mode"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_with_reports_pass_wcag_22_aa(reported, browser, lang, reading):
    """axe-core on the pages that show reports, the earlier reports unfolded (as
    tests/test_accessibility.py does for the published site)."""
    axe = Axe()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    if reading:  # docs/assets/javascripts/accessibility.js
        context.add_init_script("localStorage.setItem('plan-reading-mode', 'on')")
    page = context.new_page()
    failures = []
    with serve(reported / "site") as url:
        for path in ("", "tasks/7/", "departments/shuiliju/", "categories/3/", "targets/"):
            page.goto(url + LANGUAGE_ROOTS[lang] + path)
            # opened in place: a click scrolls, and axe caught the theme's header
            # mid-way through its fade from the site's name to the page's title
            page.eval_on_selector_all(
                ".plan-earlier-reports", "ds => ds.forEach(d => d.open = true)"
            )
            results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
            failures += [
                f"{path}: {v['id']} {[n['target'] for n in v['nodes']][:3]}"
                for v in results.response["violations"]
            ]
    context.close()
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_with_reports_do_not_scroll_sideways_at_320_px_in_large_text(reported, browser, lang):
    context = browser.new_context(viewport={"width": 320, "height": 700})
    context.add_init_script("localStorage.setItem('plan-reading-mode', 'on')")
    page = context.new_page()
    wide = {}
    with serve(reported / "site") as url:
        for path in ("", "tasks/4/", "departments/shuiliju/", "categories/1/", "targets/"):
            page.goto(url + LANGUAGE_ROOTS[lang] + path)
            page.eval_on_selector_all(
                ".plan-earlier-reports", "ds => ds.forEach(d => d.open = true)"
            )
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                wide[path] = width
    context.close()
    assert wide == {}
