"""Build cost for the real plan and for synthetic plans with 10 and 100 times the tasks
(scripts/synthetic_plan.py), what a browser downloads for a task page, and the search
indexes.

For each plan, in a copy of the project:
- generator alone: read data/ and render every Markdown page, both languages;
- bare MkDocs: `mkdocs build` of those same pages written to disk, same theme, nav and
  extensions, no hook (so no generator, PDFs or open data);
- full HTML build: the whole build with every PDF already in the PDF cache;
- PDFs: rendering every PDF handout, both languages, with an empty cache;
- make site: scripts/build_site.py from nothing (empty PDF cache), what `make site` runs.

Then the search index sizes and the bytes a browser downloads for a task page, cold.

Every build runs in its own process, as `make site` does. Slow steps are run fewer times
(the row says how many); at 100× the PDFs, and so the full build, are left out unless
BENCH_SLOW_100=1. BENCH_SCALES=1,10 limits the plans measured (default 1,10,100).
"""

from __future__ import annotations

import gzip
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from synthetic_plan import synthetic_project

from plansite.load import load_plan
from plansite.model import LANGUAGES
from plansite.pages import navigation, render_pages

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "tests"))
PYTHON = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
LANG_ROOT = {"zh": "", "en": "en/"}
# How many runs a step gets at each scale: (fast steps, slow steps). No slow steps (0)
# at 100×: make site, the PDFs again and the full build would add some 45 minutes to
# `make bench` (README: Performance); sizes then come from the bare build's site.
# BENCH_SLOW_100=1 measures them all the same.
RUNS = {1: (5, 3), 10: (3, 1), 100: (1, int(os.environ.get("BENCH_SLOW_100", "0")))}
NOT_MEASURED = "not measured by default (some 45 minutes more; BENCH_SLOW_100=1 measures them)"


def run() -> list[tuple[str, str]]:
    scales = [int(s) for s in os.environ.get("BENCH_SCALES", "1,10,100").split(",")]
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        for times in scales:
            rows += measure_plan(times, Path(tmp) / f"x{times}")
    return rows


def measure_plan(times: int, folder: Path) -> list[tuple[str, str]]:
    project = synthetic_project(times, folder / "project")
    plan = load_plan(project / "data")
    label = f"{times}× ({len(plan.tasks)} tasks)"
    fast, slow = RUNS.get(times, (1, 0))
    site, pdf_cache = folder / "site", folder / "pdf-cache"
    print(f"  {label} …", file=sys.stderr, flush=True)

    def make_site() -> None:
        shutil.rmtree(pdf_cache, ignore_errors=True)
        build(project, site, pdf_cache)

    def pdfs() -> None:
        with tempfile.TemporaryDirectory(dir=folder) as cache:
            render_pdfs(project, cache)

    steps = [
        ("generator alone (load + render pages, both languages)", fast, generator(project)),
        ("bare `mkdocs build` of the same pages", fast, bare_build(project, plan, folder)),
    ]
    if slow:  # the full build needs every PDF: rendered by make site, then from the cache
        steps += [
            ("make site (all from nothing)", slow, make_site),
            (
                "full HTML build (PDFs from the cache)",
                fast,
                lambda: build(project, site, pdf_cache),
            ),
            ("PDFs (all handouts, both languages)", slow, pdfs),
        ]
    seconds, rows = {}, []
    for name, runs, action in steps:
        seconds[name], wall = median_cpu_and_wall(action, runs)
        rows.append(
            (f"{label}: {name}, median of {runs}", f"{seconds[name]:.1f} s CPU ({wall:.1f} s)")
        )
        print(f"    {rows[-1][0]}: {rows[-1][1]}", file=sys.stderr, flush=True)
    if slow:
        full = seconds["full HTML build (PDFs from the cache)"]
        bare = seconds["bare `mkdocs build` of the same pages"]
        over = f"{full / bare - 1:+.0%}"
        rows.append((f"{label}: full HTML build over bare `mkdocs build`", over))
        per_task = f"{full / len(plan.tasks) * 1000:.0f} ms"
        rows.append((f"{label}: full HTML build per task", per_task))
    else:
        rows.append((f"{label}: PDFs, full HTML build, make site", NOT_MEASURED))
        site = folder / "bare-site"  # the same pages and search index
    rows += site_sizes(label, site)
    rows += cold_task_page(label, site)
    return rows


