"""What letters a text is written in, and which way it runs: for the notes on an item whose
text is not written as its ``lang`` is, and for the language ``make import`` gives a draft."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

# A letter that is not one of the Latin alphabet's (with its accented letters): text without
# one is Latin, found without looking each letter up.
_NON_LATIN_LETTER = re.compile(r"[^\W\d_A-Za-z\u00aa\u00b5\u00ba\u00c0-\u024f\u1e00-\u1eff]")


def written_direction(text: str) -> str | None:
    """ "rtl" or "ltr", as most of the letters of ``text`` are written; None without letters."""
    if _NON_LATIN_LETTER.search(text) is None:  # most items, on every build: a Latin letter is written left to right
        return "ltr" if any(character.isalpha() for character in text) else None
    directions = [unicodedata.bidirectional(character) for character in text if character.isalpha()]
    if not directions:
        return None
    rightward = sum(direction in ("R", "AL") for direction in directions)
    return "rtl" if rightward * 2 > len(directions) else "ltr"


# The letters of the languages a digest is most often written in, as Unicode names them; a
# language not named here is not checked. A script subtag (sr-Latn, az-Cyrl) says it itself.
_SCRIPTS = {
    "Latin": "en fr de es it pt nl pl tr ro cs sk sv da no nb nn fi hu hr sl lt lv et id ms so sw ca",
    "Cyrillic": "ru uk be bg mk kk ky tg mn",
    "Greek": "el",
    "Georgian": "ka",
    "Armenian": "hy",
    "Arabic": "ar fa ur ps ckb",
    "Hebrew": "he yi",
}
_SCRIPT_OF_LANGUAGE = {language: script for script, names in _SCRIPTS.items() for language in names.split()}
_SCRIPT_SUBTAGS = {"latn": "Latin", "cyrl": "Cyrillic", "grek": "Greek", "geor": "Georgian", "armn": "Armenian"}
_SCRIPT_SUBTAGS |= {"arab": "Arabic", "hebr": "Hebrew"}
LANGUAGES_IN = {script: ", ".join(names.split()[:3]) for script, names in _SCRIPTS.items()}


def script_of_language(lang: str) -> str | None:
    subtags = lang.casefold().replace("_", "-").split("-")
    written = next((subtag for subtag in subtags[1:] if len(subtag) == 4 and subtag.isalpha()), None)
    return _SCRIPT_SUBTAGS.get(written) if written else _SCRIPT_OF_LANGUAGE.get(subtags[0])


def written_script(text: str) -> str | None:
    """The script most letters of ``text`` are in ("Latin", "Cyrillic"...), as Unicode names
    the letters; None without letters, or in a script not in ``_SCRIPTS``."""
    if _NON_LATIN_LETTER.search(text) is None:
        return "Latin" if any(character.isalpha() for character in text) else None
    counted = Counter(unicodedata.name(character, "").split(" ")[0] for character in text if character.isalpha())
    if not counted:
        return None
    script = counted.most_common(1)[0][0].capitalize()
    return script if script in _SCRIPTS else None
