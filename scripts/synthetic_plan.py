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
import sys
from pathlib import Path

from plansite.testing.project import synthetic_project

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("times", type=int, help="how many times the real tasks")
    parser.add_argument("target", type=Path, help="a folder that does not exist yet")
    args = parser.parse_args()
    synthetic_project(ROOT, args.times, args.target)
    print(f"{args.target}: a project with {args.times} times the tasks")
    sys.exit(0)
