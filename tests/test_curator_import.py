"""`make import`: saved pages (English, Arabic, Ukrainian; OpenGraph, JSON-LD, canonical link,
or only a title, a heading and a time), copied text, an address fetched over HTTP, and what
is refused: a story already in the digest, a source that is unsure, an address out of reach."""

from __future__ import annotations

import http.server
from pathlib import Path

import pytest
import sites
import yaml
from loopback import serving

ROOT = sites.ROOT
FIXTURES = ROOT / "tests" / "fixtures" / "import"
# The digest's first story, as text copied from the original page.
SEED = FIXTURES / "seed_mee_battle_of_aleppo.txt"
# The digest's registry, and a Ukrainian agency for the Ukrainian page.
REGISTRY = (ROOT / "content" / "sources.yaml").read_text(encoding="utf-8") + (
    "\n- name: Ukrinform\n  url: https://www.ukrinform.ua\n  kind: agency\n  country: UA\n  language: uk\n"
)
HEADLINE = "Battle of Aleppo: Russia denies any deal with US on safe exit for rebels, says agency"
RYABKOV = (
    "The issue of withdrawing militants is the subject of separate agreements. This agreement has not yet "
    "been reached, largely because the United States insists on unacceptable terms."
)


@pytest.fixture
def run_import(capsys):
    """run_import(content, "--file", ...) -> (exit code, stdout, stderr, the front matter written)."""
    import digest

    def run(content, *arguments):
        before = set((content / "items").rglob("*.md"))
        capsys.readouterr()
        code = digest.main(["import", "--content", str(content), *arguments])
        captured = capsys.readouterr()
        written = sorted(set((content / "items").rglob("*.md")) - before)
        meta = yaml.safe_load(written[0].read_text(encoding="utf-8").split("---\n")[1]) if written else None
        return code, captured.out, captured.err, meta

    return run


def test_the_seed_text_becomes_a_draft_without_the_page_furniture(make_content, run_import):
    content = make_content(sources=REGISTRY)
    code, out, _, meta = run_import(content, "--file", str(SEED))
    assert code == 0, out
    assert meta["title"] == HEADLINE
    assert meta["source"] == {
        "name": "Middle East Eye",  # named in its newsletter and republishing notices
        "url": "https://fill-in.invalid/the-address-of-the-story",  # copied text has no address
        "title": HEADLINE,
        "byline": "Reuters",
    }
    # The wire from the byline, RIA from the text; not AFP, which only credits the photo.
    assert meta["via"] == [{"name": "Reuters", "role": "wire"}, {"name": "RIA Novosti", "role": "cited"}]
    assert meta["quote"] == RYABKOV
    assert meta["lang"] == "en" and meta["status"] == "draft"
    assert meta["summary"].startswith("FILL IN")
    assert "source: Middle East Eye (by the page's own notices)" in out


def test_furniture_lines_are_set_apart_from_the_article():
    from digest_content.importing import read_text

    page = read_text(SEED.read_text(encoding="utf-8"))
    assert page.headline == HEADLINE and page.byline == "Reuters"
    assert page.lines[0].startswith("Rebel officials said earlier")  # the standfirst
    assert page.lines[-1].startswith("Reuters had reported earlier")
    assert [line.split()[0] for line in page.notices] == ["Skip", "Stay", "Sign", "Middle"]
    assert page.captions[0].endswith("(AFP)") and page.captions[1].startswith("https://twitter.com/")


