"""`make bench`: performance figures, each the median of several runs.

Every module scripts/benchmarks/bench_*.py exposes ``run() -> list[tuple[str, str]]``:
rows of (what was measured, figure). This prints them as one Markdown table, ready to
paste into handbook/performance.md.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    rows: list[tuple[str, str]] = []
    for module_file in sorted((HERE / "benchmarks").glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(module_file.stem, module_file)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        print(f"measuring {module_file.stem} …", file=sys.stderr, flush=True)
        rows += module.run()
    print("| measure | figure |")
    print("| --- | --- |")
    for measure, figure in rows:
        print(f"| {measure} | {figure} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
