"""Read every file of data/ into the model, refusing anything that is not exactly right.

Every refusal is a DataError naming the file, the line and the fix (plansite/datafiles.py
reads the files and holds the rule for invisible and control characters). Nothing
downstream reads data/: what a file holds is in the model.
"""

from __future__ import annotations

import csv
import datetime
import difflib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from .columns import (
    MULTILINE_COLUMNS,
    NAME_LIST_COLUMNS,
    PROGRESS_COLUMNS,
    PUBLISHED_TABLES,
    TASK_COLUMNS,
)
from .datafiles import (
    DataError,
    YamlList,
    YamlMapping,
    clean_text,
    only_keys,
    read_text,
    read_yaml,
    strip_blanks,
)
from .model import (
    NAME_SEPARATOR,
    Category,
    Department,
    FieldDescription,
    GlossaryTerm,
    Licence,
    PackageDescription,
    Plan,
    Report,
    ResourceDescription,
    SiteOwner,
    Status,
    Synonym,
    TableDescription,
    Target,
    Task,
    Text,
)
from .pinyin import Readings, bare_name
from .search.vocabulary import HAN_WORD

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
STATUS_ID_PATTERN = re.compile(r"^[a-z]+(_[a-z]+)*$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# The folder of data/ that holds the departments' progress reports, one CSV a year.
PROGRESS_DIR = "progress"


def load_plan(data_dir: Path, pinyin_memo: Path | None = None) -> Plan:
    """The plan in data/, checked. `pinyin_memo`: a file that remembers the names'
    pinyin between builds (pinyin.Readings)."""
    plan_path = data_dir / "plan.yaml"
    meta = read_yaml(plan_path)
    only_keys(
        plan_path,
        meta,
        (
            "name",
            "description",
            "title",
            "note",
            "shared_by_all",
            "file_prefix",
            "department_prefix",
            "current_to",
        ),
        "plan.yaml",
    )
    department_prefix = _string(plan_path, meta, "department_prefix")
    current_to = _date(plan_path, meta.line_of("current_to"), "current_to", meta.get("current_to"))
    readings = Readings(pinyin_memo)
    departments = load_departments(data_dir / "departments.yaml", department_prefix, readings)
    readings.save()
    shared_by_all = _text(plan_path, meta, "shared_by_all")
    categories, tasks = load_tasks(
        data_dir / "tasks.csv", departments, shared_by_all, department_prefix
    )
    remarks_path = data_dir / "remarks.yaml"
    if remarks_path.exists():
        tasks = load_remarks(remarks_path, tasks)
    glossary_path = data_dir / "glossary.yaml"
    targets_path = data_dir / "targets.yaml"
    search_path = data_dir / "search.yaml"
    site_path = data_dir / "site.yaml"
    synonyms_path = data_dir / "synonyms.yaml"
    statuses = load_statuses(data_dir / "statuses.yaml")
    reports = load_reports(
        data_dir / PROGRESS_DIR, tasks, departments, statuses, current_to, department_prefix
    )
    return Plan(
        name=_text(plan_path, meta, "name"),
        description=_text(plan_path, meta, "description"),
        title=_text(plan_path, meta, "title"),
        note=_text(plan_path, meta, "note"),
        categories=categories,
        tasks=tasks,
        departments=tuple(departments.values()),
        package=load_package(data_dir / "datapackage.yaml"),
        file_prefix=_slug(plan_path, meta, "file_prefix"),
        department_prefix=department_prefix,
        current_to=current_to,
        statuses=statuses,
        reports=reports,
        glossary=load_glossary(glossary_path) if glossary_path.exists() else (),
        targets=load_targets(targets_path, tasks) if targets_path.exists() else (),
        search_words=load_search_words(search_path) if search_path.exists() else (),
        site=load_site(site_path) if site_path.exists() else SiteOwner(),
        synonyms=load_synonyms(synonyms_path, tasks) if synonyms_path.exists() else (),
    )


# -- typed values from YAML, each refusal at the line of the entry at fault ---------------


def _mapping(path: Path, value: object, line: int, what: str) -> YamlMapping:
    if not isinstance(value, YamlMapping):
        raise DataError(path, line, f"{what} must be a mapping of key: value lines")
    return value


def _list(path: Path, mapping: YamlMapping, key: str) -> YamlList:
    """The list under ``key``; an absent or empty key is an empty list."""
    value = mapping.get(key)
    if value is None:
        return YamlList()
    if not isinstance(value, YamlList):
        raise DataError(path, mapping.line_of(key), f"'{key}' is a list: [a, b] or '- ' lines")
    return value


def _string(path: Path, mapping: YamlMapping, key: str) -> str:
    """Required text of one line; numbers are taken as written (slug: 2020)."""
    value = mapping.get(key)
    line = mapping.line_of(key)
    if value is None or value == "":
        raise DataError(path, line, f"'{key}' is missing or empty")
    return _as_text(path, line, key, value)


def _optional_string(path: Path, mapping: YamlMapping, key: str) -> str:
    return "" if mapping.get(key) in (None, "") else _string(path, mapping, key)


def _as_text(path: Path, line: int, key: str, value: object) -> str:
    if isinstance(value, (YamlList, YamlMapping)):
        raise DataError(path, line, f"'{key}' must be text, not a list or a mapping")
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise DataError(
            path,
            line,
            f"'{key}' must be text; put the value in quotes (YAML reads yes, no, on, off "
            "and dates as something else)",
        )
    return clean_text(path, line, key, str(value), multiline=False)


def _strings(path: Path, mapping: YamlMapping, key: str) -> tuple[str, ...]:
    items = _list(path, mapping, key)
    return tuple(_as_text(path, n, key, v) for v, n in zip(items, items.item_lines, strict=True))


def _text(path: Path, mapping: YamlMapping, key: str) -> Text:
    """A {zh: …, en: …} pair, both required."""
    pair = _mapping(path, mapping.get(key), mapping.line_of(key), f"'{key}' (zh: and en:)")
    only_keys(path, pair, ("zh", "en"), f"'{key}'")
    missing = [lang for lang in ("zh", "en") if pair.get(lang) in (None, "")]
    if missing:
        raise DataError(
            path,
            pair.line_of(missing[0]),
            f"'{key}' needs both 'zh' and 'en'; '{missing[0]}' is missing",
        )
    return Text(
        zh=_string(path, pair, "zh"),
        en=_string(path, pair, "en"),
    )


def _slug(path: Path, mapping: YamlMapping, key: str) -> str:
    slug = _string(path, mapping, key)
    if not SLUG_PATTERN.match(slug):
        raise DataError(
            path,
            mapping.line_of(key),
            f"{key} '{slug}' must be lowercase ASCII letters and digits, joined by -",
        )
    return slug


def _entries(path: Path, key: str, what: str) -> Iterator[YamlMapping]:
    """Each entry of the file's one list, checked to be a mapping."""
    data = read_yaml(path)
    only_keys(path, data, (key,), path.name)
    items = _list(path, data, key)
    for item, line in zip(items, items.item_lines, strict=True):
        yield _mapping(path, item, line, f"each {what}")


# -- departments --------------------------------------------------------------------------


def load_departments(path: Path, prefix: str, readings: Readings) -> dict[str, Department]:
    """Departments by canonical Chinese name, in the file's order."""
    data = read_yaml(path)
    # slug_overrides: the slugs deliberately not pypinyin's proposal (tests/test_data.py)
    only_keys(path, data, ("departments", "slug_overrides"), path.name)
    entries = _list(path, data, "departments")
    if not entries:
        raise DataError(path, data.line_of("departments"), "expected a list under 'departments:'")
    departments: dict[str, Department] = {}
    name_lines: dict[str, int] = {}
    slug_lines: dict[str, int] = {}
    keys = ("name_zh", "name_en", "short_zh", "short_en", "slug")
    for item, line in zip(entries, entries.item_lines, strict=True):
        entry = _mapping(path, item, line, "each department")
        only_keys(path, entry, keys, "a department")
        name_zh = _string(path, entry, "name_zh")
        slug = _slug(path, entry, "slug")
        if NAME_SEPARATOR in name_zh:
            raise DataError(
                path, entry.line_of("name_zh"), f"{name_zh}: a name cannot hold 、 (it separates)"
            )
        if name_zh in name_lines:
            raise DataError(
                path, line, f"{name_zh} is already listed on line {name_lines[name_zh]}; keep one"
            )
        if slug in slug_lines:
            raise DataError(
                path,
                line,
                f"slug '{slug}' is already used on line {slug_lines[slug]}; slugs are unique",
            )
        name_lines[name_zh], slug_lines[slug] = line, line
        short_zh = _strings(path, entry, "short_zh")
        departments[name_zh] = Department(
            name=Text(zh=name_zh, en=_string(path, entry, "name_en")),
            slug=slug,
            short_zh=short_zh,
            short_en=_strings(path, entry, "short_en"),
            pinyin=readings.search_keys(bare_name(name_zh, prefix), *short_zh),
        )
    return departments


# -- CSV tables ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _CsvTable:
    columns: tuple[str, ...]
    row: str  # what one row is, for messages: "task"
    # A line inside a quoted multi-line cell that starts like a row of the table: the
    # quote was never closed and the cell swallowed the rows after it.
    row_start: re.Pattern[str]


_TASKS = _CsvTable(TASK_COLUMNS, "task", re.compile(r"\n\s*\d+,\d+,"))  # "12,3,"
_REPORTS = _CsvTable(PROGRESS_COLUMNS, "report", re.compile(r"\n\s*\d+,[^,\n]*,\d{4}-"))


def _records(path: Path, text: str, table: _CsvTable) -> Iterator[tuple[int, dict[str, str]]]:
    """(first line, row) for each data row, with the header checked and every cell
    cleaned by the rule of clean_text."""
    if not text.strip():
        raise DataError(
            path, 1, f"the file is empty; it needs a header row and one row per {table.row}"
        )
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    end = 0  # last line of the last record read; a malformed record starts after it
    try:
        header = [clean_text(path, 1, "the header", c, multiline=False) for c in next(reader)]
        _check_header(path, header, table.columns)
        end = reader.line_num
        for fields in reader:
            start, end = end + 1, reader.line_num
            if not any(strip_blanks(field) for field in fields):
                continue
            if len(fields) != len(header):
                hint = (
                    "quote any text that contains a comma"
                    if len(fields) > len(header)
                    else "check for a missing comma or an unbalanced quote"
                )
                raise DataError(
                    path, start, f"{len(fields)} fields where the header has {len(header)}; {hint}"
                )
            row, line = {}, start
            for column, field in zip(header, fields, strict=True):
                multiline = column in MULTILINE_COLUMNS
                runaway = table.row_start.search(field) if multiline else None
                if runaway:
                    raise DataError(
                        path,
                        start,
                        f'unbalanced quote " in {column}: the cell runs on into line '
                        f"{line + field.count(chr(10), 0, runaway.start()) + 1}, which starts "
                        'like a row of its own; end the quoted text with "',
                    )
                if column in NAME_LIST_COLUMNS:  # blanks around each name go too
                    field = NAME_SEPARATOR.join(map(strip_blanks, field.split(NAME_SEPARATOR)))
                row[column] = clean_text(path, line, column, field, multiline=multiline)
                line += field.count("\n")
            yield start, row
    except csv.Error as error:
        raise DataError(
            path,
            end + 1,
            f'unbalanced quote " ({error}); a quoted field must end with " right before '
            'the comma, and a quote inside it is written ""',
        ) from None


def _check_header(path: Path, header: list[str], columns: tuple[str, ...]) -> None:
    unknown = [column for column in header if column not in columns]
    missing = [column for column in columns if column not in header]
    if missing:
        near = difflib.get_close_matches(missing[0], unknown, n=1)
        hint = f" (is '{near[0]}' a misspelling of it?)" if near else "; add it to the header row"
        raise DataError(path, 1, f"missing column '{missing[0]}'{hint}")
    if unknown:
        raise DataError(
            path,
            1,
            f"unknown column '{unknown[0]}'; remove it (the site reads only {', '.join(columns)})",
        )
    duplicated = {c for c in header if header.count(c) > 1 and c}
    if duplicated:
        raise DataError(path, 1, f"column '{sorted(duplicated)[0]}' appears twice")


# -- tasks --------------------------------------------------------------------------------


def load_tasks(
    path: Path, departments: dict[str, Department], shared_by_all: Text, prefix: str
) -> tuple[tuple[Category, ...], tuple[Task, ...]]:
    text = read_text(path)
    categories: dict[int, tuple[Category, int]] = {}
    tasks: dict[int, tuple[Task, int]] = {}
    for line, row in _records(path, text, _TASKS):
        for column in TASK_COLUMNS:
            if not row[column]:
                raise DataError(path, line, f"empty '{column}'; every task needs one")
        task_id = _number(path, line, row, "id")
        if task_id in tasks:
            raise DataError(
                path,
                line,
                f"id {task_id} is already used on line {tasks[task_id][1]}; ids are unique",
            )
        category = _category(path, line, row, categories)
        names = _Names(path, line, departments, prefix)
        lead = names.read(row, "lead_zh")
        shared = row["participants_zh"] == shared_by_all.zh
        participants = () if shared else names.read(row, "participants_zh")
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
    value = row[column]
    if not (value.isascii() and value.isdigit()) or int(value) < 1:
        raise DataError(path, line, f"'{column}' is '{value}'; it must be a whole number from 1")
    return int(value)


def _category(
    path: Path, line: int, row: dict[str, str], seen: dict[int, tuple[Category, int]]
) -> Category:
    category = Category(
        id=_number(path, line, row, "category_id"),
        title=Text(zh=row["category_zh"], en=row["category_en"]),
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


class _Names:
    """Reads a cell of department names separated by 、."""

    def __init__(self, path: Path, line: int, known: dict[str, Department], prefix: str):
        self.path, self.line, self.known, self.prefix = path, line, known, prefix

    def read(self, row: dict[str, str], column: str) -> tuple[Department, ...]:
        cell = row[column]
        for wrong, name in (("，", "a full-width comma ，"), (",", "a comma ,"), ("；", "；")):
            if wrong in cell:
                self._refuse(f"{column} separates names with {name}; use 、")
        for misplaced, where in ((cell.startswith, "starts"), (cell.endswith, "ends")):
            if misplaced(NAME_SEPARATOR):
                self._refuse(f"{column} {where} with 、; remove it")
        found: list[Department] = []
        for name in cell.split(NAME_SEPARATOR):
            if not name:
                self._refuse(f"{column} has 、 twice in a row; remove one")
            if " " in name:
                self._refuse(f"{column} has a space in '{name}'; separate names with 、")
            if name not in self.known:
                self._refuse(f"{column}: unknown department '{name}'{self._suggest(name)}")
            if self.known[name] in found:
                self._refuse(f"{column} names {name} twice")
            found.append(self.known[name])
        return tuple(found)

    def _refuse(self, message: str):
        raise DataError(self.path, self.line, message)

    def _suggest(self, name: str) -> str:
        """The closest canonical name, matching short names too (水利局 -> 市水利局)."""
        known = self.known
        aliases = {alias: d.name.zh for d in known.values() for alias in d.short_zh}
        for candidate in (self.prefix + name, aliases.get(name)):
            if candidate in known:
                return f"; write the full name '{candidate}'"
        close = difflib.get_close_matches(name, [*known, *aliases], n=1, cutoff=0.5)
        if close:
            return f"; did you mean '{aliases.get(close[0], close[0])}'?"
        return "; add it to data/departments.yaml or correct the name"


# -- remarks on the source ---------------------------------------------------------------


def load_remarks(path: Path, tasks: tuple[Task, ...]) -> tuple[Task, ...]:
    """The tasks, each with the site's remark on its source text, if any (one a task)."""
    remarks: dict[int, tuple[Text, int]] = {}
    ids = {task.id for task in tasks}
    for entry in _entries(path, "remarks", "remark"):
        only_keys(path, entry, ("task", "zh", "en"), "a remark")
        task_id = entry.get("task")
        if type(task_id) is not int or task_id not in ids:
            raise DataError(
                path, entry.line_of("task"), f"'task: {task_id}' is no task id in tasks.csv"
            )
        if task_id in remarks:
            raise DataError(
                path,
                entry.line,
                f"task {task_id} already has a remark on line {remarks[task_id][1]}; "
                "write one remark a task",
            )
        text = Text(zh=_string(path, entry, "zh"), en=_string(path, entry, "en"))
        remarks[task_id] = (text, entry.line)
    return tuple(
        replace(task, remark=remarks[task.id][0]) if task.id in remarks else task for task in tasks
    )


# -- glossary -----------------------------------------------------------------------------


def load_glossary(path: Path) -> tuple[GlossaryTerm, ...]:
    """Each term once, with one rendering: a term twice (even an exact copy) is refused,
    as is an English rendering or anchor (slug) that two terms share."""
    terms: list[GlossaryTerm] = []
    seen: dict[str, tuple[GlossaryTerm, YamlMapping]] = {}  # by zh, en and slug
    keys = ("zh", "en", "slug", "forms", "note_zh", "note_en")
    for entry in _entries(path, "terms", "term"):
        only_keys(path, entry, keys, "a term")
        term = GlossaryTerm(
            term=Text(zh=_string(path, entry, "zh"), en=_string(path, entry, "en")),
            slug=_slug(path, entry, "slug"),
            forms=_strings(path, entry, "forms"),
            note=Text(
                zh=_optional_string(path, entry, "note_zh"),
                en=_optional_string(path, entry, "note_en"),
            ),
        )
        _refuse_twice(path, entry, term, seen)
        for key in (f"zh:{term.term.zh}", f"en:{term.term.en}", f"slug:{term.slug}"):
            seen[key] = (term, entry)
        terms.append(term)
    return tuple(terms)


def _refuse_twice(
    path: Path,
    entry: YamlMapping,
    term: GlossaryTerm,
    seen: dict[str, tuple[GlossaryTerm, YamlMapping]],
) -> None:
    zh, en = term.term.zh, term.term.en
    if f"zh:{zh}" in seen:
        first, first_entry = seen[f"zh:{zh}"]
        if first == term:
            problem = f"term '{zh}' is an exact copy of the entry on line {first_entry.line}"
            fix = "remove one"
        elif first.term.en != en:
            problem = (
                f"term '{zh}' is rendered '{en}' here but '{first.term.en}' on line "
                f"{first_entry.line}"
            )
            fix = "a term has one rendering: keep one entry"
        else:
            problem = f"term '{zh}' is already on line {first_entry.line}"
            fix = "keep one entry"
        raise DataError(path, entry.line, f"{problem}; {fix}")
    if f"en:{en}" in seen:
        first, first_entry = seen[f"en:{en}"]
        raise DataError(
            path,
            entry.line_of("en"),
            f"'{en}' already renders '{first.term.zh}' on line {first_entry.line_of('en')}; "
            "give each term its own rendering",
        )
    if f"slug:{term.slug}" in seen:
        first, first_entry = seen[f"slug:{term.slug}"]
        raise DataError(
            path,
            entry.line_of("slug"),
            f"slug '{term.slug}' is already used on line {first_entry.line_of('slug')}; "
            "slugs are unique",
        )


# -- targets ------------------------------------------------------------------------------

YEAR_IN_TEXT = re.compile(r"(20\d\d)年")


def load_targets(path: Path, tasks: tuple[Task, ...]) -> tuple[Target, ...]:
    """Targets quoted from their tasks: each quote must be the task's own words."""
    by_id = {task.id: task for task in tasks}
    targets: list[Target] = []
    for entry in _entries(path, "targets", "target"):
        only_keys(path, entry, ("task", "year", "zh", "en"), "a target")
        task_id = entry.get("task")
        task = by_id.get(task_id) if type(task_id) is int else None  # not True, not 6.0
        if task is None:
            raise DataError(
                path, entry.line_of("task"), f"'task: {task_id}' is no task id in tasks.csv"
            )
        year = entry.get("year")
        if year is not None and type(year) is not int:
            raise DataError(
                path, entry.line_of("year"), f"'year: {year}' must be a year such as 2020, or null"
            )
        quote = Text(zh=_string(path, entry, "zh"), en=_string(path, entry, "en"))
        for lang in ("zh", "en"):
            if quote[lang] not in task.content[lang]:
                raise DataError(
                    path,
                    entry.line_of(lang),
                    f"'{lang}' does not occur in task {task.id}'s content_{lang}; "
                    "copy the words exactly from tasks.csv",
                )
        years = {int(y) for y in YEAR_IN_TEXT.findall(quote.zh)}
        if years != ({year} if year is not None else set()):
            found = ", ".join(map(str, sorted(years))) or "no year"
            raise DataError(
                path, entry.line_of("year"), f"'year: {year}' but the quote names {found}"
            )
        targets.append(Target(task=task, year=year, quote=quote))
    return tuple(targets)


# -- progress: statuses, the date the data is current to, the departments' reports -------


def _date(path: Path, line: int, key: str, value: object) -> datetime.date:
    """An ISO date (YYYY-MM-DD), as YAML reads it unquoted or as text."""
    if value is None or value == "":
        raise DataError(path, line, f"{key}: missing or empty; write a date such as 2026-12-06")
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    text = str(value)
    if ISO_DATE.match(text):
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            raise DataError(
                path, line, f"{key}: {text} is no day of the calendar; correct the date"
            ) from None
    raise DataError(
        path,
        line,
        f"{key}: '{text}' is not a date written YYYY-MM-DD (such as 2026-12-06); in Excel, "
        "format the column as Text before typing dates",
    )


def load_statuses(path: Path) -> tuple[Status, ...]:
    """The statuses a report may give, most advanced first."""
    statuses: list[Status] = []
    seen: dict[str, int] = {}  # id, zh and en names -> line
    keys = ("id", "zh", "en", "meaning_zh", "meaning_en")
    for entry in _entries(path, "statuses", "status"):
        only_keys(path, entry, keys, "a status")
        status_id = _string(path, entry, "id")
        if not STATUS_ID_PATTERN.match(status_id):
            raise DataError(
                path,
                entry.line_of("id"),
                f"id '{status_id}' must be lowercase ASCII letters, words joined by _ (on_track)",
            )
        status = Status(
            id=status_id,
            name=Text(zh=_string(path, entry, "zh"), en=_string(path, entry, "en")),
            meaning=Text(
                zh=_string(path, entry, "meaning_zh"), en=_string(path, entry, "meaning_en")
            ),
        )
        for key, value in (("id", status.id), ("zh", status.name.zh), ("en", status.name.en)):
            if (key, value) in seen:
                raise DataError(
                    path,
                    entry.line_of(key),
                    f"{key} '{value}' is already used on line {seen[key, value]}; "
                    "each status has its own",
                )
            seen[key, value] = entry.line_of(key)
        statuses.append(status)
    if not statuses:
        raise DataError(path, 1, "expected a list of statuses under 'statuses:'")
    return tuple(statuses)


# A spreadsheet takes a cell that starts with one of these for a formula: a published CSV
# opened in Excel would run it.
FORMULA_START = ("=", "+", "-", "@")


def load_reports(
    folder: Path,
    tasks: tuple[Task, ...],
    departments: dict[str, Department],
    statuses: tuple[Status, ...],
    current_to: datetime.date,
    prefix: str,
) -> tuple[Report, ...]:
    """Every report in the folder's CSV files, files in name order, rows in file order.
    No folder, or none but the header rows: no report."""
    reader = _ReportReader(tasks, departments, statuses, current_to, prefix)
    files = sorted(folder.glob("*.csv")) if folder.is_dir() else []
    return tuple(report for path in files for report in reader.read(path))


class _ReportReader:
    """Reads report files, remembering each report across them: a department reports
    once for one task and one date."""

    def __init__(
        self,
        tasks: tuple[Task, ...],
        departments: dict[str, Department],
        statuses: tuple[Status, ...],
        current_to: datetime.date,
        prefix: str,
    ):
        self.tasks = {task.id: task for task in tasks}
        self.departments, self.prefix = departments, prefix
        self.statuses = {status.id: status for status in statuses}
        self.current_to = current_to
        self.seen: dict[tuple[int, str, datetime.date], str] = {}  # -> "file:line"

    def read(self, path: Path) -> Iterator[Report]:
        for line, row in _records(path, read_text(path), _REPORTS):
            yield self._report(path, line, row)

    def _report(self, path: Path, line: int, row: dict[str, str]) -> Report:
        def refuse(column: str, message: str) -> DataError:
            return DataError(path, line, f"{column}: {message}")

        for column in ("task_id", "department", "date", "status", "text_zh"):
            if not row[column]:
                raise refuse(column, "empty; every report needs one")
        task = self._task(path, line, row)
        department = self._department(path, line, row, task)
        date = _date(path, line, "date", row["date"])
        if date > self.current_to:
            raise refuse(
                "date",
                f"{date} is after current_to {self.current_to} (data/plan.yaml); correct the "
                "date, or move current_to on when the data is brought up to date",
            )
        key = (task.id, department.name.zh, date)
        if key in self.seen:
            raise refuse(
                "department",
                f"{department.name.zh} already reports on task {task.id} for {date} at "
                f"{self.seen[key]}; keep one report per department, task and date",
            )
        self.seen[key] = f"{path.name}:{line}"
        for column in ("text_zh", "text_en"):
            if row[column].startswith(FORMULA_START):
                raise refuse(
                    column,
                    f"starts with '{row[column][0]}', which a spreadsheet opening the "
                    "published table would take for a formula; begin with the words",
                )
        return Report(
            task=task,
            department=department,
            date=date,
            status=self._status(path, line, row),
            text_zh=row["text_zh"],
            text_en=row["text_en"] or None,
            evidence=self._evidence(path, line, row),
        )

    def _task(self, path: Path, line: int, row: dict[str, str]) -> Task:
        value = row["task_id"]
        task_id = int(value) if value.isascii() and value.isdigit() else 0
        if task_id not in self.tasks:
            raise DataError(
                path,
                line,
                f"task_id: there is no task '{value}' in data/tasks.csv (tasks are numbered "
                f"{min(self.tasks)} to {max(self.tasks)})",
            )
        return self.tasks[task_id]

    def _department(self, path: Path, line: int, row: dict[str, str], task: Task) -> Department:
        found = _Names(path, line, self.departments, self.prefix).read(row, "department")
        if len(found) > 1:
            raise DataError(
                path, line, "department: one department a row; write one row per department"
            )
        department = found[0]
        if not task.shared_by_all and department not in (*task.lead, *task.participants):
            names = NAME_SEPARATOR.join(d.name.zh for d in (*task.lead, *task.participants))
            raise DataError(
                path,
                line,
                f"department: {department.name.zh} has no part in task {task.id} "
                f"(its units: {names}); check the task_id and the department",
            )
        return department

    def _status(self, path: Path, line: int, row: dict[str, str]) -> Status:
        value = row["status"]
        if value in self.statuses:
            return self.statuses[value]
        named = [
            s.id
            for s in self.statuses.values()
            if value.casefold() in (s.name.zh, s.name.en.casefold())
        ]
        close = named or difflib.get_close_matches(value, list(self.statuses), n=1)
        hint = f"write '{close[0]}'; " if close else ""
        raise DataError(
            path,
            line,
            f"status: '{value}' is not a status id; {hint}the statuses are "
            f"{', '.join(self.statuses)} (data/statuses.yaml)",
        )

    def _evidence(self, path: Path, line: int, row: dict[str, str]) -> tuple[str, ...]:
        links = tuple(row["evidence"].split())
        for link in links:
            parts = urlsplit(link)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise DataError(
                    path,
                    line,
                    f"evidence: '{link}' is not a web address starting http:// or https://; "
                    "separate two addresses with a space",
                )
        return links


# -- search words -------------------------------------------------------------------------


def load_search_words(path: Path) -> tuple[str, ...]:
    data = read_yaml(path)
    only_keys(path, data, ("words_zh",), path.name)
    items = _list(path, data, "words_zh")
    words: dict[str, int] = {}
    for item, line in zip(items, items.item_lines, strict=True):
        word = _as_text(path, line, "words_zh", item)
        if not HAN_WORD.match(word):
            raise DataError(path, line, f"'{word}' is not a word of Chinese characters only")
        if word in words:
            raise DataError(path, line, f"'{word}' is already listed on line {words[word]}")
        words[word] = line
    return tuple(words)


# -- who runs the site ----------------------------------------------------------------------

SITE_CODE = re.compile(r"^[A-Za-z0-9]{10}$")
ICP_RECORD = re.compile(r"^[\u4e00-\u9fff]ICP备\d{6,10}号(-\d{1,3})?$")
POLICE_RECORD = re.compile(r"^[\u4e00-\u9fff]公网安备 ?\d{14}号$")
SITE_RECORDS = {
    "site_code": (SITE_CODE, "ten letters and digits, such as 3202000001"),
    "icp": (ICP_RECORD, "the record as it reads, such as 苏ICP备12345678号-1"),
    "police": (POLICE_RECORD, "the record as it reads, such as 苏公网安备32020002000001号"),
}


def load_site(path: Path) -> SiteOwner:
    """data/site.yaml: every value may be empty; a name needs both languages, a record
    number its official form."""
    data = read_yaml(path)
    names = ("sponsor", "organizer", "contact")
    only_keys(path, data, (*names, *SITE_RECORDS), path.name)
    values: dict[str, object] = {}
    for key in names:
        if data.get(key) is None:
            continue
        pair = _mapping(path, data[key], data.line_of(key), f"'{key}' (zh: and en:)")
        if any(pair.get(lang) not in (None, "") for lang in ("zh", "en")):
            values[key] = _text(path, data, key)
        else:
            only_keys(path, pair, ("zh", "en"), f"'{key}'")
    for key, (pattern, form) in SITE_RECORDS.items():
        value = _optional_string(path, data, key)
        if value and not pattern.match(value):
            raise DataError(path, data.line_of(key), f"{key} '{value}' must be {form}")
        values[key] = value
    return SiteOwner(**values)


def load_synonyms(path: Path, tasks: tuple[Task, ...]) -> tuple[Synonym, ...]:
    """Everyday words for the plan's terms: each term as some task writes it (search finds
    the pages that write it), each word once in its language."""
    synonyms: list[Synonym] = []
    seen: dict[tuple[str, str], int] = {}  # (language, word) -> line
    for entry in _entries(path, "synonyms", "synonym"):
        only_keys(path, entry, ("term", "words"), "a synonym")
        term = _text(path, entry, "term")
        words_line = entry.line_of("words")
        words = _mapping(path, entry.get("words"), words_line, "'words' (zh: [...] and en: [...])")
        only_keys(path, words, ("zh", "en"), "'words'")
        by_lang = {lang: _strings(path, words, lang) for lang in ("zh", "en")}
        for lang in ("zh", "en"):
            written = [t for t in tasks if term[lang].lower() in _task_text(t, lang).lower()]
            if not written:
                raise DataError(
                    path,
                    entry.get("term").line_of(lang),
                    f"term '{term[lang]}' occurs in no task's {lang} title or content; "
                    "write it as the tasks write it",
                )
            if not by_lang[lang]:
                raise DataError(path, words.line_of(lang), f"'words: {lang}' lists no word")
            for word, line in zip(by_lang[lang], words[lang].item_lines, strict=True):
                if word.lower() == term[lang].lower():
                    raise DataError(path, line, f"'{word}' is the term itself; remove it")
                if (lang, word.lower()) in seen:
                    first = seen[(lang, word.lower())]
                    raise DataError(path, line, f"'{word}' is already listed on line {first}")
                seen[(lang, word.lower())] = line
        synonyms.append(Synonym(term=term, words_zh=by_lang["zh"], words_en=by_lang["en"]))
    return tuple(synonyms)


def _task_text(task: Task, lang: str) -> str:
    return f"{task.title[lang]}\n{task.content[lang]}"


# -- the Data Package's words ---------------------------------------------------------------


def load_package(path: Path) -> PackageDescription:
    """data/datapackage.yaml: every published table and field described, no other."""
    meta = read_yaml(path)
    only_keys(
        path,
        meta,
        (
            "name",
            "title",
            "description",
            "description_zh",
            "source",
            "source_file",
            "licence",
            "resources",
        ),
        path.name,
    )
    source_file = _mapping(
        path, meta.get("source_file"), meta.line_of("source_file"), "'source_file'"
    )
    only_keys(path, source_file, ("title", "description", "description_zh"), "'source_file'")
    source = _mapping(path, meta.get("source"), meta.line_of("source"), "'source'")
    only_keys(path, source, ("title", "note", "note_zh"), "'source'")
    licence = _mapping(path, meta.get("licence"), meta.line_of("licence"), "'licence'")
    only_keys(path, licence, ("name", "path", "title", "title_zh"), "'licence'")
    resources = _mapping(path, meta.get("resources"), meta.line_of("resources"), "'resources'")
    only_keys(path, resources, tuple(PUBLISHED_TABLES), "'resources' (the published tables)")
    return PackageDescription(
        name=_slug(path, meta, "name"),
        title=_text(path, meta, "title"),
        description=_string(path, meta, "description"),
        description_zh=_string(path, meta, "description_zh"),
        source_title=_string(path, source, "title"),
        source_note=_string(path, source, "note"),
        source_note_zh=_string(path, source, "note_zh"),
        source_file=ResourceDescription(
            title=_text(path, source_file, "title"),
            description=_string(path, source_file, "description"),
            description_zh=_string(path, source_file, "description_zh"),
        ),
        licence=Licence(
            name=_string(path, licence, "name"),
            path=_string(path, licence, "path"),
            title=_string(path, licence, "title"),
            title_zh=_string(path, licence, "title_zh"),
        ),
        tables=tuple(
            _table(path, resources, name, columns) for name, columns in PUBLISHED_TABLES.items()
        ),
    )


def _table(
    path: Path, resources: YamlMapping, name: str, columns: tuple[str, ...]
) -> TableDescription:
    where = resources.line_of(name)
    if name not in resources:
        raise DataError(path, resources.line, f"describe resource '{name}' under 'resources:'")
    about = _mapping(path, resources[name], where, f"resource '{name}'")
    only_keys(
        path, about, ("title", "description", "description_zh", "fields"), f"resource '{name}'"
    )
    fields = _mapping(path, about.get("fields"), about.line_of("fields"), f"'{name}.fields'")
    only_keys(path, fields, columns, f"the published table '{name}'")
    described = []
    for column in columns:
        if column not in fields:
            raise DataError(
                path,
                where,
                f"field '{name}.{column}' needs 'zh', 'en', 'description' and "
                f"'description_zh' under "
                f"'{name}: fields:'",
            )
        words = _mapping(path, fields[column], fields.line_of(column), f"field '{name}.{column}'")
        only_keys(
            path, words, ("zh", "en", "description", "description_zh"), f"field '{name}.{column}'"
        )
        described.append(
            FieldDescription(
                name=column,
                title=Text(zh=_string(path, words, "zh"), en=_string(path, words, "en")),
                description=_string(path, words, "description"),
                description_zh=_string(path, words, "description_zh"),
            )
        )
    return TableDescription(
        name=name,
        title=_text(path, about, "title"),
        description=_string(path, about, "description"),
        description_zh=_string(path, about, "description_zh"),
        fields=tuple(described),
    )
