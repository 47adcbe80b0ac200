"""Text as a reader gets it back from a PDF or a page, normalised one way everywhere.

Fonts, chromium, poppler and pypdf differ in how they hand text back: a shaper may set
"ff" as the ligature ﬀ (U+FB00), which pypdf and pdftotext then return as one
character, and line breaks fall anywhere in a laid-out page. NFKC folds ligatures and
other compatibility forms (ﬁ → fi, full-width Latin → ASCII) and leaves Chinese alone.
"""

from __future__ import annotations

import html
import re
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path


def normalise(text: str) -> str:
    """NFKC, with every run of white space one space."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def squeeze(text: str, lang: str = "zh") -> str:
    """Normalised text without white space, as line breaks fall anywhere in a laid-out
    page; in English also without hyphens (pdftotext joins "non-" and "water")."""
    return re.sub(r"\s+" if lang == "zh" else r"[\s-]+", "", unicodedata.normalize("NFKC", text))


def _pdftotext(pdf: Path, *options: str) -> str:
    """What poppler's pdftotext prints for the PDF with these options."""
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *options, str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@cache
def pdf_pages_text(
    pdf: Path, area: tuple[float, float, float, float] | None = None
) -> tuple[str, ...]:
    """Each page's text as pdftotext extracts it, NFKC-normalised (line breaks kept:
    normalise() or squeeze() what you compare); only what lies inside `area`
    (x, y, width, height in points from the top left) when given."""
    crop = ()
    if area is not None:
        crop = tuple(
            arg for flag, v in zip("xyWH", area, strict=True) for arg in (f"-{flag}", str(round(v)))
        )
    text = _pdftotext(pdf, *crop)
    return tuple(unicodedata.normalize("NFKC", page) for page in text.split("\f")[:-1])


@dataclass(frozen=True)
class PdfLine:
    """A line of text as laid out on a PDF page: its top and foot in points from the
    page's top, and its words."""

    top: float
    bottom: float
    text: str


_PAGE = re.compile(r"<page [^>]*>(.*?)</page>", re.S)
_LINE = re.compile(
    r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</line>', re.S
)
_WORD = re.compile(r">([^<]*)</word>")


@cache
def pdf_page_lines(pdf: Path) -> tuple[tuple[PdfLine, ...], ...]:
    """Each page's lines, in reading order, as pdftotext lays them out (-bbox-layout);
    a page without text has none."""
    return tuple(
        tuple(
            PdfLine(
                float(top),
                float(bottom),
                unicodedata.normalize("NFKC", " ".join(map(html.unescape, _WORD.findall(words)))),
            )
            for top, bottom, words in _LINE.findall(page)
        )
        for page in _PAGE.findall(_pdftotext(pdf, "-bbox-layout"))
    )


def pdf_bytes_pages_text(pdf: bytes) -> tuple[str, ...]:
    """pdf_pages_text of a PDF held in memory (a browser's printout)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "printout.pdf"
        path.write_bytes(pdf)
        return pdf_pages_text.__wrapped__(path)
