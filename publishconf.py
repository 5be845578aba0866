"""Settings for publishing: everything from pelicanconf.py, plus the public address.

The address comes from the environment, so this one file serves a user site, a project
site under a sub-path and a custom domain:

    SITEURL=https://user.github.io make publish           # user or organisation site
    SITEURL=https://user.github.io/digest make publish    # project site, under /digest/
    SITEURL=https://digest.example.org make publish       # custom domain

FEED_DOMAIN defaults to SITEURL (feeds need absolute URLs, sub-path included). With an absolute
SITEURL the site also gets sitemap.xml and robots.txt.
"""

import os
import sys
from urllib.parse import urlsplit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402,F403
from pelicanconf import DIRECT_TEMPLATES  # noqa: E402


def public_address(name, default=None):
    """An absolute http(s) address from the environment, without a trailing slash."""
    value = os.environ.get(name, default or "").strip().rstrip("/")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise SystemExit(
            f"publishconf.py: {name} must be the site's public address, such as "
            f"https://user.github.io/digest (got {value!r}). "
            f"Example: SITEURL=https://user.github.io/digest make publish (or make github)"
        )
    if parts.scheme == "http" and (parts.hostname or "").endswith(".github.io"):
        # GitHub Pages serves github.io over https only: http:// stylesheets would be refused.
        raise SystemExit(
            f"publishconf.py: GitHub Pages serves {parts.hostname} over https only; browsers would refuse the "
            f"site's http:// stylesheets and search: {name}=https://{value[len('http://') :]}"
        )
    return value


SITEURL = public_address("SITEURL")
FEED_DOMAIN = public_address("FEED_DOMAIN", SITEURL)
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True

DIRECT_TEMPLATES = [*DIRECT_TEMPLATES, "404"]  # 404.html at the root, where GitHub Pages looks
