"""The departments' report forms (plansite/forms.py) and `make import-reports`
(plansite/reports_import.py): a form holds the department's tasks in the plan's words,
protected; filled in by openpyxl and by LibreOffice Calc itself, it comes back into
data/progress/; anything wrong refuses the form whole, in one line naming the cell, and
writes nothing."""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from plansite import form_workbook
from plansite.form_workbook import render_form
from plansite.forms import FORM_LANGUAGE, form_file_name, form_files
from plansite.load import load_plan
from plansite.model import LANGUAGES
from plansite.reports_import import FormRefused, import_forms
from plansite.templating import Templates
from plansite.testing import browser as chromium
from support import ROOT, language_root
from support.html_pages import read_page, resolve

LABELS = Templates(ROOT / "templates").labels[FORM_LANGUAGE]
SHEET = LABELS["form_sheet"]
STATUSES = yaml.safe_load((ROOT / "data" / "statuses.yaml").read_text("utf-8"))["statuses"]
CURRENT_TO = yaml.safe_load((ROOT / "data" / "plan.yaml").read_text("utf-8"))["current_to"]
YEAR = CURRENT_TO.year
SHARED = yaml.safe_load((ROOT / "data" / "plan.yaml").read_text("utf-8"))["shared_by_all"]["zh"]
# The form's first task row: below the title, the department, the note and the headings.
FIRST = 5
LIBREOFFICE_FILL = ROOT / "tests" / "support" / "libreoffice_fill.py"
# LibreOffice's UNO bridge belongs to Debian's Python (python3-uno), not the project's.
UNO_PYTHON = "/usr/bin/python3"


@pytest.fixture(scope="module")
def plan():
    return load_plan(ROOT / "data")


@pytest.fixture
def data(tmp_path, monkeypatch) -> Path:
    """A copy of data/ to import into; the current folder is its parent, as the project
    is for data/."""
    monkeypatch.chdir(tmp_path)
    return shutil.copytree(ROOT / "data", tmp_path / "data")


def department(plan, name: str):
    return next(d for d in plan.departments if d.name.zh == name)


def blank_form(plan, folder: Path, name: str = "市水利局", file_name: str | None = None) -> Path:
    path = folder / (file_name or form_file_name(department(plan, name)))
    path.write_bytes(render_form(plan, department(plan, name), LABELS))
    return path


def filled_form(plan, folder: Path, name: str = "市水利局", **cells) -> Path:
    """The department's form with `cells` (F5="已完成") filled in by openpyxl."""
    path = blank_form(plan, folder, name)
    workbook = load_workbook(path)
    for address, value in cells.items():
        workbook[SHEET][address] = value
    workbook.save(path)
    return path


def report(row: int = FIRST, status: str = "按计划推进", words: str = "已完成年度计划。") -> dict:
    return {
        f"F{row}": status,
        f"G{row}": words,
        f"H{row}": datetime.date(YEAR, 6, 30),
        f"I{row}": "https://example.gov.cn/a",
    }


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def run_import(data: Path, *paths: Path) -> list[str]:
    return import_forms(paths, data, LABELS, None)


# -- the form -----------------------------------------------------------------------------


def expected_rows(csv_rows, name: str) -> list[tuple[int, str, str, str, str]]:
    """The department's tasks as data/tasks.csv gives them, with its role."""
    rows = []
    for row in csv_rows:
        if name in row["lead_zh"].split("、"):
            role = LABELS["role_lead"]
        elif name in row["participants_zh"].split("、"):
            role = LABELS["role_joined"]
        elif row["participants_zh"] == SHARED:
            role = LABELS["role_shared"]
        else:
            continue
        rows.append((int(row["id"]), row["category_zh"], row["title_zh"], row["content_zh"], role))
    return rows


