"""Signal handlers: give the templates their filters, the attribution chains and the week at a glance."""

from __future__ import annotations

from pelican import signals

from .presentation import FILTERS, Fragments, attribution_chain, latest_week


def add_filters(pelican):
    pelican.settings["JINJA_FILTERS"] = {**pelican.settings.get("JINJA_FILTERS", {}), **FILTERS}
    # One per build: fragments hold the build's items.
    pelican.settings["JINJA_GLOBALS"] = {**pelican.settings.get("JINJA_GLOBALS", {}), "fragment": Fragments()}


def add_presentation(generators):
    context = generators[0].context
    registry = context.get("SOURCE_REGISTRY")
    items = context.get("articles", [])
    if registry is not None:
        for item in items:
            item.attribution = attribution_chain(item, registry)
    context["LATEST_WEEK"] = latest_week(items)


def register():
    signals.initialized.connect(add_filters)
    signals.all_generators_finalized.connect(add_presentation)
