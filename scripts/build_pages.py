"""Render the plan's Markdown pages, both languages, from data/ through the templates.

MkDocs runs the same generator on every build (hooks/plan_pages.py); this command writes
the pages to a folder so they can be read, diffed or timed on their own.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plansite.load import DataError, load_plan
from plansite.model import LANGUAGES
from plansite.pages import render_pages

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "pages")
    args = parser.parse_args()
    try:
        plan = load_plan(args.data)
    except DataError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    count = 0
    for lang in LANGUAGES:
        for page in render_pages(plan, lang):
            target = args.out / lang / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.content, encoding="utf-8")
            count += 1
    print(f"{count} pages written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
