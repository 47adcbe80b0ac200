"""Accessibility of every kind of page, in both languages, in Debian's chromium (issue 14).

- axe-core (the axe.min.js that axe-playwright-python ships) with every WCAG 2.0, 2.1 and
  2.2 A and AA rule, at any impact, at phone and desktop widths, and in the reading mode;
- the keyboard: Tab through every page at 390, 768, 1024 and 1280 px, and every stop must be
  on screen, on top and outlined; the drawer and search open and close from the keyboard;
- the reading mode: set on one page, found on another (larger text, 7:1 contrast, in print
  too), kept in local storage only;
- reflow at 320 px and text at 200 %, and no motion for readers who ask for none.

The kinds of page are discovered from the built site's folders, so pages added later are
checked without editing this file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe

from plansite.urls import LANGUAGE_ROOTS as LANG_ROOTS

ROOT = Path(__file__).resolve().parent.parent
LABELS = yaml.safe_load((ROOT / "templates" / "labels.yaml").read_text(encoding="utf-8"))

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE, TABLET, LAPTOP, DESKTOP = 390, 768, 1024, 1280
READING_KEY = "plan-reading-mode"  # docs/assets/javascripts/accessibility.js

pytestmark = pytest.mark.browser


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


def open_context(browser, width: int, reading: bool = False, **options):
    context = browser.new_context(viewport={"width": width, "height": 800}, **options)
    if reading:
        context.add_init_script(f"localStorage.setItem('{READING_KEY}', 'on')")
    return context


def test_every_kind_of_page_is_found(site):
    for lang_root in LANG_ROOTS.values():
        found = set(page_kinds(site, lang_root))
        assert {"home", "categories/*", "tasks/*", "departments", "departments/*"} <= found
        assert {"matrix", "targets", "glossary"} <= found


# -- axe: WCAG 2.2 AA ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("width", "reading"), [(PHONE, False), (DESKTOP, False), (PHONE, True)], ids=str
)
@pytest.mark.parametrize("lang", LANG_ROOTS)
def test_wcag_22_aa(site, site_url, browser, axe, lang, width, reading):
    context = open_context(browser, width, reading)
    page = context.new_page()
    failures, rules = [], set()
    try:
        for kind, url in page_kinds(site, LANG_ROOTS[lang]).items():
            page.goto(site_url + LANG_ROOTS[lang] + url)
            results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
            rules |= {rule["id"] for rule in results.response["passes"]}
            for violation in results.response["violations"]:
                targets = [node["target"] for node in violation["nodes"]][:3]
                failures.append(
                    f"{lang} {kind} ({url}): {violation['id']} ({violation['impact']}) {targets}"
                )
    finally:
        context.close()
    assert not failures, "\n".join(failures)
    assert {"color-contrast", "target-size", "button-name", "link-name"} <= rules


# -- the keyboard ------------------------------------------------------------------------

# After a Tab: wait for the theme's transitions (a sliding drawer, a fading overlay; not
# colour changes, nor Material's tooltips, which elementFromPoint does not see), then judge
# the focused element: rendered, inside the viewport, on top at the centre of one of its
# boxes (not under the header, an overlay or a sticky cell), and outlined.
JUDGE_FOCUS = """async () => {
  const judge = element => {
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    const onTop = [...element.getClientRects()].some(r => {
      const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
      const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
      const hit = document.elementFromPoint(x, y);
      return hit !== null && element.contains(hit);
    });
    const problems = [];
    if (!element.checkVisibility({opacityProperty: true, visibilityProperty: true})) {
      problems.push("hidden");
    }
    if (box.width < 1 || box.height < 1 || box.right <= 0 || box.bottom <= 0
        || box.left >= innerWidth || box.top >= innerHeight) problems.push("off screen");
    else if (!onTop) problems.push("covered");
    if (style.outlineStyle === "none" || parseFloat(style.outlineWidth) < 1) {
      problems.push("no outline");
    }
    const name = (element.getAttribute("aria-label") || element.textContent).trim().slice(0, 30);
    return {stop: element.dataset.tabStop, problems,
            what: `<${element.tagName.toLowerCase()} class="${element.className}"> ${name}`};
  };
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  await Promise.all(document.getAnimations()
    .filter(a => !a.effect.target.matches(".md-tooltip, .md-tooltip2")
                 && !/color|shadow/.test(a.transitionProperty || ""))
    .map(a => a.finished.catch(() => {})));
  if (!element.dataset.tabStop) {
    element.dataset.tabStop = String(document.querySelectorAll("[data-tab-stop]").length);
  }
  // Material fits the sticky sidebar's height to the footer in its scroll handler, after
  // the focus scrolled the page: until then its last entries may lie over the footer's
  // links. So the judgement is taken again at each frame until it finds nothing wrong,
  // for at most a second of frames; what is still wrong then is the answer.
  let judged = judge(element);
  for (let frame = 0; frame < 60 && judged.problems.length; frame++) {
    await new Promise(done => requestAnimationFrame(done));
    judged = judge(element);
  }
  return judged;
}"""


def tab_stops(page, limit: int = 400):
    """Press Tab until focus comes back round; yield each stop's judgement."""
    seen = set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(JUDGE_FOCUS)
        if stop is None or stop["stop"] in seen:
            return
        seen.add(stop["stop"])
        yield stop
    raise AssertionError(f"more than {limit} Tab stops")


