"""Debian's chromium driven by Playwright, and the built site served on loopback."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
# Headless as root, and nothing that reaches for the network on its own: this machine's
# closed network refuses it, many connections at a time.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MISSING = (
    f"browser tests need {CHROMIUM}: install it with `apt-get install chromium` (make test does)"
)


def chromium_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    return None if CHROMIUM.exists() else MISSING


def must_run_browser_tests() -> bool:
    """Under CI a missing chromium fails the run instead of skipping its tests."""
    return os.environ.get("CI", "").lower() == "true"


def launch(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """A folder served over HTTP on 127.0.0.1 (a free port); yields its URL."""

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
