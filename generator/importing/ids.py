"""Record ids that mean something: the first meaningful words of the English title, with context
where the title alone says too little, and a word of the page, not a number, where ids clash.

- A code row's id carries its topic: `Error 40613` on a page about Azure SQL Database becomes
  `sql-database-error-40613`.
- A title that only names a part of a page (Known issues, Prerequisites, a single word) gets the
  words of the nearest heading above it that says more, or of the page.
- An id another record has gets words that tell them apart: its codes, more words of its own
  title or symptom, the page's topic. Only when nothing tells them apart does a number follow.
"""
from __future__ import annotations

import re

from generator.importing import words as vocabulary
from generator.analysis import analyzer

ID_WORDS = 6
# Stop words that change the meaning of a title: "does not open" must not become "open".
KEEP = {"not", "no", "cannot", "cant", "can", "wont", "doesnt", "isnt", "failed", "fails"}
# Titles that name a part of a page rather than a problem: such an id gets the words above it.
STRUCTURAL = {"symptom", "symptoms", "cause", "causes", "solution", "solutions", "resolution", "overview",
              "known-issues", "issues", "faq", "troubleshooting", "errors", "error", "other", "general",
              "more-information", "summary", "guidance", "tbd", "prerequisites", "basic-troubleshooting",
              "troubleshooting-steps", "common-errors", "other-errors", "limitations", "notes", "fix-problem"}


# Words that count a page's problems ("Issue 1: ...", "Scenario 2: ..."): the count says nothing in an id.
ORDINAL = {"issue", "problem", "scenario", "case", "step"}


def words(text: str) -> list[str]:
    """The meaningful words of a title or anchor, lower case, for an id."""
    stop = analyzer("en").stop_words
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", re.sub(r"['’]s\b", "", text))  # HeadTooHot -> Head Too Hot
    tokens = re.findall(r"[a-z0-9]+", spaced.lower().replace("'", "").replace("’", ""))
    return [w for w in tokens if w not in stop or w in KEEP or re.search(r"\d", w)]


def topic(title: str) -> list[str]:
    """What a page is about, in two words: the names in its title ("Azure SQL Database" -> sql, database)."""
    generic, stop = vocabulary.generic(), analyzer("en").stop_words
    names = [w for w in re.findall(r"[A-Za-z0-9][\w.'’-]*", title)[1:] if w[0].isupper() or w[0].isdigit()]
    # a name stays whole: MySQL is mysql, not "my sql"
    found = [w for name in names for w in re.findall(r"[a-z0-9]+", re.sub(r"['’]s$", "", name.lower()))
             if w not in generic and w not in stop]
    found = found or [w for w in words(title) if w not in generic]
    return found[:2]


def make_id(title: str, context: list[str], code_word: str = "", more: list[str] | None = None) -> str:
    """An id from a title; a bare code gets its kind and the page's topic (`sql-database-error-40613`),
    a structural title the words of the nearest heading above it that says more, or of the page."""
    own = words(title)
    if len(own) > 2 and own[0] in ORDINAL and own[1].isdigit() and len(own[1]) <= 2:  # "Issue 1: ..." counts
        own = own[2:]
    # after a name, its hex and decimal forms say it again: "DOOR_E_TIMEOUT (0x8c110001/-1944059903)"
    own = own[:1] + [w for w in own[1:] if not re.fullmatch(r"0x[0-9a-f]{8}|\d{7,}", w)]
    own = own[:ID_WORDS]
    about = topic(context[0] if context else "")
    if _numbered(own) and not set(about) & set(own):
        kind = [] if own[0].isalpha() else words(code_word or "error")[:1]
        own = (about + kind + own)[:ID_WORDS + 1]
    elif _structural(own):
        above = next((words(c) for c in reversed(context) if words(c) and not _structural(words(c))), [])
        own = above[:ID_WORDS - len(own[:2])] + own[:2]
    if _numbered(own) and re.fullmatch(r"\d{1,3}", own[-1]):  # "code-2" reads as a clash suffix: words of its text
        own += [w for w in more or [] if w not in own][:2]
    return "-".join(own) or "imported"


def names_part(title: str, anchor: str = "") -> bool:
    """A title that names a part of a page (Prerequisites, Known issues, Summary) rather than a problem;
    on a translated page, its English anchor tells."""
    return any("-".join(words(text)) in STRUCTURAL for text in (title, anchor.replace("-", " ")) if text)


def _numbered(own: list[str]) -> bool:
    """A title that is only a code number: "40613", "Error 40613", "Code 2"."""
    kinds = {"error", "code", "hresult", "status", "http"}
    return bool(own) and all(w.isdigit() or w in kinds for w in own) and any(w.isdigit() for w in own)


def _structural(own: list[str]) -> bool:
    return not own or "-".join(own) in STRUCTURAL or len(own) == 1


def unique(wanted: str, taken: set[str], more: list[str]) -> str:
    """`wanted`, or, when another record has it, `wanted` and the first of `more` (words of the record
    and its page) that make it free; a number only when no word does."""
    if wanted not in taken:
        return wanted
    have = set(wanted.split("-"))
    extra = [w for w in dict.fromkeys(more) if w not in have and (len(w) > 3 or any(c.isdigit() for c in w))]
    for count in range(1, 4):
        for start in range(len(extra)):
            rid = "-".join([wanted, *extra[start:start + count]])
            if rid not in taken:
                return rid
    rid, n = wanted, 1
    while rid in taken:
        n += 1
        rid = f"{wanted}-{n}"
    return rid
