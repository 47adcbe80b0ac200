"""Reading built HTML pages back, with the standard library only."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class HtmlPage:
    path: Path
    # (id of the nearest h2 above the link inside the article, or "", href)
    content_links: list[tuple[str, str]] = field(default_factory=list)
    all_links: list[str] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)  # src/href of script, link, img
    alternates: dict[str, str] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)
    text: str = ""
    h1: str = ""
    lang: str = ""  # <html lang>
    # <meta>'s content by name or property (description, og:title …), unescaped
    meta: dict[str, str] = field(default_factory=dict)
    # <link rel="alternate">: hreflang -> href; and rel="canonical"'s href
    hreflang: dict[str, str] = field(default_factory=dict)
    canonical: str | None = None
    # <a rel="prev"> and <a rel="next">: rel -> [(href, text)]
    rel_links: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    nav_links: list[str] = field(default_factory=list)  # hrefs in the theme's main nav


class _Reader(HTMLParser):
    def __init__(self, page: HtmlPage):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.in_article = 0
        self.section = ""
        self.in_h1 = False
        self.chunks: list[str] = []
        self.skip = 0
        self.in_nav = 0  # depth of <nav> elements inside the main nav
        self.rel_link: tuple[str, str, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.page.lang = a.get("lang", "")
        if tag == "meta" and (a.get("name") or a.get("property")):
            self.page.meta[a.get("name") or a["property"]] = a.get("content", "")
        if tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.page.hreflang[a["hreflang"]] = a["href"]
        if tag == "link" and a.get("rel") == "canonical":
            self.page.canonical = a["href"]
        if "id" in a:
            self.page.ids.add(a["id"])
        if tag == "article":
            self.in_article += 1
        if tag == "nav" and (self.in_nav or "md-nav--primary" in a.get("class", "").split()):
            self.in_nav += 1
        if tag == "a" and self.in_nav and a.get("href") is not None:
            self.page.nav_links.append(a["href"])
        if tag == "a" and a.get("rel") in ("prev", "next"):
            self.rel_link = (a["rel"], a["href"], [])
        if tag in ("script", "style"):
            self.skip += 1
        if tag == "h2" and self.in_article:
            self.section = a.get("id", "")
        if tag == "h1" and self.in_article:
            self.in_h1 = True
        if tag == "a" and a.get("href") is not None:
            self.page.all_links.append(a["href"])
            if "data-plan-alternate" in a:
                self.page.alternates[a["data-plan-alternate"]] = a["href"]
            elif self.in_article:
                self.page.content_links.append((self.section, a["href"]))
        if tag in ("script", "img", "iframe", "source") and a.get("src"):
            self.page.resources.append(a["src"])
        if tag == "link" and a.get("href"):
            self.page.resources.append(a["href"])

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article -= 1
        if tag == "nav" and self.in_nav:
            self.in_nav -= 1
        if tag == "a" and self.rel_link:
            rel, href, text = self.rel_link
            self.page.rel_links.setdefault(rel, []).append((href, "".join(text).strip()))
            self.rel_link = None
        if tag in ("script", "style"):
            self.skip -= 1
        if tag == "h1":
            self.in_h1 = False

    def handle_data(self, data):
        if self.rel_link:
            self.rel_link[2].append(data)
        if self.in_article and not self.skip:
            self.chunks.append(data)
            if self.in_h1:
                self.page.h1 += data


def read_page(path: Path) -> HtmlPage:
    page = HtmlPage(path=path)
    reader = _Reader(page)
    reader.feed(path.read_text(encoding="utf-8"))
    page.text = "".join(reader.chunks)
    page.h1 = page.h1.strip()
    return page


def resolve(page_file: Path, href: str, site_root: Path | None = None) -> Path:
    """The file a link from a built page points at (directory URLs served as
    index.html), without any #fragment or ?query; a root-relative link needs site_root."""
    target = href.split("#", 1)[0].split("?", 1)[0]
    if not target:
        return page_file
    base = page_file.parent
    if target.startswith("/"):
        assert site_root is not None, href
        base, target = site_root, target.lstrip("/") or "."
    joined = Path(posixpath.normpath(str(base / target)))
    if target.endswith("/") or joined.is_dir():
        return joined / "index.html"
    return joined


def task_id_of(path: Path) -> int | None:
    """tasks/7/index.html -> 7."""
    parts = path.parts
    if len(parts) >= 3 and parts[-3] == "tasks" and parts[-2].isdigit():
        return int(parts[-2])
    return None
