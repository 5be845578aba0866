"""`make linkcheck` against a loopback server answering 200, 301, 404, 410 and never."""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
import time

import sites
from loopback import serving

ITEM = """---
title: "{title}"
date: 2024-03-0{day}T10:00:00+00:00
summary: "Summary of {title}."
source:
  name: Reuters
  url: {url}
{archive}status: published
---
"""


class Answers(http.server.BaseHTTPRequestHandler):
    """/ok answers, /moved redirects to /ok, /gone-404 and /gone-410 are gone, /never does not answer."""

    release = threading.Event()

    def do_HEAD(self):  # noqa: N802 - the base class's name
        if self.path == "/never":
            self.release.wait(5)
            return
        status = {"/ok": 200, "/moved": 301, "/gone-404": 404, "/gone-410": 410}.get(self.path, 404)
        self.send_response(status)
        if status == 301:
            self.send_header("Location", "/ok")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD  # noqa: N815

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


def test_dead_originals_without_an_archived_copy_are_reported(make_content):
    with serving(Answers) as origin:
        items = {
            "ok.md": ("Still there", f"{origin}/ok", ""),
            "moved.md": ("Moved", f"{origin}/moved", ""),
            "gone.md": ("Gone", f"{origin}/gone-404", ""),
            "removed.md": ("Removed", f"{origin}/gone-410", ""),
            "silent.md": ("Silent", f"{origin}/never", ""),
            "archived.md": ("Archived", f"{origin}/gone-404?archived", f"archive_url: {origin}/ok\n"),
        }
        files = {
            name: ITEM.format(title=title, day=day, url=url, archive=archive)
            for day, (name, (title, url, archive)) in enumerate(items.items(), start=1)
        }
        content = make_content(items=files)
        started = time.monotonic()
        command = [sys.executable, "tools/digest.py", "linkcheck", "--content", str(content), "--timeout", "1"]
        run = subprocess.run(command, cwd=sites.ROOT, capture_output=True, text=True)
        Answers.release.set()
    assert time.monotonic() - started < 20
    assert run.returncode == 1, run.stderr
    assert run.stdout.splitlines() == [
        "content/items/gone.md:7: source.url: 404 Not Found",
        "content/items/removed.md:7: source.url: 410 Gone",
        "content/items/silent.md:7: source.url: no answer in 1 s",
    ]
    assert run.stderr.strip().endswith("3 of 7 links need a look.")
