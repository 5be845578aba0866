"""A synthetic digest of N stories, the same stories written in three formats.

The corpus is a pure function of (N, seed): every run, on every machine, writes the same
bytes. Each story has 3 tags (from 200), 1 source (from 20), 1 country and a body of about
400 words. The stories are written as

- this project's items (Markdown with YAML front matter, content/sources.yaml),
- vanilla Pelican articles (Markdown with Pelican's ``Key: value`` header),
- Hugo pages (Markdown with YAML front matter, tags and sources taxonomies).

The benchmark's changes (add one story, edit one summary, delete one story) are expressed
here too, so that the three formats change in the same way.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, replace
from pathlib import Path

TAG_COUNT = 200
TAGS_PER_STORY = 3
BODY_WORDS = 400
SUMMARY_WORDS = 45

# The stories are spread evenly over this span, oldest first; an added story comes after it.
FIRST_DATE = dt.datetime(2012, 1, 1, tzinfo=dt.UTC)
LAST_DATE = dt.datetime(2025, 6, 30, tzinfo=dt.UTC)

SOURCES = [
    ("Reuters", "https://www.reuters.com", "wire", "GB"),
    ("Associated Press", "https://apnews.com", "wire", "US"),
    ("Agence France-Presse", "https://www.afp.com", "wire", "FR"),
    ("Al Jazeera", "https://www.aljazeera.com", "broadcaster", "QA"),
    ("BBC News", "https://www.bbc.com", "broadcaster", "GB"),
    ("Middle East Eye", "https://www.middleeasteye.net", "outlet", "GB"),
    ("The Guardian", "https://www.theguardian.com", "outlet", "GB"),
    ("Kyiv Independent", "https://kyivindependent.com", "outlet", "UA"),
    ("Meduza", "https://meduza.io", "outlet", "LV"),
    ("Haaretz", "https://www.haaretz.com", "outlet", "IL"),
    ("Al-Monitor", "https://www.al-monitor.com", "outlet", "US"),
    ("Syrian Observatory for Human Rights", "https://www.syriahr.com", "ngo", "GB"),
    ("OCHA", "https://www.unocha.org", "agency", None),
    ("Human Rights Watch", "https://www.hrw.org", "ngo", "US"),
    ("Amnesty International", "https://www.amnesty.org", "ngo", "GB"),
    ("ACLED", "https://acleddata.com", "ngo", "US"),
    ("Deutsche Welle", "https://www.dw.com", "broadcaster", "DE"),
    ("France 24", "https://www.france24.com", "broadcaster", "FR"),
    ("Anadolu Agency", "https://www.aa.com.tr", "agency", "TR"),
    ("TASS", "https://tass.com", "state-media", "RU"),
]

COUNTRIES = ["SY", "UA", "RU", "PS", "IL", "LB", "YE", "SD", "SS", "IQ", "AF", "LY", "ML", "ET", "SO", "MM", "CD", "NG"]

# 20 x 10 = 200 tags; none ends in a digit, so no tag's page 2 (``tag2.html`` in vanilla
# Pelican's default pagination) can collide with another tag's page 1.
TAG_FIRST = [
    "aid", "air", "border", "cease", "civil", "cross", "drone", "energy", "food", "grain",
    "hostage", "human", "land", "naval", "peace", "prisoner", "refugee", "rocket", "sea", "urban",
]  # fmt: skip
TAG_SECOND = ["access", "convoy", "crisis", "deal", "fire", "front", "strikes", "talks", "toll", "routes"]

ACTORS = ["Government forces", "Rebel groups", "UN officials", "Local councils", "Militia leaders", "Aid agencies",
          "Foreign ministers", "Army commanders", "Negotiators", "Residents", "Observers", "Health officials"]  # fmt: skip
VERBS = ["report", "deny", "confirm", "dispute", "announce", "warn of", "call for", "reject", "welcome", "question"]
OBJECTS = ["a new ceasefire", "shelling", "an evacuation plan", "a prisoner exchange", "aid deliveries",
           "drone strikes", "a humanitarian corridor", "talks", "civilian casualties", "a blockade"]  # fmt: skip
PLACES = ["Aleppo", "Kharkiv", "Gaza City", "Mosul", "Sanaa", "Khartoum", "Tripoli", "Goma", "Mogadishu", "Idlib",
          "Mariupol", "Kherson", "Rafah", "Marib", "El Fasher", "Timbuktu", "Mekelle", "Sittwe", "Kandahar", "Tyre"]  # fmt: skip
VOCABULARY = """
the a of to in and on for with said by from at as officials forces city town area region village
people civilians residents families children hospital school road bridge camp border crossing night
morning week month statement spokesman ministry agency report reports reported according witnesses
local international humanitarian aid food water fuel supplies convoy trucks access corridor talks
negotiations ceasefire truce agreement proposal deal offer demand condition terms guarantee exit
evacuation shelling strike strikes airstrike drone artillery fighting clashes attack attacks
offensive front line positions troops fighters militia rebels army government opposition council
leaders minister ministers envoy observers monitors investigators journalists sources claims denied
disputed confirmed unverified figures toll killed wounded displaced missing detained released
prisoners exchange after before during while since despite amid between across near north south east
west central eastern western northern southern early late new last first second third several many
few some most least would could should might may will must not no yet still again also only even
already however although
"""
WORDS = VOCABULARY.split()


@dataclass(frozen=True)
class Story:
    """One story, whatever the format it is written in."""

    number: int
    slug: str
    title: str
    date: dt.datetime
    summary: str
    source: str
    url: str
    tags: tuple[str, ...]
    country: str
    body: str


def tags() -> list[str]:
    return [f"{first}-{second}" for first in TAG_FIRST for second in TAG_SECOND]


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choices(WORDS, k=words))
    return text[0].upper() + text[1:] + "."


def _paragraphs(rng: random.Random, words: int) -> str:
    paragraphs, left = [], words
    while left > 0:
        size = min(left, rng.randint(60, 100))
        sentences, rest = [], size
        while rest > 0:
            length = min(rest, rng.randint(8, 20))
            sentences.append(_sentence(rng, length))
            rest -= length
        paragraphs.append(" ".join(sentences))
        left -= size
    return "\n\n".join(paragraphs) + "\n"


def story(number: int, date: dt.datetime, seed: int) -> Story:
    """The story numbered ``number``: the same for a given seed whatever the corpus size."""
    rng = random.Random(f"{seed}:{number}")
    place = rng.choice(PLACES)
    title = f"{rng.choice(ACTORS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} in {place}"
    slug = "-".join(title.lower().replace(",", "").split()) + f"-{number}"
    source_name, source_url, _, _ = rng.choice(SOURCES)
    return Story(
        number=number,
        slug=slug,
        title=title,
        date=date,
        summary=_sentence(rng, SUMMARY_WORDS),
        source=source_name,
        url=f"{source_url}/news/{slug}",
        tags=tuple(rng.sample(tags(), TAGS_PER_STORY)),
        country=rng.choice(COUNTRIES),
        body=_paragraphs(rng, BODY_WORDS),
    )


def stories(count: int, seed: int) -> list[Story]:
    step = (LAST_DATE - FIRST_DATE) / max(count, 1)
    return [
        story(number, (FIRST_DATE + number * step).replace(second=0, microsecond=0), seed) for number in range(count)
    ]


def added_story(count: int, seed: int) -> Story:
    """The story a curator adds to a corpus of ``count``: the newest one."""
    return story(count, LAST_DATE + dt.timedelta(hours=1), seed)


def edited(original: Story) -> Story:
    return replace(original, summary=original.summary[:-1] + ", the agency said in a corrected report.")


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


class DigestFormat:
    """This project's format: content/items/YYYY/MM/<slug>.md and content/sources.yaml."""

    name = "digest"

    def path(self, root: Path, item: Story) -> Path:
        return root / "items" / f"{item.date:%Y}" / f"{item.date:%m}" / f"{item.slug}.md"

    def text(self, item: Story) -> str:
        return (
            "---\n"
            f"title: {_quoted(item.title)}\n"
            f"date: {item.date.isoformat()}\n"
            f"summary: {_quoted(item.summary)}\n"
            "source:\n"
            f"  name: {_quoted(item.source)}\n"
            f"  url: {item.url}\n"
            f"tags: [{', '.join(item.tags)}]\n"
            f"countries: [{item.country}]\n"
            f"slug: {item.slug}\n"
            "---\n" + item.body
        )

    def site_files(self) -> dict[str, str]:
        entries = []
        for name, url, kind, country in SOURCES:
            entry = f"- name: {_quoted(name)}\n  url: {url}\n  kind: {kind}\n"
            entries.append(entry + (f"  country: {country}\n" if country else ""))
        about = "---\ntitle: About\n---\nA synthetic digest for measuring build speed.\n"
        return {"sources.yaml": "\n".join(entries), "pages/about.md": about}

    def page(self, item: Story) -> str:
        return f"{item.date:%Y/%m/%d}/{item.slug}/index.html"


