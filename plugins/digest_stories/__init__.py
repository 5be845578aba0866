"""Developing stories: each story's timeline page and feeds, the index of stories, and each item's place in its story."""


def register():
    """Listed in PLUGINS on its own, this part would run without the others or in the wrong
    order: the build is refused, saying what to list instead."""
    from conflict_digest import refuse_part

    refuse_part(__name__)
