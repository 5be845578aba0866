"""`make new`: an unknown source refused with suggestions, placeholders that keep a half-written
item unpublished, optional fields as examples that are valid once uncommented."""

from __future__ import annotations

import re
import subprocess
import sys

import sites

ROOT = sites.ROOT
REGISTRY = (ROOT / "content" / "sources.yaml").read_text(encoding="utf-8")


def new(content, *arguments):
    command = [sys.executable, "tools/digest.py", "new", "--content", str(content), *arguments]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)


def test_an_unknown_source_is_refused_before_anything_is_written(make_content):
    content = make_content(sources=REGISTRY)
    run = new(content, "--title", "Aid trucks stopped", "--source", "UN News")
    assert run.returncode == 1
    assert run.stderr.startswith("'UN News' is not in content/sources.yaml; did you mean 'UN OCHA'")
    assert list((content / "items").rglob("*.md")) == []
    by_address = new(content, "--title", "X", "--source", "The Eye", "--url", "https://www.middleeasteye.net/news/x")
    assert "did you mean 'Middle East Eye'" in by_address.stderr
    # A page on a subdomain of the source's address, as `make import` takes it too.
    by_subdomain = new(content, "--title", "X", "--source", "Live desk", "--url", "https://live.middleeasteye.net/x")
    assert "did you mean 'Middle East Eye'" in by_subdomain.stderr


def test_a_story_already_in_the_digest_is_refused_with_the_item_that_has_it(make_content):
    """As `make import` does: the same story, however its address was pasted (AMP, tracking)."""
    content = make_content(items={"denial.md": (ROOT / "tests" / "fixtures" / "item_valid.md").read_text()})
    run = new(
        content,
        "--title",
        "Again",
        "--source",
        "Middle East Eye",
        "--url",
        "https://www.middleeasteye.net/news/valid/amp?utm_source=twitter",
    )
    assert run.returncode == 1
    assert run.stderr == (
        "this story is already in the digest: content/items/denial.md:7: source.url; update that item\n"
    )
    assert sorted(path.name for path in (content / "items").rglob("*.md")) == ["denial.md"]


def test_placeholders_keep_a_new_item_from_being_published(make_content, run_check, run_build, tmp_path):
    content = make_content(sources=REGISTRY)
    assert new(content, "--title", "Aid trucks stopped", "--source", "UN OCHA").returncode == 0
    path = next((content / "items").rglob("*.md"))
    assert run_check(content).code == 0  # a draft may keep them
    path.write_text(path.read_text(encoding="utf-8").replace("status: draft", "status: published"), encoding="utf-8")
    relative = path.relative_to(content.parent).as_posix()
    expected = [
        f"{relative}:4: summary: still holds what `make new` left to fill in; write it, or keep status: draft until it is ready",
        f"{relative}:7: source.url: still holds what `make new` left to fill in; write it, or keep status: draft until it is ready",
    ]
    checked, built = run_check(content), run_build(content, tmp_path / "output")
    assert [line for line in checked.lines if line.startswith("content/")] == expected
    assert [line for line in built.lines if line.startswith("content/")] == expected
    assert built.code == 1 and not (tmp_path / "output").exists()


STORIES = """\
- slug: aleppo-evacuation-2016
  title: The evacuation of eastern Aleppo
- slug: aid-at-the-crossing
  title: Aid at the crossing
"""


def test_every_optional_field_of_a_new_item_is_a_valid_example(make_content, run_check):
    content = make_content(sources=REGISTRY)
    (content / "stories.yaml").write_text(STORIES, encoding="utf-8")
    assert new(content, "--title", "Aid trucks stopped", "--source", "UN OCHA").returncode == 0
    path = next((content / "items").rglob("*.md"))
    text = path.read_text(encoding="utf-8")
    assert text.count("\n# ") + text.count("\n  # ") >= 11
    assert "\n# story: aid-at-the-crossing  # the developing story, a slug of stories.yaml\n" in text
    # Uncommented, filled in and published, the item passes.
    text = re.sub(r"^(\s*)# ", r"\1", text, flags=re.M)
    text = text.replace('"FILL IN: in your own words', '"In our own words').replace(
        "https://fill-in.invalid/the-address-of-the-story", "https://www.unocha.org/story"
    )
    path.write_text(text.replace("status: draft", "status: published"), encoding="utf-8")
    checked = run_check(content)
    assert checked.code == 0, checked.err


