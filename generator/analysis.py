"""Text analysis, shared by the index and the query: text -> terms, in one language.

Split on white space, trim punctuation, keep an identifier (Set-SPOTenant) whole and also by its
parts, drop stop words, stem words without digits, put a separable verb's particle back ("in te
schakelen", "schakel MFA in": inschakelen), add synonyms. The browser runs the same steps
(overrides/assets/kb-analyzer.js) with the stemmers and stop words of the lunr.js and
lunr-languages files that MkDocs ships; tests/test_search_browser.py compares both sides in Chromium.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Callable

import lunr.stemmer
import mkdocs.contrib.search
import snowballstemmer

from generator.catalogues import catalogue
from generator.verbs import CLAUSE_END, Separable

LUNR_DIR = Path(mkdocs.contrib.search.__file__).parent
LUNR_JS = LUNR_DIR / "templates" / "search" / "lunr.js"
LUNR_LANGUAGES = LUNR_DIR / "lunr-language"

EDGE = re.compile(r"^[\W_]+|[\W_]+$")
SPLIT = re.compile(r"[\W_]+")
DIGIT = re.compile(r"[0-9]")


class LunrJsPorter(lunr.stemmer.PorterStemmer):
    """lunr.py's Porter stemmer with lunr.js's step 1c, so both sides stem alike.

    lunr.js turns a final y into i after any non-vowel that is not the first letter
    (cry -> cri, say -> say, by -> by); lunr.py asks for a vowel in the stem instead
    (its module docstring lists the difference).
    """

    def step1c(self) -> None:
        if self.ends("y") and self.k - self.k0 >= 2 and self.b[self.k - 1] not in "aeiou":
            self.b = self.b[: self.k] + "i" + self.b[self.k + 1:]


Synonyms = tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]  # (canonical term, variants as term sequences)


@dataclass(frozen=True)
class Analyzer:
    """Text to index terms for one language; the browser mirrors it exactly."""

    stem: Callable[[str], str]
    stop_words: frozenset[str]
    synonyms: Synonyms = ()
    code_words: frozenset[str] = frozenset()  # "error", "fout": what kind of code a query names, not required
    separable: Separable | None = None  # the language's separable verbs (generator/verbs.py), if it has any

    def terms(self, text: str) -> list[str]:
        """Terms of free text: words stemmed, identifiers whole and by part, separable verbs put
        together, and the synonyms they name."""
        out: list[str] = []
        words: list[str] = []
        every: list[str] = []
        ends: set[int] = set()
        for chunk in text.lower().split():
            core = EDGE.sub("", chunk)
            parts = [p for p in SPLIT.split(core) if p]
            if len(parts) > 1:
                out.append(core)
            terms = [self.word(p) for p in parts if p not in self.stop_words]
            out += terms
            words += terms
            every += parts
            if every and CLAUSE_END.search(chunk):
                ends.add(len(every) - 1)
        verbs = [t for found in self.rejoined(every, ends).values() for t in found]
        if not self.synonyms:
            return out + verbs
        return out + verbs + self.named(words) + [c for t in verbs for c in self.named([t])]

    def rejoined(self, parts: list[str], ends: set[int]) -> dict[int, list[str]]:
        """Position of a verb's part -> the terms of that verb with its particle put back (verbs.py)."""
        if not self.separable:
            return {}
        found = self.separable.rejoined(parts, ends, self.stop_words)
        return {i: [t for t in dict.fromkeys(self.word(w) for w in words) if t != self.word(parts[i])]
                for i, words in sorted(found.items())}

    def named(self, words: list[str]) -> list[str]:
        """The canonical term of every synonym whose variant occurs in a run of word terms."""
        found = []
        for i, word in enumerate(words):
            found += [canonical for variant, canonical in self._variants.get(word, ())
                      if tuple(words[i:i + len(variant)]) == variant]
        return found

    @cached_property
    def _variants(self) -> dict[str, list[tuple[tuple[str, ...], str]]]:
        """First term of a variant -> (variant, canonical term): one look-up per word of a text."""
        out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for canonical, variants in self.synonyms:
            for variant in variants:
                out.setdefault(variant[0], []).append((variant, canonical))
        return out

    def with_synonyms(self, groups: list[list[str]]) -> Analyzer:
        """This analyzer with synonym groups: each variant (a word or words) also yields the group's term."""
        synonyms = []
        for group in groups:
            variants = tuple(v for v in (tuple(self.terms_plain(text)) for text in group) if v)
            if variants:
                synonyms.append(("~" + "_".join(variants[0]), variants))
        return replace(self, synonyms=tuple(synonyms))

    def terms_plain(self, text: str) -> list[str]:
        """Word terms of a text, without whole identifiers or synonyms: a synonym's variant."""
        return [self.word(p) for chunk in text.lower().split()
                for p in SPLIT.split(EDGE.sub("", chunk)) if p and p not in self.stop_words]

    def word(self, word: str) -> str:
        """A word's term: stemmed, unless it holds a digit (AADSTS65005, v2, 0x80070005)."""
        return word if DIGIT.search(word) else self.stem(word)

    def code_terms(self, code: str) -> list[str]:
        """Terms of an error code: its forms (code_forms), by part, and the number in it (65005 finds
        AADSTS65005)."""
        whole = code.lower()
        parts = [p for p in SPLIT.split(whole) if p]
        numbers = [m for p in parts for m in re.findall(r"[0-9]+$", p) if m != p]
        return list(dict.fromkeys([*self.code_forms(code), *parts, *numbers]))

    def code_forms(self, code: str) -> list[str]:
        """code_forms(code), and each word of it joined to the number after it ("Error-13": error13)."""
        return list(dict.fromkeys([*code_forms(code), *self.joined([p for p in SPLIT.split(code.lower()) if p])]))

    def joined(self, parts: list[str]) -> list[str]:
        """A word and the number after it as one term: "error 13", "Error-13" and "error(13)" all give
        error13, so a code matches however its parts are set apart. Stop words take no part."""
        kept = [p for p in parts if p not in self.stop_words]
        return [a + b for a, b in zip(kept, kept[1:]) if not DIGIT.search(a) and DIGIT.search(b)]


