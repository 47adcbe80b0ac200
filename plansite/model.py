"""The plan as a small typed model. It knows nothing of Markdown, HTML or files."""

from __future__ import annotations

import datetime
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

LANGUAGES = ("zh", "en")
# BCP 47 tags for HTML's lang and hreflang: "zh-CN" says Simplified Chinese (with "zh"
# alone fontconfig and search engines may take it for another variant).
LANGUAGE_TAGS = {"zh": "zh-CN", "en": "en"}
# Between the items of a Chinese list, in data/ and wherever the site writes one:
# 市水利局、市行政审批局; also between two terms glossed as one (藏粮于地、藏粮于技).
NAME_SEPARATOR = "、"


@dataclass(frozen=True)
class Text:
    """One piece of text in both languages; ``text[lang]`` picks one."""

    zh: str
    en: str

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)


@dataclass(frozen=True)
class Department:
    name: Text
    slug: str
    short_zh: tuple[str, ...]
    short_en: tuple[str, ...]
    pinyin: tuple[str, ...] = ()  # full pinyin and initials of the name and short names

    def short(self, lang: str) -> tuple[str, ...]:
        return self.short_zh if lang == "zh" else self.short_en


@dataclass(frozen=True)
class Category:
    id: int
    title: Text


@dataclass(frozen=True)
class Task:
    id: int
    category: Category
    title: Text
    content: Text
    lead: tuple[Department, ...]
    participants: tuple[Department, ...]
    # The source's words for a task every department shares (各部门按职责分工共同推进),
    # kept verbatim; empty when the task names its participants.
    shared_by_all: Text | None = None
    # What the site says about the source's text of this task (data/remarks.yaml).
    remark: Text | None = None


@dataclass(frozen=True)
class GlossaryTerm:
    term: Text
    slug: str
    forms: tuple[str, ...] = ()
    note: Text = Text(zh="", en="")  # what the term means; either language may be empty


@dataclass(frozen=True)
class Target:
    """A quantitative target or deadline, quoted from its task's text in both languages."""

    task: Task
    year: int | None  # the year it falls due; None for a standing requirement
    quote: Text


@dataclass(frozen=True)
class Synonym:
    """Everyday words for one of the plan's terms (data/synonyms.yaml): search finds the
    pages that write the term when a reader types one of the words."""

    term: Text  # as the tasks write it, in each language
    words_zh: tuple[str, ...]
    words_en: tuple[str, ...]

    def words(self, lang: str) -> tuple[str, ...]:
        return getattr(self, f"words_{lang}")


@dataclass(frozen=True)
class Status:
    """Where a task stands, in a department's report: one of data/statuses.yaml's list,
    which runs from the most advanced (done) to the least (not started)."""

    id: str
    name: Text
    meaning: Text  # what a department means by choosing it


@dataclass(frozen=True)
class Report:
    """A department's progress report on a task: the department's own words, verbatim
    (data/progress/*.csv, one row each). No report is ever made up by the site."""

    task: Task
    department: Department
    date: datetime.date
    status: Status
    text_zh: str  # may hold line breaks: each starts a paragraph
    text_en: str | None  # a translation, when there is one
    evidence: tuple[str, ...]  # http(s) URLs the department gives


@dataclass(frozen=True)
class FieldDescription:
    """A published table's column, as the Data Package describes it."""

    name: str
    title: Text
    description: str
    description_zh: str


@dataclass(frozen=True)
class TableDescription:
    name: str
    title: Text
    description: str
    description_zh: str
    fields: tuple[FieldDescription, ...]  # in the order the table publishes them


@dataclass(frozen=True)
class ResourceDescription:
    """A published file that is not a table (the source text): its title and what it is."""

    title: Text
    description: str
    description_zh: str


@dataclass(frozen=True)
class Licence:
    name: str
    path: str
    title: str
    title_zh: str


@dataclass(frozen=True)
class PackageDescription:
    """What the published Data Package says about itself (data/datapackage.yaml)."""

    name: str
    title: Text
    description: str
    description_zh: str  # each description also in Chinese, for the Chinese reader
    source_title: str
    source_note: str
    source_note_zh: str
    source_file: ResourceDescription
    licence: Licence
    tables: tuple[TableDescription, ...]  # every published table, each field described


