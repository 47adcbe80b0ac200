"""The site behind nginx, as a server would publish it (deploy/nginx/,
handbook/publishing.md): the shipped configuration filled in, and nginx run on loopback with it, in
the foreground, for `make serve-nginx` and the tests."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

HTTP_CONFIG = "plansite.conf"  # in deploy/nginx/: the http-level part
SITE_CONFIG = "site.conf"  # the server-level part, with @PREFIX@ and @ROOT@
MIME_TYPES = Path("/etc/nginx/mime.types")  # Debian's nginx package
MISSING = "nginx is not installed; install it with: sudo apt-get install nginx"


class NginxError(Exception):
    """nginx is missing or refused the configuration: str() says what, in one line."""


def site_locations(deploy_dir: Path, prefix: str, site_dir: Path) -> str:
    """site.conf for the site in site_dir served at prefix ("/" or "/jieshui/")."""
    text = (deploy_dir / SITE_CONFIG).read_text(encoding="utf-8")
    return text.replace("@PREFIX@", prefix).replace("@ROOT@", str(site_dir.resolve()))


def local_config(deploy_dir: Path, prefix: str, site_dir: Path, port: int, runtime: Path) -> str:
    """A complete nginx.conf serving the site on 127.0.0.1:port, writing only below
    runtime: one process in the foreground, as the user who starts it."""
    locations = site_locations(deploy_dir, prefix, site_dir)
    return f"""daemon off;
master_process off;
pid {runtime}/nginx.pid;
error_log stderr;
events {{
    worker_connections 64;
}}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    include {(deploy_dir / HTTP_CONFIG).resolve()};
    access_log off;
    log_not_found off;
    client_body_temp_path {runtime}/body;
    proxy_temp_path {runtime}/proxy;
    fastcgi_temp_path {runtime}/fastcgi;
    uwsgi_temp_path {runtime}/uwsgi;
    scgi_temp_path {runtime}/scgi;
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
{locations}
    }}
}}
"""


def nginx_binary() -> str:
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")
    if not found:
        raise NginxError(MISSING)
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serve(
    deploy_dir: Path, site_dir: Path, prefix: str = "/", port: int | None = None
) -> Iterator[str]:
    """nginx serving site_dir at prefix on 127.0.0.1 (a free port unless given); yields
    the site's URL and stops nginx on leaving. Raises NginxError."""
    binary = nginx_binary()
    port = port or _free_port()
    with tempfile.TemporaryDirectory(prefix="plansite-nginx-") as folder:
        runtime = Path(folder)
        config = runtime / "nginx.conf"
        config.write_text(local_config(deploy_dir, prefix, site_dir, port, runtime), "utf-8")
        check = subprocess.run(
            [binary, "-t", "-q", "-e", "stderr", "-p", folder, "-c", str(config)],
            capture_output=True,
            text=True,
        )
        if check.returncode != 0:
            raise NginxError(f"nginx refused {config.name}: {' '.join(check.stderr.split())}")
        process = subprocess.Popen([binary, "-e", "stderr", "-p", folder, "-c", str(config)])
        try:
            _wait_for(port, process)
            yield f"http://127.0.0.1:{port}{prefix}"
        finally:
            process.terminate()
            process.wait(timeout=10)


def wait() -> None:
    """Until Ctrl+C, while serve() runs nginx."""
    while True:
        time.sleep(3600)


def _wait_for(port: int, process: subprocess.Popen, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise NginxError(f"nginx stopped at start (exit status {process.returncode})")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise NginxError(f"nginx did not answer on 127.0.0.1:{port}")
