"""The plan as open data: CSV and JSON tables with a Frictionless Data Package descriptor.

The files are published once, at the root of the Chinese site (``data/``), because every
table already holds both languages: one address per dataset, whichever site links it.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from .load import TASK_COLUMNS, DataError, read_text, read_yaml
from .model import Plan, Target, Task

DATA_DIR = "data"
DESCRIPTOR_PATH = f"{DATA_DIR}/datapackage.json"
TABLES = ("tasks", "departments", "targets", "glossary")  # as tables() builds them
LIST_SEPARATOR_EN = "; "  # English names may hold commas, never semicolons
INTEGER_FIELDS = {"id", "category_id", "task_id", "year"}
PRIMARY_KEYS = {"tasks": ["id"], "departments": ["name_zh"], "glossary": ["slug"]}
FOREIGN_KEYS = {
    "targets": [{"fields": ["task_id"], "reference": {"resource": "tasks", "fields": ["id"]}}]
}


def table_path(name: str, fmt: str) -> str:
    return f"{DATA_DIR}/{name}.{fmt}"


def task_json_path(task: Task) -> str:
    return f"{DATA_DIR}/tasks/{task.id}.json"


# -- the tables, built from the model ------------------------------------------------


def task_record(task: Task) -> dict:
    """A task as the row of data/tasks.csv it was read from."""
    participants = task.shared_by_all.zh if task.shared_by_all else _names(task.participants)
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
    )
    return dict(zip(TASK_COLUMNS, values, strict=True))


def _names(departments) -> str:
    return "、".join(d.name.zh for d in departments)


def target_record(target: Target) -> dict:
    return {
        "task_id": target.task.id,
        "year": target.year,
        "zh": target.quote.zh,
        "en": target.quote.en,
    }


def tables(plan: Plan) -> dict[str, list[dict]]:
    return {
        "tasks": [task_record(task) for task in plan.tasks],
        "departments": [
            {
                "name_zh": d.name.zh,
                "name_en": d.name.en,
                "short_zh": "、".join(d.short_zh),
                "short_en": LIST_SEPARATOR_EN.join(d.short_en),
                "slug": d.slug,
            }
            for d in plan.departments
        ],
        "targets": [target_record(target) for target in plan.targets],
        "glossary": [
            {
                "zh": term.term.zh,
                "en": term.term.en,
                "slug": term.slug,
                "forms": LIST_SEPARATOR_EN.join(term.forms),
                "note_en": term.note_en,
                "note_zh": term.note_zh,
            }
            for term in plan.glossary
        ],
    }


def to_csv(records: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(records[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue()


def to_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


# -- the descriptor -------------------------------------------------------------------


def descriptor(plan: Plan, meta_path: Path) -> dict:
    """datapackage.json, its words from data/datapackage.yaml; every published field
    must be described there in both languages."""
    meta = read_yaml(meta_path)
    text = read_text(meta_path)
    described = meta.get("resources") or {}
    resources = []
    for name, records in tables(plan).items():
        about = described.get(name)
        if not isinstance(about, dict):
            raise DataError(meta_path, _line_of(text, "resources:"), f"describe resource '{name}'")
        fields = []
        for field in records[0]:
            words = (about.get("fields") or {}).get(field) or {}
            if not all(words.get(key) for key in ("zh", "en", "description")):
                raise DataError(
                    meta_path,
                    _line_of(text, f"  {name}:"),
                    f"field '{name}.{field}' needs 'zh', 'en' and 'description'",
                )
            fields.append(
                {
                    "name": field,
                    "type": "integer" if field in INTEGER_FIELDS else "string",
                    "title": f"{words['zh']} · {words['en']}",
                    "description": words["description"],
                }
            )
        schema: dict = {"fields": fields}
        if name in PRIMARY_KEYS:
            schema["primaryKey"] = PRIMARY_KEYS[name]
        if name in FOREIGN_KEYS:
            schema["foreignKeys"] = FOREIGN_KEYS[name]
        title = f"{about['title']['zh']} · {about['title']['en']}"
        resources += [
            {
                "name": name,
                "title": title,
                "description": about["description"],
                "path": f"{name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            },
            {
                "name": f"{name}-json",
                "title": f"{title} (JSON)",
                "description": f"The {name} table as a JSON array of objects, one per row, "
                "with the same fields.",
                "path": f"{name}.json",
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
            },
        ]
    licence, source = meta["licence"], meta["source"]
    return {
        "name": meta["name"],
        "title": f"{meta['title']['zh']} · {meta['title']['en']}",
        "description": meta["description"]
        + " Each task is also published on its own as tasks/<id>.json.",
        "sources": [{"title": source["title"], "description": source["note"]}],
        "licenses": [licence],
        "resources": resources,
    }


def _line_of(text: str, start: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith(start):
            return number
    return 1


# -- the published files --------------------------------------------------------------


def data_files(plan: Plan, meta_path: Path) -> dict[str, str]:
    """Site path -> content of every published data file."""
    files = {DESCRIPTOR_PATH: to_json(descriptor(plan, meta_path))}
    for name, records in tables(plan).items():
        files[table_path(name, "csv")] = to_csv(records)
        files[table_path(name, "json")] = to_json(records)
    for task in plan.tasks:
        targets = [target_record(target) for target in plan.targets_of(task)]
        files[task_json_path(task)] = to_json({**task_record(task), "targets": targets})
    return files
