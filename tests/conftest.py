"""Shared fixtures: the project's data read independently, and one built site per run."""

from __future__ import annotations

import contextlib
import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "scripts"))

# re-exported for the tests: a copy of the project, to break or to grow
from synthetic_plan import copy_project as copy_project  # noqa: E402


@pytest.fixture(scope="session")
def csv_rows() -> list[dict[str, str]]:
    with open(ROOT / "data" / "tasks.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="session")
def departments_yaml() -> dict:
    return yaml.safe_load((ROOT / "data" / "departments.yaml").read_text(encoding="utf-8"))


def run_build(project: Path, site_dir: Path | None = None) -> subprocess.CompletedProcess:
    """`make site`'s build step, run as a separate process in a project folder."""
    command = [sys.executable, str(project / "scripts" / "build_site.py")]
    if site_dir is not None:
        command += ["--site-dir", str(site_dir)]
    # Copies of the project share the project's PDF cache (content-addressed, so a copy
    # with other data only adds files): unchanged handouts are not rendered again.
    pdf_cache = os.environ.get("PLANSITE_PDF_CACHE", str(ROOT / ".cache" / "pdf"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PLANSITE_PDF_CACHE": pdf_cache}
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env=env)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The complete site built once from the project as it is."""
    site_dir = tmp_path_factory.mktemp("built") / "site"
    result = run_build(ROOT, site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


# -- the built site in a real browser ----------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def site_url(site) -> str:
    """The built site served over HTTP on 127.0.0.1 (a random free port)."""
    with serve(site) as url:
        yield url


@contextlib.contextmanager
def serve(folder: Path):
    """A folder served over HTTP on 127.0.0.1 (a random free port); yields its URL."""
    import functools
    import http.server
    import threading

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright. `make test` installs chromium; only a
    machine where it cannot be installed skips these tests, and says so."""
    if not CHROMIUM.exists():
        pytest.skip(f"SKIPPED: browser tests need {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()
