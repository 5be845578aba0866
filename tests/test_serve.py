"""`make serve`: the preview server's site, whose feeds point at the port it serves on."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import sites


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_feeds_of_the_preview_server_point_at_its_port(tmp_path):
    content = sites.write_taxonomy_site(tmp_path / "site")
    port = free_port()
    command = [sys.executable, "tools/digest.py", "serve", "--port", str(port), "--content", str(content)]
    server = subprocess.Popen(
        [*command, "--output", str(tmp_path / "output")],
        cwd=sites.ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline, feed = time.monotonic() + 60, None
        while feed is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/feeds/rss.xml", timeout=2) as response:
                    feed = response.read().decode("utf-8")
            except OSError:
                time.sleep(0.3)
        assert feed is not None, server.stdout.read() if server.poll() is not None else "no answer"
        assert f"<link>http://127.0.0.1:{port}/</link>" in feed
        assert "127.0.0.1:8000" not in feed
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_port_in_use_is_said_in_one_line_before_anything_is_built(tmp_path):
    content = sites.write_taxonomy_site(tmp_path / "site")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = [sys.executable, "tools/digest.py", "serve", "--port", str(port), "--content", str(content)]
        served = subprocess.run(
            [*command, "--output", str(tmp_path / "output")], cwd=sites.ROOT, capture_output=True, text=True, timeout=60
        )
    assert served.returncode == 1 and "Traceback" not in served.stderr and "bug" not in served.stderr
    assert served.stderr.startswith(f"make serve: port {port} cannot be used (Address already in use); ")
    assert f"PORT={port + 1} make serve" in served.stderr
    assert not (tmp_path / "output").exists()


def fetched(url: str, wanted: str, server, seconds: float = 60) -> str:
    """The page at ``url`` once it holds ``wanted`` (the server rebuilds meanwhile)."""
    deadline, page = time.monotonic() + seconds, ""
    while wanted not in page and time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                page = response.read().decode("utf-8")
        except OSError:
            pass
        if wanted not in page:
            time.sleep(0.3)
    return page


def test_every_save_of_the_settings_file_rebuilds_the_preview(tmp_path):
    """Editors (and sed -i) save a file by writing a new one in its place: the second save of
    the settings file was not seen, and the preview kept the first one's site."""
    content = sites.write_taxonomy_site(tmp_path / "site")
    settings = sites.ROOT / "previewconf.py"  # a settings file of the project, as pelicanconf.py is

    def save(name: str) -> None:
        fresh = settings.with_suffix(".new")
        fresh.write_text(
            f"import sys\nsys.path.insert(0, {str(sites.ROOT)!r})\nfrom pelicanconf import *\nSITENAME = {name!r}\n"
        )
        fresh.replace(settings)

    save("Alpha Digest")
    port = free_port()
    command = [sys.executable, "tools/digest.py", "serve", "--settings", settings.name, "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--content", str(content), "--output", str(tmp_path / "output")],
        cwd=sites.ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        home = f"http://127.0.0.1:{port}/"
        assert "Alpha Digest" in fetched(home, "Alpha Digest", server)
        time.sleep(2)  # the watch has started
        for name in ("Beta Digest", "Gamma Digest"):
            save(name)
            assert name in fetched(home, name, server), name
    finally:
        server.terminate()
        server.wait(timeout=10)
        settings.unlink(missing_ok=True)
