"""PDF handouts: one per department and one of the whole plan, in each language.

WeasyPrint renders our own print templates (templates/pdf/) with CSS paged media, which
gives A4 pages, running headers and "page N of M" counters. Rendered PDFs are kept in a
content-addressed cache, so a rebuild in which nothing changed renders none; WeasyPrint
writes no time stamp or random identifier by default, so the same input gives the same
bytes.
"""

from __future__ import annotations

import hashlib
import logging
import posixpath
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import templating
from .installed import package_identity
from .model import LANGUAGE_TAGS, Plan, Status, Task
from .staging import write_atomically
from .templating import Templates, paragraphs
from .urls import department_pdf_path, language_url, plan_pdf_path

CACHE_KEEP = 300  # files; one build makes 44
STYLESHEET = "pdf/handout.css"  # in templates/
FONT_FAMILY = "Noto Sans CJK SC"
FONT_PACKAGE = "fonts-noto-cjk"
# A task of up to this many characters of text (about ten lines of handout.css's A4 text
# column: 47 Chinese characters or some 95 Latin letters a line) is short: it is never
# split, and pushing it to the next page leaves at most some 40% of a page blank. A
# longer one may continue on the next page.
SHORT_TASK_CHARS = {"zh": 470, "en": 950}

log = logging.getLogger(__name__)


class FontMissing(Exception):
    """No Simplified Chinese font: str() is the one-line message saying what to install."""


@dataclass(frozen=True)
class Handout:
    path: str  # where the PDF lives in the site, e.g. "pdf/wuxi-water-saving-plan.zh.pdf"
    template: str  # in templates/
    # Everything the template reads, and all it is given (not the plan): the PDF cache
    # keys a handout on it, without rendering the HTML.
    context: dict[str, object]


# -- HTML -----------------------------------------------------------------------------

HANDOUT_TEMPLATES = "pdf"  # the folder in templates/
# Where a handout template names a label: {{ t.closing_note }}.
LABEL_REFERENCE = re.compile(r"\bt\.([A-Za-z_]\w*)")


def handouts(
    plan: Plan, lang: str, templates: Templates, site_url: str = "", demo: bool = False
) -> list[Handout]:
    """Every handout of one language, each with its template's complete input. With
    `site_url` (SITE_URL) a handout prints the address of the site in its language;
    `demo`: the reports are generated samples, which each handout says."""
    shared = {
        "site_address": language_url(site_url, lang),
        "demo": demo,
        "lang": lang,
        "t": _handout_labels(templates, lang),
        "html_lang": LANGUAGE_TAGS[lang],
        "zh_lang": LANGUAGE_TAGS["zh"],
        "plan_title": plan.title[lang],
        "closing_note": plan.note[lang],
    }

    def original(zh_path: str) -> str:
        return posixpath.basename(zh_path)  # the Chinese handout's file name

    result = [
        Handout(
            plan_pdf_path(plan, lang),
            "pdf/plan.html.j2",
            {
                **shared,
                "title": plan.title[lang],
                "original_file": original(plan_pdf_path(plan, "zh")),
                "categories": tuple((c, plan.tasks_in(c)) for c in plan.categories),
                "progress": _progress(plan, plan.tasks),
            },
        )
    ]
    result += [
        Handout(
            department_pdf_path(plan, d, lang),
            "pdf/department.html.j2",
            {
                **shared,
                "title": f"{d.name[lang]} — {plan.title[lang]}",
                "original_file": original(department_pdf_path(plan, d, "zh")),
                "department": d,
                "led": plan.tasks_led_by(d),
                "joined": plan.tasks_joined_by(d),
                "shared": plan.tasks_shared_with(d),
                "progress": _progress(
                    plan,
                    (*plan.tasks_led_by(d), *plan.tasks_joined_by(d), *plan.tasks_shared_with(d)),
                ),
            },
        )
        for d in plan.departments
    ]
    return result


def _progress(plan: Plan, tasks: tuple[Task, ...]) -> dict[int, tuple[Status, str] | None]:
    """Each task's status and the date of the report that sets it, or None."""
    reports = {task.id: plan.status_report(task) for task in tasks}
    return {
        task_id: (report.status, report.date.isoformat()) if report else None
        for task_id, report in reports.items()
    }


def _handout_labels(templates: Templates, lang: str) -> dict[str, str]:
    """The labels the handout templates name, and no other: editing a label that only
    the web pages show renders no PDF again. A label left out by mistake stops the
    render (the environment's undefined is strict); it never prints stale."""
    used: set[str] = set()
    for name, text in _handout_files(templates).items():
        if name.endswith(".j2"):
            used.update(LABEL_REFERENCE.findall(text))
    labels = templates.labels[lang]
    return {key: labels[key] for key in sorted(used) if key in labels}


def _handout_files(templates: Templates) -> dict[str, str]:
    """Each file of the handouts' templates folder, by name, in name order."""
    folder = templates.folder / HANDOUT_TEMPLATES
    return {f.name: f.read_text(encoding="utf-8") for f in sorted(folder.iterdir()) if f.is_file()}


def handout_html(handout: Handout, templates: Templates) -> str:
    env = templates.environment(autoescape=True)  # task text is data: text, never markup
    # paragraphs() escapes the text itself; Markup tells autoescape not to do it twice.
    env.filters.update(paragraphs=lambda text: Markup(paragraphs(text)))
    env.tests["short_task"] = lambda task, lang: len(task.content[lang]) <= SHORT_TASK_CHARS[lang]
    return env.get_template(handout.template).render(handout.context)


