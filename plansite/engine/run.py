"""Building and serving with MkDocs: the last, replaceable step.

It turns one language's engine input (generate.py) into HTML. This module is the only
one that imports MkDocs; an engine that reads the same mkdocs.yml (ProperDocs, Zensical)
replaces it here.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path

from ..templating import template_error_message, template_location
from .config import OVERRIDES, THEME_DIR


class EngineError(Exception):
    """The engine refused the input: str() is its one-line message."""


def build(config_file: Path, site_dir: Path) -> None:
    """Build the site that config_file describes into site_dir."""
    from jinja2 import TemplateError
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    # jieba (Material's search segments Chinese with it) imports pkg_resources, which
    # setuptools deprecates; requirements.txt pins a setuptools that still has it.
    warnings.filterwarnings("ignore", "pkg_resources is deprecated", UserWarning)
    try:
        config = load_config(str(config_file), site_dir=str(site_dir))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except (Abort, ConfigurationError) as error:
        raise EngineError(str(error).strip()) from None
    except TemplateError as error:  # an override of the theme's templates
        raise EngineError(_located(error, config_file.parent / THEME_DIR)) from None


def _located(error: Exception, copied_overrides: Path) -> str:
    """file:line of the override at fault, as the project holds it (the engine reads a
    copy), and the error."""
    where = template_location(error, copied_overrides)
    shown = f"{_shown(where[0], copied_overrides.resolve())}:{where[1]}: " if where else ""
    return shown + template_error_message(error)


def serve(
    rebuild: Callable[[], None], site_dir: Path, watched: Iterable[Path], address: str
) -> None:
    """Serve site_dir at address (host:port), calling rebuild and reloading the browser
    whenever a watched file changes. MkDocs' own development server does the serving,
    watching and reloading; what is built is the complete pipeline's site."""
    from mkdocs.livereload import LiveReloadServer

    host, port = address.rsplit(":", 1)
    server = LiveReloadServer(builder=rebuild, host=host, port=int(port), root=str(site_dir))
    for path in watched:
        server.watch(str(path))
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


def _shown(copy: Path, copied_overrides: Path) -> str:
    """The project's own file of a copied override, as a path from the working folder."""
    original = OVERRIDES / copy.relative_to(copied_overrides)
    return os.path.relpath(original)
