"""The curators' notes, content/weeks/YYYY-Www.md: read and checked like every content file,
their bodies rendered as item bodies are."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from digest_content.body import Html
from digest_content.checks import hidden_content, ignored
from digest_content.items import parse, read_text
from digest_content.problems import Problem
from digest_content.reader import rooted_links
from digest_content.schema import WeekNote

from .isoweek import NotAWeek, Week

NOTES_FOLDER = "weeks"


@dataclass(frozen=True)
class Note:
    path: str  # as problems name it: content/weeks/2016-W49.md
    week: Week
    title: str
    html: Html  # the body rendered and sanitised, links from the site root made to start at SITEURL
    source_hash: str  # of the file's text: what the edition shows of it changes only with it
    site_links: tuple = ()  # (line, link) of the body's links to the site, checked with the items'
    site_images: tuple = ()  # (line, address) of the body's images, checked with the items'
    left_out: tuple = ()  # what the edition leaves out of the body (Problem), said to the curator


def read_notes(settings) -> tuple[dict[Week, Note], list[Problem]]:
    """Every note of the content folder, by week, and what is wrong with the others."""
    root = settings["PATH"]
    folder = os.path.join(root, NOTES_FOLDER)
    notes, problems = {}, []
    for directory, folders, names in os.walk(folder):
        folders.sort()
        for name in sorted(names):
            full = os.path.join(directory, name)
            display = os.path.relpath(full, os.path.dirname(os.path.abspath(root)))
            if ignored(name, settings):  # an editor's swap or backup file, or a note hidden by mistake
                if hidden := hidden_content(full):
                    problems.append(Problem(display, 1, "file", hidden))
                continue
            week, problem = _week_named(os.path.relpath(full, folder), display)
            if problem is not None:
                problems.append(problem)
                continue
            note, note_problems = read_note(full, display, week, settings)
            problems += note_problems
            if note is not None:
                notes[week] = note
    return notes, problems


def _week_named(relative: str, display: str) -> tuple[Week | None, Problem | None]:
    """The week a file under content/weeks/ is the note of, from its name."""
    stem, extension = os.path.splitext(relative)
    if os.sep in relative or extension != ".md":
        return None, Problem(
            display,
            1,
            "file",
            "is not read: a week's note is content/weeks/YYYY-Www.md, e.g. 2016-W49.md; move or rename it",
        )
    try:
        return Week.parse(stem), None
    except NotAWeek as reason:
        return None, Problem(display, 1, "file", f"'{stem}' is not a week: {reason}; rename the file")


def read_note(full: str, display: str, week: Week, settings) -> tuple[Note | None, list[Problem]]:
    text, problems = read_text(full, display, settings["PATH"])
    if text is None:
        return None, problems
    result = parse(text, display, WeekNote, ZoneInfo(settings["TIMEZONE"]), settings.get("MARKDOWN"))
    if result.problems:
        return None, result.problems
    html = Html(rooted_links(result.html, settings["SITEURL"]))
    source_hash = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
    note = Note(
        display,
        week,
        result.meta.title,
        html,
        source_hash,
        tuple(result.site_links),
        tuple(result.site_images),
        tuple(result.left_out),
    )
    return note, []