@pytest.mark.parametrize("name", ["市水利局", "市统计局"])
def test_a_form_lists_the_departments_tasks_in_the_plans_words_locked(
    plan, tmp_path, csv_rows, name
):
    sheet = load_workbook(blank_form(plan, tmp_path, name))[SHEET]
    expected = expected_rows(csv_rows, name)
    assert expected
    last = FIRST + len(expected) - 1
    found = [
        tuple(cell.value for cell in row)
        for row in sheet.iter_rows(min_row=FIRST, max_row=sheet.max_row, max_col=5)
    ]
    assert found == expected
    assert sheet["C2"].value == name and sheet["E2"].value == f"{YEAR}年度"
    assert name in sheet["A1"].value and f"{YEAR}年度" in sheet["A1"].value
    # protected, the plan's cells locked and the report's four open, on every task row
    assert sheet.protection.sheet and not sheet.protection.password
    for row in range(FIRST, last + 1):
        assert all(sheet[f"{c}{row}"].protection.locked for c in "ABCDE"), row
        assert not any(sheet[f"{c}{row}"].protection.locked for c in "FGHI"), row
        assert sheet[f"G{row}"].alignment.wrap_text and sheet[f"D{row}"].alignment.wrap_text
        assert sheet[f"H{row}"].number_format == "yyyy-mm-dd"
    assert sheet.freeze_panes == f"D{FIRST}"
    assert sheet.column_dimensions["D"].width > 2 * sheet.column_dimensions["B"].width
    validations = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    status = validations[f"F{FIRST}:F{last}"]
    assert status.type == "list"
    assert status.formula1 == '"' + ",".join(s["zh"] for s in STATUSES) + '"'
    date = validations[f"H{FIRST}:H{last}"]
    epoch = datetime.date(1899, 12, 30)
    assert date.type == "date" and date.operator == "between"
    assert int(date.formula1) == (datetime.date(YEAR, 1, 1) - epoch).days
    assert int(date.formula2) == (datetime.date(YEAR, 12, 31) - epoch).days


def test_a_form_says_in_chinese_how_to_fill_it_in(plan, tmp_path):
    workbook = load_workbook(blank_form(plan, tmp_path))
    assert workbook.sheetnames[:2] == ["进展情况", "填写说明"]
    text = "\n".join(
        str(cell.value) for row in workbook["填写说明"].iter_rows() for cell in row if cell.value
    )
    for status in STATUSES:
        assert status["zh"] in text and status["meaning_zh"] in text
    assert "下拉列表" in text and "Alt+Enter" in text and f"{YEAR}-06-30" in text
    assert not [line for line in text.splitlines() if line.isascii()]  # no English line
    assert workbook["填写说明"].protection.sheet


def test_a_form_carries_no_time_of_writing(plan):
    """Its bytes depend on the data alone: every zip member dated 1980, the document
    dated the plan's current_to (tests/test_reproducible.py compares whole builds)."""
    form = render_form(plan, department(plan, "市水利局"), LABELS)
    archive = zipfile.ZipFile(io.BytesIO(form))
    assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    core = archive.read("docProps/core.xml").decode()
    stamp = f"{CURRENT_TO.isoformat()}T00:00:00Z"
    assert core.count(stamp) == 2, core
    assert render_form(plan, department(plan, "市水利局"), LABELS) == form


def test_every_department_page_links_its_form_and_the_home_page_lists_them(site, departments_yaml):
    """The same form from both languages' pages, published once, under /data/forms/."""
    departments = departments_yaml["departments"]
    for lang in LANGUAGES:
        home_file = language_root(site, lang) / "index.html"
        listed = [
            resolve(home_file, href) for href in read_page(home_file).all_links if ".xlsx" in href
        ]
        assert listed == [site / "data" / "forms" / f"{d['slug']}.xlsx" for d in departments]
        for d in departments:
            page_file = language_root(site, lang) / "departments" / d["slug"] / "index.html"
            links = [href for href in read_page(page_file).all_links if ".xlsx" in href]
            assert [resolve(page_file, href) for href in links] == [listed[departments.index(d)]]
            form = load_workbook(listed[departments.index(d)])
            assert form[SHEET]["C2"].value == d["name_zh"], (lang, d["slug"])


