"""Browser fixtures: Debian's Chromium through Playwright, and the built site on 127.0.0.1.

Chromium comes from apt (`make test` installs it). Under CI a missing browser fails the run;
elsewhere the browser tests are skipped with a reason.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from helpers import REPO, run_cli

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Server:
    """A static file server on 127.0.0.1 that logs every path it was asked for."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.requests: list[str] = []
        log = self.requests

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                log.append(self.path)

        handler = functools.partial(Handler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory) -> Path:
    """The bundled curriculum built once for the browser tests (no PDFs)."""
    out = tmp_path_factory.mktemp("browser") / "site"
    result = run_cli("-C", REPO, "build", "--no-pdf", "--out", out)
    assert result.code == 0, result.text
    return out


@pytest.fixture(scope="session")
def serve():
    servers: list[Server] = []

    def start(folder: Path) -> Server:
        server = Server(folder)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


def watch_requests(page) -> list[str]:
    """Every URL the page asks for, including ones that fail or are blocked."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen
