"""Two ways to give a folder new contents so that no stale file survives and a failure
leaves nothing half-done that matters:

- ``staged``: the site. A new folder is written beside the target and renamed into place
  only when complete, so a failed build leaves the last good site as it was.
- ``update_folder``: the engine's input, known in full before anything is written. Only
  files whose contents changed are written and files no longer wanted are removed, so the
  folder ends exactly as if written anew. Creating a file costs about forty times reading
  one on the file systems measured here, and most rebuilds change a few pages.

And ``write_atomically``, for the caches builds share (PDF handouts, report forms).
"""

from __future__ import annotations

import contextlib
import filecmp
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

# A file's new contents: the bytes, or a file to copy (a static file, a cached PDF or form).
Contents = bytes | Path


@contextlib.contextmanager
def staged(target: Path) -> Iterator[Path]:
    """Yields an empty folder beside `target`; on success it replaces `target`, on any
    error it is removed and `target` is untouched."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        yield staging
        staging.chmod(0o755)  # mkdtemp made it private; a site is for reading
        previous = target.with_name(f".{target.name}-previous")
        shutil.rmtree(previous, ignore_errors=True)
        if target.exists():
            target.rename(previous)
        staging.rename(target)
        shutil.rmtree(previous, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def update_folder(target: Path, files: Mapping[str, Contents]) -> int:
    """Makes `target` hold exactly `files` (relative POSIX path -> contents): writes what
    differs, removes everything else. Returns how many files it wrote."""
    if target.exists() and not target.is_dir():
        target.unlink()
    written = 0
    for relative, contents in files.items():
        path = target / relative
        if not _holds(path, contents):
            _make_folder(path.parent, target)
            if path.is_dir():
                shutil.rmtree(path)
            if isinstance(contents, Path):
                shutil.copyfile(contents, path)
            else:
                path.write_bytes(contents)
            written += 1
    wanted = {target / relative for relative in files}
    folders = {target} | {parent for path in wanted for parent in path.parents}
    for folder, subfolders, names in os.walk(target, topdown=False):
        for name in names:
            if (path := Path(folder, name)) not in wanted:
                path.unlink()
        for name in subfolders:
            if (path := Path(folder, name)) not in folders:
                path.rmdir()  # emptied above: its files and folders were not wanted
    return written


def write_atomically(target: Path, content: bytes) -> None:
    """Other builds may share the cache: a reader never sees half a file."""
    fd, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
    with os.fdopen(fd, "wb") as f:
        f.write(content)
    os.chmod(temporary, 0o644)  # mkstemp made it private; the site copies it as it is
    os.replace(temporary, target)


def _make_folder(folder: Path, target: Path) -> None:
    """`folder` and its parents below `target`, replacing a file that has its name."""
    for each in [*reversed(folder.relative_to(target).parents), folder.relative_to(target)]:
        if (target / each).is_file():
            (target / each).unlink()
    folder.mkdir(parents=True, exist_ok=True)


def _holds(path: Path, contents: Contents) -> bool:
    """Whether the file at `path` has these contents (compared byte for byte: the PDF
    cache touches its files to keep them, so a time says nothing)."""
    try:
        if isinstance(contents, Path):
            return path.stat().st_size == contents.stat().st_size and filecmp.cmp(
                path, contents, shallow=False
            )
        return path.is_file() and path.read_bytes() == contents
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return False
