"""The build's settings, declared once with their defaults: where the project's parts
are, where the build writes, and what the environment may change."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

# Copies of the project (tests, benchmarks) share one PDF cache: it is content-addressed,
# so a copy with other data only adds files.
PDF_CACHE_VARIABLE = "PLANSITE_PDF_CACHE"

# The public address the site is built for (handbook/publishing.md). Without it every link
# is relative and the site works from any folder; with it the build adds what needs an
# absolute address: canonical links, sitemaps, robots.txt.
SITE_URL_VARIABLE = "SITE_URL"
SITE_URL_EXAMPLE = "https://example.gov.cn/jieshui/"

# The source the data was read from, kept in the project byte for byte and published as
# it is (urls.SOURCE_PATH): a reader can check every word of the site against it.
SOURCE_FILE = "source/wuxi-water-saving-division-of-labour.txt"
# A demonstration build (scripts/demo_reports.py): its progress reports are generated
# samples, and every page and handout says so in a banner. 1 for yes; unset or 0 for no.
DEMO_REPORTS_VARIABLE = "PLANSITE_DEMO_REPORTS"


class SettingsError(Exception):
    """A setting that cannot be used: str() says what to write instead, in one line."""


def site_url(value: str) -> str:
    """An absolute http(s) address ending in /, or "" for none. Raises SettingsError."""
    value = value.strip()
    if not value:
        return ""
    refusal = SettingsError(
        f"{SITE_URL_VARIABLE} must look like {SITE_URL_EXAMPLE} (not {value!r})"
    )
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (raises ValueError for a port that is not one)
    except ValueError:
        raise refusal from None
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.query
        or parts.fragment
        or any(c.isspace() for c in value)
    ):
        raise refusal
    return value if value.endswith("/") else value + "/"


def flag(name: str, value: str) -> bool:
    """A yes-or-no setting: 1 or 0 (or empty). Raises SettingsError."""
    if value.strip() not in ("", "0", "1"):
        raise SettingsError(f"{name} must be 1 (yes) or 0 (no), not {value!r}")
    return value.strip() == "1"


@dataclass(frozen=True)
class Settings:
    root: Path  # the project folder: data/, templates/, docs/, mkdocs.yml
    pdf_cache: Path
    site_url: str = ""  # the public address, "" or absolute and ending in /
    demo_reports: bool = False  # the reports are generated samples: say so everywhere

    @classmethod
    def for_project(cls, root: Path, environ: Mapping[str, str] = os.environ) -> Settings:
        """Raises SettingsError for a SITE_URL that is not an absolute http(s) address,
        or a PLANSITE_DEMO_REPORTS other than 1 or 0."""
        root = root.resolve()
        pdf_cache = environ.get(PDF_CACHE_VARIABLE) or root / ".cache" / "pdf"
        return cls(
            root=root,
            pdf_cache=Path(pdf_cache),
            site_url=site_url(environ.get(SITE_URL_VARIABLE, "")),
            demo_reports=flag(DEMO_REPORTS_VARIABLE, environ.get(DEMO_REPORTS_VARIABLE, "")),
        )

    @property
    def site_path(self) -> str:
        """The site root's path on its server: SITE_URL's, or / when none is set."""
        return urlsplit(self.site_url).path or "/"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def source_file(self) -> Path:
        return self.root / SOURCE_FILE

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def static_dir(self) -> Path:
        """Files published as they are (stylesheets, scripts): docs/."""
        return self.root / "docs"

    @property
    def template_cache(self) -> Path:
        """Compiled templates, kept between builds (git-ignored)."""
        return self.root / ".cache" / "jinja"

    @property
    def form_cache(self) -> Path:
        """The report forms of the last build, kept for the next (git-ignored)."""
        return self.root / ".cache" / "forms"

    @property
    def pinyin_memo(self) -> Path:
        """The names' pinyin, kept between builds (git-ignored)."""
        return self.root / ".cache" / "pinyin.json"

    @property
    def engine_config(self) -> Path:
        """The engine options both languages share; mkdocs.LANG.yml adds one language's."""
        return self.root / "mkdocs.yml"

    @property
    def engine_input(self) -> Path:
        """Where the generator writes the engine's complete input (git-ignored)."""
        return self.root / "build" / "engine"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"
