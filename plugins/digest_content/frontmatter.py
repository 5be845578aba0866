"""Split a content file into YAML front matter and body, and load the YAML strictly.

The loader is deliberately narrower than YAML 1.1: only ``true``/``false`` are booleans
(so ``NO``, ``yes`` and ``on`` stay text), nothing becomes a date behind the curator's
back, duplicate keys and aliases are errors, and every key keeps its line number so
that a later check can point at it.
"""

from __future__ import annotations

import bisect
import json
import re
import unicodedata
from dataclasses import dataclass, field

import yaml

from .problems import Problem

FENCE = "---"
MAX_FRONT_MATTER_CHARS = 100_000
# The deepest real field is three levels down (claims -> entry -> text); anything far deeper is
# a mistake or an attack, and the builder below recurses once per level.
MAX_DEPTH = 20


# libyaml's parser when PyYAML has it (about fifteen times faster), else the Python one.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_SafeLoader):
    """SafeLoader whose implicit types are null, true/false, int, float and str."""


_StrictLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

_SCALAR_CONSTRUCTORS = {
    "tag:yaml.org,2002:str": lambda constructor, node: node.value,
    "tag:yaml.org,2002:int": yaml.SafeLoader.construct_yaml_int,
    "tag:yaml.org,2002:float": yaml.SafeLoader.construct_yaml_float,
    "tag:yaml.org,2002:bool": yaml.SafeLoader.construct_yaml_bool,
    "tag:yaml.org,2002:null": yaml.SafeLoader.construct_yaml_null,
}


@dataclass
class Document:
    """Loaded YAML with the line of every key and list entry, keyed by its path."""

    data: object = None
    lines: dict = field(default_factory=dict)
    first_line: int = 1

    def line_of(self, path) -> int:
        """Line of the nearest ancestor of ``path`` that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.first_line


class YamlProblem(Exception):
    """Why YAML cannot read the front matter, on its line; ``also``: (line, field, message) of
    other lines with the same mistake, said at once rather than one build at a time."""

    def __init__(self, line: int, field: str, message: str, also=()):
        super().__init__(message)
        self.line, self.field, self.message, self.also = line, field, message, tuple(also)


def field_name(path) -> str:
    """('claims', 0, 'status') -> 'claims[0].status'."""
    name = ""
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "front matter"


def normalise_newlines(text: str) -> str:
    """Windows (CRLF) and old Mac (CR) line endings become LF, so lines count as editors count them."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _LineIndex:
    """Editor line numbers from character offsets.

    YAML also counts U+2028, U+2029 and U+0085 as line breaks, which editors show inside a line.
    """

    def __init__(self, text: str, first_line: int):
        self.breaks = [index for index, char in enumerate(text) if char == "\n"]
        self.first_line = first_line

    def line(self, mark) -> int:
        return self.line_at(mark.index)

    def line_at(self, index: int) -> int:
        return self.first_line + bisect.bisect_left(self.breaks, index)


def split(text: str):
    """Return (yaml_text, first_yaml_line, body, body_first_line) or raise YamlProblem."""
    lines = normalise_newlines(text).split("\n")
    lines = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    if not lines or lines[0].rstrip("\r\n").rstrip() != FENCE:
        raise YamlProblem(1, "front matter", "the file must start with a line '---', then the fields, then '---'")
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip("\r\n").rstrip() == FENCE:
            return "".join(lines[1:index]), 2, "".join(lines[index + 1 :]), index + 2
    raise YamlProblem(
        len(lines), "front matter", "the front matter is not closed: add a line '---' after the last field"
    )


