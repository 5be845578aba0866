"""Related items: for each published item, the few others that share the most with it."""


def register():
    """Listed in PLUGINS on its own, this part would run without the others or in the wrong
    order: the build is refused, saying what to list instead."""
    from conflict_digest import refuse_part

    refuse_part(__name__)