@pytest.mark.parametrize(
    ("fixture", "expected", "lang"),
    [
        (
            "mee_en_canonical.html",  # canonical link with tracking parameters, og:site_name, byline in the page
            {
                "name": "Middle East Eye",
                "url": "https://www.middleeasteye.net/news/battle-aleppo-russia-denies-any-deal-us-safe-exit-rebels-says-agency",
                "title": HEADLINE,
                "published": "2016-12-11",
                "byline": "Reuters",
            },
            "en",
        ),
        (
            "sana_ar_jsonld.html",  # JSON-LD NewsArticle, right to left
            {
                "name": "SANA",
                "url": "https://sana.sy/?p=480112",
                "title": "الخارجية الروسية: لا اتفاق مع واشنطن حول خروج المسلحين من حلب",
                "published": "2016-12-11",
            },
            "ar",
        ),
        (
            "ukrinform_uk_og.html",  # OpenGraph only, og:url with utm_* and fbclid, author meta
            {
                "name": "Ukrinform",
                "url": "https://www.ukrinform.ua/rubric-world/2138852-rabkov-zaperecil-domovlenist.html",
                "title": "Рябков заперечив домовленість із США щодо виходу бойовиків з Алеппо",
                "published": "2016-12-11",
                "byline": "Олена Коваль",
            },
            "uk",
        ),
    ],
)
def test_a_saved_page_gives_its_headline_address_date_byline_and_language(
    make_content, run_import, fixture, expected, lang
):
    content = make_content(sources=REGISTRY)
    code, out, err, meta = run_import(content, "--file", str(FIXTURES / fixture))
    assert code == 0, err
    assert {key: str(value) for key, value in meta["source"].items()} == expected
    assert meta["title"] == expected["title"] and meta["lang"] == lang
    # The longest quoted speech; a sentence cut short at "...," by who said it ends with a full stop.
    quoted = meta["quote"].removesuffix(".")
    assert len(quoted.split()) > 15 and quoted in (FIXTURES / fixture).read_text(encoding="utf-8")


def test_the_imported_drafts_pass_make_check_and_their_placeholders_keep_them_unpublished(
    make_content, run_import, run_check
):
    content = make_content(sources=REGISTRY)
    for fixture in sorted(FIXTURES.glob("*.html")):
        assert run_import(content, "--file", str(fixture))[0] == 0
    assert run_check(content).code == 0
    path = next(path for path in (content / "items").rglob("*.md") if "sana.sy" in path.read_text(encoding="utf-8"))
    path.write_text(path.read_text(encoding="utf-8").replace("status: draft", "status: published"), encoding="utf-8")
    checked = run_check(content)
    relative = path.relative_to(content.parent).as_posix()
    assert [line for line in checked.lines if line.startswith("content/")] == [
        f"{relative}:4: summary: still holds what `make new` left to fill in; write it, "
        "or keep status: draft until it is ready"
    ]


class Pages(http.server.BaseHTTPRequestHandler):
    """Serves the fixture named by the path, and counts the requests."""

    asked: list[str] = []

    def do_GET(self):  # noqa: N802 - the base class's name
        Pages.asked.append(self.path)
        name = self.path.strip("/").split("?")[0]
        if not (FIXTURES / name).is_file():
            self.send_error(404)
            return
        body = (FIXTURES / name).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


def test_an_address_alone_is_fetched_and_a_saved_page_with_an_address_is_not(make_content, run_import):
    content = make_content(sources=REGISTRY)
    Pages.asked.clear()
    with serving(Pages) as origin:
        code, _, err, meta = run_import(content, "--url", f"{origin}/ukrinform_uk_og.html?utm_source=x")
        assert code == 0, err
        # The page states its own address, which is kept, without tracking parameters.
        assert (
            meta["source"]["url"] == "https://www.ukrinform.ua/rubric-world/2138852-rabkov-zaperecil-domovlenist.html"
        )
        assert Pages.asked == ["/ukrinform_uk_og.html?utm_source=x"]
        address = f"{origin}/plain_title_h1_time.html"
        code, _, err, meta = run_import(
            content, "--file", str(FIXTURES / "plain_title_h1_time.html"), "--url", address, "--source", "UN OCHA"
        )
        assert code == 0, err
        assert Pages.asked == ["/ukrinform_uk_og.html?utm_source=x"]  # nothing more was fetched
    assert meta["source"]["url"] == address and meta["source"]["name"] == "UN OCHA"
    assert meta["source"]["title"] == "UN: aid convoy to eastern Aleppo stopped at checkpoint"
    assert str(meta["source"]["published"]) == "2016-12-12"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("قال مصدر عسكري إن الجيش استعاد السيطرة على معظم الأحياء الشرقية من المدينة.", "ar"),
        ("Російські війська просунулися біля Лимана, повідомляє агентство.", "uk"),
    ],
)
def test_one_line_of_copied_text_gives_the_language_its_letters_say_not_the_sources(
    make_content, run_import, tmp_path, text, lang
):
    notes = tmp_path / "notes.txt"
    notes.write_text(text + "\n", encoding="utf-8")
    content = make_content(sources=REGISTRY)
    code, _, err, meta = run_import(content, "--file", str(notes), "--url", "https://www.reuters.com/world/x")
    assert code == 0, err
    assert meta["source"]["name"] == "Reuters" and meta["lang"] == lang


