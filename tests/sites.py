"""Fixture sites written by code: big enough to paginate, with names from many scripts."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"

SOURCES_YAML = """\
- name: Reuters
  url: https://www.reuters.com
  kind: wire
  country: GB
- name: Agence France-Presse
  url: https://www.afp.com
  kind: wire
  country: FR
  aliases: [AFP]
- name: الجزيرة
  url: https://www.aljazeera.net
  kind: broadcaster
  country: QA
  language: ar
  slug: al-jazeera-arabic
- name: Новая газета
  url: https://novayagazeta.ru
  kind: outlet
  country: RU
  language: ru
- name: Libération
  url: https://www.liberation.fr
  kind: outlet
  country: FR
  language: fr
- name: NRK
  url: https://www.nrk.no
  kind: broadcaster
  country: "NO"
- name: UN OCHA
  url: https://www.unocha.org
  kind: agency
"""

# (source, via, tags, countries) per item; cycled to make ITEM_COUNT items.
PATTERNS = [
    ("Reuters", [], ["Aleppo", "topic-1"], ["SY"]),
    ("الجزيرة", [("Reuters", "wire")], ["aleppo", "حلب", "topic-1"], ["SY", "TR"]),
    ("Новая газета", [("AFP", "cited")], ["Донбас", "topic-12"], ["UA", "RU"]),
    ("Libération", [("Agence France-Presse", "wire")], ["Sécurité alimentaire", "topic-1"], ["SD"]),
    ("NRK", [], ["topic-1", "arctic"], ["NO"]),
    ("UN OCHA", [("Reuters", "aggregated")], ["humanitarian access", "topic-1"], ["PS", "IL"]),
]
ITEM_COUNT = 90  # enough for numbered pages on the front page, tag topic-1 and Reuters

STORIES_YAML = """\
- slug: donbas-front
  title: "The front line in Donbas"
  summary: "Every report on the Donbas front, as it came in."
- slug: arctic-patrols
  title: "Patrols in the Arctic"
"""


def story_of(index: int) -> str | None:
    """The developing story of the fixture site's item ``index``: every Донбас item, and the first Arctic ones."""
    pattern = index % len(PATTERNS)
    if pattern == 2:
        return "donbas-front"
    return "arctic-patrols" if pattern == 4 and index < 30 else None


def item_text(index: int, story: str | None = None) -> str:
    source, via, tags, countries = PATTERNS[index % len(PATTERNS)]
    day = 1 + index % 28
    month = 1 + (index // 28)
    via_yaml = "".join(f"\n  - {{name: {name}, role: {role}}}" for name, role in via)
    return (
        "---\n"
        f'title: "Story {index}: {source} on {tags[0]}"\n'
        f"date: 2024-{month:02d}-{day:02d}T{index % 24:02d}:00:00+00:00\n"
        f'summary: "Summary of story {index}, in the curator\'s own words."\n'
        "source:\n"
        f'  name: "{source}"\n'
        f"  url: https://news.example.org/story-{index}\n"
        + (f"via:{via_yaml}\n" if via else "")
        + f"tags: [{', '.join(repr(tag) for tag in tags)}]\n"
        f"countries: [{', '.join(repr(code) for code in countries)}]\n"
        + (f"story: {story}\n" if story else "")
        + "claims:\n"
        f'  - {{text: "Claim {index}", by: "Officials", status: disputed}}\n'
        "---\n"
        f"Notes on story {index}.\n"
    )


def write_taxonomy_site(folder: Path) -> Path:
    """Write the content folder of the taxonomy fixture site; return it."""
    content = folder / "content"
    (content / "items").mkdir(parents=True)
    (content / "sources.yaml").write_text(SOURCES_YAML, encoding="utf-8")
    (content / "stories.yaml").write_text(STORIES_YAML, encoding="utf-8")
    for index in range(ITEM_COUNT):
        text = item_text(index, story_of(index))
        (content / "items" / f"story-{index:03d}.md").write_text(text, encoding="utf-8")
    return content


def run_digest(arguments, environment=None) -> subprocess.CompletedProcess:
    """Run tools/digest.py as a curator does, from the project root."""
    return subprocess.run(
        [sys.executable, str(ROOT / "tools" / "digest.py"), *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=environment,
    )


def digest(*arguments: str) -> subprocess.CompletedProcess:
    return run_digest(arguments)


def build(content: Path, output: Path, settings: str = "pelicanconf.py") -> subprocess.CompletedProcess:
    """Build ``content`` into ``output``. A build keeps its cache beside the content folder, so
    a fixture site's content is built from a copy beside ``output``, not in the repository."""
    if FIXTURES in Path(content).resolve().parents:
        copy = Path(output).parent / f"{Path(content).parent.name}-site" / "content"
        if not copy.exists():
            shutil.copytree(content, copy)
        content = copy
    return digest("build", "--settings", settings, "--content", str(content), "--output", str(output))
