"""Settings for publishing: everything from pelicanconf.py, plus the public address.

SITEURL comes from the environment so that one file serves a user site
(https://user.github.io), a project sub-path (https://user.github.io/digest) and a
custom domain:  SITEURL=https://user.github.io/digest make publish
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "https://example.github.io/digest").rstrip("/")
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
