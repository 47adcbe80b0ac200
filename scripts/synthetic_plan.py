"""A larger plan for measuring: a copy of the project whose tasks.csv holds N times the
real tasks, never committed (`make bench` builds them in temporary folders).

Copy k of task i gets id k*35+i, stays in its category with its departments, and has
its titles marked "（副本k）" / "(copy k)" so that every page and search entry is
distinct. Everything else in data/ is kept, so whatever refers to the real tasks by id
still finds them (copy 0 is the real plan).

    python scripts/synthetic_plan.py 10 /tmp/plan10   # a project to build, 350 tasks
"""

from __future__ import annotations

import argparse
import csv
import io
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What a copy of the project needs to build.
PROJECT_PARTS = (
    "mkdocs.yml",
    "mkdocs.en.yml",
    "docs",
    "hooks",
    "overrides",
    "plansite",
    "scripts",
    "templates",
    "data",
)


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


def multiplied_tasks(text: str, times: int) -> str:
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


def synthetic_project(times: int, target: Path) -> Path:
    """A buildable copy of the project with `times` times the tasks."""
    copy_project(target)
    tasks = target / "data" / "tasks.csv"
    tasks.write_text(multiplied_tasks(tasks.read_text(encoding="utf-8"), times), "utf-8")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("times", type=int, help="how many times the real tasks")
    parser.add_argument("target", type=Path, help="a folder that does not exist yet")
    args = parser.parse_args()
    synthetic_project(args.times, args.target)
    print(f"{args.target}: a project with {args.times} times the tasks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
