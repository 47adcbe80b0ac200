"""What search costs the reader: the index each language downloads, the time until the
search box answers after opening a page, and the time from the last keystroke to
rendered results, for the queries of tests/test_search.py typed in Debian's chromium."""

from __future__ import annotations

import gzip
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from plansite.testing import browser as chromium
from plansite.testing.search import SearchBox, queries
from plansite.urls import LANGUAGE_ROOTS

ROOT = Path(__file__).resolve().parent.parent.parent
RUNS = 3  # each query typed this many times; its median counts


def index_size(site: Path, lang: str) -> str:
    data = (site / LANGUAGE_ROOTS[lang] / "search" / "search_index.json").read_bytes()
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
        with chromium.serve(site) as url, sync_playwright() as playwright:
            browser = chromium.launch(playwright)
            for lang in ("zh", "en"):
                asked = [q for q in queries(ROOT / "data") if q.lang == lang]
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
