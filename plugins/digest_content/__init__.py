"""Front matter reader: Markdown items and pages with validated YAML front matter."""


def register():
    """Pelican's entry point. The plugin is imported only then: the build command imports
    parts of this package on its own, and a build with nothing to do should start fast."""
    from .plugin import register as connect

    connect()
