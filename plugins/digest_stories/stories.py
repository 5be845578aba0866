"""Developing stories: the published items of each story of content/stories.yaml.

Plain computation over items, as the taxonomies are. A story is a term of the ``stories``
taxonomy: its items are the published items whose ``story:`` names it, newest first like
every term's (its feeds list them so); its page shows them oldest first, as it happened.
"""

from __future__ import annotations

from digest_content.stories import StoryList
from digest_taxonomies.claims import FiledClaim
from digest_taxonomies.taxonomy import Taxonomy, Term

STORIES = Taxonomy("stories", "Stories", "Story", "stories/", "stories/{slug}/")


def group_stories(items, story_list: StoryList) -> list[Term]:
    """The stories that have published items (``items`` newest first), the latest news first;
    each item is given its place in its story (``ItemFacts.story`` and the fields after it)."""
    terms = {story.slug: Term(STORIES, story.slug, story.title, details=story) for story in story_list.stories}
    for item in items:
        term = terms.get(getattr(item, "story", None))
        if term is not None:
            term.add(item)
    stories = sorted((term for term in terms.values() if term.items), key=lambda term: term.slug)
    stories.sort(key=lambda term: term.items[0].date, reverse=True)
    for term in stories:
        place_in_story(term)
    return stories


def place_in_story(term: Term) -> None:
    timeline = timeline_of(term)
    for part, item in enumerate(timeline, start=1):
        facts = item.digest.facts
        facts.story, facts.story_part = term, part
        facts.story_earlier = timeline[part - 2] if part > 1 else None
        facts.story_later = timeline[part] if part < len(timeline) else None


def timeline_of(term: Term) -> list:
    """A story's items, oldest first."""
    return term.items[::-1]


def changed_claims(timeline) -> list[FiledClaim]:
    """The claims of a story's items whose standing changed (they have a history), oldest item first."""
    return [
        FiledClaim(claim, item, number)
        for item in timeline
        for number, claim in enumerate(item.digest.meta.claims, start=1)
        if claim.history
    ]
