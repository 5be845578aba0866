"""Serve a built site on loopback and visit its pages in Debian's Chromium, recording what happens."""

from __future__ import annotations

import contextlib
import functools
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from loopback import QuietHandler, serving

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


@contextlib.contextmanager
def serve(folder: Path):
    """Serve ``folder`` on 127.0.0.1 (a free port); yield the base URL, ending in '/'."""
    with serving(functools.partial(QuietHandler, directory=str(folder))) as origin:
        yield origin + "/"


def axe_source() -> str:
    """axe-core's browser bundle, as shipped inside the axe-playwright-python wheel."""
    return resources.files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


@dataclass
class Visit:
    """Everything a page did while it loaded: messages, dialogs, requests that failed or left loopback."""

    url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    off_site: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"console error: {text}" for text in self.console_errors]
            + [f"script error: {text}" for text in self.page_errors]
            + [f"dialog opened: {text}" for text in self.dialogs]
            + [f"request left loopback: {url}" for url in self.off_site]
            + [f"request failed: {text}" for text in self.failed]
        )


def is_loopback(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and parts.hostname == "127.0.0.1"


class Tab:
    """One browser tab that records, for each address it opens, what the page did while loading."""

    def __init__(self, context):
        self.page = context.new_page()
        self.visit = Visit("")
        page = self.page
        page.on("console", lambda message: message.type == "error" and self.visit.console_errors.append(message.text))
        page.on("pageerror", lambda error: self.visit.page_errors.append(str(error)))
        page.on("dialog", self._dismiss)
        page.on("request", lambda request: self.visit.requests.append(request.url))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)
        page.route("**/*", self._keep_on_loopback)

    def _dismiss(self, dialog):
        self.visit.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _failed(self, request):
        if is_loopback(request.url):
            self.visit.failed.append(f"{request.url} ({request.failure})")

    def _response(self, response):
        if response.status >= 400:
            self.visit.failed.append(f"{response.url} HTTP {response.status}")

    def _keep_on_loopback(self, route):
        if is_loopback(route.request.url):
            route.continue_()
        else:
            self.visit.off_site.append(route.request.url)
            route.abort()

    def open(self, url: str) -> Visit:
        self.visit = Visit(url)
        self.page.goto(url, wait_until="load")
        return self.visit


def open_page(context, url: str) -> tuple[object, Visit]:
    """Open ``url`` in a new tab of ``context``; return the page and what it did until the load event."""
    tab = Tab(context)
    return tab.page, tab.open(url)
