"""Where everything lives in the built site: pages, PDF handouts, open data.

The one place that decides a path. Page paths are engine source paths ("tasks/1.md"),
served at their directory URL ("tasks/1/"); generated files ("pdf/…", "data/…") are
served where they are written. Each language's site sits below the whole site's root at
LANGUAGE_ROOTS[lang]; the open data is published once, at the root.
"""

from __future__ import annotations

import functools
import posixpath

from .columns import PUBLISHED_TABLES
from .model import LANGUAGES, Category, Department, Plan, Task

# Where each language's site sits below the whole site's root: the primary language at
# the root, the others in a folder named by the language.
LANGUAGE_ROOTS = {lang: "" if lang == LANGUAGES[0] else f"{lang}/" for lang in LANGUAGES}


def language_url(site_url: str, lang: str) -> str:
    """One language's public address: SITE_URL (the whole site's, the one meaning
    site_url has throughout) and the language's root; "" without SITE_URL."""
    return site_url and site_url + LANGUAGE_ROOTS[lang]


HOME_PATH = "index.md"
DEPARTMENT_INDEX_PATH = "departments/index.md"
TASK_INDEX_PATH = "tasks/index.md"  # every task, by category
CATEGORY_INDEX_PATH = "categories/index.md"
MATRIX_PATH = "matrix.md"
TARGETS_PATH = "targets.md"
GLOSSARY_PATH = "glossary.md"
ABOUT_PATH = "about.md"
# The progress reports' Atom feed, at each language's root (plansite/feed.py).
FEED_PATH = "feed.xml"
# The heading of a task page's progress reports, which the feed's entries link to.
PROGRESS_ANCHOR = "progress"

DATA_DIR = "data"
DESCRIPTOR_PATH = f"{DATA_DIR}/datapackage.json"
DATA_TABLES = tuple(PUBLISHED_TABLES)  # each as CSV and as JSON
# The source text the data was read from, published byte for byte beside the tables.
SOURCE_PATH = f"{DATA_DIR}/source.txt"


def task_path(task: Task) -> str:
    return f"tasks/{task.id}.md"


def category_path(category: Category) -> str:
    return f"categories/{category.id}/index.md"


def department_path(department: Department) -> str:
    return f"departments/{department.slug}.md"


def department_pdf_path(plan: Plan, department: Department, lang: str) -> str:
    """The department's printable handout (plansite/pdf.py renders it)."""
    return f"pdf/{plan.file_prefix}-{department.slug}.{lang}.pdf"


def plan_pdf_path(plan: Plan, lang: str) -> str:
    """The whole plan's printable handout."""
    return f"pdf/{plan.file_prefix}-plan.{lang}.pdf"


def table_path(name: str, fmt: str) -> str:
    """An open-data table: data/tasks.csv, data/departments.json …"""
    return f"{DATA_DIR}/{name}.{fmt}"


def task_data_path(task: Task, fmt: str) -> str:
    """One task's row of the tasks table, as JSON or CSV: data/tasks/7.json."""
    return f"{DATA_DIR}/tasks/{task.id}.{fmt}"


def department_form_path(department: Department) -> str:
    """The department's progress report form (plansite/forms.py renders it), published
    once beside the open data: the same form serves both languages' pages."""
    return f"{DATA_DIR}/forms/{department.slug}.xlsx"


def page_url(path: str) -> str:
    """The directory URL a page's source path is served at: tasks/1.md -> tasks/1/."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


# Cached: a page links the same pages many times (a department in each row of a table).
@functools.cache
def relative_url(target: str, page: str) -> str:
    """The URL of page source path `target` relative to page `page`, for raw HTML that
    the engine leaves alone: "../tasks/1/" or "./"."""
    relative = posixpath.relpath("/" + page_url(target), "/" + page_url(page))
    return "./" if relative == "." else relative + "/"


@functools.cache
def relative_link(target: str, page: str) -> str:
    """A Markdown link from page `page` to source path `target` ("../tasks/1.md"): the
    engine checks that the target exists and rewrites it to its URL."""
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


@functools.cache
def root_file_url(target: str, page: str, lang: str) -> str:
    """The URL of a file published once at the whole site's root (data/…), relative to
    page `page` of language `lang`."""
    here = "/" + LANGUAGE_ROOTS[lang] + page_url(page)
    return posixpath.relpath("/" + target, here)
