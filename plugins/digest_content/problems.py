"""A problem in the content, reported as ``path:line: field: message``."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

# Line breaks, terminal escapes, bidirectional overrides and other invisible characters: printed
# as they are, a hostile file name or field could break the one-problem-per-line report or
# rewrite what the curator's terminal shows.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u00ad\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text, limit: int) -> str:
    """``text`` on one line with invisible characters spelled out, cut to ``limit`` characters."""
    text = _UNPRINTABLE.sub(lambda match: _ESCAPES.get(match[0], f"\\u{ord(match[0]):04x}"), str(text))
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        field = printable(self.field, 100)
        if ":" in field or '"' in field:
            # A field name as odd as 'javascript:alert(1)' is quoted so that the line still reads
            # as path:line: field: message.
            field = '"' + field.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return f"{printable(self.path, 300)}:{self.line}: {field}: {printable(self.message, 600)}"


def count_line(problems) -> str:
    """How many problems, in how many files: the line under a list of problems."""
    return f"{len(problems)} problem(s) in {len({problem.path for problem in problems})} file(s)."


class ContentProblems(Exception):
    """Raised by a build when the content has problems; carries all of them."""

    def __init__(self, problems):
        self.problems = sorted(set(problems))
        super().__init__(f"{len(self.problems)} problem(s) in the content")


def did_you_mean(word: str, choices, cutoff: float = 0.6) -> str:
    """Return ' (did you mean X?)' for the closest choices, or ''."""
    by_lower = {choice.lower(): choice for choice in choices}
    close = difflib.get_close_matches(str(word).lower(), list(by_lower), n=3, cutoff=cutoff)
    if not close:
        return ""
    names = " or ".join(f"'{by_lower[match]}'" for match in close)
    return f" (did you mean {names}?)"