def median_cpu_and_wall(action: Callable[[], None], runs: int) -> tuple[float, float]:
    """Median CPU seconds (this process and the processes it ran) and wall seconds. On a
    shared machine the wall time depends on what else runs; the CPU time much less."""

    def cpu() -> float:
        own, children = (
            resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
        )
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    cpus, walls = [], []
    for _ in range(runs):
        cpu_start, wall_start = cpu(), time.perf_counter()
        action()
        cpus.append(cpu() - cpu_start)
        walls.append(time.perf_counter() - wall_start)
    return statistics.median(cpus), statistics.median(walls)


def build(project: Path, site: Path, pdf_cache: Path) -> None:
    subprocess.run(
        [PYTHON, "scripts/build_site.py", "--site-dir", str(site)],
        cwd=project,
        env={**ENV, "PLANSITE_PDF_CACHE": str(pdf_cache)},
        check=True,
        capture_output=True,
    )


def generator(project: Path) -> Callable[[], None]:
    def action() -> None:
        plan = load_plan(project / "data")
        for lang in LANGUAGES:
            render_pages(plan, lang)

    return action


def bare_build(project: Path, plan, folder: Path) -> Callable[[], None]:
    """The same pages as plain files, built by MkDocs alone (both languages, one process)."""
    configs = []
    for lang in LANGUAGES:
        docs = folder / "bare-docs" / lang
        shutil.copytree(project / "docs", docs)
        for page in render_pages(plan, lang):
            target = docs / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.content, encoding="utf-8")
        config = project / f"mkdocs.bare.{lang}.yml"
        base = "mkdocs.yml" if lang == "zh" else "mkdocs.en.yml"
        settings = {
            "INHERIT": base,
            "docs_dir": str(docs),
            "site_dir": str(folder / "bare-site" / LANG_ROOT[lang]),
            "hooks": [],
            "strict": False,  # the pages link to PDFs and data files it does not make
            "extra": {"secondary_config": ""},
            "nav": navigation(plan, lang),
        }
        config.write_text(json.dumps(settings, ensure_ascii=False), encoding="utf-8")
        configs.append(str(config))
    script = (
        "import sys, logging; logging.disable(logging.WARNING)\n"
        "from mkdocs.commands.build import build\n"
        "from mkdocs.config import load_config\n"
        "for config in sys.argv[1:]: build(load_config(config))\n"
    )

    def action() -> None:
        subprocess.run(
            [PYTHON, "-c", script, *configs], cwd=project, env=ENV, check=True, capture_output=True
        )

    return action


def render_pdfs(project: Path, cache: str) -> None:
    """Every PDF handout, in its own process, with the project copy's own code."""
    script = (
        "import sys; from pathlib import Path; sys.path.insert(0, '.')\n"
        "from plansite.load import load_plan\n"
        "from plansite.pdf import build_pdfs\n"
        "plan = load_plan(Path('data'))\n"
        "for lang in ('zh', 'en'): build_pdfs(plan, lang, cache=Path(sys.argv[1]))\n"
    )
    subprocess.run([PYTHON, "-c", script, cache], cwd=project, env=ENV, check=True)


def site_sizes(label: str, site: Path) -> list[tuple[str, str]]:
    rows = []
    for lang in LANGUAGES:
        index = site / LANG_ROOT[lang] / "search" / "search_index.json"
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
    compression, and as a server compressing text with gzip would send them."""
    from conftest import CHROMIUM, CHROMIUM_ARGS, serve
    from playwright.sync_api import sync_playwright

    rows = []
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for lang in LANGUAGES:
            bodies = downloads(browser, f"{url}{LANG_ROOT[lang]}tasks/1/")
            raw = sum(len(body) for body in bodies)
            zipped = sum(len(gzip.compress(body)) for body in bodies)
            rows.append(
                (
                    f"{label}: task page cold load ({lang}), {len(bodies)} files",
                    f"{kb(raw)} ({kb(zipped)} gzipped)",
                )
            )
        browser.close()
    return rows


def downloads(browser, url: str) -> list[bytes]:
    context = browser.new_context()  # a new profile: nothing cached
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    time.sleep(0.5)  # let late requests (the search index) finish
    bodies = [response.body() for response in responses]
    context.close()
    return bodies


def kb(size: int) -> str:
    return f"{size / 1000:.0f} KB"
