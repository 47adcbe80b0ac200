"""A demonstration build: a copy of the project with sample progress reports, built with
a banner on every page and handout saying that the reports are generated samples. The
project's own data/ is not touched (it holds the departments' reports only).

    python scripts/demo_reports.py /tmp/demo        # then open /tmp/demo/site/index.html
    python scripts/demo_reports.py /tmp/demo --periods 2
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from plansite.testing.project import copy_project, run_build
from plansite.testing.reports import write_sample_reports

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", type=Path, help="a folder that does not exist yet")
    parser.add_argument("--periods", type=int, default=4, help="reporting periods (4)")
    args = parser.parse_args()
    copy_project(ROOT, args.target)
    reports = write_sample_reports(args.target, args.periods)
    result = run_build(args.target, pdf_cache=ROOT / ".cache" / "pdf", demo_reports=True)
    if result.returncode:
        print(result.stderr.strip().splitlines()[-1], file=sys.stderr)
        sys.exit(1)
    print(f"{reports}: sample reports\n{args.target / 'site'}: the demonstration site")
    sys.exit(0)
