"""The Content-Security-Policy the site is served with, computed from the built pages.

The policy allows the site's own origin only. The theme writes a few inline scripts into
every page (its configuration and its scope, the reading mode's first line): each is
allowed by the SHA-256 hash of its text, collected here from the final pages, so no
'unsafe-inline' is needed and a changed script is allowed only once the build has seen
it. An inline <style> would be allowed the same way (the pages have none today). The
pages have no style attributes and no event-handler attributes: the build refuses one (a hash could
allow it only with 'unsafe-hashes'), so the policy stays without 'unsafe-inline'.

The post-build writes the policy as an nginx include (POLICY_FILE) at the site's root,
which deploy/nginx/site.conf includes: the policy travels with the site it fits
(handbook/publishing.md).
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

POLICY_FILE = "content-security-policy.conf"

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
# Markup the policy would block and no hash can allow without 'unsafe-hashes'.
_INLINE_ATTRIBUTE = re.compile(r"""<[a-z][^>]*?\s(style|on[a-z]+)\s*=""", re.I)
# Types a browser runs as a script; any other (application/json: the theme's
# configuration) is data, which the policy does not govern.
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


class InlineMarkup(Exception):
    """A page holds a style or event-handler attribute: str() says which, in one line."""


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def inline_hashes(site_dir: Path) -> tuple[list[str], list[str]]:
    """The hashes of every inline script and every inline <style> of the site's pages,
    sorted. Raises InlineMarkup."""
    scripts, styles = set(), set()
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        for match in _SCRIPT.finditer(html):
            attributes, body = match[1], match[2]
            kind = _TYPE.search(attributes)
            if "src=" not in attributes and (kind[1] if kind else "") in _SCRIPT_TYPES:
                scripts.add(_hash(body))
        styles.update(_hash(body) for body in _STYLE.findall(html))
        outside = _STYLE.sub("", _SCRIPT.sub("", html))
        found = _INLINE_ATTRIBUTE.search(outside)
        if found:
            raise InlineMarkup(
                f"{page.relative_to(site_dir)}: a {found[1]} attribute, which the site's "
                "Content-Security-Policy blocks; move it into a stylesheet or a script file"
            )
    return sorted(scripts), sorted(styles)


def policy(scripts: list[str], styles: list[str]) -> str:
    """The policy: the site's own origin, the inline scripts and styles by hash. img-src
    allows data: for the theme's icons, which its stylesheet holds as data: URLs."""
    directives = [
        "default-src 'self'",
        " ".join(["script-src 'self'", *scripts]),
        " ".join(["style-src 'self'", *styles]),
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


def write_policy(site_dir: Path) -> str:
    """The policy of the built site, written as nginx's add_header line into
    POLICY_FILE at its root; returns the policy. Raises InlineMarkup."""
    value = policy(*inline_hashes(site_dir))
    (site_dir / POLICY_FILE).write_text(
        "# Written by the build (plansite/security.py) for the pages beside it; included by\n"
        "# deploy/nginx/site.conf. Reload nginx after publishing a new build.\n"
        f'add_header Content-Security-Policy "{value}" always;\n',
        encoding="utf-8",
    )
    return value
