"""What the scripts share: the project they belong to, and one line per refusal."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from .engine import EngineError, ThemeChanged
from .forms import FormRefused
from .load import DataError
from .nginx import NginxError
from .pdf import FontMissing
from .security import InlineMarkup
from .settings import Settings, SettingsError

# Each names what to fix in one line; anything else is a bug and keeps its traceback.
REFUSALS = (
    SettingsError,
    DataError,
    FontMissing,
    EngineError,
    ThemeChanged,
    NginxError,
    InlineMarkup,
    FormRefused,
)


def run(script: str, step: Callable[[Settings], str]) -> int:
    """Run one step for the project that `script` (a scripts/ file) belongs to; print
    its summary, or "Error: …" and exit status 1."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    for name in ("plansite", "mkdocs"):  # as MkDocs' own command line shows them
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    try:
        settings = Settings.for_project(Path(script).resolve().parent.parent)
        print(step(settings))
    except REFUSALS as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    return 0
