"""One report form per department: an .xlsx workbook listing every task the department
leads, takes part in or shares, with empty cells for its progress report on each.

This module declares the form's layout and what each row holds, and keeps the rendered
forms in a cache; plansite/form_workbook.py writes a workbook (openpyxl, imported only
when a form must be rendered: its import alone cost as much as the rest of the
generator), and plansite/reports_import.py reads filled forms back by the same layout
(handbook/progress-reports.md, "Forms").
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .installed import package_identity
from .model import LANGUAGE_TAGS, LANGUAGES, Department, Plan, Task
from .staging import write_atomically
from .urls import department_form_path

# The form is in the primary language: the department's words are written in it, and the
# importer compares the plan's words in it.
FORM_LANGUAGE = LANGUAGES[0]
FORM_LANGUAGE_TAG = LANGUAGE_TAGS[FORM_LANGUAGE]
# Raised when the layout changes, so that a form of an older layout is refused whole
# instead of being read by the new one.
FORM_VERSION = 1


class FormRefused(Exception):
    """A filled form refused whole (plansite/reports_import.py): str() is the one line
    `file: sheet!cell: what to fix`."""

    def __init__(self, path: Path, where: str, message: str):
        super().__init__(f"{path.name}: {where + ': ' if where else ''}{message}")


@dataclass(frozen=True)
class Column:
    key: str  # the label of its heading in templates/labels.yaml
    width: float  # in characters of the default font; a Chinese character takes two
    is_input: bool = False


COLUMNS = (
    Column("form_col_number", 6),
    Column("form_col_category", 16),
    Column("form_col_task", 22),
    Column("form_col_content", 60),
    Column("form_col_role", 12),
    Column("form_col_status", 14, is_input=True),
    Column("form_col_text", 50, is_input=True),
    Column("form_col_date", 13, is_input=True),
    Column("form_col_evidence", 32, is_input=True),
)
# Column letters by their meaning, for the importer and its refusals (进展情况!F7).
LETTERS = "ABCDEFGHI"
(NUMBER, CATEGORY, TITLE, CONTENT, ROLE, STATUS, TEXT, DATE, EVIDENCE) = LETTERS
PLAN_COLUMNS = (NUMBER, CATEGORY, TITLE, CONTENT, ROLE)
TITLE_CELL = "A1"
DEPARTMENT_CELL = "C2"
PERIOD_CELL = "E2"
HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1
# The hidden sheet that says whose form it is, for which year and in which layout.
INFO_DEPARTMENT, INFO_YEAR, INFO_VERSION = "B1", "B2", "B3"

DATE_FORMAT = "yyyy-mm-dd"


def reporting_year(plan: Plan) -> int:
    """The year the forms ask about: that of the date the reports run to."""
    return plan.current_to.year


def role_key(plan: Plan, department: Department, task: Task) -> str:
    """The label of the department's part in the task: 牵头, 参与 or 共同推进."""
    return f"role_{plan.role_of(department, task)}"


def form_file_name(department: Department) -> str:
    """The name a form is saved under (市水利局.xlsx): the department knows it as its own,
    and the importer refuses a form whose file names another department."""
    return f"{department.name[FORM_LANGUAGE]}.xlsx"


# The media type the pages give a form's link.
FORM_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def form_rows(plan: Plan, department: Department) -> tuple[Task, ...]:
    """The department's tasks, in plan order, each once."""
    mine = {
        *plan.tasks_led_by(department),
        *plan.tasks_joined_by(department),
        *plan.tasks_shared_with(department),
    }
    return tuple(task for task in plan.tasks if task in mine)


def plan_cells(plan: Plan, department: Department, task: Task, t: dict[str, str]) -> tuple:
    """A task row's protected cells, as the form holds them (the importer compares)."""
    lang = FORM_LANGUAGE
    return (
        task.id,
        task.category.title[lang],
        task.title[lang],
        task.content[lang],
        t[role_key(plan, department, task)],
    )


def status_names(plan: Plan) -> tuple[str, ...]:
    return tuple(status.name[FORM_LANGUAGE] for status in plan.statuses)


def form_files(plan: Plan, labels: dict[str, str], cache: Path) -> dict[str, Path]:
    """Every department's form, by its path in the published site (urls.py): a file in
    `cache`, rendered only when what it depends on changed (as the PDF handouts are).
    The cache keeps this build's forms only."""
    cache.mkdir(parents=True, exist_ok=True)
    environment = "\0".join(
        [
            (Path(__file__).parent / "form_workbook.py").read_text(encoding="utf-8"),
            Path(__file__).read_text(encoding="utf-8"),
            package_identity("openpyxl"),
            json.dumps(labels, ensure_ascii=False, sort_keys=True),
        ]
    )
    files = {}
    for department in plan.departments:
        form = cache / f"{_input_key(environment, plan, department, labels)}.xlsx"
        if not form.exists():
            from .form_workbook import render_form  # openpyxl: only when needed

            write_atomically(form, render_form(plan, department, labels))
        files[department_form_path(department)] = form
    for stale in set(cache.glob("*.xlsx")) - set(files.values()):
        stale.unlink(missing_ok=True)
    return files


def _input_key(environment: str, plan: Plan, department: Department, labels: dict) -> str:
    """The hash of everything a department's form depends on."""
    rows = [plan_cells(plan, department, task, labels) for task in form_rows(plan, department)]
    statuses = [(s.name[FORM_LANGUAGE], s.meaning[FORM_LANGUAGE]) for s in plan.statuses]
    facts = [department.name[FORM_LANGUAGE], plan.current_to.isoformat(), rows, statuses]
    text = environment + "\0" + json.dumps(facts, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
