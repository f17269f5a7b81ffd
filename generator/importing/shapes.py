"""Find the problems on a page, whatever its shape, and the labelled parts of each.

Shapes (see README): A, a `##` problem whose `###` headings or bold paragraphs are labels
(Symptom, Cause 1, Solution, ...); B, a whole page that is one problem with labelled `##`
sections; C, a table of error codes, one problem per row; D, a `##` category holding problems;
E, free prose under a heading. Label words are data, per language, in the catalogues.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.catalogues import catalogue
from generator.importing.pages import Block, Node, Page, slugify

ROLES = ("symptom", "cause", "solution", "workaround", "info")
# Sections that point elsewhere rather than fix anything, by their English anchor (Dutch pages carry it too).
SKIP = {"next-steps", "see-also", "related-content", "related-articles", "additional-resources",
        "need-help-contact-support", "provide-feedback"}
BOLD_LABEL = re.compile(r"\*\*([^*\n]{1,60}?)\*\*\s*:?\s*|\*\*([^*\n]{1,60}?):\*\*\s*|([A-Z][\w ]{1,30}?):\s+")


@dataclass
class Part:
    """Blocks of one role (None: not labelled); `title` is what a label heading says after its label."""

    role: str | None
    blocks: list[Block] = field(default_factory=list)
    title: str = ""


@dataclass
class Problem:
    """One troubleshooting problem of a page, in one language."""

    title: str
    anchors: list[str]
    line: int
    shape: str
    parts: list[Part]
    context: list[str]  # titles of the headings above it, page title first
    codes: list[str] = field(default_factory=list)  # from an error-code table's first cell


@dataclass
class Found:
    """What a page holds: problems, text for the area page, and sections left out by design."""

    problems: list[Problem] = field(default_factory=list)
    extras: list[Block] = field(default_factory=list)
    skipped: list[Node] = field(default_factory=list)


def label(text: str, lang: str) -> tuple[str, str] | None:
    """(role, rest) when `text` is a label of `lang`, maybe numbered: "Cause 2: Throttling" -> ("cause", "Throttling")."""
    words = catalogue(lang).labels
    for role in ROLES:
        for word in sorted(words[role], key=len, reverse=True):
            match = re.fullmatch(rf"{re.escape(word)}(?:\s+\d+|\s+\w+\s+\w+\s+\d+)?\s*(?:[:.\-–]\s*(.*))?",
                                 text.strip(), re.I | re.S)
            if match:
                return role, (match.group(1) or "").strip()
    return None


def find(page: Page) -> Found:
    """The problems of a page, by shape, in page order."""
    found = Found(extras=list(page.root.blocks))
    children = page.root.children
    labelled = [c for c in children if label(c.title, page.lang)]
    if len(labelled) >= 2:  # shape B: the page is one problem
        first = children.index(labelled[0])
        for lead in children[:first]:
            _as_extra(lead, found)
        parts = [_part(c, page.lang) for c in children[first:] if label(c.title, page.lang)]
        anchors = page.root.anchors + [a for c in children[:first] + labelled for a in c.anchors]
        found.problems.append(Problem(page.title, anchors, page.root.line, "B", parts, [page.title]))
        children = [c for c in children[first:] if not label(c.title, page.lang)]
    for child in children:
        _walk(child, page, [page.title], found)
    seen: set[str] = set()
    for problem in found.problems:  # anchors pair the languages: each must be unique on its page
        while problem.anchors[0] in seen:
            problem.anchors[0] += "-2"
        seen.add(problem.anchors[0])
    return found


def _walk(node: Node, page: Page, context: list[str], found: Found) -> None:
    """Sort one heading into a problem, a category of problems, a table of codes or a skipped section."""
    if node.anchor in SKIP or any(a in SKIP for a in node.anchors):
        found.skipped.append(node)
        return
    if any(label(c.title, page.lang) for c in node.children):  # shape A with headings
        parts = [Part(None, node.blocks)] + [_part(c, page.lang) for c in node.children]
        found.problems.append(Problem(node.title, node.anchors, node.line, "A", parts, context))
        return
    parts = _labelled(node.blocks, page.lang)
    labelled = any(p.role for p in parts)  # a labelled problem keeps its tables whole
    tables = [] if labelled else [b for b in node.blocks if _code_table(b, page.lang)]
    if tables or node.children:  # shape C or D: the heading only groups what is below it
        found.extras.append(Block(node.line, f"**{node.title}**"))
        first = len(found.problems)
        for block in node.blocks:
            if block in tables:
                found.problems += _rows(block, node, context + [node.title])
            else:
                found.extras.append(block)
        for child in node.children:
            _walk(child, page, context + [node.title], found)
        if len(found.problems) > first:  # a link to the group's heading leads to its first problem
            found.problems[first].anchors += node.anchors
        return
    found.problems.append(Problem(node.title, node.anchors, node.line, "A" if labelled else "E", parts, context))


def _as_extra(node: Node, found: Found) -> None:
    """A section that is no problem, kept for the area page: title, text and sub-sections."""
    found.extras.append(Block(node.line, f"**{node.title}**"))
    found.extras += _flatten(node)


def _part(node: Node, lang: str) -> Part:
    """A labelled heading's part; its sub-headings stay whole, each as one block."""
    role, rest = label(node.title, lang) or (None, node.title)
    return Part(role, _flatten(node), rest)


