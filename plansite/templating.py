"""The templates/ folder: its Jinja environment and the labels file, shared by the
Markdown pages (pages.py) and the PDF handouts (pdf.py).

Every word the site writes comes from templates/labels.yaml, in each language.
"""

from __future__ import annotations

import html
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined

from .datafiles import FAST_SAFE_LOADER
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
        labels = yaml.load((folder / LABELS_FILE).read_text("utf-8"), Loader=FAST_SAFE_LOADER)
        missing = [lang for lang in LANGUAGES if not isinstance(labels.get(lang), dict)]
        if missing:
            raise ValueError(f"{folder / LABELS_FILE}: no labels for {', '.join(missing)}")
        self.labels: dict[str, dict[str, str]] = labels

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
