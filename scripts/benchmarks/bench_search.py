"""What search costs the reader: the index each language downloads, the time until the
search box answers after opening a page, and the time from the last keystroke to
rendered results, for the queries of tests/test_search.py typed in Debian's chromium."""

from __future__ import annotations

import functools
import gzip
import http.server
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from search_browser import SearchBox, queries  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
RUNS = 3  # each query typed this many times; its median counts


@contextmanager
def served(site: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def index_size(site: Path, lang: str) -> str:
    data = ((site / "en" if lang == "en" else site) / "search" / "search_index.json").read_bytes()
    return f"{len(data) / 1024:.0f} KiB ({len(gzip.compress(data)) / 1024:.0f} KiB gzipped)"


def run() -> list[tuple[str, str]]:
    from playwright.sync_api import sync_playwright

    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        site = Path(tmp) / "site"
        subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "build_site.py"), "--site-dir", str(site)],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        for lang in ("zh", "en"):
            rows.append((f"search index, {lang}", index_size(site, lang)))
        with served(site) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            for lang in ("zh", "en"):
                asked = [q for q in queries() if q.lang == lang]
                ready, latencies = [], []
                for _ in range(RUNS):
                    context = browser.new_context()
                    box = SearchBox(context.new_page(), url, lang)
                    ready.append(box.ready_ms())
                    for query in asked:
                        box.clear()
                        box.type(query.text)
                        latencies.append(box.latency_ms())
                    context.close()
                rows.append(
                    (
                        f"search ready after opening a page, {lang}",
                        f"{statistics.median(ready):.0f} ms",
                    )
                )
                rows.append(
                    (
                        f"last keystroke to rendered results, {lang} "
                        f"(median of {len(asked)} queries × {RUNS})",
                        f"{statistics.median(latencies):.0f} ms (slowest {max(latencies):.0f} ms)",
                    )
                )
            browser.close()
    return rows
