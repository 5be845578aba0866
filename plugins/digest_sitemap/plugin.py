"""Signal handlers: note every page the writer writes, then write sitemap.xml and robots.txt."""

from __future__ import annotations

import logging
import os

from pelican import signals

from .sitemap import SitemapPage, is_listed, robots_txt, sitemap_settings, sitemap_xml

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

    def write(self, pelican):
        pages, self.pages = self.pages, {}
        siteurl = pelican.settings.get("SITEURL") or ""
        if not siteurl.startswith(("http://", "https://")):
            log.warning("sitemap.xml and robots.txt need an absolute SITEURL; not written")
            return
        listed = [page for page in pages.values() if is_listed(page.path, self.exclude)]
        with open(os.path.join(pelican.output_path, "sitemap.xml"), "wb") as handle:
            handle.write(sitemap_xml(siteurl, listed))
        with open(os.path.join(pelican.output_path, "robots.txt"), "w", encoding="utf-8") as handle:
            handle.write(robots_txt(siteurl))


collector = PageCollector()


def register():
    signals.initialized.connect(collector.start)
    signals.content_written.connect(collector.collect)
    signals.finalized.connect(collector.write)
