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
    filled = _Fields(lang, labelled, frozenset(pinned))
    for part in parts:
        filled.add(part, ([f"**{part.title}**"] if part.title else []) +
                   [convert(b) for b in part.blocks if b.text.strip()])
    title = plain(problem.title)  # a title is plain text: a heading's emphasis and code marks go
    out: dict[str, Any] = {"title": f"{plain(problem.title_context)} – {title}" if problem.title_context else title}
    return Text(out | filled.record(), guessed, layout)


@dataclass
class _Fields:
    """The fields of one language of a record, filled part by part in page order."""

    lang: str
    labelled: bool  # the page names the parts: an unlabelled section follows them, else it is a way out
    pinned: frozenset[str]
    symptom: list[str] = field(default_factory=list)
    solutions: list[_Solution] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)  # sections after a cause, waiting for what to do

    def add(self, part: Part, texts: list[str]) -> None:
        """One part: its role decides its field; a part without a role follows the one before."""
        if not texts and part.role not in ("solution", "workaround"):
            return
        role = part.role or ("symptom" if not self.solutions else "info")
        if role == "section":
            role = "way" if not self.labelled else "info" if self.acting else "pending"
        {"symptom": self._symptom, "cause": self._cause, "solution": self._solution, "workaround": self._solution,
         "step": self._step, "way": self._way, "pending": self.pending.extend, "info": self._note}[role](
            *((part, texts) if role == "step" else (texts,)))

    @property
    def acting(self) -> bool:
        return bool(self.solutions) and self.solutions[-1].acts

    def _symptom(self, texts: list[str]) -> None:
        self.symptom += texts

    def _cause(self, texts: list[str]) -> None:
        """A cause; what to do may follow in the same part, from a fix cue ("As a workaround, ...") or a list."""
        at = next((i for i, t in enumerate(texts) if i and (words.starts_with_cue(t, self.lang, "fix")
                                                           or is_list(t))), len(texts))
        self.solutions.append(_Solution(cause=texts[:at]))
        if at < len(texts):
            _body(self.solutions[-1], texts[at:])

    def _solution(self, texts: list[str]) -> None:
        """What to do, for the cause before it (or a solution of its own); held sections lead in."""
        _body(self.solutions[-1] if self.solutions and not self.acting else self._new(), self.pending + texts)
        self.pending = []

    def _step(self, part: Part, texts: list[str]) -> None:
        """A sub-heading as one step of the solution at hand, with its anchor when it keeps one."""
        target = self.solutions[-1] if self.solutions and not self.solutions[-1].note else self._new()
        text = "\n\n".join(texts)
        target.steps.append({"id": part.anchors[0], "text": text} if part.anchors and part.anchors[0] in self.pinned
                            else text)

    def _way(self, texts: list[str]) -> None:
        _body(self._new(), texts)

    def _note(self, texts: list[str]) -> None:
        """A note: after what to do; before it, it follows the cause, or the symptom."""
        if self.acting:
            self.solutions[-1].note += self.pending + texts
            self.pending = []
        elif self.solutions:
            self.solutions[-1].cause += texts
        else:
            self.symptom += texts

    def _new(self) -> _Solution:
        self.solutions.append(_Solution())
        return self.solutions[-1]

    def record(self) -> dict[str, Any]:
        """symptom (when there is one) and solutions; sections still held go after what to do."""
        if self.pending and self.solutions:
            self.solutions[-1].note += self.pending
        elif self.pending:  # sections and no label over what to do: they are what to do
            _body(self._new(), self.pending)
        out: dict[str, Any] = {"symptom": "\n\n".join(self.symptom)} if self.symptom else {}
        return out | {"solutions": [s.record() for s in self.solutions if s.record()]}  # a label over nothing


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
        if items and out and isinstance(out[-1], list) and _continues(text, held):
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
