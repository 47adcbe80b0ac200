"""Shared fixtures: the project's data read independently, one built site per run, and
the built site in a real browser. The helpers behind them are in support/."""

from __future__ import annotations

import csv
import os
import subprocess
from pathlib import Path

import pytest
import yaml

from plansite import nginx
from plansite.settings import PDF_CACHE_VARIABLE
from plansite.testing import browser as chromium
from plansite.testing import project
from support import PDF_CACHE, PUBLIC_URL, ROOT, serve


def copy_project(target: Path) -> Path:
    """A copy of the project, to break."""
    return project.copy_project(ROOT, target)


def run_build(
    folder: Path, site_dir: Path | None = None, site_url: str = "", demo_reports: bool = False
) -> subprocess.CompletedProcess:
    """`make site`'s build step, run as a separate process in a project folder, with the
    PDF cache that PLANSITE_PDF_CACHE names at the time (a test may set its own), for
    the public address site_url (SITE_URL; none by default), as a demonstration of
    sample reports when demo_reports."""
    pdf_cache = Path(os.environ.get(PDF_CACHE_VARIABLE) or PDF_CACHE)
    return project.run_build(
        folder, site_dir, pdf_cache=pdf_cache, site_url=site_url, demo_reports=demo_reports
    )


# A test that uses one of these builds the site once more, or a copy of the project, or
# has LibreOffice fill a form (tests/test_forms.py).
SLOW_FIXTURES = {"project_copy", "build_project", "published_site", "libreoffice"}


def pytest_collection_modifyitems(items):
    """Tests that drive chromium are marked `browser`, those that build `slow`, so
    `make check` (pytest -m "not browser and not slow") is the loop while editing;
    `make test` runs everything."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ())) | _named_in_parameters(item)
        if "browser" in fixtures:
            item.add_marker(pytest.mark.browser)
        if fixtures & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)


def _named_in_parameters(item) -> set[str]:
    """The fixtures a test asks for by name in its parameters (request.getfixturevalue)."""
    callspec = getattr(item, "callspec", None)
    values = callspec.params.values() if callspec else ()
    return {
        name
        for value in values
        for name in (value if isinstance(value, tuple) else (value,))
        if isinstance(name, str)
    }


@pytest.fixture(scope="session")
def project_copy(tmp_path_factory):
    """Copies of the project, to break: project_copy() makes one and gives its folder."""
    return lambda: copy_project(tmp_path_factory.mktemp("copy") / "project")


@pytest.fixture(scope="session")
def build_project():
    """`make site`'s build as a process: build_project(folder, site_dir=None, site_url="",
    demo_reports=False)."""
    return run_build


@pytest.fixture(scope="session")
def csv_rows() -> list[dict[str, str]]:
    with open(ROOT / "data" / "tasks.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="session")
def departments_yaml() -> dict:
    return yaml.safe_load((ROOT / "data" / "departments.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The complete site built once from the project as it is."""
    site_dir = tmp_path_factory.mktemp("built") / "site"
    result = run_build(ROOT, site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Path:
    """The complete site built for PUBLIC_URL (SITE_URL set)."""
    site_dir = tmp_path_factory.mktemp("published") / "site"
    result = run_build(ROOT, site_dir, site_url=PUBLIC_URL)
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture(scope="session")
def nginx_binary() -> str:
    """Debian's nginx. `make test` installs it; as with chromium, only a machine where
    it cannot be installed skips these tests, and says so; under CI it fails them."""
    try:
        return nginx.nginx_binary()
    except nginx.NginxError as missing:
        if chromium.must_run_browser_tests():
            pytest.fail(f"CI=true and {missing}", pytrace=False)
        pytest.skip(f"SKIPPED: {missing}")


@pytest.fixture(scope="session")
def site_url(site) -> str:
    """The built site served over HTTP on 127.0.0.1 (a free port)."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright. `make test` installs chromium; only a
    machine where it cannot be installed skips these tests, and says so; under CI
    (CI=true) a missing chromium fails them."""
    missing = chromium.chromium_missing()
    if missing:
        if chromium.must_run_browser_tests():
            pytest.fail(f"CI=true and {missing}", pytrace=False)
        pytest.skip(f"SKIPPED: {missing}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = chromium.launch(playwright)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()
