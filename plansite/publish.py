"""What a web server needs beside the engine's pages (handbook/publishing.md): sitemaps
and robots.txt for the public address, pages without the theme's indentation, and every
compressible file pre-compressed.

Run by build.py's post-build on the complete site, last: the .gz files are of the final
bytes. Everything here is deterministic (sorted, gzip without time stamp or file name),
so two builds of one commit stay byte-identical.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from .model import LANGUAGE_TAGS, LANGUAGES
from .urls import LANGUAGE_ROOTS

SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
# What nginx's gzip_static serves pre-compressed (deploy/nginx): text formats only.
COMPRESSED_SUFFIXES = (".html", ".css", ".js", ".json", ".csv", ".xml", ".svg")
# gzip's default: level 9 made the files 1 % smaller in three times the time (0.5 s).
COMPRESS_LEVEL = 6


def publish(site_dir: Path, site_url: str) -> None:
    _write_sitemaps(site_dir, site_url)
    for page in sorted(site_dir.rglob("*.html")):
        page.write_text(unindented(page.read_text(encoding="utf-8")), encoding="utf-8")
    for sheet in sorted(site_dir.rglob("*.css")):
        if not sheet.name.endswith(".min.css"):  # the theme's are minified already
            sheet.write_text(compact_css(sheet.read_text(encoding="utf-8")), encoding="utf-8")
    _precompress(site_dir)


# The theme indents its HTML deeply: of a task page's 30 KB, 8.6 KB were the white space
# that starts its lines, and every page downloads it. Browsers render a run of white
# space holding a line break as the line break alone, so it goes, but inside the
# elements that keep their white space.
WHITE_SPACE_KEPT = re.compile(r"(<(pre|textarea|script)\b.*?</\2>)", re.S | re.I)
LINE_START = re.compile(r"\n\s+")


def unindented(html: str) -> str:
    """The page without white space at the start of its lines (blank lines included),
    but in <pre>, <textarea> and <script>."""
    parts = WHITE_SPACE_KEPT.split(html)
    # split() gives text, then each kept element and its tag name, then text again
    return "".join(
        LINE_START.sub("\n", part) if i % 3 == 0 else part
        for i, part in enumerate(parts)
        if i % 3 != 2
    )


# The site's own stylesheets explain themselves in comments, which every page downloads:
# 6.7 of their 20 KB, with the indentation. A comment cannot hold "*/", and no rule of
# ours has "/*" inside a string.
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def compact_css(css: str) -> str:
    """The stylesheet without its comments, indentation and blank lines."""
    lines = (line.strip() for line in CSS_COMMENT.sub("", css).split("\n"))
    return "\n".join(line for line in lines if line) + "\n"


def language_pages(site_dir: Path, lang: str) -> list[str]:
    """The URL paths of a language's pages below its root ("", "tasks/1/" …), sorted;
    the 404 page is not one."""
    root = site_dir / LANGUAGE_ROOTS[lang]
    others = [site_dir / LANGUAGE_ROOTS[o] for o in LANGUAGES if LANGUAGE_ROOTS[o]]
    pages = []
    for page in root.rglob("index.html"):
        if not any(other != root and other in page.parents for other in others):
            folder = page.parent.relative_to(root).as_posix()
            pages.append("" if folder == "." else folder + "/")
    return sorted(pages)


def _write_sitemaps(site_dir: Path, site_url: str) -> None:
    """With a public address, each language's sitemap at its root lists its pages, each
    with its alternates in every language (xhtml:link, as search engines read them), and
    robots.txt names them. Without one, none: a sitemap holds absolute addresses only."""
    for lang in LANGUAGES:
        for name in (SITEMAP, SITEMAP + ".gz"):  # MkDocs' own, without alternates
            (site_dir / LANGUAGE_ROOTS[lang] / name).unlink(missing_ok=True)
    if not site_url:
        return
    for lang in LANGUAGES:
        entries = []
        for page in language_pages(site_dir, lang):
            links = "".join(
                f'\n    <xhtml:link rel="alternate" hreflang={quoteattr(tag)} '
                f"href={quoteattr(site_url + LANGUAGE_ROOTS[other] + page)}/>"
                for other, tag in _alternate_tags()
                if (site_dir / LANGUAGE_ROOTS[other] / page / "index.html").is_file()
            )
            loc = escape(site_url + LANGUAGE_ROOTS[lang] + page)
            entries.append(f"  <url>\n    <loc>{loc}</loc>{links}\n  </url>\n")
        (site_dir / LANGUAGE_ROOTS[lang] / SITEMAP).write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "".join(entries) + "</urlset>\n",
            encoding="utf-8",
        )
    sitemaps = "".join(
        f"Sitemap: {site_url}{LANGUAGE_ROOTS[lang]}{SITEMAP}\n" for lang in LANGUAGES
    )
    (site_dir / ROBOTS).write_text(f"User-agent: *\nAllow: /\n{sitemaps}", encoding="utf-8")


def _alternate_tags() -> list[tuple[str, str]]:
    """(language, hreflang) of every language, and the primary one again as x-default,
    as the pages' <head> names them."""
    return [(lang, LANGUAGE_TAGS[lang]) for lang in LANGUAGES] + [(LANGUAGES[0], "x-default")]


def _precompress(site_dir: Path) -> None:
    """FILE.gz beside every text file, for a server to send as it is (no compression
    work per request). Kept only when smaller."""
    for path in sorted(site_dir.rglob("*")):
        if path.suffix in COMPRESSED_SUFFIXES and path.is_file():
            data = path.read_bytes()
            packed = gzip.compress(data, compresslevel=COMPRESS_LEVEL, mtime=0)
            if len(packed) < len(data):
                path.with_name(path.name + ".gz").write_bytes(packed)
