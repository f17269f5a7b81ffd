"""Shape A: a problem whose parts are labelled, by sub-headings (### Cause 1, ### Solution for cause 1)
or by paragraphs (**Cause:** ..., **Resolution:**, Cause: ...)."""
from __future__ import annotations

from generator.importing.pages import Node
from generator.importing.shapes.model import Problem
from generator.importing.shapes.parts import has_labels, parts_of


def problem(node: Node, lang: str, context: list[str]) -> Problem | None:
    """The problem a labelled heading holds, or None when its parts carry no labels."""
    if not has_labels(node, lang):
        return None
    return Problem(node.title, list(node.anchors), node.line, "A", parts_of(node, lang), context)
