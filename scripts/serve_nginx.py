"""`make serve-nginx`: the built site/ served by nginx with the shipped configuration
(deploy/nginx/) at http://127.0.0.1:8080/, or below SITE_URL's path when it is set
(SITE_URL=https://example.gov.cn/jieshui/ serves it at http://127.0.0.1:8080/jieshui/),
as a web server would publish it: compressed, cached, 404 pages per language.
With --print, prints deploy/nginx/site.conf filled in for site/ instead."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys

from plansite import nginx
from plansite.cli import run

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--print", action="store_true", help="print the configuration")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop nginx on kill too

    def serve(settings) -> str:
        deploy = settings.root / "deploy" / "nginx"
        if args.print:
            return nginx.site_locations(deploy, settings.site_path, settings.site_dir)
        if not (settings.site_dir / "index.html").is_file():
            raise nginx.NginxError("no site/ to serve; build it first with: make site")
        with nginx.serve(deploy, settings.site_dir, settings.site_path, args.port) as url:
            print(f"Serving site/ at {url} (Ctrl+C stops)", flush=True)
            with contextlib.suppress(KeyboardInterrupt):
                nginx.wait()
        return "Stopped"

    sys.exit(run(__file__, serve))
