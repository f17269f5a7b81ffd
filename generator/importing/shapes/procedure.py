"""Shape G: a procedure, one remedy whose checks stay in their order.

A heading is a procedure when its sub-headings are steps ("Step 1 ...", "Stap 3-controle", "Method 2:",
"1. Observe ...") or when its title names one (Prerequisites, Basic troubleshooting): its own text
leads in, each sub-heading is one step with everything under it, a labelled note (Limitation)
follows the steps.
"""
from __future__ import annotations

from generator.importing import words
from generator.importing.pages import Node
from generator.importing.shapes.model import Part, Problem
from generator.importing.shapes.parts import child_parts, heading_label, step_part


def is_procedure(node: Node, lang: str) -> bool:
    """A heading named as a procedure, or whose sub-headings (two or more) are all steps."""
    children = [c for c in node.children if not words.is_skipped(c.title, lang, c.anchor)]
    steps = [c for c in children if words.is_step(c.title, lang, c.anchor)]
    return words.is_procedure(node.title, lang, node.anchor) or (len(steps) >= 2 and len(steps) == len(children))


def problem(node: Node, lang: str, context: list[str]) -> Problem:
    """The procedure under a heading: its text, then each sub-heading as a step."""
    parts = [Part("solution", list(node.blocks))]
    for child in node.children:
        if words.is_skipped(child.title, lang, child.anchor):
            continue
        parts += [step_part(child, lang)] if not heading_label(child, lang) else \
            child_parts(child, lang)
    return Problem(node.title, list(node.anchors), node.line, "G", parts, context)
