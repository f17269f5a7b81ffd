"""Map a problem's parts to a record's fields, in page order: symptom, then each cause and its steps.

Every block lands in exactly one field, so no word is lost or doubled; only labels are left out.
A field the page does not fill gets the catalogue's "the original page does not say".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from markdown_it import MarkdownIt

from generator.catalogues import catalogue
from generator.importing.convert import is_code
from generator.importing.pages import Block
from generator.importing.shapes import Part, Problem

PROSE = re.compile(r"\s*(?!!!!|[-*+|>]\s|\d+[.)]\s|!\[|`|\*\*\S[^*]*\*\*\s*$)")


@dataclass
class _Solution:
    cause: list[str] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    solved: bool = False  # a Solution part was given for this cause


def record_text(problem: Problem, lang: str, convert: Callable[[Block], str]) -> dict[str, Any]:
    """Title, symptom and solutions of one problem in one language."""
    cues = tuple(catalogue(lang).labels["fix_cues"])
    symptom: list[str] = []
    solutions: list[_Solution] = []
    parts = problem.parts if any(p.role for p in problem.parts) else _guess(problem.parts, cues)
    for part in parts:
        texts = _heading(part) + [convert(b) for b in part.blocks]
        if part.role == "symptom" or (part.role is None and not solutions):
            symptom += texts
        elif part.role == "cause":
            cue = next((i for i, t in enumerate(texts) if i and t.lower().startswith(cues)), len(texts))
            solutions.append(_Solution(texts[:cue], steps(texts[cue:])))
        elif part.role in ("solution", "workaround") and solutions and not solutions[-1].solved:
            solutions[-1].steps += steps(texts)
            solutions[-1].solved = True
        elif part.role in ("solution", "workaround"):
            solutions.append(_Solution([], steps(texts), True))
        else:  # more information, or text after the labelled parts: it goes with the last solution
            solutions[-1].steps += steps(texts)
    missing = catalogue(lang).labels["not_given"]
    return {"title": problem.title or problem.anchors[0],
            "symptom": "\n\n".join(symptom) or missing,
            "solutions": [{"cause": "\n\n".join(s.cause) or missing, "steps": s.steps or [missing]}
                          for s in solutions] or [{"cause": missing, "steps": [missing]}]}


def _heading(part: Part) -> list[str]:
    """What a part's heading adds to its text: the words after a label, or a sub-heading's title."""
    return [f"**{part.title}**"] if part.title else []


def _guess(parts: list[Part], cues: tuple[str, ...]) -> list[Part]:
    """Free prose (shape E): symptom first, then the cause, then steps from a "to resolve" cue or a list on."""
    blocks = [b for p in parts for b in p.blocks]
    if len(blocks) < 3:  # too little to tell a symptom apart: the title says what is wrong
        cue = next((i for i, b in enumerate(blocks) if b.text.lower().startswith(cues)), 1)
        return [Part("cause", blocks[:cue]), Part("solution", blocks[cue:])]
    first = next((i for i, b in enumerate(blocks) if PROSE.match(b.text)), 0)
    end = first + 1 + (first + 1 < len(blocks) and is_code(blocks[first + 1].text))
    rest = blocks[end:]
    cue = next((i for i, b in enumerate(rest) if b.text.lower().startswith(cues)), None)
    lists = next((i for i, b in enumerate(rest) if list_items(b.text)), None)
    split = cue if cue is not None else lists if lists is not None else max(len(rest) - 1, 0)
    if len(rest) == 1:
        split = 0
    return [Part(None, blocks[:end]), Part("cause", rest[:split]), Part("solution", rest[split:])]


def steps(texts: list[str]) -> list[str]:
    """Steps from blocks: each item of a list, each other block one step; nothing empty."""
    out: list[str] = []
    for text in texts:
        out += list_items(text) or [text]
    return [s for s in out if s.strip()]


def list_items(text: str) -> list[str]:
    """The items of a block that is one list, each with everything nested in it; [] for other blocks."""
    lines = text.splitlines()
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    top = [t for t in tokens if t.level == 0 and t.type.endswith("list_open")]
    if len(top) != 1 or top[0].map != [0, len(lines)] or tokens[0] is not top[0]:
        return []
    items = []
    for token in tokens:
        if token.type == "list_item_open" and token.level == 1 and token.map:
            item = lines[token.map[0]:token.map[1]]
            marker = re.match(r"\s*(?:[-*+]|\d+[.)])\s*", item[0])
            width = marker.end() if marker else 0
            body = [item[0][width:]] + [line[width:] if line[:width].isspace() else line.lstrip() for line in item[1:]]
            items.append("\n".join(body).strip())
    return items
