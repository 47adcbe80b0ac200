"""Everything that knows MkDocs and Material for MkDocs, in one package: the rest of
plansite knows pages, a navigation tree and files (handbook/architecture.md, "The
engine boundary").

    config.py       each language's mkdocs.yml: the engine options, the navigation in
                    MkDocs' form, the theme's settings and the words its templates write
    overrides/      the theme's templates as this site overrides them
    assets/         files the site publishes for the theme's sake (the lazy search loader)
    corrections.py  exact-text corrections to the theme's built scripts, and their guard
    run.py          building and serving with MkDocs

The theme's version is pinned once, in requirements.txt; what was written against it
says so by the guard in corrections.py, which stops the build when an upgrade changed
what a correction replaces.
"""

from .config import CONFIG_FILE, engine_config
from .corrections import ThemeChanged, correct_theme_scripts
from .run import EngineError, build, serve

__all__ = [
    "CONFIG_FILE",
    "EngineError",
    "ThemeChanged",
    "build",
    "correct_theme_scripts",
    "engine_config",
    "serve",
]
