"""Record ids: readable, from the English title's first meaningful words; unique across pages and areas."""
from __future__ import annotations

import re

from generator.search import analyzer

ID_WORDS = 6
# Stop words that change the meaning of a title: "does not open" must not become "open".
KEEP = {"not", "no", "cannot", "cant", "can", "wont", "doesnt", "isnt", "failed", "fails"}
# Titles that name a part of a page rather than a problem: such an id gets the page's words in front.
STRUCTURAL = {"symptom", "symptoms", "cause", "causes", "solution", "resolution", "overview", "known-issues",
              "issues", "faq", "troubleshooting", "errors", "error", "other", "general", "more-information"}


def words(text: str) -> list[str]:
    """The meaningful words of a title or anchor, lower case, for an id."""
    stop = analyzer("en").stop_words
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text)  # HeadTooHot -> Head Too Hot
    tokens = re.findall(r"[a-z0-9]+", spaced.lower().replace("'", "").replace("’", ""))
    return [w for w in tokens if w not in stop or w in KEEP or re.search(r"\d", w)]


def make_id(title: str, context: list[str]) -> str:
    """An id from a title; a bare structural title ("Known issues") gets the words of the nearest heading above
    it that is no such title, or of the page."""
    own = words(title)[:ID_WORDS]
    if _structural(own):
        above = next((words(c) for c in reversed(context) if words(c) and not _structural(words(c))), [])
        own = above[:ID_WORDS - len(own[:2])] + own[:2]
    return "-".join(own) or "imported"


def _structural(own: list[str]) -> bool:
    return not own or "-".join(own) in STRUCTURAL or len(own) == 1 and own[0] in STRUCTURAL


def unique(wanted: str, taken: set[str]) -> str:
    """`wanted`, or `wanted-2`, `-3`... when the id is taken by a record of another page."""
    rid, n = wanted, 1
    while rid in taken:
        n += 1
        rid = f"{wanted}-{n}"
    return rid