@pytest.mark.parametrize("width", [PHONE, TABLET, LAPTOP, DESKTOP])
@pytest.mark.parametrize("lang", LANG_ROOTS)
def test_every_tab_stop_is_visible(site, site_url, browser, lang, width):
    context = open_context(browser, width)
    page = context.new_page()
    failures, count = [], 0
    try:
        for kind, url in page_kinds(site, LANG_ROOTS[lang]).items():
            page.goto(site_url + LANG_ROOTS[lang] + url)
            stops = list(tab_stops(page))
            count += len(stops)
            if kind != "404.html":  # the only page without headings to skip to
                assert "md-skip" in stops[0]["what"], f"{kind}: first stop {stops[0]['what']}"
            failures += [
                f"{kind} stop {n}: {stop['what']}: {', '.join(stop['problems'])}"
                for n, stop in enumerate(stops, 1)
                if stop["problems"]
            ]
    finally:
        context.close()
    assert not failures, "\n".join(failures)
    assert count > 200, count  # the walk reached the pages' content


def focus_by_tab(page, selector: str, limit: int = 20):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def checked(page, toggle: str) -> bool:
    return page.evaluate("id => document.getElementById(id).checked", toggle)


@pytest.mark.parametrize("width", [PHONE, TABLET, LAPTOP])
def test_drawer_opens_and_closes_from_the_keyboard(site_url, browser, width):
    """Below 1220 px the navigation is a drawer of sliding levels (Material)."""
    context = open_context(browser, width)
    page = context.new_page()
    try:
        page.goto(site_url + "categories/3/")
        menu = "[data-plan-opens=__drawer]"
        focus_by_tab(page, menu)
        assert page.get_attribute(menu, "aria-expanded") == "false"
        page.keyboard.press("Enter")
        assert checked(page, "__drawer")
        assert page.get_attribute(menu, "aria-expanded") == "true"
        first = page.evaluate(JUDGE_FOCUS)
        # the drawer opens at the page's section: its title leads back up a level
        assert first["problems"] == [] and "md-nav__title" in first["what"], first
        page.keyboard.press("Space")
        up = page.evaluate(JUDGE_FOCUS)
        assert up["problems"] == [] and page.get_attribute(":focus", "aria-expanded") == "false"
        page.keyboard.press("Enter")  # and down again
        assert page.evaluate(JUDGE_FOCUS)["stop"] == first["stop"]
        inside = []
        for stop in tab_stops(page):
            if not checked(page, "__drawer"):
                break  # focus left the drawer, which closed
            inside.append(stop)
        assert len(inside) >= 11, inside  # the categories
        assert not [stop for stop in inside if stop["problems"]], inside
        assert not page.evaluate(
            "document.querySelector('.md-sidebar--primary').contains(document.activeElement)"
        )

        page.focus(menu)
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        page.keyboard.press("Escape")
        assert not checked(page, "__drawer")
        assert page.evaluate("s => document.activeElement.matches(s)", menu)
        assert page.get_attribute(menu, "aria-expanded") == "false"
    finally:
        context.close()


