"""User-facing messages for schema errors: the field, what was expected, what was received."""
from __future__ import annotations

import re
import typing
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from generator.problems import suggest
from generator.reading import Loc
from generator.records import CODE_PATTERN, ID_PATTERN, STEP_TAGS


def schema_message(err: ErrorDetails, model: type[BaseModel]) -> str:
    """A user-facing message for one schema error: field, what was expected, what was found."""
    loc = tuple(part for part in err["loc"] if part != "[key]" and part not in STEP_TAGS)
    kind, value = err["type"], err.get("input")
    where = dotted(loc)
    if kind == "missing":
        return f"{dotted(loc[:-1]) + ': ' if loc[:-1] else ''}missing required field '{loc[-1]}'"
    if kind == "extra_forbidden":
        known = _fields_at(model, loc[:-1])
        return f"{dotted(loc[:-1]) + ': ' if loc[:-1] else ''}unknown field '{loc[-1]}'{suggest(str(loc[-1]), known)}"
    text = _EXPECTED.get(kind)
    if text:
        found = f"received {_kind(value)}"
    elif kind == "string_pattern_mismatch":
        text, found = _bad_pattern(err), ""
    elif kind == "greater_than":
        text, found = f"expected a number above {err['ctx']['gt']:g}", f"received {_kind(value)}"
    elif kind == "too_short" and err["ctx"]["min_length"] > 1:
        text, found = f"expected at least {err['ctx']['min_length']} items", f"received {err['ctx']['actual_length']}"
    elif kind == "too_short":
        text, found = "expected at least one item", "received none"
    elif kind == "string_too_short":
        text, found = "must not be empty", ""
    elif kind == "value_error":
        text, found = str(err["ctx"]["error"]), ""
    else:
        text, found = err["msg"], ""
    body = ", ".join(filter(None, [text, found]))
    return f"{where}: {body}" if where else body


_EXPECTED = {
    "list_type": "expected a list",
    "string_type": "expected text",
    "model_type": "expected a mapping",
    "model_attributes_type": "expected a mapping",
    "dict_type": "expected a mapping",
    "float_type": "expected a number",
    "float_parsing": "expected a number",
    "date_type": "expected a date as YYYY-MM-DD",
    "date_parsing": "expected a date as YYYY-MM-DD",
    "date_from_datetime_parsing": "expected a date as YYYY-MM-DD",
    "date_from_datetime_inexact": "expected a date as YYYY-MM-DD",
}


def _bad_pattern(err: ErrorDetails) -> str:
    """Explain an id or code that does not match its pattern."""
    if err["ctx"]["pattern"] == CODE_PATTERN:
        return f"'{err['input']}' is not an error code: use letters and digits, joined by '-', '_' or '.'"
    return bad_slug("id", err["input"])


def bad_slug(what: str, value: str) -> str:
    return f"'{value}' is not a valid {what}: use lowercase letters, digits and single hyphens"


def is_slug(value: str) -> bool:
    return re.fullmatch(ID_PATTERN, value) is not None


def _kind(value: Any) -> str:
    """The YAML name of a value's type, for "received ..." messages."""
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"text '{value}'" if len(value) <= 40 else "text"
    names = {bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "a mapping"}
    return names.get(type(value), type(value).__name__)


def dotted(loc: Loc) -> str:
    """('en', 'solutions', 0, 'steps') -> 'en.solutions[0].steps'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f"{'.' if out else ''}{part}"
    return out


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """Field names of the model found at `loc`, for suggestions."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        current = _model_in(current.model_fields[part].annotation) if part in current.model_fields else None
        if current is None:
            return []
    return list(current.model_fields) if current else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model inside an annotation such as list[Solution] or Solution | None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        if found := _model_in(arg):
            return found
    return None