def test_text_in_other_letters_than_its_sources_language_is_not_given_that_language(make_content, run_import, tmp_path):
    """An English post of a channel registered as Russian: the draft takes the site's language,
    not the channel's, which would mark the English text as Russian."""
    channel = "\n- name: Rybar\n  url: https://t.me/rybar\n  kind: social\n  country: RU\n  language: ru\n"
    notes = tmp_path / "notes.txt"
    for text, lang in (("Fighting continues near Novopavlivka, the channel says.", None), ("Бои продолжаются.", "ru")):
        notes.write_text(text + "\n", encoding="utf-8")
        content = make_content(sources=REGISTRY + channel, folder=f"site-{lang}")
        code, _, err, meta = run_import(content, "--file", str(notes), "--url", "https://t.me/rybar/1234")
        assert code == 0, err
        assert meta["source"]["name"] == "Rybar" and meta.get("lang") == lang


def test_an_address_out_of_reach_is_explained_and_nothing_is_written(make_content, run_import):
    content = make_content(sources=REGISTRY)
    with serving(Pages) as origin:
        pass  # the port is free again: nothing answers there
    code, _, err, meta = run_import(content, "--url", f"{origin}/story")
    assert code == 1 and meta is None
    assert err.startswith(f"make import: could not fetch {origin}/story: ")
    assert "is this machine online?" in err
    assert f"make import FILE=saved.html URL={origin}/story" in err


def test_a_page_from_a_registered_host_is_found_by_its_address(make_content, run_import):
    content = make_content(sources=REGISTRY)
    page = FIXTURES / "plain_title_h1_time.html"
    code, out, err, meta = run_import(content, "--file", str(page), "--url", "https://www.unocha.org/story/x#top")
    assert code == 0, err
    assert meta["source"]["name"] == "UN OCHA" and meta["source"]["url"] == "https://www.unocha.org/story/x"
    assert "source: UN OCHA (by the registered source at unocha.org)" in out


def test_a_page_of_one_of_two_channels_on_one_host_is_given_to_that_channel(make_content, run_import):
    """Sources can share a host at different addresses (Telegram channels, accounts): a post is
    the channel's at whose address it is, and a post of a third channel is no registered one's."""
    channels = (
        "\n- name: Rybar\n  url: https://t.me/rybar\n  kind: social\n  country: RU\n"
        "\n- name: Ukrainian Air Force\n  url: https://t.me/kpszsu\n  kind: official\n  country: UA\n"
    )
    content = make_content(sources=REGISTRY + channels)
    page = FIXTURES / "plain_title_h1_time.html"
    code, out, err, meta = run_import(content, "--file", str(page), "--url", "https://t.me/kpszsu/12345")
    assert code == 0, err
    assert meta["source"]["name"] == "Ukrainian Air Force"
    assert "source: Ukrainian Air Force (by the registered source at t.me/kpszsu)" in out
    code, out, err, meta = run_import(content, "--file", str(page), "--url", "https://t.me/another_channel/7")
    assert code == 1 and meta is None
    assert "Rybar" not in err and "Ukrainian Air Force" not in err
    # The entry to add is the channel's, not the host's, also from Telegram's web preview.
    assert '- name: "another_channel"\n  url: https://t.me/another_channel\n' in err
    code, out, err, meta = run_import(content, "--file", str(page), "--url", "https://t.me/s/another_channel/7")
    assert '- name: "another_channel"\n  url: https://t.me/another_channel\n' in err
    again = make_content(sources=REGISTRY + channels, folder="again")
    code, out, err, meta = run_import(again, "--file", str(page), "--url", "https://t.me/s/kpszsu/12346")
    assert code == 0, err
    assert meta["source"]["name"] == "Ukrainian Air Force"


