"""Find the problems on a page, whatever its shape; one module per shape.

The page first: is it one problem (whole.py: B, J)? Else each `##` section in turn: left out
(next steps, see also), an overview (to the area page), a procedure (procedure.py: G), a labelled
problem (labelled.py: A), a group of problems (category.py: D, with table rows, table.py: C and I,
and code lists, codelist.py), or a problem in prose (prose.py: E, H). A section labelled as a part
(## Solutions) right after a problem is that problem's part. Label words are catalogue data.
"""
from __future__ import annotations

from generator.importing import ids, words
from generator.importing.blocks import flatten, is_toc
from generator.importing.pages import Block, Node, Page
from generator.importing.shapes import category, labelled, procedure, prose, whole
from generator.importing.shapes.model import Found, Part, Problem
from generator.importing.shapes.parts import child_parts, heading_label

__all__ = ["Found", "Part", "Problem", "find"]


def find(page: Page) -> Found:
    """The problems of a page in page order, its area introduction, and what was left out."""
    found, lang = Found(), page.lang
    _drop_navigation(page.root, found)
    sections = []
    for child in page.root.children:
        (found.skipped if words.is_skipped(child.title, lang, child.anchor) else sections).append(child)
    intro = page.root.blocks
    rest = whole.page_problem(page, sections, intro, found)
    if rest is None:
        found.extras += intro
        rest = sections
    context = [page.title]
    for section in rest:
        role = heading_label(section, lang)
        if role and found.problems and found.problems[-1].context == context:  # "## Solutions" after a problem
            found.problems[-1].parts += child_parts(section, lang)
            found.problems[-1].anchors += section.anchors
        elif words.is_overview(section.title, lang, section.anchor):
            found.extras += [Block(section.line, f"**{section.title}**"), *flatten(section)[1:]]
        else:
            _walk(section, page, context, found)
    _unique_anchors(found.problems)
    for problem in found.problems:
        if ids.names_part(problem.title, problem.anchor):  # "Prerequisites": of what, the heading above says
            problem.title_context = next((c for c in reversed(problem.context) if c and not ids.names_part(c)), "")
    return found


def _walk(node: Node, page: Page, context: list[str], found: Found) -> None:
    """Sort one heading into a problem, a group of problems or a part left out."""
    lang = page.lang
    if words.is_skipped(node.title, lang, node.anchor):
        found.skipped.append(node)
        return
    if not node.blocks and not node.children:  # a heading over links to the page itself, or over nothing
        (found.skipped if node.navigation else found.empty).append(node)
    elif procedure.is_procedure(node, lang):
        held = category.harvest(node, lang, context, tables=True)
        found.problems += [procedure.problem(node, lang, context), *held]
    elif category.is_category(node, lang):
        _group(node, page, context, found)
    elif labelled.problem(node, lang, context) is not None:  # a table under **Solution:** is its cases: it stays
        held = category.harvest(node, lang, context, tables=False)
        found.problems += [labelled.problem(node, lang, context), *held]  # type: ignore[list-item]
    else:
        held = category.harvest(node, lang, context, tables=True)
        found.problems += [prose.problem(node, lang, context), *held]


def _group(node: Node, page: Page, context: list[str], found: Found) -> None:
    """A heading grouping problems: its own problem (or area text) first, then each problem it holds."""
    lang, inner = page.lang, context + [node.title]
    own, held = [], []
    for block in node.blocks:
        rows = category.rows(block, node, lang, inner)
        if rows:
            held += rows
        else:
            own.append(block)
    if len(held) == 1 and not node.children and not any(b.text.strip() for b in own):
        held[0].title, held[0].anchors = node.title, list(node.anchors)  # a heading over a one-row table
        held[0].context = context
        found.problems += held
        return
    problem = category.own_problem(node, lang, own, context)
    if problem is not None:
        found.problems.append(problem)
    elif any(b.text.strip() for b in own):  # a short introduction of the group, for the area page
        found.extras += [Block(node.line, f"**{node.title}**"), *own]
    first = len(found.problems)
    found.problems += held
    for child in node.children:
        if not heading_label(child, lang):
            _walk(child, page, inner, found)
    if problem is None and len(found.problems) > first:  # a link to the group's heading leads to its first problem
        found.problems[first].anchors += node.anchors


def _drop_navigation(node: Node, found: Found) -> None:
    """Take out lists of links to places on the page itself, at every level: their targets hold the words."""
    kept = []
    for block in node.blocks:
        (found.navigation if is_toc(block.text) else kept).append(block)
    node.navigation, node.blocks = len(kept) < len(node.blocks), kept
    for child in node.children:
        _drop_navigation(child, found)


def _unique_anchors(problems: list[Problem]) -> None:
    """Each problem's first anchor pairs the languages and names its origin: unique on its page."""
    seen: set[str] = set()
    for problem in problems:
        base, n = problem.anchors[0], 1
        while problem.anchors[0] in seen:
            n += 1
            problem.anchors[0] = f"{base}-{n}"
        seen.add(problem.anchors[0])
