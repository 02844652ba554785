"""A news page on 127.0.0.1, for ingest from a URL (fetch with allow_private)."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@contextmanager
def serving_page(html: str) -> Iterator[str]:
    """Serve `html` at a local address for the duration of the block; yields the URL."""
    body = html.encode()

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/story"
    finally:
        server.shutdown()
        server.server_close()


def article_html(title: str, paragraphs: list[str], *, head: str = "") -> str:
    """A minimal article page: a title, optional extra head tags, one <p> a paragraph."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs if p.strip())
    return (
        f"<html><head><title>{title}</title>{head}</head><body><article>"
        f"<h1>{title}</h1>{body}</article></body></html>"
    )
