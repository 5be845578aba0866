"""Signal handlers: give the templates their filters (charts' too) and ``fragment()``."""

from __future__ import annotations

from pelican import signals

from . import charts
from .presentation import FILTERS, Fragments


def add_filters(pelican):
    pelican.settings["JINJA_FILTERS"] = {**pelican.settings.get("JINJA_FILTERS", {}), **FILTERS, **charts.FILTERS}
    # One per build: fragments hold the build's items.
    pelican.settings["JINJA_GLOBALS"] = {**pelican.settings.get("JINJA_GLOBALS", {}), "fragment": Fragments()}


def connect():
    signals.initialized.connect(add_filters)