def _yaml_error_message(error: yaml.MarkedYAMLError, source_line: str, earlier=()) -> str:
    """What to do about ``error`` on ``source_line``; ``earlier``: the lines above it, nearest last."""
    problem = error.problem or str(error)
    key = _KEY_ON_LINE.match(source_line)
    # The value as written, without a comment after it (" # ..."), which a fix must not take in.
    value = source_line[key.end() :].split(" #")[0].strip() if key else ""
    name = key.group(1) if key else "title"
    if value[:1] in _CURLY_QUOTES:
        # “...” or ‘...’ around the whole value were meant as its quotes (a word processor
        # curls them); «...» and „...“ are more often the text's own quotation marks, kept.
        wrapped = value[0] in _ENGLISH_QUOTES and value[-1:] in _ENGLISH_QUOTES and len(value) > 1
        straight = json.dumps(value[1:-1] if wrapped else value, ensure_ascii=False)
        instead = "use straight double quotes" if wrapped else "put the whole value in straight double quotes"
        return f"this value starts with a quote mark ({value[0]}), which YAML does not read as a quote; {instead}: {name}: {straight}"
    if value[:1] in ("@", "`", "*", "&", "%"):
        meaning = "a reference to another value" if value[0] == "*" else f"special ('{value[0]}' cannot start a value)"
        return f"YAML reads a value starting with {value[0]} as {meaning}; put it in double quotes: {name}: {json.dumps(value, ensure_ascii=False)}"
    if value.startswith("'") and re.search(r"\w'\w", value):
        return (
            "this value has an apostrophe inside its single quotes, which ends them; put the value in double "
            f"quotes instead: {name}: {json.dumps(value[1:-1] if value.endswith(chr(39)) else value[1:], ensure_ascii=False)}"
        )
    if "mapping values are not allowed" in problem:
        quoted = len(value) > 1 and value[0] == value[-1] and value[0] in "\"'"
        if key and source_line[:1] == " " and (": " not in value or quoted):
            return (
                "this line is indented more than the line above it, so YAML reads it as part of that "
                "line's value; indent it as the fields around it are"
            )
        return _colon_message(name, value)
    flow = re.search(r"expected ',' or '([}\]])'", problem)
    if flow:
        opening, closing = ("{", "}") if flow.group(1) == "}" else ("[", "]")
        written = source_line[source_line.find(opening) :].strip() if opening in source_line else ""
        if written and closing not in written:
            return f"this line opens {opening} and does not close it: end it with {closing}"
        if opening == "{" and written:
            fixed = re.sub(r"(\w+):\s*([^,{}]*?)\s+(?=[\w-]+:)", r"\1: \2, ", written)
            # Or one value holds ': ' (a claim quoting someone): that value goes in quotes.
            run = re.match(r"\{\s*([\w-]+):\s*([^,{}]*?:\s[^,{}]*?)\s*(?=,|\})", written)
            if run is None:
                return f"the fields inside {{ }} are separated by commas: {fixed}"
            quoted = written.replace(run[2], json.dumps(run[2], ensure_ascii=False), 1)
            return (
                "inside { } the fields are separated by commas, and a value that holds ': ' goes in double "
                f"quotes: {quoted}, or, if these are two fields, {fixed}"
            )
        return f"the values inside {opening} {closing} are separated by commas, e.g. [aleppo, evacuation]"
    if "'\\t'" in problem or "\t" in source_line:
        return "YAML does not allow tabs for indentation; indent with spaces"
    if "expected key" in problem or "expected <block end>" in problem:
        misplaced = _misindented(source_line, earlier)
        if misplaced:
            return misplaced
    if value.startswith('"') and value.endswith('"') and value.replace('\\"', "").count('"') > 2:
        inner = json.dumps(value[1:-1].replace('\\"', '"'), ensure_ascii=False)
        return f'this value has a double quote inside its double quotes; write each inner one as \\": {key.group(1)}: {inner}'
    return f"YAML syntax error: {problem}"


def _colon_message(name: str, value: str) -> str:
    example = f"{name}: {json.dumps(value, ensure_ascii=False)}" if value else 'title: "Battle of Aleppo: ..."'
    return f"this value contains ': ', which YAML reads as a new field; put the whole value in double quotes: {example}"


