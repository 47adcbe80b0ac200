"""Text as a reader gets it back from a PDF or a page, normalised one way everywhere.

Fonts, chromium, poppler and pypdf differ in how they hand text back: a shaper may set
"ff" as the ligature ﬀ (U+FB00), which pypdf and pdftotext then return as one
character, and line breaks fall anywhere in a laid-out page. NFKC folds ligatures and
other compatibility forms (ﬁ → fi, full-width Latin → ASCII) and leaves Chinese alone.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
import unicodedata
from functools import cache
from pathlib import Path


def normalise(text: str) -> str:
    """NFKC, with every run of white space one space."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def squeeze(text: str, lang: str = "zh") -> str:
    """Normalised text without white space, as line breaks fall anywhere in a laid-out
    page; in English also without hyphens (pdftotext joins "non-" and "water")."""
    return re.sub(r"\s+" if lang == "zh" else r"[\s-]+", "", unicodedata.normalize("NFKC", text))


@cache
def pdf_pages_text(pdf: Path) -> tuple[str, ...]:
    """Each page's text as poppler's pdftotext extracts it, NFKC-normalised (line breaks
    kept: normalise() or squeeze() what you compare)."""
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return tuple(unicodedata.normalize("NFKC", page) for page in text.split("\f")[:-1])


def pdf_bytes_pages_text(pdf: bytes) -> tuple[str, ...]:
    """pdf_pages_text of a PDF held in memory (a browser's printout)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "printout.pdf"
        path.write_bytes(pdf)
        return pdf_pages_text.__wrapped__(path)
