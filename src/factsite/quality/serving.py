"""Serve a built site on 127.0.0.1 while a checker or a browser reads it.

Checkers need HTTP, not ``file://``: MkDocs writes directory URLs (``timeline/``) whose
anchors a file checker cannot resolve. The server answers with a ``LinkChecker: allow``
header, without which linkchecker waits 0.1-0.6 s between two requests to one host.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class _Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        self.send_header("LinkChecker", "allow")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up early (a browser, a checker's timeout) is not our error


@contextmanager
def serve(site: Path, port: int = 0) -> Iterator[str]:
    """Serve the folder `site` on 127.0.0.1 (a free port unless `port` is given) and yield
    its base URL, ending in ``/``. The folder may be filled after the server starts."""
    server = _Server(("127.0.0.1", port), functools.partial(_Handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True, name="factsite-serve")
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