class PelicanFormat:
    """Vanilla Pelican: articles with a ``Key: value`` header; the source is the category."""

    name = "pelican"

    def path(self, root: Path, item: Story) -> Path:
        return root / "articles" / f"{item.date:%Y}" / f"{item.date:%m}" / f"{item.slug}.md"

    def text(self, item: Story) -> str:
        return (
            f"Title: {item.title}\n"
            f"Date: {item.date:%Y-%m-%d %H:%M}\n"
            f"Slug: {item.slug}\n"
            f"Category: {item.source}\n"
            f"Tags: {', '.join(item.tags)}\n"
            f"Country: {item.country}\n"
            f"Source_url: {item.url}\n"
            f"Summary: {item.summary}\n"
            "\n" + item.body
        )

    def site_files(self) -> dict[str, str]:
        return {"pages/about.md": "Title: About\n\nA synthetic digest for measuring build speed.\n"}

    def page(self, item: Story) -> str:
        return f"{item.slug}.html"


class HugoFormat:
    """Hugo: content/posts/<slug>.md with tags and sources taxonomies."""

    name = "hugo"

    def path(self, root: Path, item: Story) -> Path:
        return root / "posts" / f"{item.slug}.md"

    def text(self, item: Story) -> str:
        return (
            "---\n"
            f"title: {_quoted(item.title)}\n"
            f"date: {item.date.isoformat()}\n"
            f"slug: {item.slug}\n"
            f"summary: {_quoted(item.summary)}\n"
            f"sources: [{_quoted(item.source)}]\n"
            f"tags: [{', '.join(item.tags)}]\n"
            f"countries: [{item.country}]\n"
            f"source_url: {item.url}\n"
            "---\n" + item.body
        )

    def site_files(self) -> dict[str, str]:
        # A standalone page, as in the other formats: kept out of the lists of stories.
        about = '---\ntitle: "About"\nbuild:\n  list: never\n---\nA synthetic digest for measuring build speed.\n'
        return {"about.md": about}

    def page(self, item: Story) -> str:
        return f"posts/{item.slug}/index.html"


FORMATS = {fmt.name: fmt for fmt in (DigestFormat(), PelicanFormat(), HugoFormat())}


def write_story(fmt, root: Path, item: Story) -> Path:
    path = fmt.path(root, item)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(fmt.text(item), encoding="utf-8")
    return path


def write_corpus(fmt, root: Path, items: list[Story]) -> None:
    """Write every story and the site's other files into ``root`` (which must not exist)."""
    root.mkdir(parents=True)
    for relative, text in fmt.site_files().items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    for item in items:
        write_story(fmt, root, item)