def test_forms_are_rendered_again_only_when_what_they_hold_changes(plan, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    first = form_files(plan, LABELS, cache)
    assert len(first) == len(plan.departments) == len(set(first.values()))

    def render_nothing(*args):
        raise AssertionError("rendered again")

    monkeypatch.setattr(form_workbook, "render_form", render_nothing)
    assert form_files(plan, LABELS, cache) == first  # nothing rendered
    changed = {**LABELS, "form_note": LABELS["form_note"] + "。"}
    with pytest.raises(AssertionError, match="rendered again"):
        form_files(plan, changed, cache)
    monkeypatch.undo()
    again = form_files(plan, changed, cache)
    assert set(again.values()).isdisjoint(first.values())
    assert sorted(cache.glob("*.xlsx")) == sorted(again.values())  # the old ones gone


# -- filled in, and imported -----------------------------------------------------------------


@pytest.fixture(scope="module")
def libreoffice() -> None:
    """LibreOffice and its Python bridge, which `make test` installs; as with chromium,
    only a machine where they cannot be installed skips, and says so; under CI it fails."""
    bridge = (
        Path(UNO_PYTHON).exists()
        and not subprocess.run([UNO_PYTHON, "-c", "import uno"], capture_output=True).returncode
    )
    if not (shutil.which("soffice") and bridge):
        missing = "LibreOffice Calc and python3-uno are needed: sh scripts/system-packages.sh"
        if chromium.must_run_browser_tests():
            pytest.fail(f"CI=true and {missing}", pytrace=False)
        pytest.skip(f"SKIPPED: {missing}")


def fill_with_libreoffice(form: Path, filled: Path, cells: dict) -> None:
    spec = form.with_suffix(".json")
    spec.write_text(json.dumps({SHEET: cells}, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(
        [UNO_PYTHON, str(LIBREOFFICE_FILL), str(form), str(filled), str(spec)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    assert filled.read_bytes()[:2] == b"PK"


def test_forms_filled_by_openpyxl_and_by_libreoffice_come_back_into_data(
    plan, data, tmp_path, libreoffice
):
    before = snapshot(data)
    by_openpyxl = filled_form(
        plan,
        tmp_path,
        "市水利局",
        **report(FIRST, "已完成", "已完成年度用水总量分解。\n正在核定各地区用水强度指标。"),
    )
    (tmp_path / "sent").mkdir()
    blank = blank_form(plan, tmp_path / "sent", "市发展改革委")
    by_libreoffice = tmp_path / "市发展改革委.xlsx"
    fill_with_libreoffice(
        blank,
        by_libreoffice,
        {
            f"F{FIRST}": "进展滞后",
            f"G{FIRST}": "节水评价工作已启动。\n第二段落。",
            f"H{FIRST}": {"date": f"{YEAR}-09-30"},
            f"I{FIRST}": "https://example.gov.cn/x\nhttps://example.gov.cn/y",
        },
    )
    added = run_import(data, by_openpyxl, by_libreoffice)
    assert len(added) == 2
    assert "市水利局" in added[0] and "市发展改革委" in added[1]
    after = snapshot(data)
    assert {k for k in after if after[k] != before.get(k)} == {f"progress/{YEAR}.csv"}
    reports = load_plan(data).reports
    found = {(r.department.name.zh, r.task.id): r for r in reports}
    water = found["市水利局", 1]
    assert (water.status.id, water.date) == ("done", datetime.date(YEAR, 6, 30))
    assert water.text_zh == "已完成年度用水总量分解。\n正在核定各地区用水强度指标。"
    assert water.evidence == ("https://example.gov.cn/a",)
    first_task = load_workbook(blank)[SHEET][f"A{FIRST}"].value
    reform = found["市发展改革委", first_task]
    assert (reform.status.id, reform.date) == ("behind", datetime.date(YEAR, 9, 30))
    assert reform.text_zh == "节水评价工作已启动。\n第二段落。"
    assert reform.evidence == ("https://example.gov.cn/x", "https://example.gov.cn/y")


def test_an_import_adds_rows_and_keeps_those_already_there_byte_for_byte(plan, data, tmp_path):
    run_import(data, filled_form(plan, tmp_path, **report(FIRST)))
    first = (data / "progress" / f"{YEAR}.csv").read_bytes()
    again = tmp_path / "again"
    again.mkdir()
    run_import(data, filled_form(plan, again, **report(FIRST + 1, "尚未启动", "尚未开展。")))
    second = (data / "progress" / f"{YEAR}.csv").read_bytes()
    assert second.startswith(first) and second.count(b"\n") == first.count(b"\n") + 1
    assert len(load_plan(data).reports) == 2


def test_rows_without_status_and_words_are_no_reports(plan, data, tmp_path):
    # a date and a link alone make no report
    form = filled_form(plan, tmp_path, H6=datetime.date(YEAR, 1, 2), I6="https://a.example/")
    assert run_import(data, form) == []
    assert not (data / "progress" / f"{YEAR}.csv").exists()


# -- refusals: each names the file, the sheet and the cell, and writes nothing --------------


def refused(data: Path, *paths: Path) -> str:
    before = snapshot(data)
    with pytest.raises(FormRefused) as refusal:
        run_import(data, *paths)
    assert snapshot(data) == before
    message = str(refusal.value)
    assert "\n" not in message
    return message


def broken_form(plan, tmp_path, change, **cells) -> Path:
    """The form filled with one good report (and `cells`), then `change`d by openpyxl."""
    path = filled_form(plan, tmp_path, **{**report(FIRST), **cells})
    workbook = load_workbook(path)
    change(workbook[SHEET])
    workbook.save(path)
    return path


def test_a_file_that_is_no_spreadsheet_is_refused(data, tmp_path):
    path = tmp_path / "市水利局.xlsx"
    path.write_text("task,status\n1,已完成\n", encoding="utf-8")
    assert refused(data, path).startswith("市水利局.xlsx: is not an .xlsx workbook")


def test_a_damaged_workbook_is_refused(plan, data, tmp_path):
    path = filled_form(plan, tmp_path, **report())
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2] + raw[-200:])  # the archive's middle lost
    assert refused(data, path).startswith("市水利局.xlsx: is damaged")


def test_a_password_protected_workbook_is_refused(data, tmp_path):
    """Excel, WPS and LibreOffice save an encrypted .xlsx as an OLE compound file."""
    path = tmp_path / "市水利局.xlsx"
    path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(4096))
    assert refused(data, path).startswith("市水利局.xlsx: is password-protected")


def test_a_workbook_that_is_not_the_sites_form_is_refused(plan, data, tmp_path):
    path = filled_form(plan, tmp_path, **report())
    workbook = load_workbook(path)
    del workbook[LABELS["form_info_sheet"]]
    workbook.save(path)
    assert refused(data, path).startswith("市水利局.xlsx: is not a report form of this site")


def test_a_form_of_another_layout_is_refused(plan, data, tmp_path):
    path = filled_form(plan, tmp_path, **report())
    workbook = load_workbook(path)
    workbook[LABELS["form_info_sheet"]]["B3"] = 0
    workbook.save(path)
    assert refused(data, path).startswith("市水利局.xlsx: 表单信息!B3: a form of layout 0")


def test_another_departments_form_is_refused(plan, data, tmp_path):
    form = filled_form(plan, tmp_path, "市统计局", **report())
    path = form.rename(tmp_path / "市水利局.xlsx")
    message = refused(data, path)
    assert message.startswith("市水利局.xlsx: 表单信息!B1: this is 市统计局's form"), message


def test_an_edited_department_cell_is_refused(plan, data, tmp_path):
    path = broken_form(plan, tmp_path, lambda s: s.__setitem__("C2", "市统计局"))
    assert refused(data, path).startswith(f"市水利局.xlsx: {SHEET}!C2: the department cell")


def test_a_moved_row_is_refused(plan, data, tmp_path):
    def swap(sheet):
        for column in "ABCDE":
            a, b = sheet[f"{column}{FIRST}"], sheet[f"{column}{FIRST + 1}"]
            a.value, b.value = b.value, a.value

    message = refused(data, broken_form(plan, tmp_path, swap))
    assert message.startswith(f"市水利局.xlsx: {SHEET}!A{FIRST}: task "), message
    assert "moved" in message


def test_an_added_row_is_refused(plan, data, tmp_path):
    def add(sheet):
        sheet.append([99, "新类别", "新任务", "新内容", "牵头", "已完成", "新增的任务。"])

    message = refused(data, broken_form(plan, tmp_path, add))
    assert f"{SHEET}!A" in message and "rows are not added" in message, message


def test_a_deleted_row_is_refused(plan, data, tmp_path):
    message = refused(data, broken_form(plan, tmp_path, lambda s: s.delete_rows(FIRST + 1)))
    assert message.startswith(f"市水利局.xlsx: {SHEET}!A{FIRST + 1}: "), message


def test_edited_plan_words_are_refused(plan, data, tmp_path):
    def edit(sheet):
        sheet[f"D{FIRST + 1}"] = sheet[f"D{FIRST + 1}"].value.replace("节水", "用水", 1)

    message = refused(data, broken_form(plan, tmp_path, edit))
    assert message.startswith(f"市水利局.xlsx: {SHEET}!D{FIRST + 1}: is not the plan's words")


def test_a_status_not_in_the_list_is_refused(plan, data, tmp_path):
    path = filled_form(plan, tmp_path, **report(status="基本完成"))
    message = refused(data, path)
    assert message.startswith(f"市水利局.xlsx: {SHEET}!F{FIRST}: '基本完成' is not a status")


def test_a_date_that_is_no_date_is_refused(plan, data, tmp_path):
    path = filled_form(plan, tmp_path, **{**report(), f"H{FIRST}": "六月底"})
    message = refused(data, path)
    assert message.startswith(f"市水利局.xlsx: {SHEET}!H{FIRST}: '六月底' is not a date"), message


def test_a_formula_is_refused(plan, data, tmp_path):
    path = filled_form(plan, tmp_path, **{**report(), f"G{FIRST}": '=CONCAT("已","完成")'})
    message = refused(data, path)
    assert message == f"市水利局.xlsx: {SHEET}!G{FIRST}: holds a formula; " + (
        "type the words or the date themselves"
    )


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_words_that_start_like_a_formula_are_refused(plan, data, tmp_path, start):
    def as_text(sheet):  # openpyxl writes a string starting with = as a formula
        sheet[f"G{FIRST}"].value = start + "完成年度任务"
        sheet[f"G{FIRST}"].data_type = "s"

    message = refused(data, broken_form(plan, tmp_path, as_text))
    assert message.startswith(f"市水利局.xlsx: {SHEET}!G{FIRST}: starts with '{start}'"), message


def test_a_report_already_in_the_data_is_refused(plan, data, tmp_path):
    run_import(data, filled_form(plan, tmp_path, **report()))
    message = refused(data, tmp_path / "市水利局.xlsx")
    assert message.startswith(f"市水利局.xlsx: {SHEET}!H{FIRST}: 市水利局 already reported")


def test_the_same_form_twice_is_refused(plan, data, tmp_path):
    path = filled_form(plan, tmp_path, **report())
    message = refused(data, path, path)
    assert message.startswith(f"市水利局.xlsx: {SHEET}!H{FIRST}: 市水利局 already reported")
    assert "(市水利局.xlsx, row 5)" in message


def test_words_without_a_status_are_refused(plan, data, tmp_path):
    path = filled_form(plan, tmp_path, **{**report(), f"F{FIRST}": None})
    assert refused(data, path).startswith(f"市水利局.xlsx: {SHEET}!F{FIRST}: task ")


def test_words_without_a_date_are_refused(plan, data, tmp_path):
    path = filled_form(plan, tmp_path, **{**report(), f"H{FIRST}": None})
    assert refused(data, path).startswith(f"市水利局.xlsx: {SHEET}!H{FIRST}: no date")


def test_the_loaders_rules_apply_and_name_the_forms_cell(plan, data, tmp_path):
    """The evidence must be web addresses: the loader's rule, refused at the form's cell."""
    path = filled_form(plan, tmp_path, **{**report(), f"I{FIRST}": "见附件"})
    message = refused(data, path)
    assert message.startswith(f"市水利局.xlsx: {SHEET}!I{FIRST}: '见附件' is not a web address")


def test_one_bad_form_stops_every_form(plan, data, tmp_path):
    good = filled_form(plan, tmp_path, **report())
    other = tmp_path / "other"
    other.mkdir()
    bad = filled_form(plan, other, "市统计局", **report(status="完成"))
    assert refused(data, good, bad).startswith("市统计局.xlsx: ")


def test_make_import_reports_refuses_in_one_line_with_a_failing_exit_status(tmp_path, project_copy):
    project = project_copy()
    path = tmp_path / "市水利局.xlsx"
    path.write_bytes(b"not a workbook")
    result = subprocess.run(
        [sys.executable, str(project / "scripts" / "import_reports.py"), str(path)],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("Error: 市水利局.xlsx: is not an .xlsx workbook")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


# -- imported, built and published -----------------------------------------------------------


def row_of(form: Path, task_id: int) -> int:
    """The form's row of the task, read from the form."""
    sheet = load_workbook(form)[SHEET]
    return next(row for row in range(FIRST, sheet.max_row + 1) if sheet[f"A{row}"].value == task_id)


def first_target_led_by(csv_rows, name: str) -> int:
    targets = yaml.safe_load((ROOT / "data" / "targets.yaml").read_text("utf-8"))["targets"]
    lead = {int(row["id"]): row["lead_zh"].split("、") for row in csv_rows}
    return next(t["task"] for t in targets if name in lead[t["task"]])


def test_imported_reports_are_on_the_pages_in_the_feed_and_in_the_open_data(
    plan, tmp_path, csv_rows, departments_yaml, libreoffice, project_copy, build_project
):
    project = project_copy()
    statuses = {s["zh"]: s for s in STATUSES}
    slugs = {d["name_zh"]: d["slug"] for d in departments_yaml["departments"]}
    sent = tmp_path / "sent"
    sent.mkdir()
    reports = [  # department, task, status, words (two paragraphs), date; the filler
        (
            "市水利局",
            first_target_led_by(csv_rows, "市水利局"),
            "已完成",
            "水利局用openpyxl填写的进展。\n第二段。",
            6,
        ),
        (
            "市农业农村局",
            first_target_led_by(csv_rows, "市农业农村局"),
            "进展滞后",
            "农业农村局用LibreOffice填写。\n另一段。",
            9,
        ),
    ]
    forms = []
    for n, (name, task_id, status, words, month) in enumerate(reports):
        blank = blank_form(plan, sent, name)
        row = row_of(blank, task_id)
        day = datetime.date(YEAR, month, 30)
        link = f"https://example.gov.cn/{slugs[name]}"
        if n == 0:
            forms.append(
                filled_form(
                    plan,
                    tmp_path,
                    name,
                    **{f"F{row}": status, f"G{row}": words, f"H{row}": day, f"I{row}": link},
                )
            )
        else:
            forms.append(tmp_path / form_file_name(department(plan, name)))
            fill_with_libreoffice(
                blank,
                forms[-1],
                {
                    f"F{row}": status,
                    f"G{row}": words,
                    f"H{row}": {"date": day.isoformat()},
                    f"I{row}": link,
                },
            )
    assert len(import_forms(forms, project / "data", LABELS, None)) == 2
    site = tmp_path / "site"
    result = build_project(project, site)
    assert result.returncode == 0, result.stderr
    feed = {
        lang: (site / root / "feed.xml").read_text("utf-8")
        for lang, root in (("zh", ""), ("en", "en/"))
    }
    with open(site / "data" / "reports.csv", encoding="utf-8-sig", newline="") as f:
        published = list(csv.DictReader(f))
    home = read_page(site / "index.html").text
    targets = read_page(site / "targets" / "index.html").text
    for name, task_id, status, words, month in reports:
        day = f"{YEAR}-{month:02d}-30"
        task_page = read_page(site / "tasks" / str(task_id) / "index.html").text
        english = read_page(site / "en" / "tasks" / str(task_id) / "index.html").text
        for paragraph in words.split("\n"):
            assert paragraph in task_page and paragraph in english, (task_id, paragraph)
            assert paragraph in feed["zh"] and paragraph in feed["en"], paragraph
        assert status in task_page and statuses[status]["en"] in english
        assert day in task_page
        department_page = read_page(site / "departments" / slugs[name] / "index.html").text
        assert status in department_page and day in department_page, name
        assert f"{day} {name}" in home, name
        assert status in targets and day in targets
        assert {
            "task_id": str(task_id),
            "department_zh": name,
            "date": day,
            "status": statuses[status]["id"],
            "text_zh": words,
        }.items() <= next(r for r in published if r["department_zh"] == name).items()
