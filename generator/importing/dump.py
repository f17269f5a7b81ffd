"""Records as YAML, the way authors write them: multi-line text as literal blocks."""
from __future__ import annotations

from typing import Any

import yaml


class _Dumper(yaml.SafeDumper):
    """YAML with multi-line text as literal blocks."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # A literal block cannot hold trailing spaces on a line; such text is quoted instead.
    literal = "\n" in value and not any(line.endswith((" ", "\t")) for line in value.splitlines())
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if literal else None)


_Dumper.add_representer(str, _text)


def dump_record(record: dict[str, Any]) -> str:
    """A record as YAML, with the schema line editors use for completion."""
    body = yaml.dump(record, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=float("inf"))
    return "# yaml-language-server: $schema=../../schema/remedy.schema.json\n" + body
