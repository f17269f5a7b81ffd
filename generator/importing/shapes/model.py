"""What the shapes find on a page: problems made of labelled parts, and what is not a problem."""
from __future__ import annotations

from dataclasses import dataclass, field

from generator.importing.pages import Block, Node

# A part's role: symptom, cause, solution, workaround, info (what follows the steps), step (one
# check of a procedure, its heading kept as the step's first line), or None (not labelled: its
# place decides, see fields.py).
PART_ROLES = ("symptom", "cause", "solution", "workaround", "info", "step")


@dataclass
class Part:
    """Blocks of one role; `title` is what a label heading says after its label ("Cause 2: Throttling")."""

    role: str | None
    blocks: list[Block] = field(default_factory=list)
    title: str = ""
    anchors: list[str] = field(default_factory=list)  # a step's own anchors, to pin it (links to it keep working)


@dataclass
class Problem:
    """One troubleshooting problem of a page, in one language."""

    title: str
    anchors: list[str]
    line: int
    shape: str
    parts: list[Part]
    context: list[str]  # titles of the headings above it, page title first
    codes: list[str] = field(default_factory=list)  # codes the shape itself read (a table's code column)
    guessed: list[str] = field(default_factory=list)  # why an editor should look: "table columns guessed", ...
    title_context: str = ""  # a heading above, shown before a title that only names a part of a page

    @property
    def anchor(self) -> str:
        return self.anchors[0]


@dataclass
class Found:
    """What a page holds: problems, text for the area page, and what was left out by design."""

    problems: list[Problem] = field(default_factory=list)
    extras: list[Block] = field(default_factory=list)  # the area's introduction
    skipped: list[Node] = field(default_factory=list)  # next steps, see also, contact support
    navigation: list[Block] = field(default_factory=list)  # lists of links to places on the page itself
    empty: list[Node] = field(default_factory=list)  # headings over nothing (once includes are left out)
