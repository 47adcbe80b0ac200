"""What the tests share, in one place: where the project is and finding a built site's
pages (building it, or a copy, is done through conftest.py's fixtures, which mark the
tests that use them slow). Fixtures (conftest.py) and test modules import
from here; the browser and the server behind them are plansite.testing's, which the
benchmarks use too. The oracle that reads the source is support.source_table; reading
built HTML back is support.html_pages."""

from __future__ import annotations

from pathlib import Path

from plansite.model import LANGUAGES
from plansite.testing.browser import serve as serve
from plansite.urls import LANGUAGE_ROOTS

ROOT = Path(__file__).resolve().parents[2]
# The site's first language, at the root of the site; the others follow it.
PRIMARY, *OTHER_LANGUAGES = LANGUAGES
# Copies of the project share the project's PDF cache: unchanged handouts are not
# rendered again.
PDF_CACHE = ROOT / ".cache" / "pdf"
# The public address the published site is built for: below the root, the harder case.
PUBLIC_URL = "https://example.gov.cn/jieshui/"
DEPLOY_NGINX = ROOT / "deploy" / "nginx"


def other_language(lang: str) -> str:
    """The site's other language (it has two)."""
    (other,) = (each for each in LANGUAGES if each != lang)
    return other


def language_root(site: Path, lang: str) -> Path:
    """The folder of one language's site inside the whole site."""
    return site / LANGUAGE_ROOTS[lang]


def built_pages(site: Path, lang: str, pattern: str = "index.html") -> list[Path]:
    """One language's HTML files in the built site (not those of a language whose site
    lies inside its folder), sorted; pattern "*.html" adds the 404 page. Never empty:
    a loop over no pages would pass whatever it checks."""
    root = language_root(site, lang)
    inner = [
        folder
        for folder in (language_root(site, other) for other in LANGUAGE_ROOTS)
        if root in folder.parents
    ]
    pages = sorted(
        page for page in root.rglob(pattern) if not any(f in page.parents for f in inner)
    )
    assert pages, f"no {pattern} found in {root}"
    return pages
