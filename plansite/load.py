"""Read data/ into the model, refusing anything that is not exactly right.

Every refusal is a DataError naming the file, the line and the fix, so an editor who
broke the CSV in Excel or a text editor can repair it without reading code.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from .model import Category, Department, GlossaryTerm, Plan, Target, Task, Text
from .pinyin import bare_name, search_keys

NAME_SEPARATOR = "、"
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
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class DataError(Exception):
    """Bad data, located: str() is the one-line message ``file:line: what to fix``."""

    def __init__(self, path: Path, line: int, message: str):
        super().__init__(f"{_display(path)}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read_text(path: Path) -> str:
    """UTF-8 text, with or without a BOM, any line endings; anything else is refused."""
    if not path.is_file():
        raise DataError(path, 1, "file not found")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise DataError(
            path,
            line,
            f"not UTF-8 (byte 0x{raw[error.start]:02x}{_guess_encoding(raw)}); save the file "
            "as UTF-8 (in Excel: Save As > CSV UTF-8)",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _guess_encoding(raw: bytes) -> str:
    """Chinese Windows saves CSV as GBK (a subset of GB18030) unless told otherwise."""
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return ""
    return ", probably GBK/GB18030"


# libyaml's safe loader, where PyYAML was built with it: some 30 times faster, same result.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> dict:
    try:
        data = yaml.load(read_text(path), Loader=_YAML_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        # The context ("while parsing a flow sequence") often marks where the fix is:
        # the line that opened an unclosed bracket or quote.
        context = error.context_mark
        where = (
            f" {error.context} on line {context.line + 1}"
            if error.context and context and context.line + 1 != line
            else ""
        )
        raise DataError(
            path,
            line,
            f"YAML syntax error: {error.problem}{where}; check brackets, quotes and indentation",
        ) from None
    if not isinstance(data, dict):
        raise DataError(path, 1, "expected a YAML mapping at the top level")
    return data


def load_plan(data_dir: Path) -> Plan:
    plan_path = data_dir / "plan.yaml"
    meta = read_yaml(plan_path)
    departments = load_departments(data_dir / "departments.yaml")
    shared_by_all = _text(meta, "shared_by_all", plan_path)
    categories, tasks = load_tasks(data_dir / "tasks.csv", departments, shared_by_all)
    glossary_path = data_dir / "glossary.yaml"
    glossary = load_glossary(glossary_path) if glossary_path.exists() else ()
    targets_path = data_dir / "targets.yaml"
    targets = load_targets(targets_path, tasks) if targets_path.exists() else ()
    return Plan(
        title=_text(meta, "title", plan_path),
        note=_text(meta, "note", plan_path),
        categories=categories,
        tasks=tasks,
        departments=tuple(departments.values()),
        glossary=glossary,
        targets=targets,
    )


def _text(mapping: dict, key: str, path: Path) -> Text:
    value = mapping.get(key)
    if not (isinstance(value, dict) and value.get("zh") and value.get("en")):
        raise DataError(path, 1, f"'{key}' needs both 'zh' and 'en'")
    return Text(zh=str(value["zh"]), en=str(value["en"]))


# -- departments ------------------------------------------------------------------


def load_departments(path: Path) -> dict[str, Department]:
    """Departments by canonical Chinese name, in the file's order."""
    text = read_text(path)
    data = read_yaml(path)
    entries = data.get("departments")
    if not isinstance(entries, list) or not entries:
        raise DataError(path, 1, "expected a list under 'departments:'")
    lines = _entry_lines(text)
    departments: dict[str, Department] = {}
    slugs: set[str] = set()
    for index, entry in enumerate(entries):
        line = lines[index] if index < len(lines) else 1
        if not isinstance(entry, dict):
            raise DataError(path, line, "each department is a mapping with name_zh, name_en, slug")
        for key in ("name_zh", "name_en", "slug"):
            if not str(entry.get(key) or "").strip():
                raise DataError(path, line, f"department without '{key}'")
        name_zh, slug = str(entry["name_zh"]), str(entry["slug"])
        if name_zh in departments:
            raise DataError(path, line, f"{name_zh} is listed twice; keep one entry")
        if not SLUG_PATTERN.match(slug):
            raise DataError(path, line, f"slug '{slug}' must be lowercase ASCII letters and digits")
        if slug in slugs:
            raise DataError(path, line, f"slug '{slug}' is used twice; slugs must be unique")
        slugs.add(slug)
        short_zh = tuple(str(s) for s in entry.get("short_zh") or ())
        departments[name_zh] = Department(
            name=Text(zh=name_zh, en=str(entry["name_en"])),
            slug=slug,
            short_zh=short_zh,
            short_en=tuple(str(s) for s in entry.get("short_en") or ()),
            pinyin=search_keys(bare_name(name_zh), *short_zh),
        )
    return departments


