"""One test for each detail of Pelican the digest relies on (plugins/conflict_digest/internals.py)
and for the places where the digest stands in for a part of Pelican's writer."""

from __future__ import annotations

import hashlib
import inspect
import os
import sys
from datetime import datetime
from pathlib import Path

import blinker
import pytest
from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator
from pelican.readers import Readers
from pelican.settings import DEFAULT_CONFIG
from pelican.writers import Writer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from conflict_digest import internals  # noqa: E402
from digest_incremental.writer import DigestWriter  # noqa: E402


def test_the_plugin_refuses_a_pelican_it_was_not_written_for():
    internals.check_pelican_version()  # the pinned one
    with pytest.raises(RuntimeError, match=r"Pelican 4\.12.*Pelican 5\.0\.0.*internals\.py"):
        internals.check_pelican_version("5.0.0")


@pytest.fixture
def pelicans_own_readers(monkeypatch):
    """Pelican's readers as Pelican alone has them: a build earlier in this process registered
    the digest's plugin, which leaves only its own reader (digest_content.plugin.add_reader)."""
    monkeypatch.setattr(signals, "readers_init", blinker.Signal())


@pytest.fixture
def readers(tmp_path, pelicans_own_readers):
    """Pelican's readers with its content cache on, as a build uses them."""
    settings = {**DEFAULT_CONFIG, "CACHE_PATH": str(tmp_path / "cache"), "CACHE_CONTENT": True}
    settings["CONTENT_CACHING_LAYER"] = "reader"
    page = tmp_path / "content" / "one.html"
    page.parent.mkdir()
    page.write_text("<html><head><title>One</title></head><body>Text</body></html>")
    return Readers(settings, cache_name="ArticlesGenerator"), page


def test_the_read_ahead_sees_which_files_pelicans_cache_holds(readers):
    found, page = readers
    assert internals.cached_paths(found) == set()
    found.read_file(str(page.parent), page.name, content_class=Article)
    assert internals.cached_paths(found) == {str(page)}


def test_the_content_cache_in_memory_can_be_let_go_of(readers):
    found, page = readers
    found.read_file(str(page.parent), page.name, content_class=Article)
    internals.release_read_cache(found)
    assert internals.cached_paths(found) == set()
    assert found.get_cached_data(str(page)) is None


def test_urls_worked_out_once_are_the_ones_pelican_uses():
    settings = {**DEFAULT_CONFIG, "ARTICLE_URL": "{slug}/", "ARTICLE_SAVE_AS": "{slug}/index.html"}
    article = Article("", {"title": "One", "slug": "one", "date": datetime(2024, 1, 1)}, settings)
    internals.keep_urls(article)
    settings["ARTICLE_URL"], settings["ARTICLE_SAVE_AS"] = "changed/{slug}/", "changed/{slug}/index.html"
    assert (article.url, article.save_as) == ("one/", "one/index.html")
    assert article.get_url_setting("url") == "one/"


def test_the_digests_writer_takes_what_pelicans_generators_pass_to_write_file():
    ours = inspect.signature(DigestWriter.write_file).parameters
    pelicans = inspect.signature(Writer.write_file).parameters
    assert list(ours) == list(pelicans)
    assert all(ours[name].default == pelicans[name].default for name in pelicans)


def test_the_relative_path_kept_is_the_one_pelican_works_out(tmp_path):
    settings = {**DEFAULT_CONFIG, "PATH": str(tmp_path), "ARTICLE_URL": "{path}/", "ARTICLE_SAVE_AS": "{path}.html"}
    source = tmp_path / "items" / "one.md"
    metadata = {"title": "One", "slug": "one", "date": datetime(2024, 1, 1)}
    article = Article("", metadata, settings, source_path=str(source))
    worked_out = article.get_relative_source_path()
    internals.keep_relative_path(article)
    assert article.get_relative_source_path() == worked_out == "items/one.md"
    assert article.url == "items/one.md/"
    other = str(tmp_path / "pages" / "two.md")
    assert article.get_relative_source_path(other) == "pages/two.md"


def test_a_files_stamp_is_worked_out_once_a_build_and_is_the_one_pelicans_cache_compares(
    tmp_path, monkeypatch, pelicans_own_readers
):
    content = tmp_path / "content"
    content.mkdir()
    page = content / "one.html"
    page.write_text(
        "<html><head><title>One</title><meta name='date' content='2024-01-01'></head><body>Old</body></html>"
    )
    settings = {**DEFAULT_CONFIG, "PATH": str(content), "CACHE_PATH": str(tmp_path / "cache"), "CACHE_CONTENT": True}
    settings |= {"LOAD_CONTENT_CACHE": True, "CONTENT_CACHING_LAYER": "reader", "CHECK_MODIFIED_METHOD": "sha256"}
    hashed, real_sha256 = [], hashlib.sha256

    def counting_sha256(data=b""):
        hashed.append(data)
        return real_sha256(data)

    monkeypatch.setattr(hashlib, "sha256", counting_sha256)

    def read() -> str:
        context = {**settings, "generated_content": {}, "static_links": set(), "static_content": {}}
        generator = ArticlesGenerator(context, settings, str(content), settings["THEME"], str(tmp_path / "output"))
        internals.stamp_each_file_once(generator)
        generator.generate_context()
        return generator.articles[0].content

    assert read() == "Old" and len(hashed) == 1  # Pelican alone hashes it three times
    # The same size, the same modification time: the cache is not used, the file is read again.
    status = page.stat()
    page.write_text(page.read_text().replace("Old", "New"))
    os.utime(page, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert read() == "New"


def test_pelicans_command_runs_the_instance_its_plugins_were_given_once_a_change():
    """run_each_build_within replaces ``run`` on the instance the initialized signal gives: the
    command line and its autoreload must call it there, not on the class."""
    import pelican

    assert "pelican.run()" in inspect.getsource(pelican.main)
    assert "pelican.run()" in inspect.getsource(pelican.autoreload)
    ran = []

    class Built:
        def run(self):
            ran.append("run")
            raise RuntimeError("failed")

    held = []
    built = Built()

    class Hold:
        def __enter__(self):
            held.append("in")

        def __exit__(self, *exception):
            held.append("out")

    internals.run_each_build_within(built, Hold)
    with pytest.raises(RuntimeError):
        built.run()
    assert ran == ["run"] and held == ["in", "out"]
