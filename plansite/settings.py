"""The build's settings, declared once with their defaults: where the project's parts
are, where the build writes, and what the environment may change."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

# Copies of the project (tests, benchmarks) share one PDF cache: it is content-addressed,
# so a copy with other data only adds files.
PDF_CACHE_VARIABLE = "PLANSITE_PDF_CACHE"


@dataclass(frozen=True)
class Settings:
    root: Path  # the project folder: data/, templates/, docs/, overrides/, mkdocs.yml
    pdf_cache: Path

    @classmethod
    def for_project(cls, root: Path, environ: Mapping[str, str] = os.environ) -> Settings:
        root = root.resolve()
        pdf_cache = environ.get(PDF_CACHE_VARIABLE) or root / ".cache" / "pdf"
        return cls(root=root, pdf_cache=Path(pdf_cache))

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def static_dir(self) -> Path:
        """Files published as they are (stylesheets, scripts): docs/."""
        return self.root / "docs"

    @property
    def theme_dir(self) -> Path:
        """Overrides of the theme's templates."""
        return self.root / "overrides"

    @property
    def template_cache(self) -> Path:
        """Compiled templates, kept between builds (git-ignored)."""
        return self.root / ".cache" / "jinja"

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
