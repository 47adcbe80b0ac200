"""Every kind of page, in both languages, on a desktop and on a phone, passes axe-core
(the axe.min.js that axe-playwright-python ships) in Debian's chromium with no serious or
critical violation.

The kinds of page are discovered from the built site's folders, so pages added later
(overview views, glossary, open data) are checked without editing this file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from plansite.urls import LANGUAGE_ROOTS as LANG_ROOTS

BLOCKING = {"serious", "critical"}
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def page_kinds(site: Path, lang_root: str) -> dict[str, str]:
    """One URL path per kind of page: the kind is the page's folder path with every
    level below the first made generic (tasks/7/ and tasks/8/ are one kind)."""
    root = site / lang_root
    kinds: dict[str, str] = {}
    for page_file in sorted(root.rglob("*.html")):
        relative = page_file.relative_to(root)
        if not lang_root and relative.parts[0] == "en":
            continue
        if page_file.name == "index.html":
            parts = relative.parent.parts
            kind = "/".join(parts[:1] + ("*",) * len(parts[1:])) or "home"
            url = "".join(f"{part}/" for part in parts)
        else:
            kind = url = relative.as_posix()  # 404.html
        kinds.setdefault(kind, url)
    return kinds


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def test_every_kind_of_page_is_found(site):
    for lang_root in LANG_ROOTS.values():
        found = set(page_kinds(site, lang_root))
        assert {"home", "categories/*", "tasks/*", "departments", "departments/*"} <= found


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANG_ROOTS)
def test_no_serious_accessibility_violation(site, site_url, browser, axe, lang, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    failures = []
    try:
        for kind, url in page_kinds(site, LANG_ROOTS[lang]).items():
            page.goto(site_url + LANG_ROOTS[lang] + url)
            results = axe.run(page)
            for violation in results.response["violations"]:
                if violation["impact"] in BLOCKING:
                    targets = [node["target"] for node in violation["nodes"]][:3]
                    failures.append(f"{lang} {kind} ({url}): {violation['id']} {targets}")
    finally:
        context.close()
    assert not failures, "\n".join(failures)
