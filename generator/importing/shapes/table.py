"""Shapes C and I: a table read by its header, one problem per row.

Each column is named by its header in the page's language (catalogue `import.columns`): a code
column gives the row's codes (and its title), a message, symptom or description column what the
user sees, a cause column the cause, a resolution column what to do. Any other column stays as
labelled text of the symptom ("**Severity:** 17"). A column whose header says "Error" but whose
cells are sentences is a message, not a code: the review queue says the columns were guessed.

A table is one problem per row only when every row says what to do or why (a resolution or a
cause); a table of codes and messages alone stays whole in its section, which lists its codes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.importing import words
from generator.importing.blocks import Table, cell_markdown, plain, table
from generator.importing.pages import Block, Node, slugify
from generator.importing.shapes.model import Part, Problem

CODE_CELL = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*")
NAME_WORDS = 6  # a name column's cell this short names the row (its title); longer, it tells what happens
TEXT_ROLES = ("message", "symptom")


@dataclass(frozen=True)
class Columns:
    """What each column of a table holds, and whether the header alone did not tell."""

    roles: list[str | None]
    guessed: bool

    def index(self, role: str) -> int | None:
        return self.roles.index(role) if role in self.roles else None


def columns(found: Table, lang: str) -> Columns:
    """Each column's role by its header; a code column must mostly hold codes, else it is a message."""
    roles, guessed = [words.column(h, lang) for h in found.header], False
    for i, role in enumerate(roles):
        if role == "code" and roles.index("code") != i:  # a second code column names the first one's codes
            roles[i] = role = "name"
        if role in ("code", "name"):
            cells = [row[i] for _, row in found.rows if i < len(row) and not _blank(row[i])]
            if sum(bool(_codes(c)[0]) for c in cells) * 2 < len(cells):
                roles[i], guessed = "message", True
    return Columns(roles, guessed)


def is_rows(found: Table, cols: Columns) -> bool:
    """A table of problems: codes or messages, and in every row a resolution or a cause."""
    said = [i for i in (cols.index("resolution"), cols.index("cause")) if i is not None]
    named = any(role in ("code", "name", *TEXT_ROLES) for role in cols.roles)
    return named and bool(said) and all(any(i < len(row) and not _blank(row[i]) for i in said)
                                        for _, row in found.rows)


def codes_of(found: Table, cols: Columns) -> list[str]:
    """The codes a table's code and name columns hold, in order."""
    out: list[str] = []
    for _, row in found.rows:
        for i, role in enumerate(cols.roles):
            if role in ("code", "name") and i < len(row):
                out += _codes(row[i])[0]
    return list(dict.fromkeys(out))


def rows(block: Block, node: Node, lang: str, context: list[str]) -> list[Problem] | None:
    """One problem per row of the table in `block`, or None when the block is no such table."""
    found = table(block)
    if found is None:
        return None
    cols = columns(found, lang)
    if not is_rows(found, cols):
        return None
    problems, seen = [], {}
    for number, (line, row) in enumerate(found.rows, start=1):
        problem = _row(row, line, cols, found.header, lang, context)
        key = problem.anchors[0] if problem.anchors else f"{node.anchor}-row-{number}"
        seen[key] = seen.get(key, 0) + 1
        problem.anchors = [key if seen[key] == 1 else f"{key}-{seen[key]}"]
        problem.guessed += ["table columns guessed"] if cols.guessed else []
        problems.append(problem)
    return problems


def _row(row: list[str], line: int, cols: Columns, header: list[str], lang: str, context: list[str]) -> Problem:
    """One row: the code and name give the title, the other columns the parts, in the page's column order."""
    def cell(i: int | None) -> str:
        return row[i] if i is not None and i < len(row) and not _blank(row[i]) else ""
    codes, extra = _codes(cell(cols.index("code")))
    names, about = _codes(cell(cols.index("name")))
    name = " / ".join(names)
    if not names and 0 < len(plain(about).split()) <= NAME_WORDS:  # a name in words ("Niet geautoriseerd")
        name, about = plain(about), ""
    symptom = [t for t in (extra, about) if t]
    cause, solution, labelled = [], [], []
    for i, role in enumerate(cols.roles):
        if not cell(i) or role in ("code", "name"):
            continue
        if role in ("message", "symptom"):
            symptom.append(cell_markdown(cell(i)))
        elif role in ("cause", "resolution"):
            (cause if role == "cause" else solution).append(cell_markdown(cell(i)))
        elif header[i].strip("* "):  # a column the catalogue does not name: labelled text, after the message
            labelled.append(f"**{plain(header[i])}:** {cell_markdown(cell(i))}")
    symptom += labelled
    code_header = header[cols.index("code")] if cols.index("code") is not None else ""
    parts = [Part(role, [Block(line, t) for t in texts])
             for role, texts in (("symptom", symptom), ("cause", cause), ("solution", solution)) if texts]
    problem = Problem(_title(codes, name, code_header, symptom), [], line, "C", parts, context,
                      list(dict.fromkeys(codes + names)))
    problem.anchors = [slugify(" ".join(codes))] if codes else []  # the code column pairs the languages
    return problem


def _title(codes: list[str], name: str, header: str, symptom: list[str]) -> str:
    """A row's title: its code ("Error 40613" when the code is a bare number), then its name; without
    a code, its name or the first sentence of what the user sees."""
    code = " / ".join(codes)
    if code and code.isdigit():  # a bare number: the column's header says what it counts ("Error 40613")
        code = f"{plain(header)} {code}".strip()
    if code and name and name not in code:
        return f"{code}: {name}"
    if code or name:
        return code or name
    first = plain(symptom[0].split("\n")[0]).rstrip(":") if symptom else ""  # its first line, or sentence
    return re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]


def _codes(text: str) -> tuple[list[str], str]:
    """The codes a code cell names ("**A** or **B**", "`0x80070005`", "40613"), and any text after them."""
    head, _, rest = re.sub(r"\s*<br\s*/?>\s*", "\n", text.strip(), count=1, flags=re.I).partition("\n")
    marked = re.findall(r"\*\*([^*]+)\*\*|`([^`]+)`", head)
    found = [a or b for a, b in marked] if marked else re.split(r"\s*(?:,|/|\bor\b|\bof\b)\s*", plain(head))
    codes = [c.strip().rstrip(":") for c in found if CODE_CELL.fullmatch(c.strip().rstrip(":"))]
    if not codes or (not marked and len(codes) != len([c for c in found if c.strip()])):
        return [], cell_markdown(text) if text.strip() and not _blank(text) else ""
    leftover = re.sub(r"\*\*[^*]+\*\*|`[^`]+`|\bor\b", "", head).strip(" :") if marked else ""
    return codes, cell_markdown("\n".join(t for t in (leftover, rest) if t.strip()))


def _blank(text: str) -> bool:
    return plain(text).strip(" -–—") == ""


def codes_in(blocks: list[Block], lang: str) -> list[str]:
    """The codes of the tables among `blocks` that stay whole (a code column without a fix per row)."""
    out: list[str] = []
    for block in blocks:
        if (found := table(block)) is not None:
            cols = columns(found, lang)
            out += codes_of(found, cols) if cols.index("code") is not None else []
    return out
