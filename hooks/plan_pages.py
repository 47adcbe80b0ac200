"""MkDocs hook: the thin adapter between MkDocs and the generator in plansite/.

Every build reads data/, renders the plan's pages for the configured language and hands
them to MkDocs as generated files, so no page is ever stale and none is committed. The
primary (Chinese) build then builds the English site into ``en/``, each language with
its own search index.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plansite.load import DataError, load_plan  # noqa: E402
from plansite.pages import navigation, render_pages  # noqa: E402

DATA = ROOT / "data"
_pages = []


@event_priority(100)  # before the search plugin reads its configuration
def on_config(config):
    global _pages
    lang = config.theme["language"]
    try:
        plan = load_plan(DATA)
    except DataError as error:
        raise Abort(f"Error: {error}") from None
    _pages = render_pages(plan, lang)
    config.nav = navigation(plan, lang)
    return config


def on_files(files, config):
    for page in _pages:
        files.append(File.generated(config, page.path, content=page.content))
    return files


def on_serve(server, config, builder):
    for folder in ("data", "templates", "plansite"):
        server.watch(str(ROOT / folder))
    return server


def on_post_build(config):
    secondary = config.extra.get("secondary_config")
    if secondary:
        site_dir = Path(config.site_dir) / "en"
        build(load_config(str(ROOT / secondary), site_dir=str(site_dir)))
        # Servers answer every missing address with the root 404.html; the English copy
        # would only carry links rooted at the wrong site.
        (site_dir / "404.html").unlink()
