"""The plan as open data: CSV and JSON tables with a Frictionless Data Package descriptor.

The files are published once, at the root of the Chinese site (``data/``), because every
table already holds both languages: one address per dataset, whichever site links it.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import posixpath

from .columns import PUBLISHED_TABLES
from .model import NAME_SEPARATOR, Plan, Report, Target, Task, Text
from .urls import DESCRIPTOR_PATH, SOURCE_PATH, table_path, task_data_path

LIST_SEPARATOR_EN = "; "  # English names may hold commas, never semicolons
NAME_SEPARATORS = {"zh": NAME_SEPARATOR, "en": LIST_SEPARATOR_EN}
INTEGER_FIELDS = {"id", "category_id", "task_id", "year"}
DATE_FIELDS = {"date"}
PRIMARY_KEYS = {
    "tasks": ["id"],
    "departments": ["name_zh"],
    "glossary": ["slug"],
    "reports": ["task_id", "department_zh", "date"],  # one report a department, task and day
}
_TASK_KEY = {"fields": ["task_id"], "reference": {"resource": "tasks", "fields": ["id"]}}
FOREIGN_KEYS = {
    "targets": [_TASK_KEY],
    "reports": [
        _TASK_KEY,
        {
            "fields": ["department_zh"],
            "reference": {"resource": "departments", "fields": ["name_zh"]},
        },
    ],
}


# -- the tables, built from the model ------------------------------------------------


def task_record(task: Task) -> dict:
    """A task as the row of data/tasks.csv it was read from, with its units in English."""
    shared = task.shared_by_all
    participants = shared.zh if shared else _names(task.participants)
    participants_en = shared.en if shared else _names(task.participants, "en")
    values = (
        task.id,
        task.category.id,
        task.category.title.zh,
        task.category.title.en,
        task.title.zh,
        task.title.en,
        task.content.zh,
        task.content.en,
        _names(task.lead),
        participants,
        _names(task.lead, "en"),
        participants_en,
    )
    return _record("tasks", values)


def _record(table: str, values: tuple) -> dict:
    return dict(zip(PUBLISHED_TABLES[table], values, strict=True))


def _names(departments, lang: str = "zh") -> str:
    return NAME_SEPARATORS[lang].join(d.name[lang] for d in departments)


def target_record(target: Target) -> dict:
    return _record("targets", (target.task.id, target.year, target.quote.zh, target.quote.en))


def report_record(report: Report) -> dict:
    """A report as its row of data/progress/, with both languages' names of its
    department and status; evidence separated by a space."""
    values = (
        report.task.id,
        report.department.name.zh,
        report.department.name.en,
        report.date.isoformat(),
        report.status.id,
        report.status.name.zh,
        report.status.name.en,
        report.text_zh,
        report.text_en or "",
        " ".join(report.evidence),
    )
    return _record("reports", values)


def tables(plan: Plan) -> dict[str, list[dict]]:
    """Every published table, its columns those of columns.PUBLISHED_TABLES."""
    return {
        "tasks": [task_record(task) for task in plan.tasks],
        "departments": [
            _record(
                "departments",
                (
                    d.name.zh,
                    d.name.en,
                    NAME_SEPARATOR.join(d.short_zh),
                    LIST_SEPARATOR_EN.join(d.short_en),
                    d.slug,
                ),
            )
            for d in plan.departments
        ],
        "targets": [target_record(target) for target in plan.targets],
        "glossary": [
            _record(
                "glossary",
                (
                    term.term.zh,
                    term.term.en,
                    term.slug,
                    LIST_SEPARATOR_EN.join(term.forms),
                    term.note.zh,
                    term.note.en,
                ),
            )
            for term in plan.glossary
        ],
        "reports": [report_record(report) for report in plan.reports],
    }


# A byte order mark first: Excel and WPS read a CSV without one in the system's code page
# (GBK on a Chinese Windows), and a double-clicked file showed mojibake.
BOM = "\ufeff"
CSV_ENCODING = "utf-8-sig"  # the descriptor's name for UTF-8 after a byte order mark


def to_csv(records: list[dict], columns: tuple[str, ...]) -> str:
    """A table as CSV; with no record, its header alone."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return BOM + out.getvalue()


