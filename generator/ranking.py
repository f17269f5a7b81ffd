"""Ranking: what kb-ranking.js (overrides/assets/) does in the browser, over a query planned by query.py.

Results that match every word come first, then those naming a code, then those quoting most of
the query (its words in a row anywhere in the remedy: a pasted message, runs.py); then lunr's
score, scaled by the share of words matched and by the longest run of query words in a row.
"""
from __future__ import annotations

import math
from bisect import bisect_left
from itertools import takewhile
from typing import Any, Callable

from generator import shards
from generator.analysis import Analyzer
from generator.query import Lexicon, Word, clauses, phrase, plan, quoted
from generator.records import KnowledgeBase

PHRASE_CANDIDATES = 10  # the phrase check reads title, summary and runs filter of this many results


def rarity(word: Word, lexicon: Lexicon) -> float:
    """How much a query word says, by lunr's idf of its term as typed (or, when no remedy has that, of the
    rarest term it may match): a word found in a few remedies tells them apart, one found in every remedy
    hardly does. 1 when no remedy has any (it then tells none apart)."""
    counts = [lexicon.count(t) for group, _ in word.alternatives for t in group]
    found = counts[:1] if counts and counts[0] else [c for c in counts if c]  # as typed, else what it may match
    if not found:
        return 1.0
    n, df = lexicon.size(), min(found)
    return math.log(1 + abs(n - df + 0.5) / (df + 0.5))


def rank(words: list[Word], extra: list[str], results: list[tuple[int, float, dict[str, set[str]]]],
         docs: list[dict[str, Any]], analyze: Analyzer, lexicon: Lexicon) -> list[int]:
    """Refs, best first: all words matched before an error code of the remedy named, before some words;
    then a quotation of the query; then score by the share of words matched and by phrase. `results`:
    (ref, lunr score, term -> fields)."""
    counted = [w for w in words if w.counted]
    n = len(counted) or 1
    own = set(extra) | {w.alternatives[0][0][0] for w in words if w.alternatives}
    weights = [rarity(w, lexicon) for w in counted]
    total = sum(weights) or 1

    def preliminary(result: tuple[int, float, dict[str, set[str]]]) -> tuple[bool, bool, float, int]:
        ref, score, matched = result
        hits = [w.matched(set(matched)) for w in counted]
        code = any(names_code(term, lexicon) for term, fields in matched.items() if term in own and "codes" in fields)
        # every word the reader typed beats a code alone: the code's remedy may be the broad one; then the
        # share of what the words say that a remedy matches: its rare words count more than its common ones
        share = sum(weight for weight, hit in zip(weights, hits) if hit) / total
        return all(hits), code, score * share ** 2, -ref

    ordered = sorted(results, key=preliminary, reverse=True)
    keys = {}
    for position, result in enumerate(ordered):
        complete, code, score, tie = preliminary(result)
        quote = 0
        if position < PHRASE_CANDIDATES and n > 1:
            doc = docs[result[0]]
            quote = quoted(words, doc["runs"])
            run = max(phrase(words, analyze.terms_plain(f"{doc['title']} {doc['summary']}")), quote)
            score *= 1 + (run / n if run >= 2 else 0)
        # a quoted run of the query (a pasted message) outranks any score, its longest first
        keys[result[0]] = (complete, code, quote, score, tie)
    return sorted(keys, key=keys.__getitem__, reverse=True)


def names_code(term: str, lexicon: Lexicon) -> bool:
    """Whether a term matched in the codes field names a code: a whole code, or its number (65005),
    not a word that is part of one ("contact" of CONTACT_SUPPORT)."""
    return any(c.isdigit() for c in term) or lexicon.code(term)


def score(planned: list[tuple[str, float, bool]], postings: Callable[[str], dict[int, dict[int, float]]],
          expand: Callable[[str], list[str]]) -> list[tuple[int, float, dict[str, set[int]]]]:
    """lunr's scoring over postings that carry its weights: per remedy, the sum over matched terms
    and fields of the term's query boost times its weight, over the query vector's length."""
    boosts: dict[str, float] = {}
    for term, boost, prefix in planned:
        for found in expand(term) if prefix else ([term] if postings(term) else []):
            boosts[found] = boosts.get(found, 0) + boost
    length = math.sqrt(sum(b * b for b in boosts.values())) or 1
    scores: dict[int, float] = {}
    matched: dict[int, dict[str, set[int]]] = {}
    for term, boost in boosts.items():
        for number, refs in postings(term).items():
            for ref, weight in refs.items():
                scores[ref] = scores.get(ref, 0) + boost * weight / length
                matched.setdefault(ref, {}).setdefault(term, set()).add(number)
    return [(ref, scores[ref], matched[ref]) for ref in sorted(scores)]


class Engine:
    """The browser's search, run in Python over the same shards: for tests, tools and the parity check."""

    def __init__(self, kb: KnowledgeBase, lang: str):
        self.ids = [r.id for r in kb.remedies]
        self.index, self.analyze = shards.for_engine(kb, lang)
        self.terms = sorted(self.index.postings)
        self.fields = self.index.fields
        self.lexicons: dict[str, dict[str, Any]] = {}

    def known(self, term: str) -> bool:
        return term in self.index.postings

    def code(self, term: str) -> bool:
        return term in self.index.codes

    def count(self, term: str) -> int:
        return len({ref for refs in self.index.postings.get(term, {}).values() for ref in refs})

    def size(self) -> int:
        return len(self.ids)

    def starting(self, char: str) -> dict[str, Any]:
        if char not in self.lexicons:
            self.lexicons[char] = self.index.lexicon(char)
        return self.lexicons[char]

    def plan(self, text: str) -> tuple[list[Word], list[str]]:
        """The words of a query and their alternatives, as the browser plans them."""
        return plan(self.analyze, text, self)

    def find(self, text: str) -> list[str]:
        """Remedy ids for a query, best first."""
        words, extra = self.plan(text)
        results = score(clauses(words, extra), self._postings, self._expand)
        results = [(ref, s, {t: {self.fields[f] for f in fs} for t, fs in m.items()}) for ref, s, m in results]
        return [self.ids[ref] for ref in rank(words, extra, results, self.index.docs, self.analyze, self)]

    def _postings(self, term: str) -> dict[int, dict[int, float]]:
        return self.index.postings.get(term, {})

    def _expand(self, prefix: str) -> list[str]:
        start = bisect_left(self.terms, prefix)
        return list(takewhile(lambda t: t.startswith(prefix), self.terms[start:]))
