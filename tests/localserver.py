"""A web server on 127.0.0.1 for the tests of code that fetches: the archive client, the source checks.

The tests never reach the network; each serves the documented answers (and failures)
from a handler of its own, on a free port of the loopback address.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class QuietServer(ThreadingHTTPServer):
    """A threaded server that says nothing when a client hangs up early, as checkers do on purpose."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass


@contextlib.contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[int]:
    """Serve `handler` on 127.0.0.1 in a thread; yield the port, and stop the server after."""
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