def test_the_same_story_pasted_with_tracking_or_amp_is_a_duplicate(make_content, run_check):
    item = (ROOT / "tests" / "fixtures" / "item_valid.md").read_text(encoding="utf-8")
    url = re.search(r"^  url: (\S+)$", item, flags=re.M).group(1)
    amp = url.replace("https://www.", "http://amp.").rstrip("/") + "/amp/?utm_source=twitter&fbclid=x"
    copy = item.replace(url, amp).replace("title: ", "title: Copy of ", 1)
    content = make_content("item_valid.md", items={"copy.md": copy})
    checked = run_check(content)
    assert checked.code == 1
    assert any("another item already links to this story" in line and "copy.md" in line for line in checked.lines), (
        checked.err
    )


def test_the_same_story_from_a_phone_a_newsletter_or_an_index_page_is_a_duplicate(make_content, run_check):
    item = (ROOT / "tests" / "fixtures" / "item_valid.md").read_text(encoding="utf-8")
    url = re.search(r"^  url: (\S+)$", item, flags=re.M).group(1)
    variants = [
        url.replace("https://www.", "https://m."),
        url + "?at_medium=RSS&at_campaign=KARANGA",
        url + "?ref=homepage",
        url + "/index.html",
    ]
    copies = {
        f"copy-{n}.md": item.replace(url, variant).replace("title: ", f"title: Copy {n} of ", 1)
        for n, variant in enumerate(variants)
    }
    checked = run_check(make_content("item_valid.md", items=copies))
    told = [line for line in checked.lines if "another item already links to this story" in line]
    assert sorted(line.split(":")[0] for line in told) == [
        *(f"content/items/{name}" for name in sorted(copies)),
        "content/items/item_valid.md",  # the first, which names the others
    ]


def test_a_new_item_keeps_the_address_without_its_tracking_and_its_own_address_when_retitled(make_content):
    content = make_content(sources=REGISTRY)
    url = "https://www.middleeasteye.net/news/aid-trucks?utm_source=tw&id=7#top"
    run = new(content, "--title", "Aid trucks stopped", "--source", "Middle East Eye", "--url", url)
    assert run.returncode == 0, run.stderr
    (written,) = (content / "items").rglob("*.md")
    text = written.read_text(encoding="utf-8")
    assert '  url: "https://www.middleeasteye.net/news/aid-trucks?id=7"\n' in text
    # The slug is written out: a headline corrected later does not move the item.
    assert (
        "\nslug: aid-trucks-stopped  # the address's last part; once published, keep it when the title changes\n"
        in text
    )


def test_the_same_channel_post_from_telegrams_web_preview_or_in_other_letters_is_a_duplicate(make_content, run_check):
    item = (ROOT / "tests" / "fixtures" / "item_valid.md").read_text(encoding="utf-8")
    url = re.search(r"^  url: (\S+)$", item, flags=re.M).group(1)
    post = item.replace(url, "https://t.me/DeepStateUA/12345")
    copies = {
        "preview.md": post.replace("t.me/DeepStateUA", "t.me/s/DeepStateUA").replace("title: ", "title: Copy of ", 1),
        "lower.md": post.replace("t.me/DeepStateUA", "t.me/deepstateua").replace("title: ", "title: Again ", 1),
        "telegram.md": post.replace("t.me/", "telegram.me/").replace("title: ", "title: Once more ", 1),
        "other-post.md": post.replace("/12345", "/12346").replace("title: ", "title: Next ", 1),
    }
    checked = run_check(make_content(items={"post.md": post, **copies}))
    told = [line for line in checked.lines if "another item already links to this story" in line]
    assert sorted(line.split(":")[0] for line in told) == [
        "content/items/lower.md",
        "content/items/post.md",
        "content/items/preview.md",
        "content/items/telegram.md",
    ]
    # An invite link's letters are its own: two invites that differ in case are two links.
    from digest_content.items import normalised_url

    assert normalised_url("https://t.me/+AbCd") != normalised_url("https://t.me/+abcd")
