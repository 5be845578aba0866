"""The developing stories: content/stories.yaml, loaded and checked, and the items' ``story:``."""

from __future__ import annotations

import os
from dataclasses import dataclass

from .listings import content_file, is_unread, read_entries
from .problems import Problem, did_you_mean
from .schema import Story

STORIES_FILE = "stories.yaml"


@dataclass(frozen=True)
class StoryList:
    """The stories of content/stories.yaml, in its order; ``path`` is the file as problems name it."""

    path: str
    stories: tuple[Story, ...] = ()
    # Slugs of the entries that have problems; None when the file could not be read (see read_entries).
    unread: tuple[str, ...] | None = ()
    exists: bool = True
    lines: tuple[tuple[str, int], ...] = ()  # (slug, line) of each story read

    def line_of(self, slug: str) -> int | None:
        return dict(self.lines).get(slug)

    @property
    def slugs(self) -> list[str]:
        return [story.slug for story in self.stories]


def load_stories(content_root: str) -> tuple[StoryList, list[Problem]]:
    """The stories and the file's problems. The file is optional: without it, there are none."""
    full_path, display_path = content_file(content_root, STORIES_FILE)
    if not os.path.lexists(full_path):
        return StoryList(display_path, exists=False), []
    entries, problems, unread = read_entries(content_root, STORIES_FILE, Story, "stories", "slug", names=("slug",))
    stories, line_of = [], {}
    for index, story, line in entries:
        if story.slug in line_of:
            problems.append(
                Problem(
                    display_path,
                    line,
                    f"stories[{index}].slug",
                    f"'{story.slug}' is already used by the story on line {line_of[story.slug]}; give each story its own slug",
                )
            )
            continue
        line_of[story.slug] = line
        stories.append(story)
    # Entries with other problems are named too: a slug two stories share is said at once.
    for key, written in (unread or {}).items():
        first = line_of.get(key)
        for slug, where, line in written if first else written[1:]:
            problems.append(
                Problem(
                    display_path,
                    line,
                    where,
                    f"'{slug}' is already used by the story on line {first or written[0][2]}; give each story its own slug",
                )
            )
    unread_slugs = None if unread is None else tuple(sorted(unread))
    return StoryList(display_path, tuple(stories), unread_slugs, lines=tuple(line_of.items())), problems


def unknown_stories(records, story_list: StoryList) -> list[Problem]:
    """Items (drafts too) whose ``story:`` is not a slug of stories.yaml, also while other fields
    of the item are wrong: every problem is said at once."""
    return [
        Problem(record.path, record.line("story"), "story", _not_a_story(record.story, story_list))
        for record in records
        if record.story and record.story not in story_list.slugs and not is_unread(record.story, story_list.unread)
    ]


def _not_a_story(name: str, story_list: StoryList) -> str:
    by_title = {story.title.casefold(): story.slug for story in story_list.stories}
    if name.strip().casefold() in by_title:
        return f"'{name}' is the title of a story in {story_list.path}; name it by its slug: story: {by_title[name.strip().casefold()]}"
    if not story_list.exists:
        return (
            f"'{name}' is not in {story_list.path}; the file does not exist: create it with the story "
            "(see docs/content.md), or remove story:"
        )
    return f"'{name}' is not in {story_list.path}{did_you_mean(name, story_list.slugs)}; add the story there or fix the slug"
