"""The templates/ folder: its Jinja environment and the labels file, shared by the
Markdown pages (pages.py) and the PDF handouts (pdf.py).

Every word the site writes comes from templates/labels.yaml, in each language. The
labels and the templates are inputs a person edits, so both are refused as data is:
one line naming the file, the line and the fix (DataError), never a traceback.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml
from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
)

from .datafiles import FAST_SAFE_LOADER, DataError, YamlMapping, only_keys, read_text, read_yaml
from .model import LANGUAGES

LABELS_FILE = "labels.yaml"
CHINESE_DIGITS = "零一二三四五六七八九"


def chinese_numeral(number: int) -> str:
    """1..99 as Chinese numerals, as the source numbers its categories (十一)."""
    tens, units = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CHINESE_DIGITS[tens] + "十")
    return head + (CHINESE_DIGITS[units] if units or not head else "")


def category_number(category_id: int, lang: str) -> str:
    """How a category's title is numbered: 三、 in Chinese (as the source), "3. " in English."""
    return chinese_numeral(category_id) + "、" if lang == "zh" else f"{category_id}. "


def paragraphs(text: str) -> str:
    """Text as HTML paragraphs, escaped: a line break in the data starts a paragraph."""
    return html_paragraphs(html.escape(text, quote=False))


def html_paragraphs(markup: str) -> str:
    """Lines of already escaped HTML as paragraphs."""
    return "\n".join(f"<p>{part.strip()}</p>" for part in markup.split("\n") if part.strip())


class Templates:
    """One templates folder: environments for each output, and its labels. Compiled
    templates are kept in bytecode_cache (when given) between builds, and each kind of
    environment is made once and shared by the languages."""

    def __init__(self, folder: Path, bytecode_cache: Path | None = None):
        self.folder = folder
        self._bytecode_cache = None
        if bytecode_cache is not None:
            bytecode_cache.mkdir(parents=True, exist_ok=True)
            self._bytecode_cache = FileSystemBytecodeCache(str(bytecode_cache))
        self._environments: dict[tuple, Environment] = {}
        self.labels: dict[str, dict[str, str]] = read_labels(folder / LABELS_FILE)

    def environment(self, **options) -> Environment:
        """The environment every output shares; options add what differs."""
        key = tuple(sorted(options.items()))
        if key not in self._environments:
            env = Environment(
                loader=FileSystemLoader(self.folder),
                undefined=StrictUndefined,
                trim_blocks=True,
                lstrip_blocks=True,
                bytecode_cache=self._bytecode_cache,
                **options,
            )
            env.filters.update(numeral=chinese_numeral, category_number=category_number)
            self._environments[key] = env
        return self._environments[key]


def read_labels(path: Path) -> dict[str, dict[str, str]]:
    """labels.yaml: for each language, a mapping of every label to its text. Each label
    is in every language; the primary language's keys are the list of labels."""
    labels = read_yaml(path)
    only_keys(path, labels, LANGUAGES, "labels.yaml (one mapping a language)")
    by_language: dict[str, YamlMapping] = {}
    for lang in LANGUAGES:
        words = labels.get(lang)
        if not isinstance(words, YamlMapping):
            line = labels.line_of(lang) if lang in labels else 1
            raise DataError(path, line, f"no labels for '{lang}'; add '{lang}:' with its words")
        by_language[lang] = words
    primary, *others = LANGUAGES
    for lang in others:
        for key in by_language[primary]:
            if key not in by_language[lang]:
                raise DataError(
                    path,
                    by_language[primary].line_of(key),
                    f"label '{key}' has no '{lang}' text; add it under '{lang}:'",
                )
        for key in by_language[lang]:
            if key not in by_language[primary]:
                raise DataError(
                    path,
                    by_language[lang].line_of(key),
                    f"unknown label '{key}': it has no '{primary}' text; add it under "
                    f"'{primary}:' or remove it",
                )
    for words in by_language.values():
        for key, value in words.items():
            if not isinstance(value, str) or not value:
                raise DataError(
                    path,
                    words.line_of(key),
                    f"label '{key}' must be text; write it in quotes if it is a number",
                )
    # The data's rule drops blanks at a value's edges; a label keeps its ordinary spaces
    # (the English list separator is ", ").
    exact = yaml.load(read_text(path), Loader=FAST_SAFE_LOADER)
    for lang, words in by_language.items():
        for key, value in words.items():
            if exact[lang][key].strip(" ") != value:
                raise DataError(
                    path,
                    words.line_of(key),
                    f"label '{key}' starts or ends with an invisible character; delete it",
                )
    return {lang: {key: exact[lang][key] for key in words} for lang, words in by_language.items()}


@contextmanager
def located_template_errors(folder: Path) -> Iterator[None]:
    """A template error of a file below folder as a DataError naming its file and line."""
    try:
        yield
    except TemplateError as error:
        where = template_location(error, folder)
        if where is None:
            raise
        raise DataError(where[0], where[1], template_error_message(error)) from None


def template_location(error: TemplateError, folder: Path) -> tuple[Path, int] | None:
    """The file below folder, and its line, where a template error lies: a syntax error
    names them; for a name no label or value defines, the innermost frame of the traceback
    Jinja rewrites to the template's lines."""
    folder = folder.resolve()
    if isinstance(error, TemplateSyntaxError) and error.filename:
        filename = Path(error.filename).resolve()
        return (filename, error.lineno) if filename.is_relative_to(folder) else None
    found = None
    traceback = error.__traceback__
    while traceback is not None:
        filename = Path(traceback.tb_frame.f_code.co_filename).resolve()
        if filename.is_relative_to(folder):
            found = (filename, traceback.tb_lineno)
        traceback = traceback.tb_next
    return found


def template_error_message(error: TemplateError) -> str:
    return f"template error: {getattr(error, 'message', None) or error}"
