"""What the PDF handouts cost `make site`: the whole build with the PDF cache warm and
with it empty, the PDF step alone, and proof that an unchanged rebuild renders nothing
and that a second render from nothing gives the same bytes."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from plansite.load import load_plan
from plansite.model import LANGUAGES
from plansite.pdf import build_pdfs
from plansite.templating import Templates
from plansite.testing.timing import median_seconds

ROOT = Path(__file__).resolve().parent.parent.parent
COLD_RUNS = 3  # each renders all 44 PDFs


def run() -> list[tuple[str, str]]:
    plan = load_plan(ROOT / "data")
    templates = Templates(ROOT / "templates")
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        tmp = Path(tmp)
        caches = iter(tmp / f"cache-{n}" for n in range(100))

        def pdfs_from(cache: Path) -> dict[str, bytes]:
            files = {}
            for lang in LANGUAGES:
                files |= {
                    path: f.read_bytes()
                    for path, f in build_pdfs(plan, lang, templates, cache).items()
                }
            return files

        cold = median_seconds(lambda: pdfs_from(next(caches)), runs=COLD_RUNS)
        warm_cache = next(caches)
        first = pdfs_from(warm_cache)
        inodes = {f.name: f.stat().st_ino for f in warm_cache.iterdir()}
        warm = median_seconds(lambda: pdfs_from(warm_cache))
        rerendered = sum(f.stat().st_ino != inodes.get(f.name) for f in warm_cache.iterdir())
        again = pdfs_from(next(caches))  # rendered from nothing once more
        identical = sum(again[path] == content for path, content in first.items())

        def site(cache: Path) -> None:
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PLANSITE_PDF_CACHE": str(cache)}
            subprocess.run(
                [sys.executable, str(ROOT / "scripts" / "build_site.py"), "--site-dir",
                 str(tmp / "site")],
                cwd=ROOT, env=env, check=True, capture_output=True,
            )  # fmt: skip

        site_warm = median_seconds(lambda: site(warm_cache), runs=COLD_RUNS)
        site_cold = median_seconds(lambda: site(next(caches)), runs=COLD_RUNS)
    count = len(first)
    return [
        (f"`make site`, {count} PDFs from the cache (nothing changed)", f"{site_warm:.1f} s"),
        (f"`make site`, {count} PDFs rendered (empty cache)", f"{site_cold:.1f} s"),
        (f"PDF step alone, {count} PDFs rendered (WeasyPrint)", f"{cold:.1f} s"),
        (f"PDF step alone, {count} PDFs from the cache", f"{warm:.2f} s"),
        ("PDFs re-rendered by an unchanged rebuild", f"{rerendered} of {count}"),
        ("PDFs byte-identical when rendered again from nothing", f"{identical} of {count}"),
    ]
