"""The digest: one Pelican plugin that registers its parts in the order they need.

    PLUGIN_PATHS = ["plugins"]
    PLUGINS = ["conflict_digest"]

The parts (``digest_content``, ``digest_incremental``, ``digest_taxonomies``,
``digest_stories``, ``digest_related``, ``digest_feeds``, ``digest_data``, ``digest_search``,
``digest_theme``, ``digest_weeks``, ``digest_sitemap``) are folders of their own, one concern
each; listed in ``PLUGINS`` themselves, they refuse the build with a message that says what to
list instead, so that no order of ``PLUGINS`` can build a different site.
"""

from __future__ import annotations

import os
import sys

PARTS = (
    "digest_content",
    "digest_incremental",
    "digest_taxonomies",
    "digest_stories",
    "digest_related",
    "digest_feeds",
    "digest_data",
    "digest_search",
    "digest_theme",
    "digest_weeks",
    "digest_sitemap",
)


class PluginListError(Exception):
    """PLUGINS names a part of the digest instead of the digest."""


def refuse_part(name: str) -> None:
    """Called by a part's ``register()``: stop the build once Pelican has registered its plugins."""
    from pelican import signals

    def refuse(pelican):
        raise PluginListError(
            f"PLUGINS lists '{name}', which is a part of the 'conflict_digest' plugin and cannot be used alone. "
            f"Set PLUGINS = ['conflict_digest'] in your settings file: it registers {', '.join(PARTS)} in the order they need."
        )

    signals.initialized.connect(refuse, weak=False)


def register():
    # The parts are packages beside this one, in the same folder of PLUGIN_PATHS.
    plugins_folder = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if plugins_folder not in sys.path:
        sys.path.insert(0, plugins_folder)
    from .plugin import connect

    connect()