def test_a_post_that_starts_with_its_channels_name_is_given_the_title_asked_for(make_content, run_import, tmp_path):
    """Text copied from a channel's post often starts with the channel's name: TITLE= names the item."""
    channel = "\n- name: Rybar\n  url: https://t.me/rybar\n  kind: social\n  country: RU\n  language: ru\n"
    content = make_content(sources=REGISTRY + channel)
    notes = tmp_path / "post.txt"
    notes.write_text("Рыбарь\nРоссийские войска продвинулись возле Лимана, пишет канал.\n", encoding="utf-8")
    for number, title in enumerate(("Russian troops advance near Lyman", "Second advance near Lyman"), start=1):
        url = f"https://t.me/rybar/7123{number}"
        code, _, err, meta = run_import(content, "--file", str(notes), "--url", url, "--title", title)
        assert code == 0, err
        assert meta["title"] == title and meta["source"]["name"] == "Rybar"
    # Without a title of its own, the second post of the day is told how to give it one.
    code, _, err, meta = run_import(content, "--file", str(notes), "--url", "https://t.me/rybar/71240")
    assert code == 0 and meta["title"] == "Рыбарь"
    code, _, err, meta = run_import(content, "--file", str(notes), "--url", "https://t.me/rybar/71241")
    assert code == 1 and 'give this one another (make new TITLE="...", make import TITLE="...")' in err


def test_a_story_already_in_the_digest_is_refused_with_the_item_that_has_it(make_content, run_import):
    content = make_content(sources=REGISTRY)
    assert run_import(content, "--file", str(FIXTURES / "mee_en_canonical.html"))[0] == 0
    first = next((content / "items").rglob("*.md")).relative_to(content.parent).as_posix()
    # The same story, as shared: another scheme, no www., a tracking parameter, a trailing slash.
    address = (
        "http://middleeasteye.net/news/battle-aleppo-russia-denies-any-deal-us-safe-exit-rebels-says-agency/?fbclid=1"
    )
    code, _, err, meta = run_import(content, "--file", str(SEED), "--url", address)
    assert code == 1 and meta is None
    assert err == f"make import: this story is already in the digest: {first}:7: source.url; update that item\n"


def test_an_unsure_source_lists_the_candidates_and_source_decides(make_content, run_import):
    content = make_content(sources=REGISTRY)
    notes = Path(content.parent / "notes.txt")
    notes.write_text(
        "Aid convoy stopped outside Aleppo\n\nA convoy was stopped, officials said.\n\n"
        "Sign up to the Al Jazeera and BBC News newsletters\n",
        encoding="utf-8",
    )
    code, _, err, meta = run_import(content, "--file", str(notes))
    assert code == 1 and meta is None
    assert err.startswith("make import: which source published this page? It could be 'Al Jazeera', 'BBC News'.")
    code, _, err, meta = run_import(content, "--file", str(notes), "--source", "BBC")
    assert code == 0, err
    assert meta["source"]["name"] == "BBC News" and meta["title"] == "Aid convoy stopped outside Aleppo"


def test_a_page_of_an_unregistered_source_gets_an_entry_to_add(make_content, run_import):
    content = make_content(sources=(ROOT / "content" / "sources.yaml").read_text(encoding="utf-8"))
    code, _, err, meta = run_import(content, "--file", str(FIXTURES / "ukrinform_uk_og.html"))
    assert code == 1 and meta is None
    entry = err.split("for example:\n\n")[1]
    assert yaml.safe_load(entry) == [
        {"name": "Укрінформ", "url": "https://www.ukrinform.ua", "kind": "outlet", "language": "uk"}
    ]


def test_a_page_of_an_unregistered_site_citing_a_registered_source_is_not_given_to_it(make_content, run_import):
    """A BBC page on bbc.co.uk (BBC News is registered at bbc.com) that cites SANA is not SANA's
    story: the curator is asked, with the entry to add; so too for a page that names itself."""
    content = make_content(sources=(ROOT / "content" / "sources.yaml").read_text(encoding="utf-8"))
    saved = content.parent / "page.html"
    page = (
        '<html><head><title>Shelling near Aleppo</title><meta property="og:url" '
        'content="https://www.bbc.co.uk/news/world-middle-east-1">{site}</head><body><article><h1>Shelling near '
        "Aleppo</h1><p>Shelling hit the city, a Syrian military source told SANA.</p></article></body></html>"
    )

    def entry_offered(site: str = "") -> dict:
        """The sources.yaml entry the refused import offers, having said it could be SANA."""
        saved.write_text(page.format(site=site), encoding="utf-8")
        code, _, err, meta = run_import(content, "--file", str(saved))
        assert code == 1 and meta is None
        assert err.startswith("make import: which source published this page? It could be 'SANA'.")
        return yaml.safe_load(err.split("for example:\n\n")[1])[0]

    assert entry_offered()["url"] == "https://www.bbc.co.uk"
    assert entry_offered('<meta property="og:site_name" content="BBC Arabic">')["name"] == "BBC Arabic"


