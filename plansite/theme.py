"""Exact-text corrections to the theme's built scripts, and the guard around them.

Material's minified scripts are not ours to change, but two of its behaviours are wrong
for this site (search.py, publish.py say which and why). Each correction replaces a
string of the pinned version exactly once; when an upgrade changes the string, the build
stops with ThemeChanged, to be looked at again, instead of silently doing nothing.
"""

from __future__ import annotations

from pathlib import Path


class ThemeChanged(Exception):
    """A theme script is not the one a correction was written for: str() says which."""


def correct_script(
    site_dir: Path, glob: str, corrections: tuple[tuple[str, str], ...], owner: str
) -> None:
    """Replace each (old, new) once in the one file of site_dir matching glob; `owner`
    names the module that explains the corrections."""
    scripts = sorted(site_dir.glob(glob))
    if len(scripts) != 1:
        raise ThemeChanged(f"expected one {glob} in {site_dir}, found {len(scripts)}")
    code = scripts[0].read_text(encoding="utf-8")
    for old, new in corrections:
        if code.count(old) != 1:
            raise ThemeChanged(
                f"{scripts[0].name} no longer contains {old!r}; check {owner} against the "
                "new Material version"
            )
        code = code.replace(old, new)
    scripts[0].write_text(code, encoding="utf-8")
