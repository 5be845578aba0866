"""Split a content file into YAML front matter and body, and load the YAML strictly.

The loader is deliberately narrower than YAML 1.1: only ``true``/``false`` are booleans
(so ``NO``, ``yes`` and ``on`` stay text), nothing becomes a date behind the curator's
back, duplicate keys and aliases are errors, and every key keeps its line number so
that a later check can point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .problems import Problem

FENCE = "---"
MAX_FRONT_MATTER_CHARS = 100_000


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
    def __init__(self, line: int, field: str, message: str):
        super().__init__(message)
        self.line, self.field, self.message = line, field, message


def field_name(path) -> str:
    """('claims', 0, 'status') -> 'claims[0].status'."""
    name = ""
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "front matter"


def split(text: str):
    """Return (yaml_text, first_yaml_line, body, body_first_line) or raise YamlProblem."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n").rstrip() != FENCE:
        raise YamlProblem(1, "front matter", "the file must start with a line '---', then the fields, then '---'")
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip("\r\n").rstrip() == FENCE:
            return "".join(lines[1:index]), 2, "".join(lines[index + 1 :]), index + 2
    raise YamlProblem(
        len(lines), "front matter", "the front matter is not closed: add a line '---' after the last field"
    )


def _yaml_error_message(error: yaml.MarkedYAMLError, source_line: str) -> str:
    problem = error.problem or str(error)
    if "mapping values are not allowed" in problem:
        return (
            "this value contains ': ', which YAML reads as a new field; "
            'put the whole value in double quotes, e.g. title: "Battle of Aleppo: ..."'
        )
    if "'\\t'" in problem or "\t" in source_line:
        return "YAML does not allow tabs for indentation; indent with spaces"
    if "found undefined alias" in problem or "found unhashable key" in problem:
        return f"YAML syntax error: {problem}"
    return f"YAML syntax error: {problem}"


_KEY_ON_LINE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*)\s*:")


def load(yaml_text: str, first_line: int = 1) -> Document:
    """Load front matter text into a Document, raising YamlProblem on the first error."""
    document = Document(first_line=first_line)
    if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
        raise YamlProblem(first_line, "front matter", f"longer than {MAX_FRONT_MATTER_CHARS} characters")
    try:
        node = yaml.compose(yaml_text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        offset = mark.line if mark else 0
        text_lines = yaml_text.splitlines()
        source_line = text_lines[offset] if offset < len(text_lines) else ""
        key = _KEY_ON_LINE.match(source_line)
        raise YamlProblem(
            first_line + offset,
            key.group(1) if key else "front matter",
            _yaml_error_message(error, source_line),
        ) from None
    except yaml.YAMLError as error:
        raise YamlProblem(first_line, "front matter", f"YAML error: {error}") from None
    if node is None:
        raise YamlProblem(first_line, "front matter", "the front matter is empty")
    document.data = _Builder(document, first_line).build(node, ())
    return document


class _Builder:
    """Turn a composed node graph into plain Python values, recording lines."""

    def __init__(self, document: Document, first_line: int):
        self.document = document
        self.first_line = first_line
        self.seen: set[int] = set()
        self.constructor = _StrictLoader("")

    def line(self, node) -> int:
        return self.first_line + node.start_mark.line

    def build(self, node, path):
        if id(node) in self.seen:
            # An alias is the anchored node itself, so point at the field that uses it.
            raise YamlProblem(
                self.document.lines.get(tuple(path), self.line(node)),
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
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                raise YamlProblem(
                    key_line,
                    field_name(path),
                    f"field names must be words, not {key_node.value!r}",
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
        return construct(self.constructor, node)


def problem_from(path: str, error: YamlProblem) -> Problem:
    return Problem(path, error.line, error.field, error.message)
