"""RSS 2.0, Atom and JSON Feed 1.1 for the site; RSS and Atom per source, tag and country; OPML."""


def register():
    """Listed in PLUGINS on its own, this part would run without the others or in the wrong
    order: the build is refused, saying what to list instead."""
    from conflict_digest import refuse_part

    refuse_part(__name__)
