"""The plan as a small typed model. It knows nothing of Markdown, HTML or files."""

from __future__ import annotations

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
    glossary: tuple[GlossaryTerm, ...] = field(default=())
    targets: tuple[Target, ...] = field(default=())
    # Words the search keeps whole beyond names and glossary terms (data/search.yaml).
    search_words: tuple[str, ...] = field(default=())
    site: SiteOwner = field(default=SiteOwner())
    synonyms: tuple[Synonym, ...] = field(default=())

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
