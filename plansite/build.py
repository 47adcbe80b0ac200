"""The complete site, both languages, built into a temporary folder and swapped into
place only when everything succeeded, so a failed build leaves the last good site.

Builds are reproducible: the only date MkDocs writes (sitemap.xml's lastmod, and the
time stamp inside sitemap.xml.gz) follows SOURCE_DATE_EPOCH, which the hook sets to the
time of the last git commit (source_date_epoch), so two builds of one commit, by
`make site` or a plain `mkdocs build`, give byte-identical sites.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from .load import load_plan

ROOT = Path(__file__).resolve().parent.parent
# Sources without git history (an unpacked archive) still build reproducibly.
FALLBACK_SOURCE_DATE_EPOCH = 1767225600  # 2026-01-01T00:00:00Z


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


def source_date_epoch(root: Path) -> int:
    """The last commit's time, or the fixed fallback outside a git checkout."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True
        )
    except OSError:  # no git installed
        return FALLBACK_SOURCE_DATE_EPOCH
    stamp = result.stdout.strip()
    return int(stamp) if result.returncode == 0 and stamp.isdigit() else FALLBACK_SOURCE_DATE_EPOCH


def _swap_in(staging: Path, site_dir: Path) -> None:
    previous = site_dir.with_name(f".{site_dir.name}-previous")
    shutil.rmtree(previous, ignore_errors=True)
    staging.chmod(0o755)  # mkdtemp made it private; a site is for reading
    if site_dir.exists():
        site_dir.rename(previous)
    staging.rename(site_dir)
    shutil.rmtree(previous, ignore_errors=True)