def _flatten(node: Node) -> list[Block]:
    """A node's blocks, then each sub-heading as one block: its bold title and its text together."""
    out = list(node.blocks)
    for child in node.children:
        body = [f"**{child.title}**"] + [b.text for b in _flatten(child)]
        out.append(Block(child.line, "\n\n".join(body)))
    return out


def _labelled(blocks: list[Block], lang: str) -> list[Part]:
    """Split blocks at paragraphs that start with a label (`**Cause:** ...`, `Cause: ...`)."""
    parts = [Part(None)]
    for block in blocks:
        match = BOLD_LABEL.match(block.text)
        found = match and label(next(g for g in match.groups() if g is not None), lang)
        if not found:
            parts[-1].blocks.append(block)
            continue
        rest = block.text[match.end():].strip()
        parts.append(Part(found[0], [Block(block.line, rest)] if rest else [], found[1]))
    return [p for p in parts if p.blocks or p.role or p.title]


def _code_table(block: Block, lang: str) -> bool:
    """A table whose first column holds error codes, by its header."""
    if not block.text.startswith("|"):
        return False
    header = _cells(block.text.splitlines()[0])
    return bool(header) and header[0].strip("* ").lower() in catalogue(lang).labels["code_headers"]


def _cells(line: str) -> list[str]:
    """The cells of one table row (escaped pipes stay in the text)."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]


def _rows(block: Block, node: Node, context: list[str]) -> list[Problem]:
    """One problem per table row: code (title), message (symptom), what to do (solution)."""
    problems, width = [], len(_cells(block.text.splitlines()[0]))
    for i, line in enumerate(block.text.splitlines()[2:], start=2):
        cells = [re.sub(r"\s*<br\s*/?>\s*", "\n\n", c) for c in _cells(line)[:width]]  # no stray "| |"
        if len(cells) < 2 or not cells[0]:
            continue
        head, _, more = cells[0].partition("\n\n")
        codes = re.findall(r"\*\*([A-Za-z][A-Za-z0-9_.-]+)\*\*", head)
        title = re.sub(r"\*\*", "", head).strip().rstrip(":")
        code = " ".join(codes) or (title if re.fullmatch(r"[\w.-]+", title) else "")
        anchor = slugify(code) if code else f"{node.anchor}-{i - 1}"  # codes are the same in every language
        at = Block(block.line + i, "")
        symptom = [Block(at.line, t) for t in [more, *cells[1:-1]] if t]
        parts = [Part("symptom", symptom), Part("solution", [Block(at.line, cells[-1])])]
        problems.append(Problem(title, [anchor], at.line, "C", parts, context, codes))
    return problems
