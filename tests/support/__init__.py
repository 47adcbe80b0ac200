"""What the tests share, in one place: where the project is, building it or a copy of
it, and finding a built site's pages. Fixtures (conftest.py) and test modules import
from here; the browser and the server behind them are plansite.testing's, which the
benchmarks use too. The oracle that reads the source is support.source_table; reading
built HTML back is support.html_pages."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from plansite.model import LANGUAGES
from plansite.settings import PDF_CACHE_VARIABLE
from plansite.testing import project
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


def copy_project(target: Path) -> Path:
    """A copy of the project, to break."""
    return project.copy_project(ROOT, target)


def run_build(
    folder: Path, site_dir: Path | None = None, site_url: str = "", demo_reports: bool = False
) -> subprocess.CompletedProcess:
    """`make site`'s build step, run as a separate process in a project folder, with the
    PDF cache that PLANSITE_PDF_CACHE names at the time (a test may set its own), for
    the public address site_url (SITE_URL; none by default), as a demonstration of
    sample reports when demo_reports."""
    pdf_cache = Path(os.environ.get(PDF_CACHE_VARIABLE) or PDF_CACHE)
    return project.run_build(
        folder, site_dir, pdf_cache=pdf_cache, site_url=site_url, demo_reports=demo_reports
    )


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
