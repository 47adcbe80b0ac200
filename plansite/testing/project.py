"""Copies of the project, to break (tests) or to grow (benchmarks), and `make site`'s
build run on one of them as a separate process."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..settings import DEMO_REPORTS_VARIABLE, PDF_CACHE_VARIABLE, SITE_URL_VARIABLE

# What a copy of the project needs to build (the code is the installed plansite).
PROJECT_PARTS = (
    "mkdocs.yml",
    "mkdocs.en.yml",
    "docs",
    "scripts",
    "templates",
    "data",
    "source",
)


def copy_project(source: Path, target: Path) -> Path:
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        if (source / part).is_dir():
            shutil.copytree(
                source / part, target / part, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy2(source / part, target / part)
    return target


def run_build(
    project: Path,
    site_dir: Path | None = None,
    pdf_cache: Path | None = None,
    site_url: str = "",
    demo_reports: bool = False,
) -> subprocess.CompletedProcess:
    """`make site`'s build step, run as a separate process in a project folder. Copies
    share the PDF cache they are given (content-addressed, so a copy with other data
    only adds files): unchanged handouts are not rendered again. The site is built for
    site_url (SITE_URL), none by default, and as a demonstration of sample reports when
    demo_reports (PLANSITE_DEMO_REPORTS), whatever the calling shell exports."""
    command = [sys.executable, str(project / "scripts" / "build_site.py")]
    if site_dir is not None:
        command += ["--site-dir", str(site_dir)]
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        SITE_URL_VARIABLE: site_url,
        DEMO_REPORTS_VARIABLE: "1" if demo_reports else "",
    }
    if pdf_cache is not None:
        env[PDF_CACHE_VARIABLE] = str(pdf_cache)
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env=env)


def multiplied_tasks(text: str, times: int) -> str:
    """tasks.csv with each task `times` times: copy k of task i gets id k*N+i and keeps
    its category and departments; its titles are marked （副本k） / (copy k)."""
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    count = max(int(row["id"]) for row in rows)
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for k in range(times):
        for row in rows:
            copy = dict(row, id=str(k * count + int(row["id"])))
            if k:
                copy["title_zh"] += f"（副本{k}）"
                copy["title_en"] += f" (copy {k})"
            writer.writerow(copy)
    return out.getvalue()


def synthetic_project(source: Path, times: int, target: Path) -> Path:
    """A buildable copy of the project with `times` times the tasks."""
    copy_project(source, target)
    tasks = target / "data" / "tasks.csv"
    tasks.write_text(multiplied_tasks(tasks.read_text(encoding="utf-8"), times), "utf-8")
    return target
