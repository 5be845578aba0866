"""What ``make new`` leaves for the curator to fill in, and the rule that keeps it unpublished.

A placeholder is a text that starts with ``FILL IN`` or an address on the ``fill-in.invalid``
host (the ``.invalid`` domain never resolves). A draft may keep them; a published item with
one is a problem, named by file, line and field.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from .frontmatter import field_name
from .problems import Problem

MARK = "FILL IN"
HOST = "fill-in.invalid"


def text(what: str) -> str:
    """A placeholder saying what to write: ``FILL IN: the curator's summary ...``."""
    return f"{MARK}: {what}"


def url(what: str) -> str:
    """A placeholder address: ``https://fill-in.invalid/<what>``."""
    return f"https://{HOST}/{what}"


def is_placeholder(value) -> bool:
    if not isinstance(value, str):
        return False
    return value.lstrip().upper().startswith(MARK) or urlsplit(value.strip()).hostname == HOST


def _strings(value, path=()):
    """(field path, text) of every text in ``value``, a front matter as plain data."""
    if isinstance(value, dict):
        for name, member in value.items():
            yield from _strings(member, (*path, name))
    elif isinstance(value, list):
        for index, member in enumerate(value):
            yield from _strings(member, (*path, index))
    elif isinstance(value, str):
        yield path, value


def placeholder_problems(display_path: str, data: dict, lines: dict) -> list[Problem]:
    """The placeholders left in a published item's front matter ``data``."""
    return [
        Problem(
            display_path,
            lines.get(path, 1),
            field_name(path),
            "still holds what `make new` left to fill in; write it, or keep status: draft until it is ready",
        )
        for path, value in _strings(data)
        if is_placeholder(value)
    ]
