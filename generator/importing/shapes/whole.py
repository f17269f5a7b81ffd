"""Shapes B and J: the whole page is one problem.

B: its `##` sections are the labelled parts (Symptom, Cause, Resolution, Troubleshooting steps); J: its
introduction states the problem ("**Problem** – ...") and the sections fix it. The page's title is the
problem's title. The introduction and any overview are its symptom when no section names one, else
they go to the area page. Sections that are problems of their own (an FAQ after the fix) are left to
the caller; sections that are none (Further diagnosis) are parts in their place.
"""
from __future__ import annotations

from generator.importing import words
from generator.importing.blocks import flatten
from generator.importing.pages import Block, Node, Page
from generator.importing.shapes.category import harvest, problem_like
from generator.importing.shapes.model import Found, Part, Problem
from generator.importing.shapes.parts import anchors_of, child_parts, heading_label, split_labels

PROBLEM_ROLES = ("symptom", "cause", "solution", "workaround")


def _role(node: Node, lang: str) -> str | None:
    found = heading_label(node, lang)
    return found[0] if found and found[0] in PROBLEM_ROLES else None


def page_problem(page: Page, sections: list[Node], intro: list[Block], found: Found) -> list[Node] | None:
    """Add the page's one problem to `found` and return the sections left to walk; None when the page
    is not one problem."""
    lang = page.lang
    listed = [s for s in sections if s.navigation and not s.blocks and not s.children]  # links to the steps below
    sections = [s for s in sections if s not in listed]
    labelled = [s for s in sections if _role(s, lang)]
    overviews = [s for s in sections if s not in labelled and words.is_overview(s.title, lang, s.anchor)]
    others = [s for s in sections if s not in labelled and s not in overviews]
    lead = split_labels(intro, lang)
    stated = any(p.role == "symptom" for p in lead)
    own = [s for s in others if not problem_like(s, lang)]
    # one labelled section (Troubleshooting steps) is the page's problem when it comes before any problem of
    # its own (an FAQ after it); after one (## Solutions), it belongs to that problem
    first = next((sections.index(s) for s in others if s not in own), len(sections))
    ahead = bool(labelled) and all(sections.index(s) < first for s in labelled)
    if not (len(labelled) >= 2 or ((labelled or stated) and (len(own) == len(others) or ahead))):
        return None
    has_symptom = stated or any(_role(s, lang) == "symptom" for s in labelled)
    background = lead + [Part(None, flatten(s)) for s in overviews]
    if has_symptom:
        found.extras += [b for p in background if p.role is None for b in p.blocks]
        parts = [p for p in lead if p.role]
    else:
        parts = [Part("symptom", [b for p in background for b in p.blocks])] if background else []
    held = []  # code lists in its sections are problems of their own (as table rows are)
    for section in sections:
        if section in labelled or section in own:
            held += harvest(section, lang, [page.title], tables=False)
        if section in labelled:
            parts += child_parts(section, lang)
        elif section in own:
            parts.append(Part("section", flatten(section), anchors=anchors_of(section)))
    anchors = page.root.anchors + [a for s in labelled + own + listed for a in s.anchors]
    found.problems.append(Problem(page.title, anchors, page.root.line, "B" if labelled else "J", parts, [page.title]))
    found.problems += held
    found.skipped += listed
    return [s for s in others if s not in own]