@pytest.mark.parametrize("how", ["keyboard", "click"])
def test_a_level_opened_from_the_top_of_the_drawer_is_in_sight(site_url, browser, how):
    """A task page is in no level of the navigation, so its drawer opens at the top: the
    categories' level opened from there slides fully into the drawer (focusing it as it
    slid in once scrolled it out of sight, and the level showed blank)."""
    context = open_context(browser, PHONE)
    page = context.new_page()
    try:
        page.goto(site_url + "tasks/7/")
        page.click("[data-plan-opens=__drawer]")
        page.wait_for_function("!document.getAnimations().length")  # the drawer is open
        categories = ".md-nav--primary label.md-nav__link[for=__nav_2]"
        if how == "click":
            page.click(categories)
        else:
            page.focus(categories)
            page.keyboard.press("Enter")
        assert checked(page, "__nav_2")
        links = "nav[aria-labelledby=__nav_2_label] a"
        page.wait_for_function("!document.getAnimations().length")  # the slide is over
        lefts = page.eval_on_selector_all(
            links, "els => els.map(a => a.getBoundingClientRect().left)"
        )
        assert len(lefts) == 12 and min(lefts) >= 0, lefts  # the overview, 11 categories
    finally:
        context.close()


@pytest.mark.parametrize("width", [PHONE, TABLET])
@pytest.mark.parametrize("lang", LANG_ROOTS)
def test_search_opens_and_closes_from_the_keyboard(site_url, browser, lang, width):
    """Below 960 px search is a button that opens it over the page (Material)."""
    context = open_context(browser, width)
    page = context.new_page()
    try:
        page.goto(site_url + LANG_ROOTS[lang] + "tasks/7/")
        button = "[data-plan-opens=__search]"
        focus_by_tab(page, button)
        page.keyboard.press("Enter")
        assert checked(page, "__search")
        focused = page.evaluate(JUDGE_FOCUS)
        assert "md-search__input" in focused["what"] and focused["problems"] == [], focused
        page.keyboard.type("water" if lang == "en" else "shuiliju")
        page.wait_for_selector(".md-search-result__item")
        page.keyboard.press("Escape")
        assert not checked(page, "__search")
        assert page.evaluate("s => document.activeElement.matches(s)", button)
        assert page.get_attribute(button, "aria-expanded") == "false"
    finally:
        context.close()


# -- the reading mode ----------------------------------------------------------------------

READING_STYLE = """() => {
  const channels = colour => colour.match(/[\\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => [r, g, b].map(v => {
      v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, v, i) => sum + [0.2126, 0.7152, 0.0722][i] * v, 0);
  const page = channels(getComputedStyle(document.body).backgroundColor);
  const contrast = element => {
    const [r, g, b, alpha = 1] = channels(getComputedStyle(element).color);
    const text = luminance([r, g, b].map((v, i) => alpha * v + (1 - alpha) * page[i]));
    const background = luminance(page);
    return (Math.max(text, background) + 0.05) / (Math.min(text, background) + 0.05);
  };
  // the text of the page: not the banner above it, nor the line print.js adds for print
  const body = document.querySelector("article p:not([aria-hidden])");
  const switcher = document.querySelector("[role=switch]");
  return {
    size: parseFloat(getComputedStyle(body).fontSize),
    contrast: Math.min(...[body, document.querySelector("article h1"),
      document.querySelector("article a"), document.querySelector(".md-nav__link")]
      .map(contrast)),
    checked: switcher.getAttribute("aria-checked"),
    // its name: its text but what is hidden from screen readers (the short label)
    name: (() => {
      const copy = switcher.cloneNode(true);
      copy.querySelectorAll("[aria-hidden=true]").forEach(hidden => hidden.remove());
      return copy.textContent.trim();
    })(),
  };
}"""


