"""Shapes E and H: a problem told in prose, or a question answered in prose.

Its parts are its text and its sub-headings; fields.py tells a symptom, a cause and what to do apart
by the catalogue's cues and says so in the review queue. A question's text (H) is all answer.
"""
from __future__ import annotations

from generator.importing import words
from generator.importing.pages import Node
from generator.importing.shapes.model import Problem
from generator.importing.shapes.parts import parts_of


def problem(node: Node, lang: str, context: list[str]) -> Problem:
    """The problem under a heading that carries no labels."""
    shape = "H" if words.is_question(node.title, lang, node.anchor) else "E"
    return Problem(node.title, list(node.anchors), node.line, shape, parts_of(node, lang), context)
