"""A new draft item, as ``make new`` and ``make import`` write it.

What is known is written as a field; what the curator still has to write is a placeholder
(see placeholders.py); every optional field that is not known is a commented example that is
valid once uncommented.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from . import placeholders
from .items import slug_for
from .stories import load_stories


@dataclass(frozen=True)
class Draft:
    """What is known of a story before the curator writes its summary."""

    title: str
    source: str  # a name from sources.yaml
    url: str | None = None
    headline: str | None = None  # the original headline: source.title
    published: dt.date | None = None
    byline: str | None = None
    via: tuple[tuple[str, str], ...] = ()  # (registered name, role)
    quote: str | None = None
    lang: str | None = None


def _string(value: str) -> str:
    # A JSON string is a valid YAML double-quoted string, whatever quotes or colons it holds.
    return json.dumps(value, ensure_ascii=False)


def _field(indent: str, name: str, value: str | None, example: str) -> str:
    return f"{indent}{name}: {value}\n" if value is not None else f"{indent}# {name}: {example}\n"


def draft_text(draft: Draft, now: dt.datetime, stories: tuple[str, ...] = (), slug: str = "") -> str:
    """The item file's text: front matter only, the body is the curator's to write. ``stories``
    are the slugs of content/stories.yaml: the last one added is the example of ``story:``.
    The ``slug`` is written out, so that the item's address stays when its title is edited."""
    today = f"{now:%Y-%m-%d}"
    via = (
        "via:  # role: wire | cited | translated | aggregated\n"
        + "".join(f"  - {{name: {_string(name)}, role: {role}}}\n" for name, role in draft.via)
        if draft.via
        else "# via:  # the attribution chain behind the source; role: wire | cited | translated | aggregated\n"
        "#   - {name: Reuters, role: wire}\n"
    )
    summary = placeholders.text("in your own words, at most 600 characters: what happened, and who says so.")
    return (
        "---\n"
        f"title: {_string(draft.title)}\n"
        f"date: {now.isoformat()}\n"
        f"summary: {_string(summary)}\n"
        "source:\n"
        f"  name: {_string(draft.source)}\n"
        f"  url: {_string(draft.url or placeholders.url('the-address-of-the-story'))}\n"
        + _field("  ", "title", draft.headline and _string(draft.headline), '"The original headline, as printed"')
        + _field("  ", "published", draft.published and draft.published.isoformat(), today)
        + _field("  ", "byline", draft.byline and _string(draft.byline), '"The author or agency, as printed"')
        + via
        + _field("", "quote", draft.quote and _string(draft.quote), '"One excerpt from the original, at most 50 words"')
        + "# locations:\n"
        "#   - {name: Aleppo, lat: 36.2021, lon: 37.1343}\n"
        "# claims:  # status: reported | unverified | disputed | denied | confirmed | false\n"
        '#   - {text: "What was claimed", by: "Who claimed it", status: reported}\n'
        "# updates:  # kind: correction | update\n"
        f'#   - {{date: {today}, kind: update, note: "What changed"}}\n'
        "# archive_url: https://web.archive.org/web/2016/https://example.org/story\n"
        + _field("", "lang", draft.lang, "en")
        + (f"# story: {stories[-1]}  # the developing story, a slug of stories.yaml\n" if stories else "")
        + "tags: []\n"
        "countries: []  # ISO 3166-1 codes, the main country first: [SY, RU]\n"
        + (f"slug: {slug}  # the address's last part; once published, keep it when the title changes\n" if slug else "")
        + "status: draft  # published when every FILL IN is written\n"
        "---\n"
    )


def write_draft(draft: Draft, settings, now: dt.datetime) -> Path:
    """Write ``draft`` as a new item dated ``now``, in the items folder by year and month;
    return its path. An existing file is never overwritten."""
    slug = slug_for(draft.title, settings)
    folder = Path(settings["PATH"], settings["ARTICLE_PATHS"][0], f"{now:%Y}", f"{now:%m}")
    path = folder / f"{now:%Y-%m-%d}-{slug or 'item'}.md"
    if path.exists():
        raise FileExistsError(
            f"{path} already exists: an item started today had this title; give this one another "
            '(make new TITLE="...", make import TITLE="...")'
        )
    folder.mkdir(parents=True, exist_ok=True)
    story_list, _ = load_stories(settings["PATH"])  # a problem there is reported by the build
    with open(path, "x", encoding="utf-8") as handle:
        handle.write(draft_text(draft, now, tuple(story_list.slugs), slug))
    return path
