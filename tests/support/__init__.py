"""What the tests share, in one place: where the project is and finding a built site's
pages (building it, or a copy, is done through conftest.py's fixtures, which mark the
tests that use them slow). Fixtures (conftest.py) and test modules import
from here; the browser and the server behind them are plansite.testing's, which the
benchmarks use too. The oracle that reads the source is support.source_table; reading
built HTML back is support.html_pages."""

from __future__ import annotations

import random
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


def random_edits(text: str, seed: str, count: int, noise: list[str]):
    """`count` copies of text, each with one to three random edits as a person's slips
    make them (a character of noise typed, or typed over one or more characters);
    seeded, so the same edits every run."""
    rng = random.Random(seed)
    for _ in range(count):
        edited = text
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(edited))
            edited = edited[:at] + rng.choice(noise) + edited[at + rng.choice((0, 0, 1, 8)) :]
        yield edited
