"""Render the model into Markdown pages, one set per language, through Jinja templates.

Page paths are engine source paths ("tasks/1.md", see urls.py). Data is always inserted
as text, never as markup: see ``inline`` and ``templating.paragraphs``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from . import charts, forms, urls
from .glossary import TermFinder, term_finder
from .model import LANGUAGE_TAGS, LANGUAGES, GlossaryTerm, Plan, Task
from .templating import Templates, category_number, html_paragraphs, paragraphs


@dataclass(frozen=True)
class Page:
    path: str
    title: str
    content: str  # Markdown, its front matter holding the page's own description


# A description is what search results and link previews show: some 80 Chinese
# characters, or 160 English ones, cut at a word.
DESCRIPTION_LENGTH = {"zh": 80, "en": 160}
ELLIPSIS = "…"
# How many of the newest reports the home page lists (each task page has them all).
LATEST_ON_HOME = 10


def description_start(text: str, lang: str) -> str:
    """The start of a text, for a page's description: its first paragraph, cut at the
    language's length (at a space in English) and marked with … when cut."""
    first = text.split("\n", 1)[0].strip()
    limit = DESCRIPTION_LENGTH[lang]
    if len(first) <= limit:
        return first
    cut = first[:limit]
    if lang != "zh" and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:，；：、") + ELLIPSIS


def with_description(markdown: str, description: str) -> str:
    """The page with its description in its YAML front matter, which the engine reads
    as the page's meta: the template's own front matter (matrix.md.j2 has one), or new."""
    meta = f"description: {_yaml_string(description)}\n"
    if markdown.startswith("---\n"):
        return "---\n" + meta + markdown.removeprefix("---\n")
    return "---\n" + meta + "---\n" + markdown


# Characters YAML reads as line breaks inside a quoted string, which JSON leaves as they are.
_YAML_LINE_BREAKS = str.maketrans({c: f"\\u{ord(c):04x}" for c in "\x85\u2028\u2029"})


def _yaml_string(text: str) -> str:
    """A YAML double-quoted string. JSON's string syntax is YAML's, and json.dumps costs
    a fraction of yaml.safe_dump's time, paid for every page."""
    return json.dumps(text, ensure_ascii=False).translate(_YAML_LINE_BREAKS)


_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|~^=:<>&\"'$%@])")


