"""Render the model into Markdown pages, one set per language, through Jinja templates.

Page paths are MkDocs source paths ("tasks/1.md"); a page is served at its directory
URL ("tasks/1/"). Data is always inserted as text, never as markup: see ``inline``
and ``paragraphs``.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import escape

from . import charts, opendata
from .glossary import link_terms, linked_in
from .model import Category, Department, GlossaryTerm, Plan, Task

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
CHINESE_DIGITS = "零一二三四五六七八九"


@dataclass(frozen=True)
class Page:
    path: str
    title: str
    content: str


# -- paths: one place decides where each kind of page lives --------------------------


def task_path(task: Task) -> str:
    return f"tasks/{task.id}.md"


def category_path(category: Category) -> str:
    return f"categories/{category.id}/index.md"


def department_path(department: Department) -> str:
    return f"departments/{department.slug}.md"


def department_pdf_path(department: Department, lang: str) -> str:
    """The department's printable handout (plansite/pdf.py renders it)."""
    return f"pdf/wuxi-water-saving-{department.slug}.{lang}.pdf"


def plan_pdf_path(lang: str) -> str:
    """The whole plan's printable handout."""
    return f"pdf/wuxi-water-saving-plan.{lang}.pdf"


HOME_PATH = "index.md"
DEPARTMENT_INDEX_PATH = "departments/index.md"
MATRIX_PATH = "matrix.md"
TARGETS_PATH = "targets.md"
GLOSSARY_PATH = "glossary.md"
# Where each language's site sits below the whole site's root (mkdocs.en.yml: site/en).
LANGUAGE_ROOTS = {"zh": "", "en": "en/"}


def page_url(path: str) -> str:
    """The directory URL MkDocs serves a source path at: tasks/1.md -> tasks/1/."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative_href(source: str, target: str) -> str:
    """Relative URL from one source path's page to another's, for raw HTML that MkDocs
    leaves alone."""
    relative = posixpath.relpath("/" + page_url(target), "/" + page_url(source))
    return "./" if relative == "." else relative + "/"


# -- text filters ---------------------------------------------------------------------

_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|~^=:<>&\"'$%@])")


def inline(text: str) -> str:
    """Text made inert inside a Markdown line: every ASCII punctuation mark is
    backslash-escaped (pymdownx.escapeall makes that valid for any character)."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)


def paragraphs(text: str) -> str:
    """A raw HTML block of escaped text: Markdown does not look inside it."""
    return html_paragraphs(html.escape(text, quote=False))


def html_paragraphs(markup: str) -> str:
    """Lines of already escaped HTML as paragraphs."""
    return "\n".join(f"<p>{part.strip()}</p>" for part in markup.split("\n") if part.strip())


def chinese_numeral(number: int) -> str:
    """1..99 as Chinese numerals, as the source numbers its categories (十一)."""
    tens, units = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CHINESE_DIGITS[tens] + "十")
    return head + (CHINESE_DIGITS[units] if units or not head else "")


def category_number(category_id: int, lang: str) -> str:
    """How a category's title is numbered: 三、 in Chinese (as the source), "3. " in English."""
    return chinese_numeral(category_id) + "、" if lang == "zh" else f"{category_id}. "


# -- rendering ------------------------------------------------------------------------


@cache
def labels() -> dict[str, dict[str, str]]:
    return yaml.safe_load((TEMPLATES / "labels.yaml").read_text(encoding="utf-8"))


