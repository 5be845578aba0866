"""`make html DRAFTS=1`: drafts previewed at their future address, marked as drafts, in no list,
feed or sitemap; `make publish` never includes them."""

from __future__ import annotations

import os

import sites
from test_incremental import tree


def build(content, output, *extra, settings="pelicanconf.py", environment=None):
    arguments = ["build", "--settings", settings, "--content", str(content), "--output", str(output), *extra]
    return sites.run_digest(arguments, {**os.environ, **(environment or {})})


def test_a_draft_is_previewed_at_its_address_and_listed_nowhere(make_content, tmp_path):
    content = make_content("item_valid.md", "item_draft.md")
    result = build(content, tmp_path / "preview", "--drafts")
    assert result.returncode == 0, result.stderr
    site = tree(tmp_path / "preview")
    (draft,) = [name for name, data in site.items() if b"Draft preview." in data]
    assert draft.endswith("/index.html") and draft.count("/") == 4  # YYYY/MM/DD/slug/index.html
    slug = draft.split("/")[3]
    listed = [name for name, data in site.items() if name != draft and slug.encode() in data]
    assert listed == []
    # Without --drafts, the same site less the draft's page.
    assert build(content, tmp_path / "plain").returncode == 0
    assert sorted(set(site) - set(tree(tmp_path / "plain"))) == [draft]


def test_drafts_are_never_published(make_content, tmp_path):
    content = make_content("item_valid.md", "item_draft.md")
    public = {"SITEURL": "https://example.github.io/digest"}
    refused = build(content, tmp_path / "out", "--drafts", settings="publishconf.py", environment=public)
    assert refused.returncode == 2 and "drafts are only previewed" in refused.stderr
    assert not (tmp_path / "out").exists()


def test_a_draft_at_a_published_items_address_is_said_when_drafts_are_written(make_content, tmp_path):
    item = (sites.ROOT / "tests" / "fixtures" / "item_valid.md").read_text(encoding="utf-8")
    draft = item.replace("news/valid", "news/draft").replace("T18:00", "T20:00") + "status: draft\n"
    draft = draft.replace("---\nstatus: draft\n", "status: draft\n---\n")
    content = make_content(items={"item.md": item, "draft.md": draft})
    assert build(content, tmp_path / "plain").returncode == 0  # the draft is written nowhere
    preview = build(content, tmp_path / "preview", "--drafts")
    assert preview.returncode == 1 and "Traceback" not in preview.stderr
    assert (
        "content/items/draft.md:8: slug: another item has the same day (2016-12-11 in the site's time zone) and slug"
        in preview.stderr
    )
