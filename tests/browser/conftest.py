"""Fixtures for the browser suite: Debian's chromium, axe-core from npm, a loopback server.

One browser for the whole session; each test gets a fresh page. Under ``CI=true`` a
missing browser or axe-core fails the run instead of skipping it.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from ..conftest import ROOT
from ..npm import npm_package, unavailable
from .harness import PageReport, Probe, Site
from .pages import Pages, render_pages

if TYPE_CHECKING:
    from playwright.sync_api import Browser

AXE_VERSION = "4.14.1"
DEPS = ROOT / ".browser-deps"
CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--mute-audio",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def axe_script() -> str:
    """axe-core's source, installed from npm at the pinned version if it is missing."""
    return (npm_package("axe-core", AXE_VERSION, DEPS) / "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's chromium driven by Playwright: headless, off the network, never downloaded."""
    executable = shutil.which("chromium")
    if executable is None:
        unavailable("chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        # Playwright adds --no-sandbox unless chromium_sandbox is set: keep the sandbox
        # for ordinary users, drop it only as root, where chromium refuses to start with it.
        browser = playwright.chromium.launch(
            executable_path=executable,
            headless=True,
            chromium_sandbox=os.geteuid() != 0,
            args=CHROMIUM_ARGS,
        )
        yield browser
        browser.close()


STRICT_CSP = "default-src 'self'; style-src 'self'; img-src 'self'"
"""The policy the build's files are served under: everything iconkit writes must work."""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".svg": "image/svg+xml",
        ".html": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
    }

    def end_headers(self) -> None:
        if self.path.startswith("/iconkit-build/"):  # the build's own pages: the gallery
            self.send_header("Content-Security-Policy", STRICT_CSP)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """A folder served over HTTP on 127.0.0.1 only, for the whole session."""
    root = tmp_path_factory.mktemp("site")
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(root=root, origin=f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def build_dir(site: Site) -> Path:
    """A real ``iconkit build`` of the shipped catalogue into the served folder."""
    out = site.root / "iconkit-build"
    command = [sys.executable, "-m", "iconkit", "build", "--quiet", "--out", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=site.root, check=False)
    assert done.returncode == 0, f"iconkit build failed:\n{done.stdout}\n{done.stderr}"
    return out


@pytest.fixture(scope="session")
def pages(site: Site, build_dir: Path) -> Pages:
    """Every page under test, rendered through the public Jinja API into the served folder."""
    return render_pages(site.root, build_dir)


@pytest.fixture
def probe(browser: Browser, site: Site, axe_script: str) -> Iterator[Probe]:
    """A fresh page in its own context; any request off 127.0.0.1 fails the test."""
    context = browser.new_context(viewport={"width": 1200, "height": 900}, device_scale_factor=1)
    probe = Probe(context, site, axe_script)
    try:
        yield probe
    finally:
        context.close()
    assert not probe.offsite, f"requests left 127.0.0.1: {probe.offsite}"
    assert not probe.failed, f"requests failed: {probe.failed}"
    assert not probe.errors, f"page errors: {probe.errors}"


class Reports:
    """Each page opened once per session, in its own context; every page test reads from it."""

    def __init__(self, browser: Browser, site: Site, axe_script: str) -> None:
        self.browser, self.site, self.axe_script = browser, site, axe_script
        self.done: dict[str, PageReport] = {}

    def __getitem__(self, path: str) -> PageReport:
        if path not in self.done:
            context = self.browser.new_context(
                viewport={"width": 1200, "height": 900}, device_scale_factor=1
            )
            try:
                self.done[path] = Probe(context, self.site, self.axe_script).report(path)
            finally:
                context.close()
        return self.done[path]


@pytest.fixture(scope="session")
def reports(browser: Browser, site: Site, axe_script: str, pages: Pages) -> Reports:
    return Reports(browser, site, axe_script)
