"""UI strings, one catalogue per language: generator/catalogues/<lang>.yaml."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

CATALOGUE_DIR = Path(__file__).parent / "catalogues"


@dataclass(frozen=True)
class Catalogue:
    """A language's own name, its Material theme language, its locale, and its UI strings."""

    code: str
    name: str
    theme_language: str
    locale: str  # as Open Graph writes it: en_US, nl_NL
    search: dict[str, Any]  # see generator/search.py: SearchSettings
    strings: dict[str, Any]  # text, or plural forms {one: ..., other: ...}
    labels: dict[str, Any]  # kb import: label words of page parts (generator/importing/shapes.py)


def available() -> list[str]:
    """Language codes that have a catalogue."""
    return sorted(p.stem for p in CATALOGUE_DIR.glob("*.yaml"))


@cache
def catalogue(code: str) -> Catalogue:
    """The catalogue of one language."""
    data = yaml.safe_load((CATALOGUE_DIR / f"{code}.yaml").read_text(encoding="utf-8"))
    return Catalogue(code, data["name"], data["theme_language"], data["locale"], data["search"], data["strings"],
                     data["import"])
