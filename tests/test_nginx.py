"""The shipped nginx configuration (deploy/nginx/), tested for real: Debian's nginx
started on loopback with it, serving the built site at the root and below /jieshui/,
asked over HTTP for each thing a server must get right."""

from __future__ import annotations

import gzip
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from plansite import nginx, security
from support import DEPLOY_NGINX, ROOT
from support.html_pages import read_page

LABELS = yaml.safe_load((ROOT / "templates" / "labels.yaml").read_text(encoding="utf-8"))
LONG_LIVED = "public, max-age=31536000, immutable"


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes


def get(url: str, **headers: str) -> Reply:
    """One request, as it is: no redirect followed, no body decompressed."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=headers)
    try:
        with opener.open(request, timeout=10) as response:
            return Reply(response.status, dict(response.headers), response.read())
    except urllib.error.HTTPError as error:
        return Reply(error.code, dict(error.headers), error.read())


@pytest.fixture(
    scope="module",
    params=[("site", "/"), ("published_site", "/jieshui/")],
    ids=["root", "sub-path"],
)
def served(request, nginx_binary):
    """(the site's URL on nginx, the built folder): the site built without SITE_URL at
    the root, and the one built for https://example.gov.cn/jieshui/ below /jieshui/."""
    fixture, prefix = request.param
    site = request.getfixturevalue(fixture)
    with nginx.serve(DEPLOY_NGINX, site, prefix) as url:
        yield url, site


@pytest.mark.parametrize(
    "path, content_type",
    [
        ("", "text/html; charset=utf-8"),
        ("en/tasks/7/", "text/html; charset=utf-8"),
        ("data/tasks.csv", "text/csv; charset=utf-8"),
        ("data/tasks/7.json", "application/json; charset=utf-8"),
        ("data/datapackage.json", "application/json; charset=utf-8"),
        ("search/search_index.json", "application/json; charset=utf-8"),
        ("pdf/wuxi-water-saving-shuiliju.zh.pdf", "application/pdf"),
        ("en/pdf/wuxi-water-saving-plan.en.pdf", "application/pdf"),
        ("assets/stylesheets/plan.css", "text/css; charset=utf-8"),
    ],
)
def test_content_type_and_body(served, path, content_type):
    url, site = served
    reply = get(url + path)
    assert reply.status == 200
    assert reply.headers["Content-Type"] == content_type
    file = site / path / "index.html" if path.endswith("/") or not path else site / path
    assert reply.body == file.read_bytes()


def test_svg_content_type(nginx_binary, tmp_path):
    """The site has no SVG file today (Material inlines its icons): a folder with one."""
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>\n' * 20
    (tmp_path / "icon.svg").write_bytes(svg)
    (tmp_path / "icon.svg.gz").write_bytes(gzip.compress(svg, mtime=0))
    security.write_policy(tmp_path)  # site.conf includes the policy a build writes
    with nginx.serve(DEPLOY_NGINX, tmp_path) as url:
        plain = get(url + "icon.svg")
        packed = get(url + "icon.svg", **{"Accept-Encoding": "gzip"})
    assert plain.headers["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert plain.body == svg
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.body) == svg


def test_pdf_is_offered_under_its_own_name(served):
    url, _ = served
    for path in ("pdf/wuxi-water-saving-shuiliju.zh.pdf", "en/pdf/wuxi-water-saving-plan.en.pdf"):
        name = path.rsplit("/", 1)[1]
        assert get(url + path).headers["Content-Disposition"] == f'inline; filename="{name}"'
    assert "Content-Disposition" not in get(url + "data/tasks.csv").headers


@pytest.mark.parametrize("lang, missing", [("zh", "tasks/99/"), ("en", "en/tasks/99/")])
def test_missing_address_gets_its_language_404(served, lang, missing):
    url, site = served
    for path in (missing, missing + "deeper/still.html", missing.rstrip("/")):
        reply = get(url + path)
        assert reply.status == 404, path
        assert reply.headers["Content-Type"] == "text/html; charset=utf-8"
        page_file = site / ("en/" if lang == "en" else "") / "404.html"
        assert reply.body == page_file.read_bytes(), path
        assert read_page(page_file).h1 == LABELS[lang]["not_found_title"]


def test_404_links_lead_to_served_pages(served):
    """The 404 page's links (home, search, the other language, its stylesheets) start at
    the site's root on the server, and each one is there."""
    url, site = served
    prefix = "/" + url.split("/", 3)[3]
    origin = url[: -len(prefix)]
    for page_file in (site / "404.html", site / "en" / "404.html"):
        page = read_page(page_file)
        links = [*page.alternates.values(), *page.resources]
        links += [link for link in page.all_links if link.startswith(prefix)]
        assert len(links) > 10
        for link in links:
            assert link.startswith(prefix), link
            assert get(origin + link).status == 200, link


@pytest.mark.parametrize(
    "path",
    [
        "",
        "en/tasks/7/",
        "data/tasks.csv",
        "search/search_index.json",
        "assets/stylesheets/plan.css",
    ],
)
def test_precompressed_file_is_sent_to_who_accepts_gzip(served, path):
    url, site = served
    file = site / path / "index.html" if path.endswith("/") or not path else site / path
    packed = get(url + path, **{"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert packed.headers["Vary"] == "Accept-Encoding"
    # the build's own .gz file, sent as it is: no compression work per request
    assert packed.body == file.with_name(file.name + ".gz").read_bytes()
    plain = get(url + path)
    assert "Content-Encoding" not in plain.headers
    assert plain.body == file.read_bytes()


def test_fingerprinted_assets_are_kept_and_the_rest_revalidated(served):
    url, site = served
    hashed = [  # Material's: bundle.a5f9d56c.min.js, main.57a0d79d.min.css …
        p.relative_to(site).as_posix()
        for p in site.rglob("*.min.*")
        if re.fullmatch(r"[a-z]+\.[0-9a-f]{8}\.min\.(js|css)", p.name)
    ]
    assert len([p for p in hashed if not p.startswith("en/")]) == 4, hashed
    for path in hashed:
        assert get(url + path).headers["Cache-Control"] == LONG_LIVED, path
    unhashed = (
        "",
        "en/tasks/7/",
        "data/tasks.csv",
        "search/search_index.json",
        "pdf/wuxi-water-saving-plan.zh.pdf",
        "assets/stylesheets/plan.css",
        "assets/javascripts/lunr/min/lunr.zh.min.js",
    )
    for path in unhashed:
        reply = get(url + path)
        assert reply.headers["Cache-Control"] == "no-cache", path
        # revalidation: the same file again costs a 304 and no body
        again = get(url + path, **{"If-None-Match": reply.headers["ETag"]})
        assert (again.status, again.body) == (304, b""), path


def test_folder_without_slash_redirects_on_the_same_address(served):
    url, _ = served
    prefix = "/" + url.split("/", 3)[3]
    reply = get(url + "en")
    assert reply.status == 301
    assert reply.headers["Location"] == prefix + "en/"


def test_sub_path_serves_nothing_outside_it(nginx_binary, published_site):
    with nginx.serve(DEPLOY_NGINX, published_site, "/jieshui/") as url:
        origin = url.removesuffix("jieshui/")
        assert get(url).status == 200
        assert get(origin + "index.html").status == 404
        assert get(origin + "en/").status == 404


def test_shipped_files_fill_in_for_a_server(tmp_path):
    """What an administrator copies: the placeholders are all replaced."""
    text = nginx.site_locations(DEPLOY_NGINX, "/jieshui/", Path("/var/www/jieshui"))
    assert "@" not in text.replace("# (between @ signs)", "")
    assert "location /jieshui/ {" in text and "alias /var/www/jieshui/;" in text
    assert "error_page 404 /jieshui/en/404.html;" in text


# Each security header, on a page, a data file and a missing address alike.
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}


@pytest.mark.parametrize("path", ["", "en/tasks/7/", "data/tasks.csv", "tasks/99/", "en/x/"])
def test_every_reply_carries_the_security_headers(served, path):
    url, site = served
    reply = get(url + path)
    for name, value in SECURITY_HEADERS.items():
        assert reply.headers[name] == value, (path, name)
    written = (site / security.POLICY_FILE).read_text(encoding="utf-8")
    policy = reply.headers["Content-Security-Policy"]
    assert f'"{policy}"' in written, path  # the build's policy, as it wrote it
    assert policy.startswith("default-src 'self'; script-src 'self' 'sha256-"), policy
    assert "unsafe-inline" not in policy


def test_the_policy_file_is_not_served(served):
    url, site = served
    assert (site / security.POLICY_FILE).is_file()
    assert get(url + security.POLICY_FILE).status == 404
