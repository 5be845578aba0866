"""Pelican settings for building and previewing the digest locally."""

SITENAME = "Conflict Digest"
SITEDESCRIPTION = "A curated digest of conflict news: who reported what, from whom, and what is disputed."
SITEURL = ""
# Named as the author of the feeds. Not Pelican's AUTHOR, which would make every item an
# article by one author and cost a quadratic pass over the items on every build.
CURATORS = "Conflict Digest curators"
# The name in every item's id (a tag: URI) in the feeds and the open data; empty: the host of
# SITEURL. Before the site moves to another address (a custom domain), set it to the host the
# digest was published at (say "user.github.io"): ids then stay the same, and feed readers do
# not take every item for a new one.
FEED_ID_AUTHORITY = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"

ARTICLE_PATHS = ["items"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
# What editors and systems leave beside the content (.#item.md, ._item.md, item.md~,
# Thumbs.db): never read. Any other file nothing reads is reported, and so is a hidden
# Markdown file with front matter (.item.md), an item saved hidden by mistake.
IGNORE_FILES = [".*", "*~", "#*#", "Thumbs.db", "desktop.ini"]
WITH_FUTURE_DATES = False
# An item's date comes from its front matter only. Pelican would also read one from a file
# name such as 2016-02-30-aleppo.md, and stop the build on an impossible date.
FILENAME_METADATA = ""

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["conflict_digest"]  # registers its parts (plugins/digest_*) in the order they need

THEME = "theme"
JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True, "extensions": []}

# Contract URLs: /YYYY/MM/DD/<slug>/ for items, /<slug>/ for pages.
ARTICLE_URL = "{date:%Y}/{date:%m}/{date:%d}/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_URL + "index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = PAGE_URL + "index.html"
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
# An item in another language (lang: ar) keeps the same URL: Pelican would otherwise
# give it a language URL, or with an empty LANG_SAVE_AS, not write it at all.
# No translations: an item is one story, whatever its language; the digest checks slugs
# itself. (Pelican's translation pass also costs a quadratic scan of the items.)
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None
ARTICLE_LANG_URL = ARTICLE_URL
ARTICLE_LANG_SAVE_AS = ARTICLE_SAVE_AS
PAGE_LANG_URL = PAGE_URL
PAGE_LANG_SAVE_AS = PAGE_SAVE_AS
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""
INDEX_SAVE_AS = "index.html"
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
DEFAULT_PAGINATION = 20
PAGINATED_TEMPLATES = {"index": None, "term": None, "claim_list": None}
# Context shown on the first page of a list only (the front page's week at a glance): the
# other pages are given None for it, so that a new item does not change all of them.
FIRST_PAGE_ONLY = ["LATEST_WEEK"]

DIRECT_TEMPLATES = ["index"]
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""

FEED_ALL_ATOM = None
FEED_ALL_RSS = None
FEED_ATOM = None
FEED_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None

FEED_MAX_ITEMS = 50
# The open data at /data/ (items.json, items.geojson, items.csv): the licence /data/ and
# items.json name. These are the defaults; see README, "Open data".
DIGEST_DATA = {
    "license": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "license_url": "https://creativecommons.org/licenses/by/4.0/",
}
# Feeds need absolute URLs; when previewing, they point at `make serve`.
FEED_DOMAIN = "http://127.0.0.1:8000"

RELATIVE_URLS = False
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
CACHE_PATH = "cache"
# The cache is read and written on every build; compressing it costs more than it saves.
GZIP_CACHE = False
CHECK_MODIFIED_METHOD = "sha256"