def test_reading_mode_is_kept_across_pages_and_printed(site_url, browser):
    context = open_context(browser, DESKTOP)
    page = context.new_page()
    hosts = set()
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    try:
        page.goto(site_url + "tasks/7/")
        before = page.evaluate(READING_STYLE)
        assert before["checked"] == "false" and before["name"] == LABELS["zh"]["a11y_reading_mode"]
        page.emulate_media(media="print")
        printed_before = page.evaluate(READING_STYLE)["size"]
        page.emulate_media(media="screen")

        focus_by_tab(page, "[role=switch]")  # from the keyboard
        page.keyboard.press("Space")
        assert page.evaluate(READING_STYLE)["checked"] == "true"

        page.goto(site_url + "en/departments/shuiliju/")  # another page, the other language
        after = page.evaluate(READING_STYLE)
        assert after["checked"] == "true" and after["name"] == LABELS["en"]["a11y_reading_mode"]
        assert after["size"] >= 1.25 * before["size"], (before, after)
        assert after["contrast"] >= 7 > before["contrast"], (before, after)
        page.emulate_media(media="print")
        assert page.evaluate(READING_STYLE)["size"] >= 1.25 * printed_before
        page.emulate_media(media="screen")

        assert page.evaluate(f"localStorage.getItem('{READING_KEY}')") == "on"
        assert context.cookies() == []
        assert hosts == {site_url.split("/")[2]}  # nothing from, or sent to, another host

        page.click("[role=switch]")  # off again, on this page and the next
        page.goto(site_url + "glossary/")
        assert page.evaluate(READING_STYLE)["size"] == before["size"]
    finally:
        context.close()


# -- reflow, text size, motion -------------------------------------------------------------

# Elements that reach past the window's right edge, other than inside a box that scrolls or
# clips on purpose (the matrix's scroll box; Material's one-line titles) and fits itself.
OVERFLOWING = """() => {
  const limit = document.documentElement.clientWidth;
  const found = [];
  for (const element of document.body.querySelectorAll("*")) {
    if (!element.checkVisibility({visibilityProperty: true})) continue;
    const box = element.getBoundingClientRect();
    if (box.width === 0 || (box.right <= limit + 1 && box.left >= -1)) continue;
    let parent = element.parentElement, contained = false;
    while (parent && parent !== document.body && !contained) {
      contained = getComputedStyle(parent).overflowX !== "visible"
        && parent.getBoundingClientRect().right <= limit + 1;
      parent = parent.parentElement;
    }
    if (!contained) found.push(`<${element.tagName.toLowerCase()} class="${element.className}">`
      + ` ${Math.round(box.left)}..${Math.round(box.right)} px`);
  }
  return {width: document.documentElement.scrollWidth, limit, found: found.slice(0, 5)};
}"""

TEXT_200 = (
    "document.documentElement.style.fontSize ="
    " 2 * parseFloat(getComputedStyle(document.documentElement).fontSize) + 'px'"
)


@pytest.mark.parametrize(
    ("width", "reading", "text"),
    [(320, False, 1), (320, True, 1), (DESKTOP, False, 2)],
    ids=["320px", "320px-reading-mode", "text-200%"],
)
def test_no_page_scrolls_sideways(site, site_url, browser, width, reading, text):
    context = open_context(browser, width, reading)
    page = context.new_page()
    failures = []
    try:
        for lang, root in LANG_ROOTS.items():
            for kind, url in page_kinds(site, root).items():
                page.goto(site_url + root + url)
                if text == 2:
                    page.evaluate(TEXT_200)
                result = page.evaluate(OVERFLOWING)
                if result["found"] or result["width"] > result["limit"]:
                    failures.append(f"{lang} {kind}: {result}")
    finally:
        context.close()
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_reduced_motion_moves_nothing(site_url, browser, motion):
    context = open_context(browser, PHONE, reduced_motion=motion)
    page = context.new_page()
    try:
        page.goto(site_url + "tasks/7/")
        page.focus("[data-plan-opens=__drawer]")
        page.keyboard.press("Enter")
        assert checked(page, "__drawer")
        moving = page.evaluate("""() => [
          document.getAnimations().length,
          [...document.querySelectorAll("*")].filter(e => {
            const s = getComputedStyle(e);
            return s.transitionDuration.split(",").some(d => parseFloat(d) > 0)
              || s.animationName !== "none" || s.scrollBehavior !== "auto";
          }).length]""")
        if motion == "reduce":
            assert moving == [0, 0]
        else:  # the drawer slides and Material's links fade: what the reader asked to stop
            assert moving[0] > 0 and moving[1] > 0, moving
    finally:
        context.close()
