"""Words that mean the same to someone searching: the groups search matches as one (analysis.Analyzer).

Three sources, per language: content_src/synonyms.yaml (editors' groups, which win); the
abbreviations the content itself defines or implies; and the language's everyday equivalents in its
catalogue (`search: synonyms`, "inloggen" and "aanmelden"). An abbreviation is found where a text
defines it, "Point-to-Site (P2S)" or "P2S (Point-to-Site)" (the short form's letters and digits must
follow the long form's words, as Schwartz and Hearst's algorithm checks: "2" stands for "to", "4" for
"for"), and in a "-to-" compound, which people shorten the same way (site-to-site: s2s). A short form
defined two ways is not used; `kb validate` reports it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from generator.catalogues import catalogue
from generator.records import KnowledgeBase, RemedyBase

SHORT = r"[A-Za-z][A-Za-z0-9]{1,9}"
# "Long Form (LF)": a parenthesised short form after words; "LF (Long Form)": the reverse.
DEFINED = re.compile(rf"\s\(({SHORT})\)")
WORD = re.compile(r"[\w'-]+")
REVERSED = re.compile(rf"\b({SHORT})\s+\(([^()\n]{{4,80}})\)")
TO_COMPOUND = re.compile(r"\b([a-z])[a-z]*-to-([a-z])[a-z]*\b", re.I)  # site-to-site, point-to-site
DIGIT_WORDS = {"2": ("to",), "4": ("for",)}


@dataclass(frozen=True)
class Abbreviation:
    """A short form, the long form it stands for, and where a text says so."""

    short: str
    long: str
    remedy: str  # the id of the remedy whose text defines it ("" for an area)


def groups(kb: KnowledgeBase, lang: str) -> list[list[str]]:
    """Every group of one language: the editors' first, then the content's abbreviations and the
    catalogue's equivalents, leaving out any whose short form or word an editor's group already has."""
    edited = [list(g) for g in kb.synonyms.get(lang, [])]
    taken = {entry.lower() for group in edited for entry in group}
    found = [[a.short.lower(), a.long] for a in unambiguous(abbreviations(kb, lang))]
    found += [list(g) for g in catalogue(lang).search.get("synonyms", [])]
    return edited + [g for g in found if not taken & {e.lower() for e in g}]


def abbreviations(kb: KnowledgeBase, lang: str) -> list[Abbreviation]:
    """Every short form the texts of one language define or imply, in remedy order."""
    found: list[Abbreviation] = []
    for remedy in kb.remedies:
        for text in _texts(remedy, lang):
            found += [Abbreviation(short, long, remedy.id) for short, long in defined(text)]
    return found


def unambiguous(found: list[Abbreviation]) -> list[Abbreviation]:
    """One abbreviation per short form, leaving out those defined two ways."""
    meanings: dict[str, dict[str, Abbreviation]] = {}
    for a in found:
        meanings.setdefault(a.short.lower(), {}).setdefault(a.long.lower(), a)
    return [next(iter(m.values())) for m in meanings.values() if len(m) == 1]


def conflicts(kb: KnowledgeBase) -> list[str]:
    """Short forms the content defines two ways, one line each: what `kb validate` reports."""
    lines = []
    for lang in kb.languages:
        meanings: dict[str, dict[str, str]] = {}
        for a in abbreviations(kb, lang):
            meanings.setdefault(a.short.lower(), {}).setdefault(a.long.lower(), a.remedy)
        edited = {e.lower() for g in kb.synonyms.get(lang, []) for e in g}
        for short, longs in sorted(meanings.items()):
            if len(longs) > 1 and short not in edited:
                said = "; ".join(f"'{long}' ({rid})" for long, rid in sorted(longs.items()))
                lines.append(f"{lang}: the abbreviation '{short}' is defined two ways: {said}; search uses "
                             "neither (say which in synonyms.yaml)")
    return lines


def defined(text: str) -> Iterator[tuple[str, str]]:
    """(short form, long form) for each definition in a text, and for each "-to-" compound."""
    for match in DEFINED.finditer(text):
        long = _long_form(match.group(1), _words_before(text, match.start() + 1))
        if long:
            yield match.group(1), long
    for match in REVERSED.finditer(text):
        words = match.group(2).split()
        if _long_form(match.group(1), words) == " ".join(words):
            yield match.group(1), match.group(2)
    for match in TO_COMPOUND.finditer(text):
        yield f"{match.group(1)}2{match.group(2)}".lower(), match.group(0).lower()


def _words_before(text: str, end: int, most: int = 10) -> list[str]:
    """The last words (up to `most`) that text[:end] ends with, as long as nothing but spaces parts them."""
    start = max(0, end - 40 * most)  # a bounded look back: the scan stays linear in the text
    tokens = text[start:end].split()[1 if start else 0:]  # the first may be cut in two
    words: list[str] = []
    for token in reversed(tokens[-most:]):
        if not WORD.fullmatch(token):
            break
        words.insert(0, token)
    return words


def _long_form(short: str, words: list[str]) -> str | None:
    """The shortest run of words ending the list whose initials and letters spell `short` in order,
    every word of the run taking part, or None. "2" may stand for "to", "4" for "for"."""
    if len(re.findall(r"[A-Z0-9]", short)) < 2:  # "(see)", "(Settings)": no short form
        return None
    pieces = [p for w in words for p in re.split(r"(?<=[a-z0-9])-(?=\w)", w)]  # Point-to-Site: three words
    for start in range(len(pieces) - 1, -1, -1):
        run = pieces[start:]
        if len(run) > len(short) + 1:
            break
        if _spells(short.lower(), [re.sub(r"\W", "", p).lower() for p in run]):
            return " ".join(_tail(words, len(run), pieces))
    return None


def _spells(short: str, run: list[str]) -> bool:
    """Whether every word of `run` starts a piece of `short`, in order ("nsg": network security group)."""
    if not run or not short:
        return not run and not short
    word, rest = run[0], run[1:]
    if not word:
        return False
    if short[0].isdigit():
        return word in DIGIT_WORDS.get(short[0], ()) and _spells(short[1:], rest)
    if short[0] != word[0]:
        return False
    # the word may give more letters than its first: "ApGw" from "Application Gateway" does not, "AppGW"...
    return any(short[1:k] == word[1:k] and _spells(short[k:], rest) for k in range(1, min(len(word), len(short)) + 1))


def _tail(words: list[str], pieces: int, split: list[str]) -> list[str]:
    """The last words of a text that hold its last `pieces` hyphen pieces, as they are written."""
    out, count = [], 0
    for word in reversed(words):
        out.insert(0, word)
        count += len(re.split(r"(?<=[a-z0-9])-(?=\w)", word))
        if count >= pieces:
            break
    return out


def _texts(remedy: RemedyBase, lang: str) -> Iterator[str]:
    """Every text of a remedy in one language."""
    if not remedy.has(lang):
        return
    text = remedy.text(lang)
    yield text.title
    yield text.symptom or ""
    for solution in text.solutions:
        yield from solution.markdown()