def inline(text: str) -> str:
    """Text made inert inside a Markdown line: every ASCII punctuation mark is
    backslash-escaped (pymdownx.escapeall makes that valid for any character)."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)


class _Renderer:
    def __init__(self, plan: Plan, lang: str, templates: Templates, terms: TermFinder):
        self.plan, self.lang, self.terms = plan, lang, terms
        self.labels = templates.labels[lang]
        self.env = templates.environment(
            keep_trailing_newline=True,
            autoescape=False,  # the output is Markdown; data goes through inline/paragraphs/e
            # Markdown heading ids are written {#id}, so Jinja comments are {## … ##}.
            comment_start_string="{##",
            comment_end_string="##}",
        )
        self.env.filters.update(inline=inline, paragraphs=paragraphs)

    def page(self, template: str, path: str, title: str, description: str, **context) -> Page:
        plan, lang = self.plan, self.lang

        def glossary_paragraphs(text: str) -> str:
            """Escaped text whose glossary terms link, the first time each occurs."""

            def entry(term: GlossaryTerm) -> str:
                return f"{urls.relative_url(urls.GLOSSARY_PATH, path)}#{term.slug}"

            return html_paragraphs(self.terms.link(text, entry))

        content = self.env.get_template(template).render(
            plan=plan,
            lang=lang,
            t=self.labels,
            link=lambda target: urls.relative_link(target, path),
            href=lambda target: urls.relative_url(target, path),
            root_href=lambda target: urls.root_file_url(target, path, lang),
            task_path=urls.task_path,
            category_path=urls.category_path,
            department_path=urls.department_path,
            department_pdf_path=urls.department_pdf_path,
            plan_pdf_path=urls.plan_pdf_path,
            home_path=urls.HOME_PATH,
            department_index_path=urls.DEPARTMENT_INDEX_PATH,
            task_index_path=urls.TASK_INDEX_PATH,
            category_index_path=urls.CATEGORY_INDEX_PATH,
            matrix_path=urls.MATRIX_PATH,
            targets_path=urls.TARGETS_PATH,
            glossary_path=urls.GLOSSARY_PATH,
            glossary_paragraphs=glossary_paragraphs,
            urls=urls,
            forms=forms,
            lang_tags=LANGUAGE_TAGS,
            **context,
        )
        return Page(path=path, title=title, content=with_description(content, description))


def used_in(plan: Plan, terms: dict[str, TermFinder]) -> dict[str, list[Task]]:
    """For each glossary term, the tasks whose text uses it in either language, so both
    glossaries list the same tasks (用水总量和强度双控 is written 双控 in task 1)."""
    found = {
        lang: terms[lang].linked_in({t: t.content[lang] for t in plan.tasks}) for lang in LANGUAGES
    }
    return {
        slug: sorted(set(tasks) | set(found["en"][slug]), key=lambda task: task.id)
        for slug, tasks in found["zh"].items()
    }


def render_pages(plan: Plan, lang: str, templates: Templates) -> list[Page]:
    """Every generated page of one language, each with its own description."""
    terms = {each: term_finder(plan.glossary, each) for each in LANGUAGES}
    r = _Renderer(plan, lang, templates, terms[lang])
    t = templates.labels[lang]
    pages = [
        r.page(
            "home.md.j2",
            urls.HOME_PATH,
            plan.title[lang],
            plan.description[lang],
            status_chart=charts.tasks_per_status(plan, lang, t),
            # the latest reports received, newest first
            newest_reports=plan.newest_reports()[:LATEST_ON_HOME],
        ),
        r.page("tasks.md.j2", urls.TASK_INDEX_PATH, t["all_tasks"], t["description_tasks"]),
        r.page(
            "categories.md.j2",
            urls.CATEGORY_INDEX_PATH,
            t["category_index"],
            t["description_category_index"],
            chart=charts.tasks_per_category(plan, lang, t),
        ),
        r.page(
            "departments.md.j2",
            urls.DEPARTMENT_INDEX_PATH,
            t["department_index"],
            t["description_department_index"],
            # the chart and the table in one order, the chart's bars linking to the pages
            departments=charts.by_load(plan),
            chart=charts.department_load(
                plan,
                lang,
                t,
                href=lambda d: urls.relative_url(
                    urls.department_path(d), urls.DEPARTMENT_INDEX_PATH
                ),
            ),
        ),
        r.page("matrix.md.j2", urls.MATRIX_PATH, t["matrix"], t["description_matrix"]),
        r.page("targets.md.j2", urls.TARGETS_PATH, t["targets"], t["description_targets"]),
        r.page(
            "glossary.md.j2",
            urls.GLOSSARY_PATH,
            t["glossary"],
            t["description_glossary"],
            used_in=used_in(plan, terms),
        ),
        r.page("about.md.j2", urls.ABOUT_PATH, t["about"], t["description_about"]),
    ]
    pages += [
        r.page(
            "category.md.j2",
            urls.category_path(c),
            c.title[lang],
            t["description_category"].format(
                category=category_number(c.id, lang) + c.title[lang],
                tasks=len(plan.tasks_in(c)),
            ),
            category=c,
        )
        for c in plan.categories
    ]
    pages += [
        r.page(
            "task.md.j2",
            urls.task_path(task),
            task.title[lang],
            description_start(task.content[lang], lang),
            task=task,
            # the way from task to task, in plan order (the nav does not list tasks)
            previous_task=plan.tasks[i - 1] if i else None,
            next_task=plan.tasks[i + 1] if i + 1 < len(plan.tasks) else None,
        )
        for i, task in enumerate(plan.tasks)
    ]
    pages += [
        r.page(
            "department.md.j2",
            urls.department_path(d),
            d.name[lang],
            t["description_department"].format(
                department=d.name[lang],
                led=len(plan.tasks_led_by(d)),
                joined=len(plan.tasks_joined_by(d)),
            ),
            department=d,
        )
        for d in plan.departments
    ]
    return pages


def navigation(plan: Plan, lang: str, templates: Templates) -> list:
    """The navigation tree, (title, page path) or (title, [entries]): the categories,
    the departments and the overviews. Tasks are reached from their category's page and
    from each other (previous, next): listed here, they made every page of a category
    grow with the plan."""
    t = templates.labels[lang]
    return [
        (t["home"], urls.HOME_PATH),
        (
            t["categories"],
            [(t["category_index"], urls.CATEGORY_INDEX_PATH)]
            + [
                (category_number(c.id, lang) + c.title[lang], urls.category_path(c))
                for c in plan.categories
            ],
        ),
        (
            t["departments"],
            [(t["department_index"], urls.DEPARTMENT_INDEX_PATH)]
            + [(d.name[lang], urls.department_path(d)) for d in plan.departments],
        ),
        (
            t["overview"],
            [
                (t["all_tasks"], urls.TASK_INDEX_PATH),
                (t["matrix"], urls.MATRIX_PATH),
                (t["targets"], urls.TARGETS_PATH),
                (t["glossary"], urls.GLOSSARY_PATH),
            ],
        ),
        (t["about"], urls.ABOUT_PATH),
    ]