def _fields_of_lines(text_lines: list[str]) -> tuple[list[tuple[str, str] | None], set[int]]:
    """For each line, its field as problems name it (``source.title``, ``claims[1].by``) and
    the value written on it, or None for a line that is not a field's; and the indexes of the
    lines of blocks of text (``summary: >-``). Read from the indentation, for front matter YAML
    cannot read."""
    fields, text, open_fields, block = [], set(), [], None  # open_fields: (column, name) of enclosing fields
    items: dict[str, int] = {}  # how many entries of each list so far
    for index, line in enumerate(text_lines):
        indent = _indent(line)
        if block is not None and (not line.strip() or indent > block):
            fields.append(None)
            text.add(index)
            continue
        block = None
        if not line.strip() or line.lstrip().startswith("#"):
            fields.append(None)
            continue
        entry = line.lstrip().startswith("- ")
        # A list's entries may be written at its field's own indentation ("tags:" then "- a").
        while open_fields and (
            open_fields[-1][0] > indent
            or (open_fields[-1][0] == indent and not (entry and not open_fields[-1][1].startswith("[")))
        ):
            open_fields.pop()
        if entry:
            parent = _dotted(open_fields)
            items[parent] = items.get(parent, -1) + 1
            open_fields.append((indent, f"[{items[parent]}]"))
        key = _KEY_ON_LINE.match(line)
        if not key:
            # A list's entry written on one line ("- {name: AFP, role: wire}") is named by its place.
            fields.append((_dotted(open_fields), line.strip()[2:]) if entry else None)
            continue
        name = _dotted([*open_fields, (indent, key.group(1))])
        value = line[key.end() :].split(" #")[0].strip()
        fields.append((name, value))
        if not value:
            open_fields.append((key.start(1), key.group(1)))
        elif value[:1] in ("|", ">"):
            block = key.start(1)
    return fields, text


def _indent(line: str) -> int:
    """How many spaces a line starts with."""
    return len(line) - len(line.lstrip(" "))


def _dotted(open_fields) -> str:
    return "".join(name if name.startswith("[") else f".{name}" for _, name in open_fields).lstrip(".")


def _unquoted_colons(fields, first_line: int) -> list[tuple[int, str, str]]:
    """Every line whose value, written without quotes, holds ': ' (a headline "Battle of
    Aleppo: ..."): (line, field, message)."""
    found = []
    for number, entry in enumerate(fields, start=first_line):
        if entry and entry[1][:1] not in ("'", '"', "[", "{") and ": " in entry[1]:
            name = entry[0].rsplit(".", 1)[-1]
            found.append((number, entry[0], _colon_message(name, entry[1])))
    return found


_CURLY_QUOTES = ("\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e")
_ENGLISH_QUOTES = ("\u201c", "\u201d", "\u2018", "\u2019")

_KEY_ON_LINE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*)\s*:")


def _misindented(line: str, earlier) -> str | None:
    """A field indented as none of the fields above it is (an uncommented line that kept a space
    of its '# '), or more than the field above it, which has a value of its own."""
    if not _KEY_ON_LINE.match(line):
        return None
    fields = [above for above in earlier if _KEY_ON_LINE.match(above) and not above.lstrip().startswith("#")]
    if not fields:
        return None
    indent = _indent(line)
    previous = fields[-1]
    before = _indent(previous)
    opens = previous.split(" #")[0].rstrip().endswith(":")  # "source:" opens a group; "url: x" does not
    if indent > before and not opens:
        return (
            "this line is indented more than the line above it, so YAML reads it as part of that line's value; "
            "indent it as the fields around it are"
        )
    levels = sorted({_indent(above) for above in fields} | ({indent} if opens else set()))
    if indent not in levels:
        spaces = " or ".join(str(level) for level in levels)
        return (
            f"this line is indented by {indent} space{'s' if indent != 1 else ''}, as no field around it is "
            f"({spaces}); indent it as the fields it belongs with"
        )
    return None


def _closing(text: str, quote: str) -> int | None:
    """Where ``text``, inside a value that opened ``quote``, closes it; None if it does not."""
    at = 0
    while at < len(text):
        if quote == '"' and text[at] == "\\":
            at += 2
            continue
        if text[at] == quote:
            if quote == "'" and text[at + 1 : at + 2] == "'":  # '' is an apostrophe in single quotes
                at += 2
                continue
            return at
        at += 1
    return None


