"""Pelican reader for Markdown files with a YAML front matter block."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from datetime import datetime
from zoneinfo import ZoneInfo

from pelican.readers import BaseReader

from . import items
from .body import Html
from .readahead import ReadAhead

PLACEHOLDER_DATE = datetime(1970, 1, 1, tzinfo=ZoneInfo("UTC"))


class DigestReader(BaseReader):
    """Reads items and pages; a file with problems becomes an unpublished placeholder
    carrying its problems, which the build then reports and fails on."""

    enabled = True
    file_extensions = ["md"]

    def __init__(self, settings):
        super().__init__(settings)
        self.ahead = ReadAhead(read_file)

    def read(self, source_path):
        return self.ahead.take(source_path) or read_file(source_path, self.settings)


def read_file(source_path: str, settings) -> tuple[str, dict]:
    """What the reader gives Pelican for one file: no content of Pelican's own (the body is
    the ``html`` field), and the metadata."""
    result = items.read(source_path, settings["PATH"], settings, ZoneInfo(settings["TIMEZONE"]))
    record = dataclasses.replace(result, body="", html="")
    if result.problems:
        return "", {
            "title": result.path,
            "date": PLACEHOLDER_DATE,
            # Unique, so that Pelican does not warn about placeholders sharing a slug.
            "slug": "invalid-" + hashlib.sha1(result.path.encode()).hexdigest()[:12],
            "status": "draft",
            "digest": record,
        }
    metadata = metadata_for(result.meta, record, settings)
    metadata["html"] = Html(rooted_links(result.html, settings["SITEURL"]))
    return "", metadata


# In sanitised HTML every attribute is double-quoted; "/x" but not "//host/x".
_ROOT_RELATIVE = re.compile(r'(\s(?:href|src|cite)=")/(?!/)')


def rooted_links(html: str, siteurl: str) -> str:
    """Links a curator writes from the site root ("/2016/12/11/x/") made to start at SITEURL,
    so that they still work when the site is published under a sub-path (/digest/)."""
    return _ROOT_RELATIVE.sub(lambda match: f"{match.group(1)}{siteurl}/", html) if siteurl else html


def metadata_for(meta, record, settings) -> dict:
    """Pelican metadata: Pelican's own keys, plus every structured field as it is."""
    metadata = {name: getattr(meta, name) for name in type(meta).model_fields if getattr(meta, name) not in (None, [])}
    # Pelican builds its own tag pages from "tags"; the digest's taxonomies read "tag_names".
    if "tags" in metadata:
        metadata["tag_names"] = metadata.pop("tags")
    metadata["slug"] = record.slug
    metadata["lang"] = meta.lang or settings["DEFAULT_LANG"]
    if meta.summary:
        # Not Pelican's "summary", which it would take for HTML; templates show summary_text.
        metadata["summary_text"] = metadata.pop("summary")
    metadata["digest"] = record
    return metadata
