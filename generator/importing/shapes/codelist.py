"""A list of codes: each item names a code and carries its own labelled parts, like a table's row.

    - **DEVICE_LOCKED** (0x80041001 / -2147217407)
      - Reason: the device is locked by policy.
      - Resolution: unlock it from the portal.

Each item becomes one problem: its first line is the title and gives the codes, each labelled
sub-item ("Reason:", "Resolution:", "Oorzaak:", "Oplossing:") a part. Unlabelled sub-items
follow the part before them.
"""
from __future__ import annotations

import re

from generator.importing import codes as code_finder
from generator.importing.blocks import list_items, plain
from generator.importing.pages import Block, slugify
from generator.importing.shapes.model import Part, Problem
from generator.importing.shapes.parts import paragraph_label

LEADING_CODE = re.compile(r"\s*(\*\*[^*\n]+\*\*|`[^`\n]+`)")


def problems(block: Block, lang: str, context: list[str]) -> list[Problem] | None:
    """One problem per item when every item (two at least) starts with a code and has a labelled part."""
    items = list_items(block.text)
    if len(items) < 2:
        return None
    found = [_item(item, block, lang, context) for item in items]
    if not all(found):
        return None
    return found  # type: ignore[return-value]


def _item(item: str, block: Block, lang: str, context: list[str]) -> Problem | None:
    """One item as a problem, or None when it does not name a code or label a part."""
    head, _, body = item.partition("\n")
    codes = code_finder.find(head, "") if LEADING_CODE.match(head) else []
    if not codes:
        return None
    line = block.line + block.text[:block.text.find(head)].count("\n")
    parts = [Part(None)]
    for sub in list_items(body.strip()) or [p for p in re.split(r"\n\s*\n", body.strip()) if p]:
        found = paragraph_label(sub, lang)
        if found:
            role, title, rest = found
            parts.append(Part(role, [Block(line, rest)] if rest else [], title))
        else:
            parts[-1].blocks.append(Block(line, sub))
    if not any(p.role for p in parts):
        return None
    return Problem(plain(head), [slugify(codes[0])], line, "C", [p for p in parts if p.blocks or p.role], context,
                   codes)
