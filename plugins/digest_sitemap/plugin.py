"""Signal handlers: note every page the writer writes, then write sitemap.xml and robots.txt through it."""

from __future__ import annotations

import logging
import os

from pelican import signals
from pelican.generators import Generator

from .sitemap import SITEMAP_PATH, SitemapPage, is_listed, robots_txt, sitemap_settings, sitemap_xml

log = logging.getLogger(__name__)


class PageCollector:
    """The pages written during one build; emptied when a build starts and when it ends."""

    def __init__(self):
        self.pages: dict[str, SitemapPage] = {}
        self.exclude: tuple[str, ...] = ()

    def start(self, pelican):
        """Check the settings before anything is built, and forget any earlier build."""
        self.exclude = sitemap_settings(pelican.settings)["exclude"]
        self.pages = {}

    def collect(self, path, context):
        relative = os.path.relpath(path, context["OUTPUT_PATH"]).replace(os.sep, "/")
        content = context.get("article") or context.get("page")
        modified = getattr(content, "modified", None) or getattr(content, "date", None)
        self.pages[relative] = SitemapPage(relative, modified)

    def write(self, writer, settings) -> None:
        pages, self.pages = self.pages, {}
        siteurl = settings.get("SITEURL") or ""
        if not siteurl.startswith(("http://", "https://")):
            log.warning("sitemap.xml and robots.txt need an absolute SITEURL; not written")
            return
        listed = [page for page in pages.values() if is_listed(page.path, self.exclude)]
        fingerprint = writer.fingerprint({}, "sitemap", SITEMAP_PATH, {"siteurl": siteurl, "pages": listed})
        writer.write_text(SITEMAP_PATH, lambda: sitemap_xml(siteurl, listed).decode("utf-8"), fingerprint)
        writer.write_text(
            "robots.txt",
            lambda: robots_txt(siteurl),
            writer.fingerprint({}, "robots", "robots.txt", {"siteurl": siteurl}),
        )


class SitemapGenerator(Generator):
    """Runs after the pages, taxonomies and feeds are written (list it last in PLUGINS)."""

    def generate_output(self, writer):
        collector.write(writer, self.settings)


collector = PageCollector()


def get_generators(pelican):
    return SitemapGenerator


def register():
    signals.initialized.connect(collector.start)
    signals.content_written.connect(collector.collect)
    signals.get_generators.connect(get_generators)
