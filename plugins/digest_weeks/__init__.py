"""Weekly editions: /weeks/, one page and one feed entry a week, and the curators' notes."""


def register():
    """Listed in PLUGINS on its own, this part would run without the others or in the wrong
    order: the build is refused, saying what to list instead."""
    from conflict_digest import refuse_part

    refuse_part(__name__)
