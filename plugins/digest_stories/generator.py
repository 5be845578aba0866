"""The index of developing stories and each story's timeline page."""

from __future__ import annotations

from .stories import STORIES, changed_claims, timeline_of


def write_stories(writer, digest, context, get_template, relative_urls: bool) -> None:
    """``/stories/``, every story with its dates, and ``/stories/<slug>/``, through ``writer``."""
    # Each story with the dates of its first and latest items, which the index shows.
    listing = [(story, story.items[-1].date, story.items[0].date) for story in digest.stories]
    writer.write_file(
        STORIES.index_url + "index.html",
        get_template("stories"),
        context,
        relative_urls=relative_urls,
        url=STORIES.index_url,
        listing=listing,
    )
    template = get_template("story")
    for story in digest.stories:
        timeline = timeline_of(story)
        writer.write_file(
            story.url + "index.html",
            template,
            context,
            relative_urls=relative_urls,
            url=story.url,
            term=story,
            timeline=timeline,
            changed=changed_claims(timeline),
        )
