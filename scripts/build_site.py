"""`make site`: the complete site (both languages, PDF handouts) into site/, or the last
good one kept."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from plansite.build import build_site
from plansite.cli import run

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site-dir", type=Path, help="default: site/ in the project")
    args = parser.parse_args()

    def build(settings) -> str:
        build_site(settings, args.site_dir)
        return f"Site built in {args.site_dir or settings.site_dir}"

    sys.exit(run(__file__, build))
