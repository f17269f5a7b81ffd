"""Read YAML files, keeping the line of every key and item for messages."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.problems import ContentError, Problem

Loc = tuple[str | int, ...]


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when PyYAML has it: 3x faster
    """SafeLoader that keeps numbers and dates as text.

    Error codes such as 0x80070005 or 404 stay the text the author typed, and the schema
    (not the YAML constructor) reports a bad date, with its line.
    """


_AS_TEXT = {f"tag:yaml.org,2002:{name}" for name in ("int", "float", "timestamp")}
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _AS_TEXT]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Document:
    """A parsed YAML file: its data and the 1-based line of each location in it."""

    path: str
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line(self, loc: Loc) -> int:
        """The line of `loc`, or of its nearest ancestor that exists."""
        while loc not in self.lines and loc:
            loc = loc[:-1]
        return self.lines.get(loc, 1)


MAX_BYTES = 256 * 1024  # a remedy is a page of text; anything larger is a mistake or an attack


def read_yaml(path: Path, display: str) -> Document:
    """Parse one YAML file; raise ContentError naming the line on failure."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ContentError([Problem(display, 1, f"file is {size // 1024} KB; the limit is {MAX_BYTES // 1024} KB")])
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise ContentError([Problem(display, line, "not UTF-8 text: save the file as UTF-8")]) from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        last_line = text.count("\n") + (not text.endswith("\n"))
        line = min(mark.line + 1, last_line) if mark else 1  # "<stream end>" is past the last line
        reason = " ".join(filter(None, [err.context, err.problem]))
        if re.match(r"[ ]*\t", text.splitlines()[line - 1] if text else ""):
            reason = "a tab character is used for indentation; indent with spaces"
        raise ContentError([Problem(display, line, f"invalid YAML: {reason}")]) from None
    finally:
        loader.dispose()
    doc = Document(display, data)
    if node is not None:
        problems = _index(node, (), doc.lines, display, set())
        if problems:
            raise ContentError(problems)
    return doc


def _index(node: yaml.Node, loc: Loc, lines: dict[Loc, int], display: str, seen: set[int]) -> list[Problem]:
    """Record the line of every location below `node`; report duplicate keys and YAML aliases.

    An alias (*name) makes a node appear twice. Records need none, and a chain of them (a
    "billion laughs") would make the work explode, so the first repeat stops the file.
    """
    if id(node) in seen:  # where the alias is used: the location that holds it
        raise ContentError([Problem(display, lines[loc[:-1]], "YAML aliases (*name) are not allowed in records")])
    seen.add(id(node))
    lines.setdefault(loc, node.start_mark.line + 1)
    problems: list[Problem] = []
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = key.value
            if (*loc, name) in lines:
                first = lines[(*loc, name)]
                problems.append(Problem(display, key.start_mark.line + 1,
                                        f"duplicate key '{name}' (first at line {first})"))
                continue
            lines[(*loc, name)] = key.start_mark.line + 1
            problems += _index(value, (*loc, name), lines, display, seen)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            problems += _index(item, (*loc, i), lines, display, seen)
    return problems