def _entry_lines(text: str) -> list[int]:
    """Line numbers of the list items ("  - ") under the top-level key, for messages."""
    return [n for n, line in enumerate(text.splitlines(), 1) if re.match(r"^\s*- \w+:", line)]


# -- tasks ------------------------------------------------------------------------


def _records(path: Path, text: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(first line, row) for each data row, with the header checked."""
    if not text.strip():
        raise DataError(path, 1, "the file is empty; it needs a header row and one row per task")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    end = 0  # last line of the last record read; a malformed record starts after it
    try:
        header = [column.strip() for column in next(reader)]
        unknown = [column for column in header if column not in TASK_COLUMNS]
        missing = [column for column in TASK_COLUMNS if column not in header]
        if missing:
            near = difflib.get_close_matches(missing[0], unknown, n=1)
            hint = (
                f" (is '{near[0]}' a misspelling of it?)" if near else "; add it to the header row"
            )
            raise DataError(path, 1, f"missing column '{missing[0]}'{hint}")
        if unknown:
            raise DataError(
                path,
                1,
                f"unknown column '{unknown[0]}'; remove it (the site reads only "
                f"{', '.join(TASK_COLUMNS)})",
            )
        duplicated = {c for c in header if header.count(c) > 1 and c}
        if duplicated:
            raise DataError(path, 1, f"column '{sorted(duplicated)[0]}' appears twice")
        end = reader.line_num
        for fields in reader:
            start, end = end + 1, reader.line_num
            if not any(field.strip() for field in fields):
                continue
            if len(fields) > len(header):
                raise DataError(
                    path,
                    start,
                    f"{len(fields)} fields where the header has {len(header)}; "
                    "quote any text that contains a comma",
                )
            if len(fields) < len(header):
                raise DataError(
                    path,
                    start,
                    f"{len(fields)} fields where the header has {len(header)}; "
                    "check for a missing comma or an unbalanced quote",
                )
            if end > start and any("\n" in field for field in fields):
                raise DataError(
                    path,
                    start,
                    'a field runs over several lines; check for an unbalanced quote " ',
                )
            yield start, dict(zip(header, fields, strict=True))
    except csv.Error as error:
        raise DataError(
            path,
            end + 1,
            f'unbalanced quote " ({error}); a quoted field must end with " right before '
            'the comma, and a quote inside it is written ""',
        ) from None


def load_tasks(
    path: Path, departments: dict[str, Department], shared_by_all: Text
) -> tuple[tuple[Category, ...], tuple[Task, ...]]:
    text = read_text(path)
    categories: dict[int, tuple[Category, int]] = {}
    tasks: dict[int, tuple[Task, int]] = {}
    for line, row in _records(path, text):
        for column in TASK_COLUMNS:
            if not row[column].strip():
                raise DataError(path, line, f"empty '{column}'; every task needs one")
        task_id = _number(path, line, row, "id")
        if task_id in tasks:
            raise DataError(
                path,
                line,
                f"id {task_id} is already used on line {tasks[task_id][1]}; ids are unique",
            )
        category = _category(path, line, row, categories)
        lead = _departments(path, line, row, "lead_zh", departments)
        shared = row["participants_zh"].strip() == shared_by_all.zh
        participants = (
            () if shared else _departments(path, line, row, "participants_zh", departments)
        )
        both = [d.name.zh for d in lead if d in participants]
        if both:
            raise DataError(path, line, f"{both[0]} is both lead and participant; keep it in one")
        task = Task(
            id=task_id,
            category=category,
            title=Text(zh=row["title_zh"], en=row["title_en"]),
            content=Text(zh=row["content_zh"], en=row["content_en"]),
            lead=lead,
            participants=participants,
            shared_by_all=shared_by_all if shared else None,
        )
        tasks[task_id] = (task, line)
    if not tasks:
        raise DataError(path, 2, "no task rows under the header")
    ordered_categories = tuple(c for c, _ in sorted(categories.values(), key=lambda v: v[0].id))
    ordered_tasks = tuple(t for t, _ in sorted(tasks.values(), key=lambda v: v[0].id))
    return ordered_categories, ordered_tasks


def _number(path: Path, line: int, row: dict[str, str], column: str) -> int:
    value = row[column].strip()
    if not value.isdigit() or int(value) < 1:
        raise DataError(path, line, f"'{column}' is '{value}'; it must be a whole number from 1")
    return int(value)


def _category(
    path: Path, line: int, row: dict[str, str], seen: dict[int, tuple[Category, int]]
) -> Category:
    category = Category(
        id=_number(path, line, row, "category_id"),
        title=Text(zh=row["category_zh"].strip(), en=row["category_en"].strip()),
    )
    if category.id in seen:
        first, first_line = seen[category.id]
        if first.title != category.title:
            raise DataError(
                path,
                line,
                f"category {category.id} is named '{category.title.zh}' / '{category.title.en}' "
                f"but '{first.title.zh}' / '{first.title.en}' on line {first_line}; "
                "give one category one name",
            )
        return first
    seen[category.id] = (category, line)
    return category


def _departments(
    path: Path, line: int, row: dict[str, str], column: str, known: dict[str, Department]
) -> tuple[Department, ...]:
    cell = row[column].strip()
    for wrong, name in (("，", "a full-width comma ，"), (",", "a comma ,"), ("；", "；")):
        if wrong in cell:
            raise DataError(path, line, f"{column} separates names with {name}; use 、")
    for misplaced, where in ((cell.startswith, "starts"), (cell.endswith, "ends")):
        if misplaced(NAME_SEPARATOR):
            raise DataError(path, line, f"{column} {where} with 、; remove it")
    names = cell.split(NAME_SEPARATOR)
    found: list[Department] = []
    for name in names:
        if not name.strip():
            raise DataError(path, line, f"{column} has 、 twice in a row; remove one")
        if name != name.strip() or " " in name or "\u3000" in name:
            raise DataError(path, line, f"{column} has a space in '{name}'; separate names with 、")
        if name not in known:
            raise DataError(
                path, line, f"{column}: unknown department '{name}'{_suggest(name, known)}"
            )
        if known[name] in found:
            raise DataError(path, line, f"{column} names {name} twice")
        found.append(known[name])
    return tuple(found)


def _suggest(name: str, known: dict[str, Department]) -> str:
    """The closest canonical name, matching short names too (水利局 -> 市水利局)."""
    aliases = {alias: d.name.zh for d in known.values() for alias in d.short_zh}
    for candidate in ("市" + name, aliases.get(name)):
        if candidate in known:
            return f"; write the full name '{candidate}'"
    close = difflib.get_close_matches(name, [*known, *aliases], n=1, cutoff=0.5)
    if close:
        return f"; did you mean '{aliases.get(close[0], close[0])}'?"
    return "; add it to data/departments.yaml or correct the name"


# -- glossary ---------------------------------------------------------------------


def load_glossary(path: Path) -> tuple[GlossaryTerm, ...]:
    text = read_text(path)
    entries = read_yaml(path).get("terms") or []
    lines = _entry_lines(text)
    terms: list[GlossaryTerm] = []
    for index, entry in enumerate(entries):
        line = lines[index] if index < len(lines) else 1
        if not (isinstance(entry, dict) and entry.get("zh") and entry.get("en")):
            raise DataError(path, line, "each term needs 'zh' and 'en'")
        slug = str(entry.get("slug") or "")
        if not SLUG_PATTERN.match(slug):
            raise DataError(path, line, f"term '{entry['zh']}' needs an ASCII 'slug'")
        terms.append(
            GlossaryTerm(
                term=Text(zh=str(entry["zh"]), en=str(entry["en"])),
                slug=slug,
                forms=tuple(str(f) for f in entry.get("forms") or ()),
                note_en=str(entry.get("note_en") or ""),
                note_zh=str(entry.get("note_zh") or ""),
            )
        )
    return tuple(terms)


# -- targets ----------------------------------------------------------------------

YEAR_IN_TEXT = re.compile(r"(20\d\d)年")


def load_targets(path: Path, tasks: tuple[Task, ...]) -> tuple[Target, ...]:
    """Targets quoted from their tasks: each quote must be the task's own words."""
    text = read_text(path)
    entries = read_yaml(path).get("targets") or []
    if not isinstance(entries, list):
        raise DataError(path, 1, "expected a list under 'targets:'")
    lines = _entry_lines(text)
    by_id = {task.id: task for task in tasks}
    targets: list[Target] = []
    for index, entry in enumerate(entries):
        line = lines[index] if index < len(lines) else 1
        if not (isinstance(entry, dict) and entry.get("zh") and entry.get("en")):
            raise DataError(path, line, "each target needs 'task', 'year', 'zh' and 'en'")
        task = by_id.get(entry.get("task"))
        if task is None:
            raise DataError(path, line, f"'task: {entry.get('task')}' is no task id in tasks.csv")
        year = entry.get("year")
        if year is not None and not isinstance(year, int):
            raise DataError(path, line, f"'year: {year}' must be a year such as 2020, or null")
        quote = Text(zh=str(entry["zh"]), en=str(entry["en"]))
        for lang in ("zh", "en"):
            if quote[lang] not in task.content[lang]:
                raise DataError(
                    path,
                    line,
                    f"'{lang}' does not occur in task {task.id}'s content_{lang}; "
                    "copy the words exactly from tasks.csv",
                )
        years = {int(y) for y in YEAR_IN_TEXT.findall(quote.zh)}
        if years != ({year} if year is not None else set()):
            found = ", ".join(map(str, sorted(years))) or "no year"
            raise DataError(path, line, f"'year: {year}' but the quote names {found}")
        targets.append(Target(task=task, year=year, quote=quote))
    return tuple(targets)
