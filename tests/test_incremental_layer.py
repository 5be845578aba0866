"""The incremental layer's parts on their own: the input key, the output record, the sync, what templates
read, and the sets of files made from pages."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import jinja2
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from digest_incremental import fingerprints, key, store  # noqa: E402


def test_the_configuration_key_covers_settings_code_and_packages(tmp_path, monkeypatch):
    code = tmp_path / "plugin.py"
    code.write_text("x = 1\n")
    settings = {"SITEURL": "", "THEME": "theme", "lowercase": "not a setting"}
    first = key.config_key(settings, key.hash_files([code]))
    assert key.config_key({**settings, "lowercase": "ignored"}, key.hash_files([code])) == first
    assert key.config_key({**settings, "SITEURL": "https://example.org"}, key.hash_files([code])) != first
    code.write_text("x = 2\n")
    assert key.config_key(settings, key.hash_files([code])) != first
    code.write_text("x = 1\n")
    monkeypatch.setattr(key, "distributions", lambda: ["pycountry==99.0"])
    assert key.config_key(settings, key.hash_files([code])) != first


def test_settings_resolve_again_when_a_variable_they_read_changes(tmp_path, monkeypatch):
    settings_file = tmp_path / "settings.py"
    settings_file.write_text("import os\nSITEURL = os.environ.get('SITEURL', '')\n")
    monkeypatch.setenv("SITEURL", "https://one.example")
    with key.noting_the_environment() as read:
        exec(settings_file.read_text(), {})
    assert read == {"SITEURL": "https://one.example"}
    record = key.settings_record(
        {"PATH": "content", "OUTPUT_PATH": "output"},
        read,
        key.package_folders(),
        [str(settings_file)],
        key.hash_files([str(settings_file)]),
        "c",
    )
    assert key.settings_unchanged(record)
    monkeypatch.setenv("UNRELATED", "changes nothing")
    assert key.settings_unchanged(record)
    monkeypatch.setenv("SITEURL", "https://two.example")
    assert not key.settings_unchanged(record)
    monkeypatch.setenv("SITEURL", "https://one.example")
    monkeypatch.setenv("LC_TIME", "fr_FR.UTF-8")  # the month names Pelican's locale gives
    assert not key.settings_unchanged(record)
    monkeypatch.delenv("LC_TIME")
    settings_file.write_text("SITEURL = 'https://three.example'\n")
    assert not key.settings_unchanged(record)
    assert not any(
        key.settings_unchanged(other) for other in (None, [], {"python": sys.version}, {**record, "PATH": 1})
    )


def test_the_input_key_changes_with_a_same_size_edit_that_keeps_the_time(tmp_path):
    item = tmp_path / "item.md"
    item.write_text("status: draft\n")
    before = key.input_key("config", key.hash_files([str(item)]))
    status = item.stat()
    item.write_text("status: drift\n")
    os.utime(item, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert item.stat().st_size == status.st_size
    assert key.input_key("config", key.hash_files([str(item)])) != before


def test_a_named_pipe_is_not_opened_for_the_key(tmp_path):
    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "item.md").write_text("x")
    assert list(key.hash_files(key.input_files(tmp_path))) == [str(tmp_path / "item.md")]


def mirror_with(tmp_path, pages: dict[str, str], static: dict[str, str]) -> store.Mirror:
    mirror = store.Mirror(tmp_path / "cache" / "config").open()
    manifest = {"pages": {}, "static": list(static), "valid_until": None}
    for name, text in {**pages, **static}.items():
        path = mirror.site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        if name in pages:
            manifest["pages"][name] = store.page_entry("fingerprint", store.stamp(path.stat()))
    mirror.save(manifest)
    mirror.finish()
    return mirror


def test_sync_makes_the_output_hold_exactly_the_mirror_and_records_it(tmp_path):
    mirror = mirror_with(tmp_path, {"a/index.html": "A", "b/index.html": "B"}, {"theme/site.css": "css"})
    output, record = tmp_path / "output", tmp_path / "cache" / "outputs" / "o.json"
    (output / "old" / "deep").mkdir(parents=True)
    (output / "old" / "deep" / "index.html").write_text("from another configuration")
    (output / "b").mkdir()
    (output / "b" / "index.html").write_text("edited by hand")
    assert store.sync(mirror, output, record, "key-1") == (3, 1)
    assert store.scan(output).keys() == {"a/index.html", "b/index.html", "theme/site.css"}
    assert (output / "b" / "index.html").read_text() == "B" and not (output / "old").exists()
    # Pages are links to the mirror; their stamps in the manifest follow the new link.
    assert (output / "a" / "index.html").stat().st_ino == (mirror.site / "a" / "index.html").stat().st_ino
    entry = mirror.manifest()["pages"]["a/index.html"]
    assert store.read_entry(entry) == ("fingerprint", store.stamp((mirror.site / "a" / "index.html").stat()))
    assert store.is_up_to_date(tmp_path / "cache", output, "key-1", now=0) is False  # record path differs
    assert store.read_json(record)["files"] == store.scan(output)


def test_the_output_is_up_to_date_only_while_untouched(tmp_path):
    mirror = mirror_with(tmp_path, {"a/index.html": "A"}, {})
    cache, output = tmp_path / "cache", tmp_path / "output"
    record = store.output_record_path(cache, output)
    store.sync(mirror, output, record, "key-1")
    assert store.is_up_to_date(cache, output, "key-1", now=0)
    assert not store.is_up_to_date(cache, output, "key-2", now=0)
    page = output / "a" / "index.html"
    status = page.stat()
    with open(page, "r+") as handle:  # the same size, the time put back: the change time still tells
        handle.write("Z")
    os.utime(page, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert not store.is_up_to_date(cache, output, "key-1", now=0)


def test_a_folder_left_by_a_stopped_build_is_started_again(tmp_path):
    mirror = mirror_with(tmp_path, {"a/index.html": "A"}, {})
    (mirror.folder / "ArticlesGenerator-Readers").write_bytes(b"")  # a cache cut short
    mirror.marker.touch()  # as a build killed half way leaves it
    store.Mirror(mirror.folder).open()
    assert not (mirror.folder / "ArticlesGenerator-Readers").exists()
    assert store.scan(mirror.site) == {} and not mirror.manifest_path.exists()


def test_sync_puts_files_and_folders_where_hand_made_ones_stand_in_the_way(tmp_path):
    mirror = mirror_with(tmp_path, {"a/index.html": "A", "b/index.html": "B", "c/index.html": "C"}, {})
    output, record = tmp_path / "output", tmp_path / "cache" / "outputs" / "o.json"
    (output / "a" / "index.html").mkdir(parents=True)  # a folder where the site has a file
    (output / "b").parent.mkdir(parents=True, exist_ok=True)
    (output / "b").write_text("a file where the site has a folder")
    (output / "c").mkdir()
    (output / "c" / "index.html.copying").write_text("left by a stopped sync")
    (output / "empty" / "deeper").mkdir(parents=True)
    store.sync(mirror, output, record, "key-1")
    assert store.scan(output).keys() == {"a/index.html", "b/index.html", "c/index.html"}
    assert [(output / name / "index.html").read_text() for name in "abc"] == ["A", "B", "C"]


def test_an_empty_folder_made_in_the_output_is_seen(tmp_path):
    mirror = mirror_with(tmp_path, {"a/index.html": "A"}, {})
    cache, output = tmp_path / "cache", tmp_path / "output"
    store.sync(mirror, output, store.output_record_path(cache, output), "key-1")
    (output / "junk" / "deeper").mkdir(parents=True)
    assert not store.is_up_to_date(cache, output, "key-1", now=0)


def test_what_a_template_reads_is_parsed_again_when_it_or_what_it_includes_changed():
    sources = {"page.html": "{{ title }}{% include 'footer.html' %}", "footer.html": "{{ SITENAME }}"}
    environment = jinja2.Environment(loader=jinja2.DictLoader(sources))
    parsed: dict = {}
    assert fingerprints.template_globals(environment, "page.html", {}, parsed) == {"title", "SITENAME"}
    sources["footer.html"] = "{{ SITENAME }} {{ FEEDS }}"
    assert fingerprints.template_globals(environment, "page.html", {}, parsed) == {"title", "SITENAME", "FEEDS"}
    sources["page.html"] = "{{ item }}{% include 'footer.html' %}"
    assert fingerprints.template_globals(environment, "page.html", {}, parsed) == {"item", "SITENAME", "FEEDS"}


def test_a_set_of_files_is_made_as_soon_as_its_pages_are_written(tmp_path):
    from digest_incremental.writer import DigestWriter

    writer = DigestWriter(str(tmp_path), settings={})
    started = threading.Event()

    def make():
        started.set()
        return {"index.json": b"made from a and b"}

    writer.write_files("search/", make, ["a/index.html", "b/index.html"])
    writer.write_text("a/index.html", lambda: "A", {"a": 1}, "page")
    assert not started.wait(0.2)  # b is not written yet
    writer.write_text("b/index.html", lambda: "B", {"b": 1}, "page")
    assert started.wait(30)  # before the build waits for it
    writer.finish_files()
    assert (tmp_path / "search" / "index.json").read_bytes() == b"made from a and b"
    assert "search/index.json" in writer.pages


def test_a_set_waiting_for_a_page_never_written_is_an_error(tmp_path):
    from digest_incremental.writer import DigestWriter

    writer = DigestWriter(str(tmp_path), settings={})
    writer.write_files("search/", lambda: {}, ["a/index.html"])
    with pytest.raises(RuntimeError, match="a/index.html"):
        writer.finish_files()
