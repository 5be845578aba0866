"""What a sitemap lists and how sitemap.xml and robots.txt read: plain functions over page paths."""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import quote
from xml.etree import ElementTree

SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
SITEMAP_PATH = "sitemap.xml"
DEFAULTS = {
    # Pages written by the build that are not pages of the site: GitHub Pages serves
    # 404.html for any missing address.
    "exclude": ("404.html",),
}


def sitemap_settings(settings) -> dict:
    """DIGEST_SITEMAP merged over DEFAULTS; unknown keys are an error, not a silent no-op."""
    given = settings.get("DIGEST_SITEMAP") or {}
    unknown = sorted(set(given) - set(DEFAULTS))
    if unknown:
        raise ValueError(f"DIGEST_SITEMAP: unknown key(s) {', '.join(unknown)}; known: {', '.join(DEFAULTS)}")
    merged = {**DEFAULTS, **given}
    merged["exclude"] = tuple(merged["exclude"])
    return merged


def page_url(siteurl: str, path: str) -> str:
    """The public URL of a written page: folder URLs end with "/", non-ASCII is percent-encoded."""
    relative = path
    if PurePosixPath(path).name == "index.html":
        relative = path.removesuffix("index.html")
    return f"{siteurl.rstrip('/')}/{quote(relative)}"


def is_listed(path: str, exclude) -> bool:
    return path.endswith(".html") and path not in exclude


def sitemap_xml(siteurl: str, pages) -> bytes:
    """A sitemaps.org urlset, one <url> per page, sorted by address."""
    ElementTree.register_namespace("", SITEMAP_NAMESPACE)
    urlset = ElementTree.Element(f"{{{SITEMAP_NAMESPACE}}}urlset")
    for url, page in sorted((page_url(siteurl, page.path), page) for page in pages):
        entry = ElementTree.SubElement(urlset, f"{{{SITEMAP_NAMESPACE}}}url")
        ElementTree.SubElement(entry, f"{{{SITEMAP_NAMESPACE}}}loc").text = url
        if page.modified is not None:
            ElementTree.SubElement(entry, f"{{{SITEMAP_NAMESPACE}}}lastmod").text = page.modified.isoformat()
    ElementTree.indent(urlset)
    return ElementTree.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


def robots_txt(siteurl: str) -> str:
    """Everything may be crawled; the sitemap says what there is."""
    return f"User-agent: *\nDisallow:\n\nSitemap: {page_url(siteurl, SITEMAP_PATH)}\n"


def write_sitemap(writer, settings) -> None:
    """sitemap.xml and robots.txt, through ``writer``, listing the pages it wrote; only for a
    site with an absolute address (``make publish``), which both need."""
    siteurl = (settings.get("SITEURL") or "").rstrip("/")
    if not siteurl.startswith(("http://", "https://")):
        return
    exclude = sitemap_settings(settings)["exclude"]
    listed = [page for page in writer.pages.values() if is_listed(page.path, exclude)]
    writer.write_text(
        SITEMAP_PATH,
        lambda: sitemap_xml(siteurl, listed).decode("utf-8"),
        {"siteurl": siteurl, "pages": listed},
        "sitemap",
    )
    writer.write_text("robots.txt", lambda: robots_txt(siteurl), {"siteurl": siteurl}, "robots")