def _unclosed_quote(text_lines: list[str], text: set[int], upto: int) -> tuple[int, str] | None:
    """(index, message) of the line whose value opens a quote that its line does not close,
    when that is why YAML stopped at the line of index ``upto``: YAML read the fields below it
    as part of the value, up to the next quote mark (a field's own opening quote), and stopped
    on that line or the next; or it never found one. A value written on several lines and
    closed is left alone."""
    for index, line in enumerate(text_lines[: upto + 1]):
        key = None if index in text else _KEY_ON_LINE.match(line)
        value = line[key.end() :].lstrip(" ") if key else ""
        quote = value[:1]
        if quote not in ('"', "'") or _closing(value[1:], quote) is not None:
            continue
        closed_on = next(
            (later for later in range(index + 1, len(text_lines)) if _closing(text_lines[later], quote) is not None),
            None,
        )
        column = key.start(1)
        fields_between = any(
            _own_line(text_lines[between], column)
            for between in range(index + 1, len(text_lines) if closed_on is None else closed_on)
        )
        # The line where YAML closed it opens a value of its own (url: "...", # title: "..."):
        # the quote there was that value's, not the end of this one.
        if closed_on is not None and _own_line(text_lines[closed_on], column):
            rest = text_lines[closed_on].lstrip(" ").lstrip("#").lstrip(" ")
            field = _KEY_ON_LINE.match(rest)
            fields_between = fields_between or bool(field and rest[field.end() :].lstrip(" ")[:1] == quote)
        if fields_between and (closed_on is None or upto <= closed_on + 1):
            kind = "double" if quote == '"' else "single"
            return index, (
                f"this value opens a {kind} quote ({quote}) and does not close it, so YAML reads the lines below "
                f"as part of it; end the value with {quote}: {key.group(1)}: {value.rstrip()}{quote}"
            )
    return None


def _own_line(line: str, column: int) -> bool:
    """Whether ``line``, read inside a quoted value opened by a field at ``column``, is a line of
    the front matter's own: a field at that column or less, or a comment."""
    field = _KEY_ON_LINE.match(line)
    return bool(field and field.start(1) <= column) or line.lstrip(" ").startswith("#")


def _dedented(text_lines: list[str], text: set[int], at: int) -> tuple[int, str] | None:
    """(index, message) of the field written less indented than the fields of its group on
    both sides of it (``url:`` at the left edge between two fields of ``source:``), when YAML
    stopped at the field after it (line ``at``)."""
    fields = [
        index
        for index, line in enumerate(text_lines[: at + 1])
        if index not in text and _KEY_ON_LINE.match(line) and not line.lstrip().startswith("#")
    ]
    if len(fields) < 3 or fields[-1] != at:
        return None

    before, odd = fields[-3], fields[-2]
    group, opens = _indent(text_lines[at]), text_lines[odd].split(" #")[0].rstrip().endswith(":")
    if opens or not _indent(text_lines[odd]) < group == _indent(text_lines[before]):
        return None
    opener = next(
        (text_lines[index].strip() for index in reversed(fields[:-2]) if _indent(text_lines[index]) < group),
        None,
    )
    under = f" under {opener}" if opener and opener.endswith(":") else ""
    return odd, (
        f"this line is indented by {_indent(text_lines[odd])} spaces, less than the fields around it ({group}): "
        f"if it belongs with them{under}, indent it by {group} spaces"
    )


# Characters that look like a space or like nothing, which a copy from a web page brings along.
_HIDDEN_CHARACTERS = "\u00a0\u2007\u202f\u3000\u00ad\u200b\u200c\u200d\u2060\ufeff"
_HIDDEN = frozenset(_HIDDEN_CHARACTERS)
# A line's indentation, list dash, field name and colon, and what directly follows the colon:
# YAML reads the line's shape there, and a hidden character in it makes the line mean
# something else (a no-break space after the colon's own space is the value's).
_LINE_SHAPE = re.compile(
    r"^[^\S\n]*(?:-[^\S\n]*)?(?P<key>[A-Za-z_][\w" + _HIDDEN_CHARACTERS + r"-]*):[" + _HIDDEN_CHARACTERS + "]*"
)


