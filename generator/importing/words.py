"""What a heading or a paragraph says about its part of a page, from the catalogue's words (import:).

A translated page carries the English anchor of each heading, so a Dutch heading is read in
Dutch and its anchor in English; the anchor wins where machine translation blurred the words
("Beperking" is both Mitigation and Limitation, the anchor says which).
"""
from __future__ import annotations

import re
from functools import cache

from generator.catalogues import catalogue
from generator.importing.pages import slugify

ROLES = ("symptom", "cause", "solution", "workaround", "info")
SOURCE = "en"  # the language of the anchors translated pages carry


@cache
def _words(lang: str, key: str) -> tuple[str, ...]:
    """The catalogue's words under import.<key> (labels.<role> for a role), longest first."""
    table = catalogue(lang).labels
    found = table["labels"][key] if key in ROLES else table[key]
    return tuple(sorted((w.lower() for w in found), key=len, reverse=True))


@cache
def _label_pattern(lang: str, role: str) -> re.Pattern[str]:
    """A label of `role`, maybe numbered ("Cause 2", "Solution for cause 1"), then what follows it."""
    words = "|".join(re.escape(w) for w in _words(lang, role))
    return re.compile(rf"(?:{words})(?:\s+\d+|\s+\w+\s+\w+\s+\d+)?\s*(?:[:.\-–—]\s*(.*))?", re.I | re.S)


@cache
def _anchor_pattern(role: str) -> re.Pattern[str]:
    """A label at the start of an English anchor's words ("cause 1 unencrypted channel"), then the rest."""
    words = "|".join(re.escape(w) for w in _words(SOURCE, role))
    return re.compile(rf"(?:{words})(?:\s+\d+(?:\s+(.*))?|\s+\w+\s+\w+\s+\d+)?$", re.I | re.S)


def _anchor_text(anchor: str) -> str:
    return anchor.replace("-", " ").replace("_", " ").strip()


def label(text: str, lang: str, anchor: str = "") -> tuple[str, str] | None:
    """(role, rest) when `text` names a part: "Cause 2: Throttling" -> ("cause", "Throttling").

    On a translated page whose heading names its English anchor, the anchor decides: "Algemene
    problemen" is Common issues (a label) or General issues (none), and only the anchor tells."""
    if lang != SOURCE and anchor and anchor != slugify(text):
        own = label(text, lang)
        for role in ROLES:
            if match := _anchor_pattern(role).match(_anchor_text(anchor)):
                rest = match.group(1) or ""
                return role, own[1] if own else rest if role == "symptom" else ""
        return None
    for role in ROLES:
        if match := _label_pattern(lang, role).fullmatch(text.strip()):
            return role, (match.group(1) or "").strip()
    return None


def _starts(text: str, lang: str, key: str, anchor: str = "") -> bool:
    """Whether `text` (or, on a translated page, its English anchor) starts with one of the words of `key`."""
    def starts(value: str, language: str) -> bool:
        value = " ".join(value.lower().split())
        return any(value == w or re.match(rf"{re.escape(w)}\b", value) for w in _words(language, key))
    return starts(text, lang) or bool(lang != SOURCE and anchor and starts(_anchor_text(anchor), SOURCE))


def _whole(text: str, lang: str, key: str, anchor: str = "") -> bool:
    """Whether `text` (or its English anchor) is one of the words of `key`, punctuation aside."""
    def whole(value: str, language: str) -> bool:
        return re.sub(r"[^\w\s']+", " ", value.lower()).split() in [w.split() for w in _words(language, key)]
    return whole(text, lang) or bool(lang != SOURCE and anchor and whole(_anchor_text(anchor), SOURCE))


def is_skipped(title: str, lang: str, anchor: str = "") -> bool:
    """A section that points elsewhere: next steps, see also, need help? contact support."""
    return _starts(title, lang, "skip", anchor)


def is_overview(title: str, lang: str, anchor: str = "") -> bool:
    """A section that explains rather than fixes: overview, summary, background, understanding ..."""
    return _starts(title, lang, "overview", anchor)


def is_procedure(title: str, lang: str, anchor: str = "") -> bool:
    """A heading whose section is one list of checks: Prerequisites, Basic troubleshooting, ..."""
    return _whole(title, lang, "procedure", anchor)


STEP_NUMBER = re.compile(r"\d+\s*[.):]\s")


def is_step(title: str, lang: str, anchor: str = "") -> bool:
    """A step heading: "Step 1 ...", "Stap 3-controle", "Method 2: ...", "1. Observe", "Prerequisite step"."""
    def step(value: str, language: str) -> bool:
        value = " ".join(value.lower().split())
        return bool(STEP_NUMBER.match(value + " ")) or any(
            re.match(rf"{re.escape(w)}(?:\s*\d+\b|$)", value) for w in _words(language, "step_words"))
    return step(title, lang) or bool(lang != SOURCE and anchor and step(_anchor_text(anchor), SOURCE))


def without_step_number(title: str, lang: str) -> str:
    """A step heading without the number the list gives it: "Step 1 Check ..." -> "Check ...", "1. Observe" ->
    "Observe", "Stap 3-controle voor" -> "controle voor"; "Method 2: ..." names an alternative and stays."""
    counted = "|".join(re.escape(w) for w in _words(lang, "sequence"))
    rest = re.sub(rf"^\s*(?:(?:{counted})\s*\d+\b|\d+\s*[.):])\s*[:.\-–—]?\s*", "", title, flags=re.I)
    return rest if rest.strip() else title


def is_question(title: str, lang: str, anchor: str = "") -> bool:
    """A question or a reader's own words ("I can't ...", "Why is my app slow?"): the text answers it."""
    return title.strip().endswith("?") or _starts(title.replace("’", "'"), lang, "questions", anchor)


def names_problem(title: str, lang: str, anchor: str = "") -> bool:
    """A title that names a problem by its kind: "Error: ...", "Issue 1: ...", "Fout: ..."."""
    return _starts(title, lang, "problem_words", anchor)


def starts_with_cue(text: str, lang: str, kind: str) -> bool:
    """A paragraph that starts with a cause or fix cue ("This error occurs ...", "To resolve ...")."""
    plain = re.sub(r"^[*_\s]+", "", text).lower()
    return any(plain.startswith(w) for w in _words(lang, f"{kind}_cues"))


def column(header: str, lang: str) -> str | None:
    """What a table column holds by its header: code, name, message, symptom, cause or resolution."""
    text = " ".join(re.sub(r"[*_`:]", "", header).lower().split())
    for role, words in catalogue(lang).labels["columns"].items():
        if text in (w.lower() for w in words):
            return role
    return None


def generic(lang: str = SOURCE) -> frozenset[str]:
    """Title words that name no topic: troubleshoot, common, issues, errors, azure ..."""
    return frozenset(_words(lang, "generic"))
