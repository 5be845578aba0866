"""A built site served on 127.0.0.1, on a free port, for the tests that need HTTP."""

from __future__ import annotations

import http.server
import threading
from contextlib import contextmanager


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging every request to the test output."""

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


@contextmanager
def serving(handler):
    """Serve with ``handler`` (a request handler class or partial); yield the origin, no slash."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
