"""The complete site, both languages, built into a temporary folder and swapped into
place only when everything succeeded, so a failed build leaves the last good site."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from .load import load_plan

ROOT = Path(__file__).resolve().parent.parent


def build_site(site_dir: Path, root: Path = ROOT) -> None:
    """Raises DataError (before anything is written) or any build error."""
    load_plan(root / "data")  # refuse bad data before any work
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-", dir=site_dir.parent))
    try:
        build(load_config(str(root / "mkdocs.yml"), site_dir=str(staging)))
        _swap_in(staging, site_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap_in(staging: Path, site_dir: Path) -> None:
    previous = site_dir.with_name(f".{site_dir.name}-previous")
    shutil.rmtree(previous, ignore_errors=True)
    staging.chmod(0o755)  # mkdtemp made it private; a site is for reading
    if site_dir.exists():
        site_dir.rename(previous)
    staging.rename(site_dir)
    shutil.rmtree(previous, ignore_errors=True)
