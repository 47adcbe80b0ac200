"""The language switch lands on the same page in the other language, every time: clicked
in chromium on every kind of page, both ways, many times, with JavaScript and without,
on the site built without SITE_URL (any folder) and for a public address below /jieshui/
(served by nginx). It once went to the other home page about one click in six: Material's
script redirected by a sitemap it fetched in the background, so a single click proved
nothing; no page fetches a sitemap now."""

from __future__ import annotations

import pytest

from plansite import nginx
from plansite.model import LANGUAGES
from plansite.urls import LANGUAGE_ROOTS
from support import DEPLOY_NGINX, other_language

# One page of each kind, as its path below a language's root.
PAGES = (
    "",
    "categories/3/",
    "tasks/7/",
    "departments/",
    "departments/shuiliju/",
    "matrix/",
    "targets/",
    "glossary/",
)
DIRECTIONS = tuple((lang, other_language(lang)) for lang in LANGUAGES)
CLICKS = 3  # per page and direction, each from a freshly loaded page


def click_switch(page, url: str, to: str) -> str:
    """Load url, open the switch and click the other language; return where the browser
    landed. The old script's redirect came from a sitemap it fetched after the page
    loaded: every request is recorded, and no page may fetch one (the caller checks)."""
    page.goto(url, wait_until="load")
    switch = page.locator(".md-select", has=page.locator("[data-plan-alternate]"))
    switch.hover()  # the list opens on hover (CSS), as a person's pointer opens it
    with page.expect_navigation(wait_until="load"):
        switch.locator(f'[data-plan-alternate="{to}"]').click()
    return page.url


def assert_lands_on_the_same_page(browser, base: str, javascript: bool, clicks: int):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    try:
        for path in PAGES:
            for here, there in DIRECTIONS:
                expected = base + LANGUAGE_ROOTS[there] + path
                for _ in range(clicks):
                    landed = click_switch(page, base + LANGUAGE_ROOTS[here] + path, there)
                    assert landed == expected, (here, path)
    finally:
        context.close()
    assert fetched and not [u for u in fetched if "sitemap" in u]


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_switch_without_site_url(browser, site_url, javascript):
    assert_lands_on_the_same_page(browser, site_url, javascript, CLICKS if javascript else 1)


def test_switch_with_site_url_on_nginx(browser, nginx_binary, published_site):
    with nginx.serve(DEPLOY_NGINX, published_site, "/jieshui/") as base:
        assert_lands_on_the_same_page(browser, base, True, 2)
        # a missing address: its 404 page switches to the other language's home page
        context = browser.new_context()
        page = context.new_page()
        for here, there in DIRECTIONS:
            missing = base + LANGUAGE_ROOTS[here] + "no/such/page/"
            landed = click_switch(page, missing, there)
            assert landed == base + LANGUAGE_ROOTS[there]
        # its second link opens the search box on the home page
        page.goto(base + "en/no/such/page/", wait_until="networkidle")
        page.locator("article a").nth(1).click()
        page.wait_for_url(base + "en/*")
        assert page.locator("#__search").is_checked()
        assert page.evaluate("document.activeElement.name") == "query"
        context.close()
