"""Files of content/ that list entries in YAML (sources.yaml, stories.yaml), read and checked
like front matter: every problem names the file, the line and the entry's field."""

from __future__ import annotations

import os

from . import frontmatter
from .frontmatter import field_name
from .items import read_text
from .problems import Problem
from .validation import validate


def content_file(content_root: str, name: str) -> tuple[str, str]:
    """The file's full path, and its path as problems name it (``content/stories.yaml``)."""
    full_path = os.path.join(content_root, name)
    return full_path, os.path.relpath(full_path, os.path.dirname(os.path.abspath(content_root)))


def read_entries(content_root: str, name: str, model, noun: str, first_field: str, names=("name",)):
    """The entries of the list in ``name`` that ``model`` accepts, as (index, entry, line); the
    problems of the others; and the names these others are known by (their fields ``names``,
    text or lists of text), by ``name_key``: where each is written (as written, field, line); or None
    when the file cannot be read as a list at all: what refers to them is not reported as
    unknown, their own problems are.
    ``noun`` names the list in problems ("sources")."""
    full_path, display_path = content_file(content_root, name)
    text, problems = read_text(full_path, display_path, content_root)
    if text is None:
        return [], problems, None
    if not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
        return [], [], {}  # empty, or comments only: no entries
    try:
        document = frontmatter.load(text)
    except frontmatter.YamlProblem as error:
        # The file is a list: its entries' fields are named as the list's ("sources[3].name").
        said = frontmatter.problems_from(display_path, error)
        return (
            [],
            [
                Problem(p.path, p.line, f"{noun}{p.field}" if p.field.startswith("[") else p.field, p.message)
                for p in said
            ],
            None,
        )
    if not isinstance(document.data, list):
        message = f"must be a list of {noun}, each starting with '- {first_field}:'"
        return [], [Problem(display_path, 1, noun, message)], None
    entries, unread = [], {}
    for index, entry in enumerate(document.data):
        entry_document = frontmatter.Document(
            entry,
            {path[1:]: line for path, line in document.lines.items() if path[:1] == (index,)},
            document.line_of((index,)),
        )
        value, entry_problems = validate(model, entry_document, display_path)
        problems.extend(
            Problem(
                p.path,
                p.line,
                f"{noun}[{index}].{p.field}" if p.field != "front matter" else f"{noun}[{index}]",
                p.message,
            )
            for p in entry_problems
        )
        if value is not None:
            entries.append((index, value, entry_document.first_line))
        elif isinstance(entry, dict):
            for key, (name, field_path) in _names(entry, names).items():
                where = (name, f"{noun}[{index}].{field_name(field_path)}", entry_document.line_of(field_path))
                unread.setdefault(key, []).append(where)
    return entries, problems, unread


def _names(entry: dict, fields) -> dict[str, tuple[str, tuple]]:
    """The names an entry is known by (its fields ``fields``, text or lists of text), by their
    ``name_key``: each as written and where it is."""
    found = {}
    for field in fields:
        value = entry.get(field)
        for position, member in enumerate(value if isinstance(value, list) else [value]):
            if isinstance(member, str):
                found.setdefault(name_key(member), (member, (field, position) if isinstance(value, list) else (field,)))
    return found


def name_key(name: str) -> str:
    """A name as a listing finds it: whatever the case and the spaces (a name copied from a web
    page can hold a no-break space)."""
    return " ".join(name.split()).casefold()


def is_unread(name: str, unread: tuple[str, ...] | None) -> bool:
    """Whether ``name`` may be an entry of a listing that was not read as it is: one with
    problems (``unread``, names from ``read_entries`` as ``name_key`` makes them), or any when
    the file could not be read (None). Such an entry is reported in its file, not again where
    it is named."""
    return unread is None or name_key(name) in unread
