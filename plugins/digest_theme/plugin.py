"""Signal handlers: give the templates their filters (charts' too) and ``fragment()``; make the
theme's stylesheets small."""

from __future__ import annotations

from pathlib import Path

import rcssmin
from pelican import signals

from . import charts
from .presentation import FILTERS, Fragments


def add_filters(pelican):
    pelican.settings["JINJA_FILTERS"] = {**pelican.settings.get("JINJA_FILTERS", {}), **FILTERS, **charts.FILTERS}
    # One per build: fragments hold the build's items.
    pelican.settings["JINJA_GLOBALS"] = {**pelican.settings.get("JINJA_GLOBALS", {}), "fragment": Fragments()}


def minify_stylesheets(pelican):
    """finalized: the theme's stylesheets as readers download them, without comments and
    indentation (a fifth of an item page's weight); theme/static/ keeps them as written. Pelican
    copies the theme's files at every build, and the same file gives the same bytes."""
    for path in Path(pelican.output_path, pelican.settings["THEME_STATIC_DIR"]).rglob("*.css"):
        text = path.read_text(encoding="utf-8")
        small = rcssmin.cssmin(text)
        if small != text:
            path.write_text(small, encoding="utf-8", newline="")


def connect():
    signals.initialized.connect(add_filters)
    signals.finalized.connect(minify_stylesheets)
