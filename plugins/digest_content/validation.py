"""Turn pydantic validation errors into curator-facing problems."""

from __future__ import annotations

import functools
import re
import typing

from pydantic import BaseModel, ConfigDict, ValidationError, create_model

from .frontmatter import Document, field_name
from .problems import Problem, did_you_mean


def _model_at(model: type[BaseModel], path) -> type[BaseModel] | None:
    """The model that holds the fields found at ``path`` (list indices skipped)."""
    for part in path:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return None
        model = _find_model(field.annotation)
        if model is None:
            return None
    return model


def _find_model(annotation):
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _find_model(arg)
        if found is not None:
            return found
    return None


# Words curators use for a claim's standing, by the standing they mean: spelling alone would
# suggest 'confirmed' for 'unconfirmed'.
_SAME_MEANING = {
    "unconfirmed": "unverified",
    "rumoured": "unverified",
    "rumored": "unverified",
    "alleged": "reported",
    "claimed": "reported",
    "contested": "disputed",
    "rejected": "denied",
    "verified": "confirmed",
    "debunked": "false",
    "refuted": "false",
    "untrue": "false",
}


def _group_holding(model, data, name: str) -> str | None:
    """What to write instead, when ``name`` is a field of a group of ``model`` that ``data``
    has, empty or without it: the curator wrote ``source:`` (or ``via:``) and then ``name:``
    without indenting it (or without the entry's dash)."""
    for field, info in model.model_fields.items():
        group = _find_model(info.annotation)
        if group is None or name not in group.model_fields or field not in data:
            continue
        held = data[field]
        if held is None and typing.get_origin(info.annotation) is list:
            return f"is a field of {field}:'s entries, and {field}: is empty; write it as an entry under it: '  - {name}: ...'"
        if held is None:
            return f"is a field of {field}:, which is empty; indent this line under {field}: by two spaces"
        if isinstance(held, dict) and name not in held:
            return f"is a field of {field}:; move this line under {field}: and indent it by two spaces, as its other fields are"
    return None


# Fields curators write for a field of another name, by the group they are in: spelling alone
# would not suggest them.
_FIELD_MEANING = {
    ("source", "date"): "published",
    ("source", "author"): "byline",
    ("source", "headline"): "title",
    ("source", "link"): "url",
    (None, "link"): "source.url",
    (None, "url"): "source.url",
    (None, "headline"): "title",
}


def _split_at_a_comma(loc, data) -> bool:
    """Whether the unknown field at ``loc`` is the end of a value that a comma cut off inside
    { }: not a word, and without a value of its own."""
    value = data
    for part in loc:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return False
    return value is None and isinstance(loc[-1], str) and re.fullmatch(r"[A-Za-z_][\w-]*", loc[-1]) is None


def _message(error, model, loc, data=None) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "missing":
        return "required field is missing; add it"
    if kind == "extra_forbidden" and _split_at_a_comma(loc, data):
        # {note: The town is Saraqib, not Sarmin.}: YAML ends the value at the comma.
        return (
            f"'{loc[-1]}' is read as a field name: inside {{ }} a comma ends a value, so put the value that "
            "holds this comma in double quotes"
        )
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        instead = _group_holding(parent, data, loc[-1]) if parent and len(loc) == 1 and data else None
        if instead:
            return instead
        own = len(loc) > 1 and loc[-1] in model.model_fields and not isinstance(loc[-2], int)
        if own and data and loc[-1] not in data:
            return f"is a field of its own, not of {loc[-2]}:; write it without indentation"
        known = list(parent.model_fields) if parent else []
        meant = _FIELD_MEANING.get((loc[-2] if len(loc) > 1 else None, loc[-1]))
        hint = f" (did you mean '{meant}'?)" if meant else did_you_mean(loc[-1], known)
        hint = hint or (f" (known fields: {', '.join(known)})" if known else "")
        return f"unknown field{hint}"
    if kind == "literal_error":
        expected = ctx.get("expected", "").replace("'", "")
        choices = [choice.strip() for choice in expected.replace(" or ", ", ").split(",")]
        given = str(error["input"])
        meant = _SAME_MEANING.get(given.strip().lower())
        hint = f" (did you mean '{meant}'?)" if meant in choices else did_you_mean(given, choices)
        return f"'{given}' is not one of: {', '.join(choices)}{hint}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind in ("list_type",) and error["input"] is None:
        return "is empty: write its entries under it (lines starting '  - '), or put # before it again"
    if kind in ("list_type",):
        return "must be a list, e.g. [a, b] or one '- ' line per entry"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        parent = _model_at(model, loc)
        fields = ", ".join(parent.model_fields) if parent else "its fields"
        empty = "is empty: it " if error["input"] is None else ""
        return f"{empty}must be a group of fields ({fields}), one per indented line"
    if kind in ("float_parsing", "float_type"):
        return "must be a number"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"must be between {ctx.get('ge', '-')} and {ctx.get('le', '-')}".replace("- and ", "").strip()
    return error["msg"]


def problems_from(error: ValidationError, model, document: Document, path: str) -> list[Problem]:
    problems = []
    for entry in error.errors():
        loc = tuple(entry["loc"])
        message = _message(entry, model, loc, document.data)
        problems.append(Problem(path, document.line_of(loc), field_name(loc), message))
    return problems


def validate(model, document: Document, path: str, context=None):
    """Return (instance or None, problems)."""
    try:
        return model.model_validate(document.data, context=context), []
    except ValidationError as error:
        return None, problems_from(error, model, document, path)


def valid_fields(model, data: dict, context=None):
    """The fields of ``data`` that ``model`` accepts, validated, when others are wrong, and the
    names of those others (wrong or missing): the checks across fields still run, each on
    fields it reads that are right, so that a file's problems are all said at once. A field
    wrong or missing is None here."""
    fields = _fields_of(model)
    refused = {name for name, field in model.model_fields.items() if field.is_required() and name not in data}
    try:
        return fields.model_validate(data, context=context), frozenset(refused)
    except ValidationError as error:
        refused.update(entry["loc"][0] for entry in error.errors() if entry["loc"])
    right = {name: value for name, value in data.items() if name not in refused}
    try:
        return fields.model_validate(right, context=context), frozenset(refused)
    except ValidationError:  # a field's check that depends on another: nothing across fields to say
        return None, frozenset(refused)


@functools.cache
def _fields_of(model: type[BaseModel]) -> type[BaseModel]:
    """``model`` with every field optional: a required one is None when absent."""
    fields = {}
    for name, field in model.model_fields.items():
        annotation = typing.Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation
        fields[name] = (annotation, None if field.is_required() else field.get_default(call_default_factory=True))
    return create_model(f"{model.__name__}Fields", __config__=ConfigDict(extra="ignore", frozen=True), **fields)
