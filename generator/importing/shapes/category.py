"""Shape D: a heading that groups problems (sub-headings, table rows, items of a code list).

Its own text and the sub-headings that name a part of it (a labelled fix for the whole group) make
one problem of the heading itself when they say something a reader acts on (a list, code, a table, a
label, an error code); a short introduction goes to the area page. Every other sub-heading is a
problem of its own.
"""
from __future__ import annotations

from generator.importing import codes as code_finder
from generator.importing import words
from generator.importing.blocks import is_code, is_list, table
from generator.importing.pages import Block, Node
from generator.importing.shapes import codelist
from generator.importing.shapes.table import rows as table_rows
from generator.importing.shapes.model import Part, Problem
from generator.importing.shapes.parts import child_parts, has_labels, heading_label, split_labels


def rows(block: Block, node: Node, lang: str, context: list[str]) -> list[Problem] | None:
    """The problems a block holds itself: table rows or code list items, else None."""
    return table_rows(block, node, lang, context) or codelist.problems(block, lang, context)


def problem_like(node: Node, lang: str) -> bool:
    """Whether a sub-heading is a problem of its own rather than a part of the heading above it."""
    if heading_label(node, lang):  # "### Cause", "### Fix the problem": a part
        return False
    if node.bold or has_labels(node, lang) or code_finder.find(node.title, ""):
        return True
    if any(test(node.title, lang, node.anchor) for test in (words.is_question, words.names_problem,
                                                            words.is_procedure)):
        return True
    if is_category(node, lang) or code_finder.find("", _text(node.blocks)):
        return True
    return False


def is_category(node: Node, lang: str) -> bool:
    """A heading whose blocks hold problems, or with a sub-heading that is one. A table in a labelled part
    (the cases of a **Solution:**) belongs to that part."""
    parts = split_labels(node.blocks, lang)
    lead = [] if any(p.role for p in parts) else node.blocks
    return any(rows(b, node, lang, []) for b in lead) or any(problem_like(c, lang) for c in node.children)


def substantive(parts: list[Part]) -> bool:
    """Text a reader acts on: a list, code, a table, a labelled part, a sub-heading or an error code."""
    blocks = [b for p in parts for b in p.blocks]
    return any(p.role for p in parts) or any(is_list(b.text) or is_code(b.text) or table(b) for b in blocks) or \
        bool(code_finder.find("", _text(blocks)))


def own_problem(node: Node, lang: str, blocks: list[Block], context: list[str]) -> Problem | None:
    """The heading's own problem, from its blocks and the sub-headings that name a part of it ("Fix the
    problem"); every other sub-heading is a problem of its own."""
    parts = split_labels(blocks, lang)
    for child in node.children:
        if heading_label(child, lang) and not words.is_skipped(child.title, lang, child.anchor):
            parts += child_parts(child, lang)
    if not substantive(parts):
        return None
    return Problem(node.title, list(node.anchors), node.line, "D", parts, context)


def _text(blocks: list[Block]) -> str:
    return "\n\n".join(b.text for b in blocks)


def harvest(node: Node, lang: str, context: list[str], tables: bool) -> list[Problem]:
    """Code lists (and tables of problems) deeper in a problem's text: problems of their own, taken out of it.
    A table in a labelled part (`tables=False`) lists the cases of that part and stays."""
    held: list[Problem] = []
    for sub in [node, *_descendants(node)]:
        kept = []
        for block in sub.blocks:
            found = (tables and table_rows(block, sub, lang, context + [sub.title])) or \
                codelist.problems(block, lang, context + [sub.title])
            if found:
                held += found
            else:
                kept.append(block)
        sub.blocks = kept
    return held


def _descendants(node: Node) -> list[Node]:
    return [n for child in node.children for n in [child, *_descendants(child)]]
