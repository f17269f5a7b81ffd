"""A heading's content as labelled parts: its text split at labels, its sub-headings by what they name."""
from __future__ import annotations

import dataclasses
import re

from generator.importing import words
from generator.importing.blocks import flatten
from generator.importing.pages import Block, Node
from generator.importing.shapes.model import Part

# "**Cause:** text", "**Cause**: text", "Cause: text" (a plain label must start the paragraph with a capital)
BOLD_LABEL = re.compile(r"\*\*([^*\n]{1,60}?)\*\*\s*:?\s*|\*\*([^*\n]{1,60}?):\*\*\s*|([A-Z][\w ]{1,30}?):(?:\s+|$)")


def paragraph_label(text: str, lang: str) -> tuple[str, str, str] | None:
    """(role, words after the label, the paragraph's rest) when a paragraph starts with a label."""
    match = BOLD_LABEL.match(text)
    found = match and words.label(next(g for g in match.groups() if g is not None), lang)
    return (found[0], found[1], re.sub(r"^[-–—:]\s*", "", text[match.end():].strip())) if found else None


def split_labels(blocks: list[Block], lang: str) -> list[Part]:
    """Blocks split at paragraphs that start with a label; the blocks before the first label come first."""
    parts = [Part(None)]
    for block in blocks:
        found = paragraph_label(block.text, lang)
        if not found:
            parts[-1].blocks.append(block)
            continue
        role, title, rest = found
        title = re.sub(r"[*:\s]+$", "", BOLD_LABEL.match(block.text).group().strip("* ")) if role == "info" else title
        parts.append(Part(role, [Block(block.line, rest)] if rest else [], title))
    return [p for p in parts if p.blocks or p.role or p.title]


def heading_label(node: Node, lang: str) -> tuple[str, str] | None:
    """(role, rest) when a heading names a part ("### Cause 2: Throttling"); "Issue 1: Sync fails" names a
    problem, not its symptom."""
    found = words.label(node.title, lang, node.anchor)
    return None if found and found[0] == "symptom" and found[1] else found


PROBLEM_ROLES = ("symptom", "cause", "solution", "workaround")  # a note ("Related links:") alone makes no problem


def has_labels(node: Node, lang: str) -> bool:
    """Whether a heading's parts are labelled: by sub-headings (### Cause) or by paragraphs (**Cause:**)."""
    return any((heading_label(c, lang) or ("",))[0] in PROBLEM_ROLES for c in node.children) or any(
        p.role in PROBLEM_ROLES for p in split_labels(node.blocks, lang))


def parts_of(node: Node, lang: str) -> list[Part]:
    """A problem's parts in page order: its own text (split at labels), then each sub-heading."""
    parts = split_labels(node.blocks, lang)
    for child in node.children:
        if words.is_skipped(child.title, lang, child.anchor):
            continue
        parts += child_parts(child, lang)
    return parts


def child_parts(child: Node, lang: str) -> list[Part]:
    """One sub-heading as parts: a label names its role; a step heading is a step; anything else a section.

    Under a solution, the sub-headings are its steps (Method 1, Check ..., Confirm ...), each whole.
    """
    found = heading_label(child, lang)
    if found is None:
        if words.is_step(child.title, lang, child.anchor):
            return [step_part(child, lang)]
        return [Part("section", flatten(child), anchors=anchors_of(child))]
    role, rest = found
    # a note keeps its heading ("Limitation"): after the steps, it says what kind of text follows
    parts = [Part(role, list(child.blocks), child.title if role == "info" else rest, anchors=list(child.anchors))]
    for grandchild in child.children:
        if words.is_skipped(grandchild.title, lang, grandchild.anchor):
            continue
        if heading_label(grandchild, lang):
            parts += child_parts(grandchild, lang)
        elif role in ("solution", "workaround"):
            parts.append(step_part(grandchild, lang))
        else:
            parts[-1].blocks += flatten(grandchild)
            parts[-1].anchors += anchors_of(grandchild)
    return parts


def step_part(node: Node, lang: str) -> Part:
    """A sub-heading as one step, everything under it included; the list numbers it, so "Step 1" goes."""
    node = dataclasses.replace(node, title=words.without_step_number(node.title, lang))
    return Part("step", flatten(node), anchors=anchors_of(node))


def anchors_of(node: Node) -> list[str]:
    """A heading's anchors, then those of every heading under it: links to any of them lead to its part."""
    return list(node.anchors) + [a for child in node.children for a in anchors_of(child)]
