"""Exact-text corrections to the theme's built scripts, and the guard around them.

Material's minified scripts are not ours to change, but two of its behaviours are wrong
for this site (below: what and why). Each correction replaces a string of the pinned
version (requirements.txt) exactly once; when an upgrade changes the string, the build
stops with ThemeChanged, naming the script and the string, to be looked at again,
instead of silently doing nothing.
"""

from __future__ import annotations

from pathlib import Path

from ..installed import package_version

# The search worker cuts a Chinese query into the longest words of the index, but its
# loop stops one character short of the query's end: 计划用水 became 计划 + 用, and 用
# matched every page. These replacements let a word end at the last character.
WORKER_GLOB = "assets/javascripts/workers/search.*.min.js"
WORKER_FIXES = (
    (
        "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)",
        "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)",
    ),
    ("n[a]&&a<t.length-1&&(i[s++]=a)", "n[a]&&a<t.length&&(i[s++]=a)"),
    # It also makes every term a prefix (7 finds 7*, so 1 found tasks 10 to 19 and every
    # number starting with 1 before task 1). A term of digits alone is taken whole: a task's
    # number or a year, typed in full.
    (
        ".map(r=>/(^[+-]|[~^]\\d+$)/.test(r)?r:`${r}*`)",
        ".map(r=>/(^[+-]|[~^]\\d+$|^\\d+$)/.test(r)?r:`${r}*`)",
    ),
)

# The bundle reads every <link rel="alternate"> of the page, fetches sitemap.xml below
# each, and on a click on a link into the other language, goes to the same page only if
# the sitemap lists it, else to that language's home page: with no sitemap, or before it
# arrived, the switch landed on one page or the other. Its selector is made to match no
# link, so the switch is the plain link to the same page (overrides/partials/
# alternate.html), and no page fetches a sitemap.
BUNDLE_GLOB = "assets/javascripts/bundle.*.min.js"
BUNDLE_FIXES = (('M("link[rel=alternate]")', 'M("link[rel=alternate][data-md-sitemap]")'),)


class ThemeChanged(Exception):
    """A theme script is not the one a correction was written for: str() says which."""


def correct_theme_scripts(language_site: Path) -> None:
    """Correct one language's built copy of the theme's scripts."""
    correct_script(language_site, WORKER_GLOB, WORKER_FIXES)
    correct_script(language_site, BUNDLE_GLOB, BUNDLE_FIXES)


def correct_script(site_dir: Path, glob: str, corrections: tuple[tuple[str, str], ...]) -> None:
    """Replace each (old, new) once in the one file of site_dir matching glob."""
    scripts = sorted(site_dir.glob(glob))
    if len(scripts) != 1:
        raise ThemeChanged(f"expected one {glob} in {site_dir}, found {len(scripts)}")
    code = scripts[0].read_text(encoding="utf-8")
    for old, new in corrections:
        if code.count(old) != 1:
            raise ThemeChanged(
                f"Material {package_version('material')}'s {scripts[0].name} no longer "
                f"contains {old!r}: check plansite/engine/corrections.py against it"
            )
        code = code.replace(old, new)
    scripts[0].write_text(code, encoding="utf-8")
