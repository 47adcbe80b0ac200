"""What search costs the reader, for the real plan (1×) and a synthetic plan with 10
times the tasks (scripts/synthetic_plan.py), in Debian's chromium:

- the index each language downloads, raw and gzipped;
- the bytes a task page downloads before the reader asks for search (nothing of the
  search index), and after the first query;
- from focusing the search box (the key /) on a freshly opened task page to the first
  rendered results: the index is fetched, the worker builds its index, then answers;
- from the last keystroke to rendered results, for the queries of tests/test_search.py
  typed into the search box (median and slowest): typed as fast as the browser takes
  keys, each letter's query then waits for the answers to the letters before it; and,
  for the queries typed in Latin letters, at a person's pace (a key every 150 ms).
"""

from __future__ import annotations

import gzip
import statistics
import tempfile
from pathlib import Path

from plansite.testing import browser as chromium
from plansite.testing.project import run_build, synthetic_project
from plansite.testing.search import ANSWERED, INDEX_FILE, INSTRUMENT, SearchBox, queries
from plansite.urls import LANGUAGE_ROOTS

ROOT = Path(__file__).resolve().parent.parent.parent
SCALES = {1: 3, 10: 1}  # plan size: each query typed this many times
FIRST_QUERY = "shuiliju"  # pinyin, found on both sites, typed key by key
OPENINGS = 5  # task pages opened afresh to time the first results
KEY_INTERVAL_MS = 150  # a person typing some 7 keys a second


def run() -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        for times, runs in SCALES.items():
            project = ROOT
            if times > 1:
                project = synthetic_project(ROOT, times, Path(tmp) / f"x{times}" / "project")
            site = Path(tmp) / f"x{times}" / "site"
            result = run_build(project, site, pdf_cache=ROOT / ".cache" / "pdf")
            assert result.returncode == 0, result.stderr
            rows += measure(f"{times}×", site, runs)
    return rows


def measure(label: str, site: Path, runs: int) -> list[tuple[str, str]]:
    from playwright.sync_api import sync_playwright

    rows = []
    for lang in LANGUAGE_ROOTS:
        raw = (site / LANGUAGE_ROOTS[lang] / INDEX_FILE).read_bytes()
        rows.append(
            (f"{label}: search index ({lang})", f"{kb(raw)} ({kb(gzip.compress(raw))} gzipped)")
        )
    with chromium.serve(site) as url, sync_playwright() as playwright:
        browser = chromium.launch(playwright)
        for lang in LANGUAGE_ROOTS:
            first, before, after = [], [], []
            for _ in range(OPENINGS):
                ms, bytes_before, bytes_after = first_results(browser, url, lang)
                first.append(ms)
                before.append(bytes_before)
                after.append(bytes_after)
            rows.append(
                (
                    f"{label}: task page ({lang}), bytes before search / after the first query",
                    f"{median_kb(before)} / {median_kb(after)}",
                )
            )
            rows.append(
                (
                    f"{label}: focus on the search box to first results ({lang}), {OPENINGS} runs",
                    f"median {statistics.median(first):.0f} ms, slowest {max(first):.0f} ms",
                )
            )
            asked = [q for q in queries(ROOT / "data") if q.lang == lang]
            latin = [q for q in asked if q.text.isascii()]
            for pace, typed, interval in (
                ("", asked, 0),
                (f", a key every {KEY_INTERVAL_MS} ms", latin, KEY_INTERVAL_MS),
            ):
                latencies = []
                for _ in range(runs):
                    context = browser.new_context()
                    box = SearchBox(context.new_page(), url, lang)
                    for query in typed:
                        box.clear()
                        box.type(query.text, interval)
                        latencies.append(box.latency_ms())
                    context.close()
                rows.append(
                    (
                        f"{label}: last keystroke to rendered results ({lang}{pace}), "
                        f"{len(typed)} queries × {runs}",
                        f"median {statistics.median(latencies):.0f} ms, "
                        f"slowest {max(latencies):.0f} ms",
                    )
                )
        browser.close()
    return rows


def first_results(browser, url: str, lang: str) -> tuple[float, int, int]:
    """A task page opened with an empty cache; the key / and a query typed at once. The
    milliseconds from the search box's focus to the rendered results, and the bytes
    downloaded before the key and after the results."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(INSTRUMENT)
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(f"{url}{LANGUAGE_ROOTS[lang]}tasks/1/", wait_until="networkidle")
    before = sum(len(r.body()) for r in responses)
    page.keyboard.press("/")
    page.keyboard.type(FIRST_QUERY)
    page.wait_for_function(ANSWERED, arg=FIRST_QUERY)
    page.wait_for_load_state("networkidle")
    ms = page.evaluate("window.__search.renderedAt - window.__search.focusAt")
    after = sum(len(r.body()) for r in responses)
    context.close()
    return ms, before, after


def median_kb(sizes: list[int]) -> str:
    return f"{statistics.median(sizes) / 1000:.0f} KB"


def kb(data: bytes) -> str:
    return f"{len(data) / 1000:.0f} KB"
