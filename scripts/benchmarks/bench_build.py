"""Build cost for the real plan and for synthetic plans with 10 and 100 times the tasks
(scripts/synthetic_plan.py), what a browser downloads for a task page, and the search
indexes.

For each plan, in a copy of the project, each step in its own process as `make site`
runs it:
- pages alone: read data/ and render every Markdown page, both languages (in process);
- generator: scripts/build_pages.py, the complete engine input (pages, PDFs from the
  cache, open data, configuration), which writes only the files that changed (none
  here); then again with build/engine removed first, so that it writes every file (as
  after an edit of a label that every page shows);
- engine: MkDocs building both languages from that input;
- make site, PDFs cached: scripts/build_site.py, all steps (nothing changed since the
  last build);
- make site from nothing: the same with an empty PDF cache (all handouts rendered).

Every plan gets progress reports first: four reporting periods of sample reports for every
task from each of its lead units (plansite/testing/reports.py), written into the copy.
Then the PDF step alone (every handout rendered, in process), the search index sizes and
the bytes a browser downloads for a task page, cold, against the 360 KB it may weigh.
Slow steps are run fewer times (the row says how many). BENCH_SCALES=1,10,100 adds the
100× plan (some 25 minutes more: its PDFs); the default is 1,10.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from plansite import nginx
from plansite.load import load_plan
from plansite.model import LANGUAGES
from plansite.pages import render_pages
from plansite.pdf import build_pdfs
from plansite.templating import Templates
from plansite.testing import browser as chromium
from plansite.testing.project import synthetic_project
from plansite.testing.reports import write_sample_reports
from plansite.testing.timing import median_cpu_and_wall
from plansite.urls import LANGUAGE_ROOTS

ROOT = Path(__file__).resolve().parent.parent.parent
PYTHON = sys.executable
# Python as it runs by default, keeping compiled modules between runs (some machines set
# PYTHONDONTWRITEBYTECODE, which makes each run compile the project's modules again).
ENV = {
    **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    "NO_MKDOCS_2_WARNING": "1",
}
# How many runs a step gets at each scale: (fast steps, slow steps).
RUNS = {1: (5, 3), 10: (3, 1), 100: (1, 1)}
# The engine alone: MkDocs on each language's generated input, nothing of the generator
# imported (as make site runs it: the primary language first, the other into its folder).
ENGINE_BUILD = """import sys
from pathlib import Path
from plansite import engine
engine_input, site = Path(sys.argv[1]), Path(sys.argv[2])
engine.build(engine_input / "zh" / "mkdocs.yml", site)
engine.build(engine_input / "en" / "mkdocs.yml", site / "en")
"""

# make site's steps as make site runs them, in one process (imports the engine needs
# too are paid once): the CPU time from the process's start to the end of each step.
STEPS_IN_ONE_PROCESS = """import json, sys, time
from pathlib import Path
from plansite.build import build_site
from plansite.settings import Settings
ends = {}
build_site(
    Settings.for_project(Path.cwd()),
    Path(sys.argv[1]),
    step_done=lambda step: ends.setdefault(step, time.process_time()),
)
print(json.dumps(ends))
"""
STEPS = ("generate", "engine", "post-build")
# Reporting periods of sample reports each plan gets, and what a cold task page may weigh.
REPORT_PERIODS = 4
TASK_PAGE_LIMIT = 360_000


def run() -> list[tuple[str, str]]:
    scales = [int(s) for s in os.environ.get("BENCH_SCALES", "1,10").split(",")]
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        for times in scales:
            rows += measure_plan(times, Path(tmp) / f"x{times}")
    return rows


def measure_plan(times: int, folder: Path) -> list[tuple[str, str]]:
    project = synthetic_project(ROOT, times, folder / "project")
    write_sample_reports(project, REPORT_PERIODS)
    plan = load_plan(project / "data")
    label = f"{times}× ({len(plan.tasks)} tasks, {len(plan.reports)} reports)"
    fast, slow = RUNS.get(times, (1, 1))
    site, pdf_cache = folder / "site", folder / "pdf-cache"
    print(f"  {label} …", file=sys.stderr, flush=True)

    def script(name: str, *args: str) -> Callable[[], None]:
        env = {**ENV, "PLANSITE_PDF_CACHE": str(pdf_cache)}
        command = [PYTHON, *(["-c", name] if "\n" in name else [f"scripts/{name}"]), *args]
        return lambda: subprocess.run(
            command, cwd=project, env=env, check=True, capture_output=True
        )

    def from_nothing() -> None:
        shutil.rmtree(pdf_cache, ignore_errors=True)
        script("build_site.py", "--site-dir", str(site))()

    def generator_anew() -> None:
        shutil.rmtree(project / "build" / "engine")
        script("build_pages.py")()

    def pages_alone() -> None:
        templates = Templates(project / "templates")
        for lang in LANGUAGES:
            render_pages(load_plan(project / "data"), lang, templates)

    engine_input = str(project / "build" / "engine")
    steps = [  # make site from nothing first: the others take its PDFs from the cache
        ("make site from nothing (all PDFs rendered)", slow, from_nothing),
        ("pages alone (load + render Markdown, both languages)", fast, pages_alone),
        ("generator (scripts/build_pages.py, PDFs cached)", fast, script("build_pages.py")),
        ("generator, every file written anew (build/engine removed)", fast, generator_anew),
        ("engine (MkDocs, both languages)", fast, script(ENGINE_BUILD, engine_input, str(site))),
        (
            "make site, PDFs cached",
            fast,
            script("build_site.py", "--site-dir", str(site)),
        ),
    ]
    seconds, rows = {}, []
    for name, runs, action in steps:
        seconds[name], wall = median_cpu_and_wall(action, runs)
        rows.append(
            (f"{label}: {name}, median of {runs}", f"{figure(seconds[name])} CPU ({figure(wall)})")
        )
        print(f"    {rows[-1][0]}: {rows[-1][1]}", file=sys.stderr, flush=True)
    generator = seconds["generator (scripts/build_pages.py, PDFs cached)"]
    engine = seconds["engine (MkDocs, both languages)"]
    rows.append((f"{label}: generator over engine", f"{generator / engine:.0%}"))
    env = {**ENV, "PLANSITE_PDF_CACHE": str(pdf_cache)}
    step_runs = [
        json.loads(
            subprocess.run(
                [PYTHON, "-c", STEPS_IN_ONE_PROCESS, str(site)],
                cwd=project,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
        for _ in range(fast)
    ]
    step = {
        name: statistics.median(ends[name] - (ends[STEPS[i - 1]] if i else 0) for ends in step_runs)
        for i, name in enumerate(STEPS)
    }
    rows.append(
        (
            f"{label}: make site in one process, PDFs cached: each step, median of {fast}",
            ", ".join(f"{name} {step[name]:.2f} s" for name in STEPS)
            + f" CPU; generate over engine {step['generate'] / step['engine']:.0%}",
        )
    )
    print(f"    {rows[-1][0]}: {rows[-1][1]}", file=sys.stderr, flush=True)
    # What generating adds to make site: its first two steps, in one process, against
    # the engine alone in a process of its own (which imports what both need itself).
    added = step["generate"] + step["engine"] - engine
    rows.append(
        (
            f"{label}: generating's cost in make site (generate + engine steps - engine alone)",
            f"{added:.2f} s CPU, {added / engine:.0%} of the engine's time",
        )
    )
    print(f"    {rows[-1][0]}: {rows[-1][1]}", file=sys.stderr, flush=True)
    rows += pdf_step(label, project, folder / "pdf-step", slow)
    rows += site_sizes(label, site)
    rows += cold_task_page(label, site)
    return rows


def pdf_step(label: str, project: Path, caches: Path, runs: int) -> list[tuple[str, str]]:
    """Every handout of both languages rendered, in process, each run into an empty
    cache of its own."""
    plan = load_plan(project / "data")
    templates = Templates(project / "templates")
    folders = iter(caches / str(n) for n in range(runs))
    handouts = []

    def render() -> None:
        cache = next(folders)
        handouts[:] = [f for lang in LANGUAGES for f in build_pdfs(plan, lang, templates, cache)]

    cpu, wall = median_cpu_and_wall(render, runs)
    row = (
        f"{label}: PDF step alone, {len(handouts)} handouts rendered, median of {runs}",
        f"{figure(cpu)} CPU ({figure(wall)})",
    )
    print(f"    {row[0]}: {row[1]}", file=sys.stderr, flush=True)
    return [row]


def site_sizes(label: str, site: Path) -> list[tuple[str, str]]:
    rows = []
    for lang in LANGUAGES:
        index = site / LANGUAGE_ROOTS[lang] / "search" / "search_index.json"
        raw = index.read_bytes()
        rows.append(
            (
                f"{label}: search index ({lang})",
                f"{kb(len(raw))} ({kb(len(gzip.compress(raw)))} gzipped)",
            )
        )
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    rows.append((f"{label}: whole site on disk", f"{total / 1e6:.0f} MB"))
    return rows


def cold_task_page(label: str, site: Path) -> list[tuple[str, str]]:
    """Bytes a browser downloads for task 1 with an empty cache, in Debian's chromium:
    the HTML and everything it loads (until the network is idle), as served without
    compression, as a server compressing text with gzip would send them, and as nginx
    with the shipped configuration (deploy/nginx/) sends them: the build's .gz files."""
    from playwright.sync_api import sync_playwright

    rows = []
    with (
        chromium.serve(site) as url,
        nginx.serve(ROOT / "deploy" / "nginx", site) as nginx_url,
        sync_playwright() as playwright,
    ):
        browser = chromium.launch(playwright)
        for lang in LANGUAGES:
            page = f"{LANGUAGE_ROOTS[lang]}tasks/1/"
            bodies = list(downloads(browser, url + page).values())
            raw = sum(len(body) for body in bodies)
            zipped = sum(len(gzip.compress(body)) for body in bodies)
            # each file the page loads from nginx, asked for again as chromium asks
            # (chromium reports no transfer size for the search worker's requests)
            sent = sum(
                len(gzipped_body(address)) for address in downloads(browser, nginx_url + page)
            )
            within = "within" if raw <= TASK_PAGE_LIMIT else "OVER"
            rows.append(
                (
                    f"{label}: task page cold load ({lang}), {len(bodies)} files",
                    f"{kb(raw)} ({kb(zipped)} gzipped; {kb(sent)} sent by nginx); "
                    f"{within} {kb(TASK_PAGE_LIMIT)} as plain files",
                )
            )
        browser.close()
    return rows


def downloads(browser, url: str) -> dict[str, bytes]:
    """Each file the page loads, by address: its body."""
    context = browser.new_context()  # a new profile: nothing cached
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    time.sleep(0.5)  # let late requests finish
    bodies = {response.url: response.body() for response in responses}
    context.close()
    return bodies


def gzipped_body(address: str) -> bytes:
    """The body as the server sends it to a client that accepts gzip, undecoded."""
    request = urllib.request.Request(address, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        return response.read()


def figure(seconds: float) -> str:
    """Two decimals below ten seconds (the generator takes a quarter of one), one above."""
    return f"{seconds:.2f} s" if seconds < 10 else f"{seconds:.1f} s"


def kb(size: int) -> str:
    return f"{size / 1000:.0f} KB"
