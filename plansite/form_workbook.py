"""The report form as an .xlsx workbook, written with openpyxl by the layout that
plansite/forms.py declares.

Only what Microsoft Excel, WPS Office and LibreOffice Calc all support: sheet protection
without a password (only the report's four cells of each task row unlocked), list and
date validation, wrapped text, frozen panes, a hidden sheet, print settings.
"""

from __future__ import annotations

import datetime
import io
import math
import unicodedata
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from .forms import (
    COLUMNS,
    CONTENT,
    DATE,
    DATE_FORMAT,
    DEPARTMENT_CELL,
    FIRST_ROW,
    FORM_LANGUAGE,
    FORM_LANGUAGE_TAG,
    FORM_VERSION,
    HEADER_ROW,
    LETTERS,
    NUMBER,
    PERIOD_CELL,
    STATUS,
    TITLE_CELL,
    form_rows,
    plan_cells,
    reporting_year,
    status_names,
)
from .model import Department, Plan

EXCEL_EPOCH = datetime.date(1899, 12, 30)  # day 0 of the 1900 date system all three use
LINE_HEIGHT = 16  # points per line of wrapped text at 11 pt, Chinese glyphs included
MIN_LINES = 3  # room to write in a row whose task is short

_INPUT_FILL = PatternFill("solid", fgColor="FFF8D6")
_HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_UNLOCKED = Protection(locked=False)


def excel_date(day: datetime.date) -> int:
    return (day - EXCEL_EPOCH).days


def render_form(plan: Plan, department: Department, t: dict[str, str]) -> bytes:
    """The department's form as .xlsx bytes, the same bytes for the same plan."""
    year = reporting_year(plan)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = t["form_sheet"]
    _report_sheet(sheet, plan, department, t, year)
    _help_sheet(workbook.create_sheet(t["form_help_sheet"]), plan, t, year)
    info = workbook.create_sheet(t["form_info_sheet"])
    info.sheet_state = "hidden"
    for row, (key, value) in enumerate(
        (
            ("form_info_department", department.name[FORM_LANGUAGE]),
            ("form_info_year", year),
            ("form_info_version", FORM_VERSION),
        ),
        start=1,
    ):
        info.cell(row, 1, t[key])
        info.cell(row, 2, value)
    info.protection.sheet = True
    # Document properties: the plan's date instead of the clock, so two builds agree.
    moment = datetime.datetime.combine(plan.current_to, datetime.time())
    properties = workbook.properties
    properties.created = properties.modified = moment
    properties.creator = plan.name[FORM_LANGUAGE]
    properties.title = sheet[TITLE_CELL].value
    properties.language = FORM_LANGUAGE_TAG
    return _reproducible_zip(workbook)


def _report_sheet(
    sheet: Worksheet, plan: Plan, department: Department, t: dict[str, str], year: int
) -> None:
    name = department.name[FORM_LANGUAGE]
    last = LETTERS[len(COLUMNS) - 1]
    sheet[TITLE_CELL] = t["form_title"].format(department=name, year=year)
    sheet[TITLE_CELL].font = Font(bold=True, size=14)
    sheet.merge_cells(f"{TITLE_CELL}:{last}1")
    sheet["A2"] = t["form_department"] + t["colon"]
    sheet.merge_cells("A2:B2")
    sheet[DEPARTMENT_CELL] = name
    sheet[DEPARTMENT_CELL].font = Font(bold=True)
    sheet["D2"] = t["form_period"] + t["colon"]
    sheet["D2"].alignment = Alignment(horizontal="right")
    sheet[PERIOD_CELL] = t["form_period_value"].format(year=year)
    sheet[PERIOD_CELL].font = Font(bold=True)
    sheet["A3"] = t["form_note"]
    sheet["A3"].alignment = _WRAP
    sheet.merge_cells(f"A3:{last}3")
    sheet.row_dimensions[3].height = 2 * LINE_HEIGHT + 4
    for number, column in enumerate(COLUMNS, start=1):
        letter = LETTERS[number - 1]
        sheet.column_dimensions[letter].width = column.width
        heading = sheet.cell(HEADER_ROW, number, t[column.key])
        heading.font = Font(bold=True)
        heading.fill = _INPUT_FILL if column.is_input else _HEADER_FILL
        heading.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        heading.border = _BORDER
    tasks = form_rows(plan, department)
    for row, task in enumerate(tasks, start=FIRST_ROW):
        values = plan_cells(plan, department, task, t)
        for number, column in enumerate(COLUMNS, start=1):
            cell = sheet.cell(row, number, values[number - 1] if number <= len(values) else None)
            cell.alignment = _WRAP
            cell.border = _BORDER
            if column.is_input:
                cell.protection = _UNLOCKED
                cell.fill = _INPUT_FILL
        sheet[f"{NUMBER}{row}"].alignment = Alignment(horizontal="center", vertical="top")
        sheet[f"{DATE}{row}"].number_format = DATE_FORMAT
        lines = max(_lines(str(v), c.width) for v, c in zip(values, COLUMNS, strict=False))
        sheet.row_dimensions[row].height = max(lines, MIN_LINES) * LINE_HEIGHT + 4
    if tasks:  # a validation's range cannot be empty
        _validations(sheet, plan, t, year, FIRST_ROW + len(tasks) - 1)
    # The headings and the task's number, category and title stay in sight.
    sheet.freeze_panes = f"{CONTENT}{FIRST_ROW}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    _fit_to_width(sheet)
    _protect(sheet)