def _input_key(environment: str, handout: Handout, task_digests: dict[int, str]) -> str:
    """The hash of everything the handout's bytes depend on: `environment` (code,
    templates, engines, font, CSS) and the template's input, each task by its digest."""

    def text(value: object) -> str:
        if isinstance(value, Task):
            return task_digests[value.id]
        if isinstance(value, tuple | list):
            return "(" + ",".join(text(item) for item in value) + ")"
        if isinstance(value, dict):
            return "{" + ",".join(f"{k!r}:{text(v)}" for k, v in sorted(value.items())) + "}"
        return repr(value)

    key = f"{environment}\0{handout.template}\0{text(handout.context)}"
    return hashlib.sha256(key.encode()).hexdigest()


def language_css(labels: dict[str, str]) -> str:
    """What handout.css leaves to the code: the font the build checked for, named
    explicitly (with only lang="zh", fontconfig was seen to pick the Japanese variant),
    and the footer's "page N of M" in the language's words."""
    font = f'html {{ font-family: "{FONT_FAMILY}"; }}\n'
    return font + page_number_css(labels["pdf_page"])


def page_number_css(label: str) -> str:
    """The footer's "page N of M" in CSS, from a label such as "Page {page} of {pages}"."""
    parts = re.split(r"\{(page|pages)\}", label)
    tokens = [
        f"counter({part})" if i % 2 else '"' + part.replace("\\", "\\\\").replace('"', '\\"') + '"'
        for i, part in enumerate(parts)
        if part or i % 2
    ]
    return "@page { @bottom-center { content: " + " ".join(tokens) + " } }\n"


# -- fonts ----------------------------------------------------------------------------


def chinese_font_file() -> Path:
    """The font file fontconfig gives for FONT_FAMILY, or FontMissing when it would only
    substitute another font (which prints boxes or Japanese glyph forms)."""
    try:
        found = subprocess.run(
            ["fc-match", "--format", "%{family}\n%{file}", FONT_FAMILY],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split("\n")
    except (OSError, subprocess.CalledProcessError):
        found = []
    if len(found) != 2 or FONT_FAMILY not in found[0].split(","):
        raise FontMissing(
            f"the PDF handouts need the font {FONT_FAMILY!r}, which is not installed; "
            f"install it with: sudo apt-get install {FONT_PACKAGE}"
        )
    return Path(found[1])


# -- PDFs -----------------------------------------------------------------------------


def build_pdfs(
    plan: Plan,
    lang: str,
    templates: Templates,
    cache: Path,
    site_url: str = "",
    demo: bool = False,
) -> dict[str, Path]:
    """Every handout of one language as a PDF file in the cache, keyed by site path.
    Only handouts whose input changed are rendered."""
    cache.mkdir(parents=True, exist_ok=True)
    result, missing = {}, []
    for handout, key in cache_keys(plan, lang, templates, site_url, demo):
        result[handout.path] = pdf_file = cache / f"{key}.pdf"
        if pdf_file.exists():
            pdf_file.touch()  # recently used: pruning keeps it
        else:
            missing.append((pdf_file, handout))
    if missing:
        render = _renderer(_stylesheets(templates, lang), templates.folder)
        for pdf_file, handout in missing:
            write_atomically(pdf_file, render(handout_html(handout, templates)))
    _prune(cache)
    log.info(
        "PDF handouts (%s): %d rendered, %d from cache",
        lang,
        len(missing),
        len(result) - len(missing),
    )
    return result


def cache_keys(
    plan: Plan, lang: str, templates: Templates, site_url: str = "", demo: bool = False
) -> list[tuple[Handout, str]]:
    """Each handout of one language with the hash of everything its PDF's bytes depend
    on; raises FontMissing."""
    font = chinese_font_file()
    # Everything besides each handout's input: this module's rendering options, the
    # templates and the code that fills them, the engines, the font file and the CSS.
    environment = "\0".join(
        [
            Path(__file__).read_text(encoding="utf-8"),
            Path(templating.__file__).read_text(encoding="utf-8"),
            *(f"{name}\0{text}" for name, text in _handout_files(templates).items()),
            jinja2.__version__,
            # not imported: WeasyPrint costs half a second, paid only to render
            package_identity("weasyprint"),
            package_identity("pydyf"),
            str(font),
            str(font.stat().st_size),
            *_stylesheets(templates, lang),
        ]
    )
    task_digests = {t.id: hashlib.sha256(repr(t).encode()).hexdigest() for t in plan.tasks}
    return [
        (h, _input_key(environment, h, task_digests))
        for h in handouts(plan, lang, templates, site_url, demo)
    ]


def _stylesheets(templates: Templates, lang: str) -> list[str]:
    return [
        (templates.folder / STYLESHEET).read_text(encoding="utf-8"),
        language_css(templates.labels[lang]),
    ]


def _renderer(stylesheets: list[str], base: Path) -> Callable[[str], bytes]:
    """HTML -> PDF bytes. The fonts and parsed CSS are shared by every handout of a build
    (about 10% faster; the bytes are the same)."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    css = [weasyprint.CSS(string=text, font_config=fonts) for text in stylesheets]

    def render(html: str) -> bytes:
        return weasyprint.HTML(string=html, base_url=str(base)).write_pdf(
            stylesheets=css,
            font_config=fonts,
            pdf_tags=True,  # a tagged PDF: headings and reading order for screen readers
        )

    return render


def _prune(cache: Path) -> None:
    """Keep the cache small: the most recently used files only (a few builds' worth)."""
    files = sorted(cache.glob("*.pdf"), key=lambda f: f.stat().st_mtime, reverse=True)
    for stale in files[CACHE_KEEP:]:
        stale.unlink(missing_ok=True)
