"""Random front matter and bodies: the build either succeeds and its pages hold no script and
load nothing from elsewhere, or it fails with clean `path:line: field: message` lines."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import tempfile
from pathlib import Path

import page_safety
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

FIXTURES = Path(__file__).resolve().parent / "fixtures"

PAYLOADS = [
    "<script>alert(1)</script>",
    "</script><script>alert(2)</script>",
    '"><img src=x onerror=alert(3)>',
    "' onmouseover='alert(4)",
    "javascript:alert(5)",
    "data:text/html,<script>alert(6)</script>",
    "vbscript:msgbox(7)",
    "<svg onload=alert(8)>",
    "<iframe src=//evil.example>",
    '<p style="background:url(//evil.example/x.png)">',
    "{{ 7*7 }}{% raw %}",
    '<a href="{attach}../../../etc/hostname">x</a>',
    'https://evil.example/"onmouseover="alert(9)',
    "\u202e\u0000\ufeff\r\n\t",
    "NO",
    "2016-02-30",
    "*alias",
    "&anchor value",
    "- [a, {b: c}]",
]
FIELDS = [
    "title",
    "date",
    "modified",
    "summary",
    "source",
    "via",
    "quote",
    "tags",
    "countries",
    "locations",
    "claims",
    "updates",
    "archive_url",
    "lang",
    "slug",
    "status",
    "save_as",
    "url",
    "template",
]
VALID = {
    "title": "A story",
    "date": "2016-12-11T18:00:00+00:00",
    "summary": "What happened, in the curator's words.",
    "source": {"name": "Reuters", "url": "https://www.reuters.com/story"},
}

text = st.one_of(
    st.sampled_from(PAYLOADS), st.text(max_size=40), st.text(alphabet="<>\"'&:{}[]#*!|%@`=/\\ \n", max_size=30)
)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), text)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.one_of(st.sampled_from(FIELDS), text), children, max_size=3)
    ),
    max_leaves=8,
)
# Valid items whose text fields hold anything: these build, and their pages are inspected.
words = st.one_of(st.sampled_from(PAYLOADS), st.text(min_size=1, max_size=40).filter(str.strip))
hostile_items = st.fixed_dictionaries(
    {},
    optional={
        "title": words,
        "summary": words,
        "quote": words,
        "tags": st.lists(words, max_size=3),
        "source": st.fixed_dictionaries(
            {"name": st.just("Reuters"), "url": st.just("https://www.reuters.com/story")},
            optional={"title": words, "byline": words},
        ),
        "via": st.lists(st.fixed_dictionaries({"name": st.just("RIA"), "role": st.just("cited")}), max_size=1),
        "claims": st.lists(
            st.fixed_dictionaries({"text": words, "status": st.just("disputed")}, optional={"by": words}), max_size=2
        ),
        "locations": st.lists(
            st.fixed_dictionaries({"name": words, "lat": st.just(36.2), "lon": st.just(37.1)}), max_size=1
        ),
        "updates": st.lists(
            st.fixed_dictionaries({"date": st.just("2016-12-12"), "kind": st.just("update"), "note": words}), max_size=1
        ),
    },
).map(lambda fields: {**VALID, **fields})
# A valid item with some fields replaced by anything: these reach validation.
changed_items = st.dictionaries(st.sampled_from(FIELDS), values, max_size=3).map(lambda changes: {**VALID, **changes})
front_matters = st.one_of(
    hostile_items.map(lambda data: yaml.safe_dump(data, allow_unicode=True)),
    hostile_items.map(lambda data: yaml.safe_dump(data, allow_unicode=True)),
    changed_items.map(lambda data: yaml.safe_dump(data, allow_unicode=True)),
    st.dictionaries(st.one_of(st.sampled_from(FIELDS), text), values, max_size=4).map(yaml.safe_dump),
    st.lists(text, max_size=6).map("\n".join),
)
bodies = st.lists(st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=40)), max_size=6).map("\n".join)

# The field is a name, or a quoted name when it holds a colon.
PROBLEM = re.compile(r'^[^:\n]+:\d+: (?:[^:"\n]+|"(?:[^"\\\n]|\\.)*"): .+$')
CLOSING = re.compile(r"^(\d+ problem\(s\) in \d+ file\(s\)\.|The build failed; .+ was left as it was\.)$")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front_matter=front_matters, body=bodies, closed=st.sampled_from([True, True, True, False]))
def test_any_item_builds_safely_or_fails_cleanly(front_matter, body, closed):
    import digest

    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        (content / "items").mkdir(parents=True)
        shutil.copy(FIXTURES / "sources.yaml", content)
        shutil.copy(FIXTURES / "item_valid.md", content / "items")
        text = f"---\n{front_matter}\n" + ("---\n" if closed else "") + body
        (content / "items" / "random.md").write_text(text, encoding="utf-8")
        output = Path(folder) / "output"
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = digest.main(["build", "--content", str(content), "--output", str(output)])
        lines = err.getvalue().splitlines()
        assert "Traceback" not in out.getvalue() + err.getvalue()
        event("built" if code == 0 else "refused")
        if code == 0:
            assert page_safety.unsafe_markup(output) == {}
        else:
            assert code == 1, err.getvalue()
            problems = [line for line in lines if not CLOSING.match(line) and not line.startswith("WARNING: ")]
            assert problems, err.getvalue()
            assert all(PROBLEM.match(line) for line in problems), problems