def to_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


# -- the descriptor -------------------------------------------------------------------


def descriptor(plan: Plan, source: bytes) -> dict:
    """datapackage.json, its words from data/datapackage.yaml (the loader has checked
    that they describe every published field in both languages). `source`: the source
    text's bytes, whose size and hash the package states, so a validator checks the
    published copy."""
    package = plan.package
    resources = []
    for table in package.tables:
        fields = [
            {
                "name": field.name,
                "type": _field_type(field.name),
                "title": _both(field.title),
                "description": field.description,
                "description_zh": field.description_zh,
            }
            for field in table.fields
        ]
        schema: dict = {"fields": fields}
        if table.name in PRIMARY_KEYS:
            schema["primaryKey"] = PRIMARY_KEYS[table.name]
        if table.name in FOREIGN_KEYS:
            schema["foreignKeys"] = FOREIGN_KEYS[table.name]
        resources += [
            {
                "name": table.name,
                "title": _both(table.title),
                "description": table.description,
                "description_zh": table.description_zh,
                "path": f"{table.name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": CSV_ENCODING,
                "schema": schema,
            },
            {
                "name": f"{table.name}-json",
                "title": f"{_both(table.title)} (JSON)",
                "description": f"The {table.name} table as a JSON array of objects, one per "
                "row, with the same fields.",
                "path": f"{table.name}.json",
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
            },
        ]
    resources.append(
        {
            "name": "source",
            "title": _both(package.source_file.title),
            "description": package.source_file.description,
            "description_zh": package.source_file.description_zh,
            "path": posixpath.relpath(SOURCE_PATH, posixpath.dirname(DESCRIPTOR_PATH)),
            "format": "txt",
            "mediatype": "text/plain",
            "encoding": "utf-8",
            "bytes": len(source),
            "hash": "sha256:" + hashlib.sha256(source).hexdigest(),
        }
    )
    licence = package.licence
    return {
        "name": package.name,
        "title": _both(package.title),
        "description": package.description
        + " Each task is also published on its own as tasks/<id>.json and tasks/<id>.csv.",
        "description_zh": package.description_zh,
        "sources": [
            {
                "title": package.source_title,
                "description": package.source_note,
                "description_zh": package.source_note_zh,
            }
        ],
        "licenses": [
            {
                "name": licence.name,
                "path": licence.path,
                "title": licence.title,
                "title_zh": licence.title_zh,
            }
        ],
        "resources": resources,
    }


def _field_type(name: str) -> str:
    if name in INTEGER_FIELDS:
        return "integer"
    return "date" if name in DATE_FIELDS else "string"


def _both(text: Text) -> str:
    return f"{text.zh} · {text.en}"


# -- the published files --------------------------------------------------------------


def data_files(plan: Plan, source: bytes) -> dict[str, str | bytes]:
    """Site path -> content of every published data file; `source`, the source text,
    is published as it is."""
    files: dict[str, str | bytes] = {
        DESCRIPTOR_PATH: to_json(descriptor(plan, source)),
        SOURCE_PATH: source,
    }
    for name, records in tables(plan).items():
        files[table_path(name, "csv")] = to_csv(records, PUBLISHED_TABLES[name])
        files[table_path(name, "json")] = to_json(records)
    for task in plan.tasks:
        targets = [target_record(target) for target in plan.targets_of(task)]
        # the task's reports, newest first
        reports = [report_record(report) for report in plan.reports_for(task)]
        files[task_data_path(task, "json")] = to_json(
            {**task_record(task), "targets": targets, "reports": reports}
        )
        files[task_data_path(task, "csv")] = to_csv([task_record(task)], PUBLISHED_TABLES["tasks"])
    return files
