"""`mkdocs build` or `mkdocs serve` typed in the project folder: this mkdocs.yml holds
only the engine options both languages share, and the site is built in steps that MkDocs
alone does not run (handbook/architecture.md). Stop at once, in one line, saying what
to run instead."""

from mkdocs.exceptions import Abort

INSTEAD = {
    "serve": "make serve (the preview of both languages, rebuilt on every edit)",
}
DEFAULT = "make site (both languages, PDF handouts, open data and search, into site/)"


def on_startup(command: str, dirty: bool) -> None:
    raise Abort(
        f"this mkdocs.yml holds the engine options the generator completes; run "
        f"{INSTEAD.get(command, DEFAULT)}"
    )
