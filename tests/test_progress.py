"""Progress reports: the departments' words, read from data/progress/*.csv, checked by
the loader, and shown where a reader looks. data/ ships with none; tests write their own
into copies."""

from __future__ import annotations

import csv
import datetime
import io
import shutil
from pathlib import Path

import pytest

from plansite.columns import PROGRESS_COLUMNS
from plansite.load import DataError, load_plan
from support import ROOT

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