HRESULT = re.compile(r"0x([0-9a-f]{8})")


def code_forms(code: str) -> list[str]:
    """The ways a person types one code, as terms: as written (any case); an HRESULT also without its
    0x, and as the signed decimal number logs show for it (0x8007026F is -2147024273, typed with or
    without its minus: the analyzer trims it)."""
    whole = code.lower()
    found = HRESULT.fullmatch(whole)
    if not found:
        return [whole]
    value = int(found.group(1), 16)
    return [whole, found.group(1)] + ([str(2 ** 32 - value)] if value >= 2 ** 31 else [])


@dataclass(frozen=True)
class SearchSettings:
    """A language's search settings, from its catalogue: scripts, stemmer, stop words."""

    scripts: tuple[str, ...]  # lunr-languages files the browser needs, in load order
    namespace: str  # where the browser finds stemmer and stopWordFilter, e.g. lunr.nl
    stemmer: str  # "lunr-js-porter" or "snowball:<algorithm>"


def settings(lang: str) -> SearchSettings:
    """Search settings of one language."""
    data = catalogue(lang).search
    return SearchSettings(tuple(data["scripts"]), data["namespace"], data["stemmer"])


@cache
def analyzer(lang: str) -> Analyzer:
    """The analyzer of one language, with stem results cached per word."""
    config = settings(lang)
    if config.stemmer == "lunr-js-porter":
        porter = LunrJsPorter()
        stem = porter.stem
    else:
        stem = snowballstemmer.stemmer(config.stemmer.removeprefix("snowball:")).stemWord
    source = LUNR_LANGUAGES / config.scripts[-1] if config.scripts else LUNR_JS
    data = catalogue(lang).search
    return Analyzer(cache(stem), stop_words(source.read_text(encoding="utf-8")), (),
                    frozenset(data.get("code_words", [])), Separable.of(data.get("separable")))


def stop_words(script: str) -> frozenset[str]:
    """The stop words a lunr script registers, so Python filters exactly what the browser does."""
    match = re.search(r"generateStopWordFilter\(\s*(?:'([^']*)'\.split\(' '\)|\[([^\]]*)\])", script)
    if not match:
        raise ValueError("no stop word list found in lunr script")
    if match.group(1) is not None:
        return frozenset(w for w in match.group(1).split(" ") if w)
    return frozenset(re.findall(r"'([^']*)'", match.group(2)))
