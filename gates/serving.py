"""Serve a built site on 127.0.0.1 while a checker or a browser reads it.

Checkers need HTTP, not ``file://``: MkDocs writes directory URLs (``timeline/``) whose
anchors a file checker cannot resolve. The server answers the way a static host does:
text files (HTML, CSS, JavaScript, JSON, SVG, XML) go gzip-compressed to clients that
accept it, as GitHub Pages and every common static host send them, since Lighthouse and
the benchmark measure weight and load time over the wire; ``compress=False`` sends every
file as it is, for a checker that reads links, not weight (the link check: compressing
38 MB of pages would take CPU from the checker on the same cores). Every answer carries a
``LinkChecker: allow`` header, without which linkchecker waits 0.1-0.6 s between two
requests to one host.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

COMPRESSED = frozenset(
    {
        "application/javascript",
        "application/json",
        "application/xml",
        "application/atom+xml",
        "image/svg+xml",
        "text/css",
        "text/csv",
        "text/html",
        "text/javascript",
        "text/plain",
        "text/xml",
    }
)


class _Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args: Any, gzip_cache: dict[Path, bytes] | None, **kwargs: Any) -> None:
        self._gzip_cache = gzip_cache  # one per server, shared by its request threads; None: no gzip
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        if not self._send_compressed(body=True):
            super().do_GET()

    def do_HEAD(self) -> None:
        if not self._send_compressed(body=False):
            super().do_HEAD()

    def _send_compressed(self, *, body: bool) -> bool:
        """Answer with the gzip-compressed file if it is text and the client takes gzip."""
        if self._gzip_cache is None or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return False
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not url_path.endswith("/"):
                return False  # the parent class redirects to the URL with a slash
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        if not path.is_file() or content_type.split(";")[0] not in COMPRESSED:
            return False
        data = self._gzip_cache.get(path)
        if data is None:
            data = self._gzip_cache[path] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if body:
            self.wfile.write(data)
        return True

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
def serve(site: Path, port: int = 0, *, compress: bool = True) -> Iterator[str]:
    """Serve the folder `site` on 127.0.0.1 (a free port unless `port` is given) and yield
    its base URL, ending in ``/``. The folder may be filled after the server starts."""
    handler = functools.partial(_Handler, directory=str(site), gzip_cache={} if compress else None)
    server = _Server(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True, name="factsite-serve")
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
