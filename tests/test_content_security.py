"""The site under its Content-Security-Policy, in a real browser: served by the shipped
nginx configuration with the policy the build wrote (plansite/security.py), every kind
of page in both languages is opened, searched, switched to the other language and put
into the reading mode, and chromium reports no violation of the policy."""

from __future__ import annotations

import pytest

from plansite import nginx
from plansite.security import InlineMarkup, inline_hashes, policy
from plansite.testing.search import SEARCH_INPUT
from plansite.urls import LANGUAGE_ROOTS
from support import DEPLOY_NGINX, PRIMARY

# One page of each kind; the 404 page by a missing address.
PAGES = (
    "",
    "categories/3/",
    "tasks/33/",
    "departments/",
    "departments/shuiliju/",
    "matrix/",
    "targets/",
    "glossary/",
    "about/",
    "tasks/99/",
)
# Recorded in the page before any of its own scripts runs.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", event => {
  const { violatedDirective, blockedURI, sourceFile, lineNumber } = event;
  window.__violations.push(`${violatedDirective} ${blockedURI} ${sourceFile}:${lineNumber}`);
});
"""


@pytest.fixture(scope="module")
def nginx_url(site, nginx_binary):
    with nginx.serve(DEPLOY_NGINX, site) as url:
        yield url


def use_the_page(page, url: str, lang: str) -> None:
    """What a reader does: search, the reading mode on and off, the language switch."""
    page.goto(url, wait_until="networkidle")
    page.click(SEARCH_INPUT)
    page.keyboard.type("shuiliju")  # pinyin, on both sites
    page.wait_for_selector("li.md-search-result__item")
    page.keyboard.press("Escape")
    page.click("[role=switch]")
    page.wait_for_function("document.documentElement.hasAttribute('data-plan-reading')")
    page.click("[role=switch]")
    page.wait_for_function("!document.documentElement.hasAttribute('data-plan-reading')")
    other = next(code for code in LANGUAGE_ROOTS if code != lang)
    switch = page.locator(".md-select", has=page.locator("[data-plan-alternate]"))
    switch.hover()
    with page.expect_navigation(wait_until="networkidle"):
        switch.locator(f'[data-plan-alternate="{other}"]').click()


@pytest.mark.parametrize("lang", LANGUAGE_ROOTS)
def test_no_page_breaks_the_policy(browser, nginx_url, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    violations = []
    headers = []
    page.on(
        "response",
        lambda response: (
            headers.append(response.headers.get("content-security-policy", ""))
            if response.request.resource_type == "document"
            else None
        ),
    )
    try:
        for path in PAGES:
            use_the_page(page, nginx_url + LANGUAGE_ROOTS[lang] + path, lang)
            violations += page.evaluate("window.__violations")  # on the page switched to
            page.go_back(wait_until="networkidle")
            violations += page.evaluate("window.__violations")
    finally:
        context.close()
    assert headers and all(h.startswith("default-src 'self'") for h in headers), headers
    assert not violations, violations
    assert not [m for m in console if "Content Security Policy" in m], console


def test_the_browser_reports_a_violation(browser, site, nginx_url):
    """The check is real: an inline script the build did not hash is blocked and seen."""
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    try:
        page.goto(nginx_url + "about/", wait_until="networkidle")
        page.evaluate(
            """() => { const s = document.createElement("script");
            s.textContent = "window.__ran = true"; document.body.append(s); }"""
        )
        page.wait_for_function("window.__violations.length > 0")
        assert page.evaluate("window.__ran") is None
    finally:
        context.close()


def test_the_policy_allows_the_pages_inline_scripts_by_hash_and_nothing_inline(site):
    value = (site / "content-security-policy.conf").read_text(encoding="utf-8")
    scripts, styles = inline_hashes(site)
    # the theme's scripts and the reading mode's; no inline style (the matrix's paper is
    # a named page of print.css)
    assert len(scripts) >= 3 and styles == []
    assert policy(scripts, styles) in value
    assert "unsafe-inline" not in value and "unsafe-eval" not in value
    assert "frame-ancestors 'none'" in value


def test_a_style_attribute_is_refused(tmp_path):
    page = tmp_path / PRIMARY / "index.html"
    page.parent.mkdir()
    page.write_text('<p style="color: red">x</p>', encoding="utf-8")
    with pytest.raises(InlineMarkup, match=r"index\.html: a style attribute"):
        inline_hashes(tmp_path)
