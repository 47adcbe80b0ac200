"""`make serve`: a preview for editors at http://127.0.0.1:8000/, both languages, built
by the same steps as `make site` and rebuilt whenever data/, the templates, the code or
the theme's files change (the browser reloads)."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from plansite import engine
from plansite.build import build_site
from plansite.cli import REFUSALS, run

WATCHED = ("data", "templates", "plansite", "docs", "mkdocs.yml", "mkdocs.en.yml")

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--address", default="127.0.0.1:8000", help="host:port")
    args = parser.parse_args()

    def preview(settings) -> str:
        site_dir = Path(tempfile.mkdtemp(prefix="plansite-preview-")) / "site"

        def rebuild() -> None:
            try:
                build_site(settings, site_dir)
            except REFUSALS as error:  # the preview keeps the last good site
                print(f"Error: {error}", file=sys.stderr)

        build_site(settings, site_dir)
        print(f"Serving http://{args.address}/ (Ctrl+C stops)", flush=True)
        watched = [settings.root / name for name in WATCHED if (settings.root / name).exists()]
        engine.serve(rebuild, site_dir, watched, args.address)
        return "Stopped"

    sys.exit(run(__file__, preview))