def _say_hidden_characters(text_lines: list[str], text: set[int], first_line: int, error_line: int) -> None:
    """When YAML cannot read the front matter: a hidden character where a field's line has its
    shape (its indentation, or around its name and colon), on the line YAML stopped at or one
    before it, is most likely why; said as such, on its line, rather than YAML's complaint.
    Lines of blocks of text are text: a narrow no-break space before a French colon is right."""
    for index, line in enumerate(text_lines[: error_line - first_line + 1]):
        shape = None if index in text else _LINE_SHAPE.match(line)
        hidden = next((at for at, ch in enumerate(shape.group(0)) if ch in _HIDDEN), None) if shape else None
        if hidden is None:
            continue
        name = "".join(ch for ch in shape.group("key") if ch not in _HIDDEN)
        character = line[hidden]
        described = f"U+{ord(character):04X}, {unicodedata.name(character, 'an invisible character').lower()}"
        raise YamlProblem(
            index + first_line,
            name,
            f"holds a hidden character ({described}) in column {hidden + 1}, where YAML reads the line's "
            "indentation and field name; a copy from a web page can bring it along: delete it and type a space",
        )


def load(yaml_text: str, first_line: int = 1) -> Document:
    """Load front matter text into a Document, raising YamlProblem on the first error."""
    yaml_text = normalise_newlines(yaml_text)
    document = Document(first_line=first_line)
    if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
        raise YamlProblem(first_line, "front matter", f"longer than {MAX_FRONT_MATTER_CHARS} characters")
    lines = _LineIndex(yaml_text, first_line)
    try:
        node = yaml.compose(yaml_text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = lines.line(mark) if mark else first_line
        text_lines = yaml_text.split("\n")
        fields, text = _fields_of_lines(text_lines)
        _say_hidden_characters(text_lines, text, first_line, line)
        source_line = text_lines[line - first_line] if line - first_line < len(text_lines) else ""
        flow = re.search(r"expected ',' or '([}\]])'", str(error.problem))
        opened = ("[" if flow.group(1) == "]" else "{") if flow else None
        closing = "]" if opened == "[" else "}"
        if opened and source_line.count(opened) <= source_line.count(closing):
            # A { or [ left open: YAML stops on a line after it (which may hold a list of its
            # own, closed); the line that opened it and did not close it is meant.
            earlier = range(min(line, first_line + len(text_lines)) - 1, first_line - 1, -1)
            opening = next(
                (
                    number
                    for number in earlier
                    if text_lines[number - first_line].count(opened) > text_lines[number - first_line].count(closing)
                ),
                None,
            )
            if opening is not None:
                line, source_line = opening, text_lines[opening - first_line]
        message = _yaml_error_message(error, source_line, text_lines[: max(0, line - first_line)])
        # YAML stops after the line that is wrong when a quote is left open or a field is
        # written at the left edge among a group's fields: that line is meant.
        earlier = _unclosed_quote(text_lines, text, line - first_line) or _dedented(text_lines, text, line - first_line)
        if earlier is not None:
            line, message = earlier[0] + first_line, earlier[1]
        field = fields[line - first_line] if 0 <= line - first_line < len(fields) else None
        colons = message.startswith("this value contains ': '")  # then every such value is said at once
        also = [found for found in _unquoted_colons(fields, first_line) if found[0] != line] if colons else ()
        raise YamlProblem(line, field[0] if field else "front matter", message, also) from None
    except yaml.reader.ReaderError as error:
        character = error.character if isinstance(error.character, int) else ord(error.character)
        raise YamlProblem(
            lines.line_at(error.position),
            "front matter",
            f"contains the invisible control character U+{character:04X}, which YAML does not allow; "
            "delete it (it often comes with text pasted from web pages)",
        ) from None
    except yaml.YAMLError as error:
        raise YamlProblem(first_line, "front matter", f"YAML error: {str(error).splitlines()[0]}") from None
    except UnicodeError:
        raise YamlProblem(first_line, "front matter", "contains text that is not valid Unicode") from None
    except RecursionError:
        # Only the pure-Python parser recurses (libyaml stops at its own depth limit).
        raise YamlProblem(first_line, "front matter", _TOO_DEEP) from None
    if node is None:
        raise YamlProblem(first_line, "front matter", "the front matter is empty")
    document.data = _Builder(document, lines, yaml_text).build(node, ())
    return document


# Fields of free text: a ' #' after a value written without quotes there is more likely the
# curator's text ("Talks collapse #2") than a comment, and YAML would leave it out.
FREE_TEXT = frozenset({"title", "summary", "quote", "text", "by", "note", "byline"})


_TOO_DEEP = f"is nested more than {MAX_DEPTH} levels deep; no field of an item goes deeper than three"


class _Builder:
    """Turn a composed node graph into plain Python values, recording lines."""

    def __init__(self, document: Document, lines: _LineIndex, text: str):
        self.document = document
        self.lines = lines
        self.text = text
        self.seen: set[int] = set()
        self.constructor = _StrictLoader("")

    def line(self, node) -> int:
        return self.lines.line(node.start_mark)

    def build(self, node, path):
        if len(path) > MAX_DEPTH:
            raise YamlProblem(self.line(node), field_name(path[:1]), _TOO_DEEP)
        if id(node) in self.seen:
            # An alias is the anchored node itself, whose position is the anchor's; point at the
            # field that uses it instead.
            owner = tuple(path)
            while owner and isinstance(owner[-1], int):
                owner = owner[:-1]
            raise YamlProblem(
                self.document.lines.get(owner, self.line(node)),
                field_name(path),
                "YAML aliases (*name) are not allowed; write the value out",
            )
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return self.sequence(node, path)
        return self.scalar(node, path)

    def mapping(self, node, path):
        result = {}
        for key_node, value_node in node.value:
            key_line = self.line(key_node)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem(key_line, field_name(path), "YAML merge keys (<<) are not allowed")
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem(key_line, field_name(path), "field names must be words, not a list or a group")
            if key_node.tag != "tag:yaml.org,2002:str":
                comma = " (a number with a decimal comma, as 36,2? write it with a point: 36.2)"
                raise YamlProblem(
                    key_line,
                    field_name(path),
                    f"field names must be words, not {key_node.value!r}{comma if key_node.value.isdigit() else ''}",
                )
            key = key_node.value
            if key in result:
                raise YamlProblem(
                    key_line,
                    field_name((*path, key)),
                    f"this field appears twice (also on line {self.document.lines[(*path, key)]}); keep one",
                )
            self.document.lines[(*path, key)] = key_line
            result[key] = self.build(value_node, (*path, key))
        return result

    def sequence(self, node, path):
        values = []
        for index, item in enumerate(node.value):
            self.document.lines[(*path, index)] = self.line(item)
            values.append(self.build(item, (*path, index)))
        return values

    def scalar(self, node, path):
        construct = _SCALAR_CONSTRUCTORS.get(node.tag)
        if construct is None:
            raise YamlProblem(self.line(node), field_name(path), f"YAML tag {node.tag} is not allowed")
        if not node.style and path and path[-1] in FREE_TEXT:
            self.refuse_cut_text(node, path)
        return construct(self.constructor, node)

    def refuse_cut_text(self, node, path) -> None:
        """A value without quotes followed by ' #' on its line: YAML reads what follows as a
        comment, and the text would be published without it."""
        end = self.text.find("\n", node.end_mark.index)
        comment = self.text[node.end_mark.index : None if end < 0 else end].strip()
        if comment.startswith("#"):
            whole = json.dumps(f"{node.value} {comment}", ensure_ascii=False)
            raise YamlProblem(
                self.lines.line(node.end_mark),
                field_name(path),
                f"the text from ' #' on is read as a comment and left out; put the whole value in double "
                f"quotes: {path[-1]}: {whole}",
            )


def problems_from(path: str, error: YamlProblem) -> list[Problem]:
    return [
        Problem(path, line, field, message)
        for line, field, message in ((error.line, error.field, error.message), *error.also)
    ]
