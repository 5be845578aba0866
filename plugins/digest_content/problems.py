"""A problem in the content, reported as ``path:line: field: message``."""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


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