def _validations(sheet: Worksheet, plan: Plan, t: dict[str, str], year: int, end: int) -> None:
    status = DataValidation(
        type="list",
        formula1='"' + ",".join(status_names(plan)) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=t["form_col_status"],
        error=t["form_status_error"],
        showInputMessage=True,
        promptTitle=t["form_col_status"],
        prompt=t["form_status_prompt"],
    )
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    date = DataValidation(
        type="date",
        operator="between",
        formula1=str(excel_date(first)),
        formula2=str(excel_date(last)),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=t["form_col_date"],
        error=t["form_date_error"].format(year=year),
        showInputMessage=True,
        promptTitle=t["form_col_date"],
        prompt=t["form_date_prompt"].format(year=year),
    )
    for validation, column in ((status, STATUS), (date, DATE)):
        validation.add(f"{column}{FIRST_ROW}:{column}{end}")
        sheet.add_data_validation(validation)


def _help_sheet(sheet: Worksheet, plan: Plan, t: dict[str, str], year: int) -> None:
    """The instructions, then what each status means; one page wide when printed."""
    widths = {"A": 14, "B": 76}
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width
    sheet["A1"] = t["form_help_sheet"]
    sheet["A1"].font = Font(bold=True, size=14)
    row = 2
    for line in t["form_instructions"].format(year=year).splitlines():
        row += 1
        cell = sheet.cell(row, 1, line)
        cell.alignment = _WRAP
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        sheet.row_dimensions[row].height = _lines(line, sum(widths.values())) * LINE_HEIGHT + 4
    row += 2
    for number, key in enumerate(("form_col_status", "form_status_meaning"), start=1):
        heading = sheet.cell(row, number, t[key])
        heading.font = Font(bold=True)
        heading.fill = _HEADER_FILL
        heading.border = _BORDER
    for status in plan.statuses:
        row += 1
        for column, value in enumerate(
            (status.name[FORM_LANGUAGE], status.meaning[FORM_LANGUAGE]), start=1
        ):
            cell = sheet.cell(row, column, value)
            cell.alignment, cell.border = _WRAP, _BORDER
    _fit_to_width(sheet)
    _protect(sheet)


def _fit_to_width(sheet: Worksheet) -> None:
    """Printed on A4, all columns on one page's width, as many pages long as needed."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _protect(sheet: Worksheet) -> None:
    """Protected without a password (anyone can lift it: it guards against slips, not
    people); columns and rows may still be resized to read."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _lines(text: str, width: float) -> int:
    """How many lines a wrapped cell of `width` characters needs for `text`."""
    return sum(
        max(1, math.ceil(sum(_char_width(c) for c in paragraph) / (width - 1)))
        for paragraph in text.split("\n")
    )


def _char_width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


# Every member of the archive gets this time instead of the clock's (zip's earliest).
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class _TimelessZip(zipfile.ZipFile):
    """A zip archive whose members all carry _ZIP_TIME: openpyxl adds each member by
    name, which zipfile dates with the clock, or as a file, dated when it was written."""

    def writestr(self, name, data, compress_type=None, compresslevel=None):
        if isinstance(name, str):
            name = zipfile.ZipInfo(name, _ZIP_TIME)
            name.compress_type = self.compression
        super().writestr(name, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        with open(filename, "rb") as file:
            self.writestr(arcname or str(filename), file.read(), compress_type, compresslevel)


def _reproducible_zip(workbook: Workbook) -> bytes:
    """The workbook's .xlsx bytes, free of the time of writing: openpyxl's own save
    (save_workbook) stamps the document with the clock, so its writer is called here
    with the dates set by render_form, into an archive that dates no member."""
    written = io.BytesIO()
    with _TimelessZip(written, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return written.getvalue()
