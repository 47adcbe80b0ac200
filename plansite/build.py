"""The complete site, both languages, one step after another, each once:

    generate (generate.py) -> build each language (engine.py) -> post-build -> swap

The site is built into a temporary folder and swapped into place only when everything
succeeded, so a failed build leaves the last good site.

Builds are reproducible: the only dates MkDocs writes are in its sitemaps, which the
post-build replaces with dateless ones (publish.py), so two builds of one commit are
byte-identical.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from . import engine
from .generate import EngineInput, generate
from .publish import publish
from .search.index import enrich_index
from .security import write_policy
from .settings import Settings
from .staging import staged


def build_site(
    settings: Settings,
    site_dir: Path | None = None,
    step_done: Callable[[str], object] = lambda step: None,
) -> None:
    """Raises DataError or FontMissing (before anything is written), EngineError,
    ThemeChanged (with the last site untouched). `step_done` is told the name of each
    step as it ends ("generate", "engine", "post-build"): make bench times them."""
    inputs = generate(settings)
    step_done("generate")
    with staged((site_dir or settings.site_dir).resolve()) as staging:
        build_engine_sites(inputs, staging)
        step_done("engine")
        post_build(inputs, staging, settings.site_url)
        step_done("post-build")


def build_engine_sites(inputs: list[EngineInput], site_dir: Path) -> None:
    """Each language's site, the primary one first: its build empties the folder that
    the others are built into."""
    for engine_input in inputs:
        engine.build(engine_input.config_file, site_dir / engine_input.site_subdir)


def post_build(inputs: list[EngineInput], site_dir: Path, site_url: str) -> None:
    for engine_input in inputs:
        language_site = site_dir / engine_input.site_subdir
        engine.correct_theme_scripts(language_site)
        enrich_index(
            language_site,
            engine_input.lang,
            engine_input.search_names,
            engine_input.search_dictionary,
            engine_input.search_keywords,
        )
    publish(site_dir, site_url)  # it compresses the final files
    write_policy(site_dir)  # last: the hashes of the final pages' inline scripts