def test_a_section_of_a_site_whose_sections_are_sources_is_offered_by_its_own_name(make_content, run_import, tmp_path):
    sections = (
        "\n- name: BBC News\n  url: https://www.bbc.com/news\n  kind: broadcaster\n"
        "\n- name: BBC Arabic\n  url: https://www.bbc.com/arabic\n  kind: broadcaster\n"
    )
    content = make_content(sources=REGISTRY + sections)
    saved = tmp_path / "sport.html"
    saved.write_text(
        '<html><head><title>Match abandoned</title><meta property="og:site_name" content="BBC Sport">'
        '<link rel="canonical" href="https://www.bbc.com/sport/football/123"></head><body><article>'
        "<h1>Match abandoned</h1><p>The match was abandoned after the shelling near the stadium, the club said.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    code, _, err, meta = run_import(content, "--file", str(saved))
    assert code == 1 and meta is None
    entry = yaml.safe_load(err.split("for example:\n\n")[1])[0]
    assert (entry["name"], entry["url"]) == ("BBC Sport", "https://www.bbc.com/sport")


def test_a_sentence_that_starts_with_by_is_not_a_byline():
    from digest_content.importing import read_text

    page = read_text("Convoy stopped\nBy Sunday evening, twenty trucks had turned back.\nBy AFP\n")
    assert page.byline == "AFP"
    assert page.lines == ["By Sunday evening, twenty trucks had turned back."]


@pytest.mark.parametrize(
    ("author", "byline"), [("بقلم رويترز", "رويترز"), ("By Reuters", "Reuters"), ("Reuters", "Reuters")]
)
def test_a_pages_author_line_gives_the_byline_without_its_by(author, byline):
    from digest_content.importing import read_html

    page = (
        '<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>قصف على حلب</title></head>'
        f'<body><article><h1>قصف على حلب</h1><p class="byline">{author}</p>'
        '<p>قال مصدر عسكري إن "الجيش استعاد السيطرة على معظم الأحياء الشرقية من المدينة" بعد معارك عنيفة.</p>'
        "<p>وأضاف المرصد السوري لحقوق الإنسان أن عشرات المدنيين قتلوا.</p></article></body></html>"
    )
    assert read_html(page.encode("utf-8"), None).byline == byline


def test_what_a_hostile_page_gives_cannot_command_the_terminal(make_content, run_import, tmp_path):
    """A page's headline and address are printed: escape sequences and bidirectional overrides
    in copied text are spelled out, not run or applied by the curator's terminal."""
    notes = tmp_path / "notes.txt"
    notes.write_text(
        "Convoy\x1b[2J stopped \u202eworb\n"
        "A convoy of twelve trucks was refused entry at the crossing, according to the office.\n",
        encoding="utf-8",
    )
    content = make_content(sources=REGISTRY)
    asked = run_import(content, "--file", str(notes), "--url", "https://evil.example/\u202ex")
    made = run_import(content, "--file", str(notes), "--url", "https://evil.example/x", "--source", "Reuters")
    assert asked[0] == 1 and made[0] == 0 and "Convoy\\u001b[2J stopped \\u202eworb" in made[1]
    for said in (*asked[1:3], *made[1:3]):
        assert "\x1b" not in said and "\u202e" not in said


def test_a_page_stating_an_address_at_another_site_behind_an_at_sign_is_given_the_address_asked_for(
    make_content, run_import, tmp_path
):
    """https://www.reuters.com%2Fworld@phish.example/x reads as Reuters' and is at phish.example:
    a page's own address is not taken when an item could not link to it."""
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Convoy stopped at the crossing</title>"
        '<link rel="canonical" href="https://www.reuters.com%2Fworld%2Fmiddle-east@phish.example/x">'
        '<meta property="og:url" content="https://www.reuters.com%2Fworld%2Fmiddle-east@phish.example/x">'
        '<meta property="og:site_name" content="Reuters"></head><body><article><h1>Convoy stopped at the '
        "crossing</h1><p>A convoy of twelve trucks was refused entry at the crossing on Monday, according to "
        "officials who spoke to reporters at the scene.</p></article></body></html>",
        encoding="utf-8",
    )
    code, _, _, meta = run_import(
        make_content(sources=REGISTRY), "--file", str(page), "--url", "https://www.reuters.com/world/convoy-stopped"
    )
    assert code == 0 and meta["source"]["url"] == "https://www.reuters.com/world/convoy-stopped"
