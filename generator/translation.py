"""The state of every translation: translated, machine, outdated or missing; and stamping it."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from rich.table import Table
from rich.text import Text
from ruamel.yaml import YAML

from generator.records import KnowledgeBase, RemedyBase, Translation

STATES = ("translated", "machine", "outdated", "missing")


def source_hash(text: Translation) -> str:
    """A short hash of a text's content (title, symptom, solutions), not of its bookkeeping."""
    canonical = json.dumps(text.content(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def state(remedy: RemedyBase, lang: str) -> str:
    """One of STATES for a remedy in a language; the source language counts as translated.

    A translation stamped from an older source is outdated, whatever else it is; a translation
    never stamped is taken as translated.
    """
    if lang == remedy.source:
        return "translated"
    if not remedy.has(lang):
        return "missing"
    text = remedy.text(lang)
    if text.source_hash and text.source_hash != source_hash(remedy.text(remedy.source)):
        return "outdated"
    return "machine" if text.machine else "translated"


def notices(remedy: RemedyBase, lang: str) -> list[str]:
    """The notices a page shows: untranslated, machine-translated and/or outdated."""
    if not remedy.has(lang):
        return ["untranslated"]
    found = []
    if lang != remedy.source and remedy.text(lang).machine:
        found.append("machine-translated")
    if state(remedy, lang) == "outdated":
        found.append("outdated")
    return found


def status(kb: KnowledgeBase) -> dict[str, Any]:
    """Per remedy and language its state, and per language the totals."""
    rows = [{"id": r.id, "languages": {lang: state(r, lang) for lang in kb.languages}} for r in kb.remedies]
    totals = {lang: {name: sum(row["languages"][lang] == name for row in rows) for name in STATES}
              for lang in kb.languages}
    return {"remedies": rows, "totals": totals}


STYLES = {"translated": "green", "machine": "yellow", "outdated": "red", "missing": "bold red"}


def table(report: dict[str, Any], languages: list[str]) -> Table:
    """The status report as a rich table: one row per remedy, totals in the footer."""
    grid = Table(show_footer=True, header_style="bold", footer_style="bold")
    grid.add_column("remedy", footer="totals")
    for lang in languages:
        counts = report["totals"][lang]
        grid.add_column(lang, footer="\n".join(f"{counts[name]} {name}" for name in STATES if counts[name]))
    for row in report["remedies"]:
        grid.add_row(row["id"], *(Text(row["languages"][lang], style=STYLES[row["languages"][lang]])
                                  for lang in languages))
    return grid


def stamp(path: Path, remedy: RemedyBase, lang: str, machine: bool) -> str:
    """Record in the remedy's file that its `lang` text matches the current source; return the hash.

    The file is edited in place with ruamel.yaml, so comments, order and layout survive.
    """
    digest = source_hash(remedy.text(remedy.source))
    yaml = YAML()  # round-trip mode
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)  # the layout of the example records
    data = yaml.load(path.read_text(encoding="utf-8"))
    text = data[lang]
    text["source_hash"] = digest
    if machine:
        text["machine"] = True
    else:
        text.pop("machine", None)
    with path.open("w", encoding="utf-8") as out:
        yaml.dump(data, out)
    return digest
