"""Run linkchecker over a built site, served on 127.0.0.1 (file:// cannot check directory URLs)."""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CONFIG = """\
[checking]
maxrequestspersecond=1000
threads=10
[filtering]
ignore=
  ^https?://(?!127\\.0\\.0\\.1)
"""


class _Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        # Without this header linkchecker waits 0.1-0.6 s between requests to one host.
        self.send_header("LinkChecker", "allow")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def linkcheck(site: Path, config_dir: Path) -> subprocess.CompletedProcess[str]:
    """Check every internal link of `site`; external links are left to the opt-in source check."""
    config = config_dir / "linkcheckerrc"
    config.write_text(CONFIG, encoding="utf-8")
    with serve(site) as url:
        return subprocess.run(
            [sys.executable, "-m", "linkcheck", "--no-status", "--no-robots", "-f", str(config), "-o", "text", url],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