@dataclass(frozen=True)
class SiteOwner:
    """Who runs the site (data/site.yaml), for the footer; each empty until set."""

    sponsor: Text | None = None  # 主办单位
    organizer: Text | None = None  # 承办单位
    contact: Text | None = None  # 联系方式
    site_code: str = ""  # 网站标识码
    icp: str = ""  # ICP备案号, as the record reads: 苏ICP备12345678号-1
    police: str = ""  # 公安机关备案号: 苏公网安备32020002000001号

    @property
    def police_number(self) -> str:
        """The record's number, which its page on the public security platform is
        looked up by."""
        return "".join(c for c in self.police if c.isascii() and c.isdigit())


K = TypeVar("K", bound=Hashable)


def _grouped(pairs: Iterable[tuple[K, Task]]) -> dict[K, tuple[Task, ...]]:
    """Each key's tasks, in the order given."""
    groups: dict[K, list[Task]] = {}
    for key, task in pairs:
        groups.setdefault(key, []).append(task)
    return {key: tuple(tasks) for key, tasks in groups.items()}


@dataclass(frozen=True)
class Plan:
    # the site's own name and description (data/plan.yaml: name, description)
    name: Text
    description: Text
    title: Text
    note: Text  # the source's closing note on county-level governments
    categories: tuple[Category, ...]
    tasks: tuple[Task, ...]
    departments: tuple[Department, ...]
    package: PackageDescription
    # Start of every file name the site publishes for the plan (wuxi-water-saving-plan.zh.pdf).
    file_prefix: str
    # What the source writes before a department's name (市, municipal): 市水利局.
    department_prefix: str
    # The date the data is current to (data/plan.yaml): no report is dated after it, and
    # a deadline has passed or not against it, never the clock (the same data builds the
    # same site on any day).
    current_to: datetime.date
    glossary: tuple[GlossaryTerm, ...] = field(default=())
    targets: tuple[Target, ...] = field(default=())
    # Words the search keeps whole beyond names and glossary terms (data/search.yaml).
    search_words: tuple[str, ...] = field(default=())
    site: SiteOwner = field(default=SiteOwner())
    synonyms: tuple[Synonym, ...] = field(default=())
    # Progress: the statuses a report may give, most advanced first (data/statuses.yaml);
    # the reports (data/progress/*.csv), files in name order, rows in file order.
    statuses: tuple[Status, ...] = field(default=())
    reports: tuple[Report, ...] = field(default=())

    def tasks_in(self, category: Category) -> tuple[Task, ...]:
        return self._tasks_by_category.get(category, ())

    def tasks_led_by(self, department: Department) -> tuple[Task, ...]:
        return self._tasks_by_lead.get(department, ())

    def tasks_joined_by(self, department: Department) -> tuple[Task, ...]:
        return self._tasks_by_participant.get(department, ())

    def tasks_shared_with(self, department: Department) -> tuple[Task, ...]:
        """Tasks every department shares, other than those this one leads."""
        return tuple(t for t in self._tasks_shared_by_all if department not in t.lead)

    # Indexes made on first use: the pages ask for a category's or a department's tasks
    # again and again (at 10 times the tasks, comparing them took a fifth of the time
    # spent rendering), and a plan never changes.
    @cached_property
    def _tasks_by_category(self) -> dict[Category, tuple[Task, ...]]:
        return _grouped((t.category, t) for t in self.tasks)

    @cached_property
    def _tasks_by_lead(self) -> dict[Department, tuple[Task, ...]]:
        return _grouped((d, t) for t in self.tasks for d in t.lead)

    @cached_property
    def _tasks_by_participant(self) -> dict[Department, tuple[Task, ...]]:
        return _grouped((d, t) for t in self.tasks for d in t.participants)

    @cached_property
    def _tasks_shared_by_all(self) -> tuple[Task, ...]:
        return tuple(t for t in self.tasks if t.shared_by_all)

    def role_of(self, department: Department, task: Task) -> str | None:
        """ "lead", "joined", "shared" (a task every department shares) or None."""
        if department in task.lead:
            return "lead"
        if department in task.participants:
            return "joined"
        return "shared" if task.shared_by_all else None

    def targets_by_year(self) -> list[tuple[int | None, tuple[Target, ...]]]:
        """Targets grouped by year, earliest first; standing requirements last."""
        years = sorted({t.year for t in self.targets}, key=lambda y: (y is None, y or 0))
        return [(y, tuple(t for t in self.targets if t.year == y)) for y in years]

    def targets_of(self, task: Task) -> tuple[Target, ...]:
        return tuple(t for t in self.targets if t.task == task)

    def deadlines(self, task: Task) -> tuple[int, ...]:
        """The years the task's targets fall due, earliest first; () when the plan sets it
        none (its targets, if any, are standing requirements)."""
        return tuple(sorted({t.year for t in self.targets_of(task) if t.year is not None}))

    def past_due(self, target: Target) -> bool:
        """True when the target's year ended before the date the data is current to."""
        return target.year is not None and target.year < self.current_to.year

    # -- progress reports ---------------------------------------------------------------

    def reports_for(self, task: Task) -> tuple[Report, ...]:
        """The task's reports, newest first (on one date, the later row first)."""
        return self._reports_by_task.get(task.id, ())

    def latest_reports(self, task: Task) -> tuple[Report, ...]:
        """Each reporting department's latest report on the task: its lead units first,
        then its participants, each in the task's order, then any other department (a
        task every department shares) in departments.yaml's order."""
        return self._latest_by_task.get(task.id, ())

    def earlier_reports(self, task: Task) -> tuple[Report, ...]:
        """The task's reports other than each department's latest, newest first."""
        latest = {id(r) for r in self.latest_reports(task)}
        return tuple(r for r in self.reports_for(task) if id(r) not in latest)

    def status_report(self, task: Task) -> Report | None:
        """The report that sets the task's status: among the latest reports of its lead
        units (of every reporting department when no lead unit has reported), the least
        advanced; of two equally advanced, the older. None when the task has no report.
        The least advanced, because a task is as far as the unit furthest behind."""
        return self._status_reports.get(task.id)

    def task_status(self, task: Task) -> Status | None:
        """The task's status (status_report's rule), or None when it has no report."""
        report = self.status_report(task)
        return report.status if report else None

    def status_counts(
        self, tasks: Iterable[Task] | None = None
    ) -> tuple[tuple[Status | None, int], ...]:
        """How many of the tasks (all the plan's by default) stand at each status, in the
        list's order, then how many have no report (None)."""
        counts = {s: 0 for s in (*self.statuses, None)}
        for task in self.tasks if tasks is None else tasks:
            counts[self.task_status(task)] += 1
        return tuple(counts.items())

    def newest_reports(self) -> tuple[Report, ...]:
        """Every report, newest first (on one date, the later row first)."""
        return self._newest_reports

    # Made once, keyed by task id: the pages ask for a task's status again and again
    # (every table that lists it), and hashing a Task hashes all its text.
    @cached_property
    def _newest_reports(self) -> tuple[Report, ...]:
        return tuple(sorted(reversed(self.reports), key=lambda r: r.date, reverse=True))

    @cached_property
    def _reports_by_task(self) -> dict[int, tuple[Report, ...]]:
        groups: dict[int, list[Report]] = {}
        for report in self._newest_reports:
            groups.setdefault(report.task.id, []).append(report)
        return {task_id: tuple(reports) for task_id, reports in groups.items()}

    @cached_property
    def _latest_by_task(self) -> dict[int, tuple[Report, ...]]:
        listed = {d.slug: n for n, d in enumerate(self.departments)}
        result = {}
        for task_id, reports in self._reports_by_task.items():
            latest: dict[str, Report] = {}
            for report in reports:
                latest.setdefault(report.department.slug, report)
            task = reports[0].task
            named = {d.slug: n for n, d in enumerate((*task.lead, *task.participants))}
            result[task_id] = tuple(
                sorted(
                    latest.values(),
                    key=lambda r: named.get(
                        r.department.slug, len(named) + listed[r.department.slug]
                    ),
                )
            )
        return result

    @cached_property
    def _status_reports(self) -> dict[int, Report]:
        rank = {s.id: n for n, s in enumerate(self.statuses)}
        result = {}
        for task_id, latest in self._latest_by_task.items():
            lead = {d.slug for d in latest[0].task.lead}
            deciding = [r for r in latest if r.department.slug in lead] or latest
            result[task_id] = max(deciding, key=lambda r: (rank[r.status.id], -r.date.toordinal()))
        return result