def template_environment(**options) -> Environment:
    """The templates/ environment both outputs share; options add what differs."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        **options,
    )
    env.filters.update(numeral=chinese_numeral, category_number=category_number)
    return env


def _environment() -> Environment:
    env = template_environment(
        keep_trailing_newline=True,
        autoescape=False,  # the output is Markdown; data goes through inline/paragraphs/e
        # Markdown heading ids are written {#id}, so Jinja comments are {## … ##}.
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters.update(inline=inline, paragraphs=paragraphs)
    return env


class _Renderer:
    def __init__(self, plan: Plan, lang: str):
        self.plan, self.lang = plan, lang
        self.env = _environment()

    def page(self, template: str, path: str, title: str, **context) -> Page:
        def link(target: str) -> str:
            """Relative Markdown link to a source path (MkDocs checks and rewrites it)."""
            return posixpath.relpath(target, posixpath.dirname(path) or ".")

        def href(target: str) -> str:
            return relative_href(path, target)

        def root_href(target: str) -> str:
            """Relative URL to a file published once at the whole site's root (data/)."""
            here = "/" + LANGUAGE_ROOTS[self.lang] + page_url(path)
            return posixpath.relpath("/" + target, here)

        def glossary_paragraphs(text: str) -> str:
            """Escaped text whose glossary terms link, the first time each occurs."""

            def entry(term: GlossaryTerm) -> str:
                return f"{href(GLOSSARY_PATH)}#{term.slug}"

            return html_paragraphs(link_terms(text, self.plan.glossary, self.lang, entry))

        content = self.env.get_template(template).render(
            plan=self.plan,
            lang=self.lang,
            t=labels()[self.lang],
            link=link,
            href=href,
            task_path=task_path,
            category_path=category_path,
            department_path=department_path,
            department_pdf_path=department_pdf_path,
            plan_pdf_path=plan_pdf_path,
            home_path=HOME_PATH,
            department_index_path=DEPARTMENT_INDEX_PATH,
            matrix_path=MATRIX_PATH,
            targets_path=TARGETS_PATH,
            glossary_path=GLOSSARY_PATH,
            root_href=root_href,
            glossary_paragraphs=glossary_paragraphs,
            data=opendata,
            **context,
        )
        return Page(path=path, title=title, content=content)


def used_in(plan: Plan) -> dict[str, list[Task]]:
    """For each glossary term, the tasks whose text uses it in either language, so both
    glossaries list the same tasks (用水总量和强度双控 is written 双控 in task 1)."""
    found = {
        lang: linked_in(plan.glossary, {t: t.content[lang] for t in plan.tasks}, lang)
        for lang in ("zh", "en")
    }
    return {
        slug: sorted(set(tasks) | set(found["en"][slug]), key=lambda task: task.id)
        for slug, tasks in found["zh"].items()
    }


def render_pages(plan: Plan, lang: str) -> list[Page]:
    """Every generated page of one language."""
    r = _Renderer(plan, lang)
    t = labels()[lang]
    pages = [
        r.page(
            "home.md.j2",
            HOME_PATH,
            plan.title[lang],
            chart=charts.tasks_per_category(plan, lang, t),
        ),
        r.page(
            "departments.md.j2",
            DEPARTMENT_INDEX_PATH,
            t["department_index"],
            # the chart and the table in one order, the chart's bars linking to the pages
            departments=charts.by_load(plan),
            chart=charts.department_load(
                plan,
                lang,
                t,
                href=lambda d: relative_href(DEPARTMENT_INDEX_PATH, department_path(d)),
            ),
        ),
        r.page("matrix.md.j2", MATRIX_PATH, t["matrix"]),
        r.page("targets.md.j2", TARGETS_PATH, t["targets"]),
        r.page(
            "glossary.md.j2",
            GLOSSARY_PATH,
            t["glossary"],
            used_in=used_in(plan),
        ),
    ]
    pages += [
        r.page("category.md.j2", category_path(c), c.title[lang], category=c)
        for c in plan.categories
    ]
    pages += [
        r.page("task.md.j2", task_path(task), task.title[lang], task=task) for task in plan.tasks
    ]
    pages += [
        r.page("department.md.j2", department_path(d), d.name[lang], department=d)
        for d in plan.departments
    ]
    return pages


def navigation(plan: Plan, lang: str) -> list:
    """The MkDocs nav: categories with their tasks, then departments. Titles from data
    are escaped: the theme writes nav titles into its HTML as they are."""
    t = labels()[lang]

    def category_title(c: Category) -> str:
        return escape(category_number(c.id, lang) + c.title[lang])

    return [
        {t["home"]: HOME_PATH},
        {
            t["categories"]: [
                {
                    category_title(c): [category_path(c)]
                    + [
                        {escape(f"{task.id}. {task.title[lang]}"): task_path(task)}
                        for task in plan.tasks_in(c)
                    ]
                }
                for c in plan.categories
            ]
        },
        {
            t["departments"]: [DEPARTMENT_INDEX_PATH]
            + [{escape(d.name[lang]): department_path(d)} for d in plan.departments]
        },
        {
            t["overview"]: [
                {t["matrix"]: MATRIX_PATH},
                {t["targets"]: TARGETS_PATH},
                {t["glossary"]: GLOSSARY_PATH},
            ]
        },
    ]
