"""A real HTTP server on 127.0.0.1 that fails in every way a source URL can fail."""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def closed_port() -> int:
    """A local port nobody listens on (bound, then closed again)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Handler(BaseHTTPRequestHandler):
    pages: dict[str, tuple[int, str, bytes]] = {}
    stopping: threading.Event

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        try:
            if self.path == "/hang":  # accepts the request and never answers
                self.stopping.wait(120)
                return
            if self.path == "/loop":
                self.send_response(302)
                self.send_header("Location", "/loop")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if self.path == "/endless":  # no length, never ends: only a streamed read stops
                self.send_response(200)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.end_headers()
                chunk = b"lantern " * 8192
                while not self.stopping.is_set():
                    self.wfile.write(chunk)
                return
            if self.path == "/trickle":  # one byte at a time: only a deadline stops it
                self.send_response(200)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.end_headers()
                while not self.stopping.wait(0.1):
                    self.wfile.write(b"a")
                    self.wfile.flush()
                return
            status, ctype, body = self.pages.get(self.path, (404, "text/plain", b"not here"))
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the client gave up: that is the point of several of these pages

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serve(pages: dict[str, tuple[int, str, bytes]]) -> Iterator[str]:
    """Serve `pages` (path -> status, content type, body) plus /hang, /loop, /endless and
    /trickle;
    yields the base URL."""
    handler = type("Handler", (_Handler,), {"pages": pages, "stopping": threading.Event()})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        handler.stopping.set()
        httpd.shutdown()
        httpd.server_close()


def failing_pages(encrypted_pdf: bytes) -> dict[str, tuple[int, str, bytes]]:
    return {
        "/error": (500, "text/html", b"<html><body>boom</body></html>"),
        "/image.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(200)),
        "/empty.txt": (200, "text/plain", b""),
        "/binary": (200, "application/octet-stream", b"\x00\x01\x02" + os.urandom(1024)),
        "/locked.pdf": (200, "application/pdf", encrypted_pdf),
    }
