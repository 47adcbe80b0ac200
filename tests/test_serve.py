"""`make serve`: the preview serves both languages and rebuilds them when data/ changes."""

from __future__ import annotations

import csv
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from support import PDF_CACHE

WAIT_SECONDS = 120  # a rebuild takes seconds; a slow shared machine, more


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    """The page, or None while the server is not answering (starting, or holding the
    request until a rebuild ends)."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except OSError:  # URLError, refused or reset connections, time-outs
        return None


def wait_for(condition, what: str):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.5)
    pytest.fail(f"the preview did not {what} within {WAIT_SECONDS} s")


def test_editing_tasks_csv_rebuilds_both_languages(tmp_path, project_copy):
    project = project_copy()
    url = f"http://127.0.0.1:{free_port()}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PLANSITE_PDF_CACHE": str(PDF_CACHE)}
    server = subprocess.Popen(
        [sys.executable, "scripts/serve.py", "--address", url[7:-1]],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        pages = {lang: f"{url}{root}tasks/1/" for lang, root in (("zh", ""), ("en", "en/"))}
        wait_for(lambda: all(fetch(page) for page in pages.values()), "serve both languages")
        marks = {"zh": "预览已更新", "en": "Preview updated"}
        tasks = project / "data" / "tasks.csv"
        with open(tasks, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        for lang, mark in marks.items():  # task 1's title gains a mark in each language
            rows[0][f"title_{lang}"] += mark
        with open(tasks, "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        for lang, page in pages.items():
            wait_for(lambda p=page, m=marks[lang]: m in (fetch(p) or ""), f"show the {lang} edit")
    finally:
        server.terminate()
        server.wait(timeout=30)
