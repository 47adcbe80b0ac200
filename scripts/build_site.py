"""`make site`: the complete site (both languages) into site/, or the last good one kept."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.exceptions import Abort

from plansite.build import ROOT, build_site
from plansite.load import DataError


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    args = parser.parse_args()
    try:
        build_site(args.site_dir)
    except DataError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    except Abort as error:
        print(error.format_message().strip(), file=sys.stderr)
        return 1
    print(f"Site built in {args.site_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
