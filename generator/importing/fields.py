"""A problem's parts as a record's fields, in page order: symptom, then each solution's cause, text, steps, note.

Every block lands in exactly one field, so no word is lost or doubled, and nothing is added: a
part the page does not give is left out. Only label words are dropped. In a solution, a single
list is its steps, the prose before it its text, and what follows (a tip, "if this did not help")
its note; a solution with several lists keeps them as its text, as the page has them.

Unlabelled prose (shapes E and H) is told apart by the catalogue's cues: a cause cue ("This error
occurs ...") starts the cause, a fix cue ("To resolve ...") or a list what to do, and what comes
before them is the symptom. Without a cue the text is all what to do; a question is all answer.
The record then says the fields were guessed, for the review queue.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from generator.importing import words
from generator.importing.blocks import is_code, is_list, is_ordered, is_prose, list_items, plain
from generator.importing.pages import Block
from generator.importing.shapes.model import Part, Problem

Convert = Callable[[Block], str]
LABELLED = ("symptom", "cause", "solution", "workaround")  # the roles a page names; the rest follow them


@dataclass
class _Solution:
    cause: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    steps: list[Any] = field(default_factory=list)  # Markdown, or {id, text} for a step with an anchor of its own
    note: list[str] = field(default_factory=list)

    @property
    def acts(self) -> bool:
        """Whether it already says what to do: more text now is its note."""
        return bool(self.text or self.steps or self.note)

    def record(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: "\n\n".join(v) for k, v in
                               (("cause", self.cause), ("text", self.text), ("note", self.note)) if v}
        if self.steps:
            out["steps"] = self.steps
        return {k: out[k] for k in ("cause", "text", "steps", "note") if k in out}


Layout = tuple[tuple[str, int], ...]  # how prose was told apart: (role, number of blocks), in order


@dataclass
class Text:
    """One language of a record, whether its fields were guessed from prose, and how."""

    fields: dict[str, Any]
    guessed: bool
    layout: Layout = ()


def record_text(problem: Problem, lang: str, convert: Convert, pinned: frozenset[str] | set[str] = frozenset(),
                like: Layout = ()) -> Text:
    """Title, symptom (when the page gives one) and solutions of one problem in one language; a step made
    of a sub-heading whose anchor is in `pinned` keeps that anchor as its id. Prose is told apart as in
    `like` (the source language's layout) when it has as many blocks: a translation keeps the structure."""
    parts, guessed, layout = problem.parts, False, ()
    labelled = any(p.role in LABELLED for p in parts)  # else its sub-headings are ways out of their own
    if not labelled:
        question = words.is_question(problem.title, lang, problem.anchor)
        parts, layout = _guess(parts, lang, question, like)
        guessed = not question and len(layout) > 1  # a question's text is its answer; one part is no guess
    symptom: list[str] = []
    solutions: list[_Solution] = []
    pending: list[str] = []  # unlabelled sections after a cause, waiting for what to do
    for part in parts:
        texts = ([f"**{part.title}**"] if part.title else []) + [convert(b) for b in part.blocks if b.text.strip()]
        role = part.role
        if not texts and role not in ("solution", "workaround"):
            continue
        if role == "symptom" or (role is None and not solutions):
            symptom += texts
        elif role == "cause":  # what to do may follow in the same part: from a fix cue ("As a workaround, ...")
            at = next((i for i, b in enumerate(part.blocks, start=len(texts) - len(part.blocks))
                       if i and (words.starts_with_cue(b.text, lang, "fix") or is_list(b.text))), len(texts))
            solutions.append(_Solution(cause=texts[:at]))
            if at < len(texts):
                _body(solutions[-1], texts[at:])
        elif role in ("solution", "workaround"):
            target = solutions[-1] if solutions and not solutions[-1].acts else _new(solutions)
            _body(target, pending + texts)
            pending = []
        elif role == "step":
            target = solutions[-1] if solutions and not solutions[-1].note else _new(solutions)
            text = "\n\n".join(texts)
            target.steps.append({"id": part.anchors[0], "text": text} if part.anchors and part.anchors[0] in pinned
                                else text)
        elif role == "section" and not labelled:  # a sub-heading of prose: a way out of its own
            _body(_new(solutions), texts)
        elif solutions and solutions[-1].acts:  # a note, or a section after what to do
            solutions[-1].note += pending + texts
            pending = []
        elif role == "section":
            pending += texts
        elif solutions:  # a note before anything to do: it follows the cause
            solutions[-1].cause += texts
        else:  # a note before any cause: it follows the symptom
            symptom += texts
    if pending and solutions:
        solutions[-1].note += pending
    elif pending:  # sections and no label over what to do: they are what to do
        _body(_new(solutions), pending)
    title = plain(problem.title)  # a title is plain text: a heading's emphasis and code marks go
    out: dict[str, Any] = {"title": f"{plain(problem.title_context)} – {title}" if problem.title_context else title}
    if symptom:
        out["symptom"] = "\n\n".join(symptom)
    out["solutions"] = [s.record() for s in solutions if s.record()]  # a label over nothing says nothing
    return Text(out, guessed, layout)


def _new(solutions: list[_Solution]) -> _Solution:
    solutions.append(_Solution())
    return solutions[-1]


def _body(solution: _Solution, texts: list[str]) -> None:
    """What to do: a single list is the steps, prose before it the text, what follows the note."""
    merged = _merge_lists(texts)
    lists = [i for i, t in enumerate(merged) if isinstance(t, list)]
    if len(lists) != 1:  # no list, or several: the text as the page has it
        solution.text += texts
        return
    at = lists[0]
    solution.text += merged[:at]  # type: ignore[arg-type]
    solution.steps += merged[at]  # type: ignore[arg-type]
    solution.note += merged[at + 1:]  # type: ignore[arg-type]


def _merge_lists(texts: list[str]) -> list[str | list[str]]:
    """Texts with each list as its items; a list interrupted only by code, images or notes (a fence the
    page forgot to indent) continues, the interruption going with the item before it."""
    out: list[str | list[str]] = []
    held: list[str] = []  # non-prose blocks after a list, which may belong to its last item
    for text in texts:
        items = list_items(text) if is_list(text) else []
        if items and held is not None and out and isinstance(out[-1], list) and _continues(text, held):
            out[-1][-1] = "\n\n".join([out[-1][-1], *held])
            out[-1].extend(items)
            held = []
        elif items:
            out += held
            held = []
            out.append(items)
        elif out and isinstance(out[-1], list) and not is_prose(text):
            held.append(text)
        else:
            out += held + [text]
            held = []
    return out + held


def _continues(text: str, between: list[str]) -> bool:
    """Whether a list goes on the list before it: only code, images or notes in between."""
    return bool(between) and all(is_code(t) or not is_prose(t) for t in between) and \
        (is_ordered(text) or not re.match(r"\s*\d", text))


def _guess(parts: list[Part], lang: str, question: bool, like: Layout) -> tuple[list[Part], Layout]:
    """Roles for unlabelled prose, by the catalogue's cues (or as `like` has them): symptom, cause, what to do."""
    lead = parts[0].blocks if parts and parts[0].role is None else []
    rest = parts[1:] if parts and parts[0].role is None else parts
    layout = like if sum(n for _, n in like) == len(lead) and like else _layout(lead, lang, question)
    out, at = [], 0
    for role, count in layout:
        out.append(Part(role, lead[at:at + count]))
        at += count
    return out + rest, layout


def _layout(lead: list[Block], lang: str, question: bool) -> Layout:
    """(role, blocks) for prose: a cause cue starts the cause, a fix cue or a list what to do; what comes
    before them says what happens. No cue (or a question): it is all what to do."""
    if question or not lead:
        return (("solution", len(lead)),) if lead else ()
    cause = next((i for i, b in enumerate(lead) if words.starts_with_cue(b.text, lang, "cause")), None)
    fix = next((i for i, b in enumerate(lead) if words.starts_with_cue(b.text, lang, "fix")), None)
    after = cause if cause is not None else -1
    listed = next((i for i, b in enumerate(lead) if i > after and is_list(b.text)), None)
    fix = fix if fix is not None and fix > after else listed
    shown = 2 if len(lead) > 2 and lead[0].text.rstrip().endswith(":") and not is_prose(lead[1].text) else 0
    if shown and cause is None and fix in (None, 0, 1, 2):  # "The panel shows this message:" and the message
        return (("symptom", 2), ("solution", len(lead) - 2))
    if cause is None and fix in (None, 0):
        return (("solution", len(lead)),)
    if cause is None:  # a fix cue: the text before it says what happens (a message shown with it), then why
        symptom = 1 + (fix > 1 and not is_prose(lead[1].text))
        cause = symptom if symptom < fix else None
    else:
        symptom = cause
    fix = len(lead) if fix is None else fix
    spans = [("symptom", symptom), ("cause", fix - cause if cause is not None else 0), ("solution", len(lead) - fix)]
    return tuple((role, n) for role, n in spans if n > 0)
