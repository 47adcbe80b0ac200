"""The columns of the plan's tables: data/tasks.csv's, and those of every table published
as open data (plansite/opendata.py builds them, data/datapackage.yaml describes them)."""

from __future__ import annotations

TASK_COLUMNS = (
    "id",
    "category_id",
    "category_zh",
    "category_en",
    "title_zh",
    "title_en",
    "content_zh",
    "content_en",
    "lead_zh",
    "participants_zh",
)
# A department's progress report, one row each (data/progress/*.csv).
PROGRESS_COLUMNS = ("task_id", "department", "date", "status", "text_zh", "text_en", "evidence")
# Text in these columns may hold line breaks: each starts a paragraph (evidence: its URLs
# are separated by any blanks, line breaks included).
MULTILINE_COLUMNS = ("content_zh", "content_en", "text_zh", "text_en", "evidence")
# Department names separated by 、 (model.NAME_SEPARATOR).
NAME_LIST_COLUMNS = ("lead_zh", "participants_zh")

PUBLISHED_TABLES = {
    # the units in English too, so that a reader of the English site needs no lookup
    "tasks": (*TASK_COLUMNS, "lead_en", "participants_en"),
    "departments": ("name_zh", "name_en", "short_zh", "short_en", "slug"),
    "targets": ("task_id", "year", "zh", "en"),
    "glossary": ("zh", "en", "slug", "forms", "note_zh", "note_en"),
    "reports": (
        "task_id",
        "department_zh",
        "department_en",
        "date",
        "status",
        "status_zh",
        "status_en",
        "text_zh",
        "text_en",
        "evidence",
    ),
}
