"""Filled report forms (plansite/forms.py) back into data/progress/, all or nothing.

Each form is read and checked against the plan: whose it is, that its rows are the
plan's rows in the plan's words, and that each report is complete. A form with anything
wrong is refused whole, in one line naming the file, the sheet and the cell
(`市水利局.xlsx: 进展情况!F7: …`). The new rows are then added to a copy of data/ and the
copy loaded by the loader, whose rules apply as to any report; only when every form
passes are the CSV files of data/progress/ appended to. No other file is touched.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import shutil
import tempfile
import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from . import forms
from .columns import PROGRESS_COLUMNS
from .datafiles import DataError
from .forms import FormRefused
from .load import FORMULA_START, PROGRESS_DIR, load_plan
from .model import Department, Plan, Status, Task

# The start of every OLE compound file: an encrypted (password-protected) .xlsx, or an
# old .xls. openpyxl reads neither.
OLE_SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Where a report's column of data/progress/*.csv is filled in on the form.
FORM_CELLS = {
    "task_id": forms.NUMBER,
    "date": forms.DATE,
    "status": forms.STATUS,
    "text_zh": forms.TEXT,
    "text_en": forms.TEXT,
    "evidence": forms.EVIDENCE,
}


@dataclass(frozen=True)
class FormReport:
    """A report read from a form, and where it was written."""

    source: Path
    sheet: str
    row: int
    task: Task
    department: Department
    date: datetime.date
    status: Status
    text_zh: str
    evidence: str

    @property
    def key(self) -> tuple[int, str, datetime.date]:
        return (self.task.id, self.department.name.zh, self.date)

    def fields(self) -> list[str]:
        """The report as a row of data/progress/*.csv (PROGRESS_COLUMNS' order)."""
        values = {
            "task_id": str(self.task.id),
            "department": self.department.name.zh,
            "date": self.date.isoformat(),
            "status": self.status.id,
            "text_zh": self.text_zh,
            "text_en": "",
            "evidence": self.evidence,
        }
        return [values[column] for column in PROGRESS_COLUMNS]

    def refused(self, column: str, message: str) -> FormRefused:
        return FormRefused(self.source, f"{self.sheet}!{column}{self.row}", message)


def import_forms(
    paths: Iterable[Path], data_dir: Path, labels: dict[str, str], pinyin_memo: Path | None
) -> list[str]:
    """Add every form's reports to data/progress/, or none. Returns one line per report
    added. Raises FormRefused, or DataError when data/ itself is wrong."""
    plan = load_plan(data_dir, pinyin_memo)
    known = {(r.task.id, r.department.name.zh, r.date): "in data/progress/" for r in plan.reports}
    reports: list[FormReport] = []
    for path in paths:
        for report in read_form(path, plan, labels):
            if report.key in known:
                raise report.refused(
                    forms.DATE,
                    f"{report.department.name.zh} already reported on task {report.task.id} "
                    f"for {report.date} ({known[report.key]}); a form is imported once: "
                    "remove it from FILES, or clear this row",
                )
            known[report.key] = f"{path.name}, row {report.row}"
            reports.append(report)
    progress = data_dir / PROGRESS_DIR
    contents, lines = _appended(progress, reports)
    _check_with_loader(data_dir, contents, lines, pinyin_memo)
    for path, text in contents.items():
        progress.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return [
        f"{_display(progress / f'{r.date.year}.csv', data_dir)}: {r.department.name.zh}, "
        f"task {r.task.id}, {r.date}, {r.status.name.zh} ({r.source.name}, {r.sheet}!"
        f"{forms.STATUS}{r.row})"
        for r in reports
    ]


def _display(path: Path, data_dir: Path) -> str:
    return str(path.relative_to(data_dir.parent))


def _appended(
    progress: Path, reports: list[FormReport]
) -> tuple[dict[Path, str], dict[tuple[str, int], FormReport]]:
    """Each year's CSV file with the reports dated in that year added at its end, and for
    each added row its (file name, first line), to name the form's cell the loader
    refuses. The lines already there are kept as they are, byte for byte."""
    contents: dict[Path, str] = {}
    lines: dict[tuple[str, int], FormReport] = {}
    for report in reports:
        path = progress / f"{report.date.year}.csv"
        if path not in contents:
            contents[path] = (
                path.read_bytes().decode("utf-8") if path.exists() else _csv_line(PROGRESS_COLUMNS)
            )
            if contents[path] and not contents[path].endswith("\n"):
                contents[path] += "\n"
        lines[path.name, contents[path].count("\n") + 1] = report
        contents[path] += _csv_line(report.fields())
    return contents, lines


def _csv_line(values: Iterable[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(values)
    return out.getvalue()


def _check_with_loader(
    data_dir: Path,
    contents: dict[Path, str],
    lines: dict[tuple[str, int], FormReport],
    pinyin_memo: Path | None,
) -> None:
    """Load a copy of data/ with the new rows: the loader's rules decide, and a refusal
    names the form's cell the row came from."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / data_dir.name
        shutil.copytree(data_dir, copy)
        for path, text in contents.items():
            target = copy / PROGRESS_DIR / path.name
            target.parent.mkdir(exist_ok=True)
            target.write_text(text, encoding="utf-8")
        try:
            load_plan(copy, pinyin_memo)
        except DataError as error:
            starts = [line for name, line in lines if name == error.path.name]
            first = max((line for line in starts if line <= error.line), default=None)
            if first is None:
                raise
            report = lines[error.path.name, first]
            column, _, message = error.message.partition(": ")
            raise report.refused(FORM_CELLS.get(column, forms.TEXT), message) from None


# -- one form -----------------------------------------------------------------------------


def read_form(path: Path, plan: Plan, labels: dict[str, str]) -> list[FormReport]:
    """The reports a filled form holds. Raises FormRefused for anything wrong."""
    workbook = _workbook(path)
    department, year = _owner(path, workbook, plan, labels)
    name = labels["form_sheet"]
    if name not in workbook.sheetnames:
        raise FormRefused(path, "", f"has no sheet '{name}'; send back the form as it was sent")
    sheet = workbook[name]
    if sheet[forms.DEPARTMENT_CELL].value != department.name[forms.FORM_LANGUAGE]:
        raise FormRefused(
            path,
            f"{name}!{forms.DEPARTMENT_CELL}",
            f"the department cell reads '{sheet[forms.DEPARTMENT_CELL].value}', but this is "
            f"{department.name.zh}'s form; restore '{department.name.zh}' (each department "
            "fills in its own form)",
        )
    _refuse_formulas(path, sheet)
    tasks = forms.form_rows(plan, department)
    _check_rows(path, sheet, plan, department, tasks, labels)
    reader = _RowReader(path, sheet, plan, department, year)
    found = (reader.report(row, task) for row, task in enumerate(tasks, start=forms.FIRST_ROW))
    return [report for report in found if report]


def _workbook(path: Path):
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise FormRefused(path, "", f"cannot be read ({error.strerror})") from None
    if raw.startswith(OLE_SIGNATURE):
        raise FormRefused(
            path,
            "",
            "is password-protected (encrypted) or an old .xls workbook; open it, remove the "
            "password and save it as an Excel workbook (.xlsx)",
        )
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        raise FormRefused(
            path, "", "is not an .xlsx workbook; send back the form (.xlsx) as it was sent"
        )
    try:
        with warnings.catch_warnings():  # about extensions it drops, which are not ours
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(raw))
    # a damaged file raises whatever its damage leads openpyxl's parsers to
    except Exception as error:
        raise FormRefused(
            path,
            "",
            f"is damaged: it cannot be read as a workbook ({type(error).__name__}); open it "
            "and save it again as an Excel workbook (.xlsx)",
        ) from None


def _owner(path: Path, workbook, plan: Plan, labels: dict[str, str]) -> tuple[Department, int]:
    """Whose form it is and for which year (its hidden sheet), checked against its
    file's name."""
    name = labels["form_info_sheet"]
    if name not in workbook.sheetnames:
        raise FormRefused(
            path,
            "",
            f"is not a report form of this site (it has no sheet '{name}'); fill in the form "
            "downloaded from the department's page",
        )
    info = workbook[name]
    version = info[forms.INFO_VERSION].value
    if version != forms.FORM_VERSION:
        raise FormRefused(
            path,
            f"{name}!{forms.INFO_VERSION}",
            f"a form of layout {version}, not {forms.FORM_VERSION}; copy the reports into "
            "the department's current form",
        )
    departments = {d.name[forms.FORM_LANGUAGE]: d for d in plan.departments}
    department = departments.get(info[forms.INFO_DEPARTMENT].value)
    if department is None:
        raise FormRefused(
            path,
            f"{name}!{forms.INFO_DEPARTMENT}",
            f"'{info[forms.INFO_DEPARTMENT].value}' is no department of data/departments.yaml; "
            "fill in the form downloaded from the department's page",
        )
    named = [d for d in plan.departments if d.name.zh in path.stem or d.slug == path.stem]
    if named and department not in named:
        other = max(named, key=lambda d: len(d.name.zh))  # 市水利局 within a longer name
        raise FormRefused(
            path,
            f"{name}!{forms.INFO_DEPARTMENT}",
            f"this is {department.name.zh}'s form, but the file is named for "
            f"{other.name.zh}; a department reports on its own form (download it from its page)",
        )
    year = info[forms.INFO_YEAR].value
    if type(year) is not int:
        raise FormRefused(
            path, f"{name}!{forms.INFO_YEAR}", f"'{year}' is not a year; restore the form's year"
        )
    return department, year


def _refuse_formulas(path: Path, sheet: Worksheet) -> None:
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                raise FormRefused(
                    path,
                    f"{sheet.title}!{cell.coordinate}",
                    "holds a formula; type the words or the date themselves",
                )


def _text(value: object) -> str:
    """A cell's text with its line breaks as the data writes them (\\n)."""
    if value is None:
        return ""
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def _check_rows(
    path: Path,
    sheet: Worksheet,
    plan: Plan,
    department: Department,
    tasks: tuple[Task, ...],
    labels: dict[str, str],
) -> None:
    """The form's rows are the department's tasks, in the plan's order and words."""
    rows = {task.id: n for n, task in enumerate(tasks, start=forms.FIRST_ROW)}
    for row, task in enumerate(tasks, start=forms.FIRST_ROW):
        expected = forms.plan_cells(plan, department, task, labels)
        number = sheet[f"{forms.NUMBER}{row}"].value
        if number != task.id:
            where = f"{sheet.title}!{forms.NUMBER}{row}"
            if number in rows:
                problem = f"task {number} is in row {row}, where the form has task {task.id}"
            elif number in (None, ""):
                problem = f"row {row} should hold task {task.id}: a row was deleted or emptied"
            else:
                problem = f"'{number}' is in row {row}, where the form has task {task.id}"
            raise FormRefused(
                path,
                where,
                f"{problem}; rows are not inserted, deleted or moved: fill in the form as sent",
            )
        for column, value in zip(forms.PLAN_COLUMNS[1:], expected[1:], strict=True):
            cell = sheet[f"{column}{row}"]
            if _text(cell.value) != value:
                raise FormRefused(
                    path,
                    f"{sheet.title}!{cell.coordinate}",
                    f"is not the plan's words for task {task.id} ('{value[:20]}…'); the plan's "
                    "columns are locked: restore them, or fill in a fresh form",
                )
    end = forms.FIRST_ROW + len(tasks)
    for row in sheet.iter_rows(min_row=end):
        for cell in row:
            if cell.value not in (None, ""):
                raise FormRefused(
                    path,
                    f"{sheet.title}!{cell.coordinate}",
                    f"is below the form's last task (row {end - 1}); rows are not added: remove it",
                )


class _RowReader:
    """The report of one task row, or None for a row left empty."""

    def __init__(self, path: Path, sheet: Worksheet, plan: Plan, department: Department, year: int):
        self.path, self.sheet, self.department, self.year = path, sheet, department, year
        self.statuses = {s.name[forms.FORM_LANGUAGE]: s for s in plan.statuses}

    def refused(self, column: str, row: int, message: str) -> FormRefused:
        return FormRefused(self.path, f"{self.sheet.title}!{column}{row}", message)

    def report(self, row: int, task: Task) -> FormReport | None:
        status = _text(self.sheet[f"{forms.STATUS}{row}"].value).strip()
        words = _text(self.sheet[f"{forms.TEXT}{row}"].value).strip()
        if not status and not words:
            return None
        if not status:
            raise self.refused(
                forms.STATUS, row, f"task {task.id} has progress words but no status; choose one"
            )
        if status not in self.statuses:
            raise self.refused(
                forms.STATUS,
                row,
                f"'{status}' is not a status; choose one of the list: {'、'.join(self.statuses)}",
            )
        if not words:
            raise self.refused(
                forms.TEXT,
                row,
                f"task {task.id} has a status but no progress words; write them, or clear "
                "the status",
            )
        if words.startswith(FORMULA_START):
            raise self.refused(
                forms.TEXT,
                row,
                f"starts with '{words[0]}', which a spreadsheet takes for a formula; begin "
                "with the words",
            )
        return FormReport(
            source=self.path,
            sheet=self.sheet.title,
            row=row,
            task=task,
            department=self.department,
            date=self._date(row),
            status=self.statuses[status],
            text_zh=words,
            evidence=" ".join(_text(self.sheet[f"{forms.EVIDENCE}{row}"].value).split()),
        )

    def _date(self, row: int) -> datetime.date:
        value = self.sheet[f"{forms.DATE}{row}"].value
        example = f"{self.year}-06-30"
        if value in (None, ""):
            raise self.refused(forms.DATE, row, f"no date; write the date, such as {example}")
        if isinstance(value, datetime.datetime):
            day = value.date()
        elif isinstance(value, datetime.date):
            day = value
        elif isinstance(value, str) and ISO_DATE.match(value.strip()):
            try:
                day = datetime.date.fromisoformat(value.strip())
            except ValueError:
                raise self.refused(
                    forms.DATE, row, f"{value} is no day of the calendar; correct the date"
                ) from None
        else:
            raise self.refused(
                forms.DATE, row, f"'{value}' is not a date; write the date, such as {example}"
            )
        if day.year != self.year:
            raise self.refused(
                forms.DATE,
                row,
                f"{day} is not in {self.year}, the year the form reports on; correct the date",
            )
        return day
