"""Query planning and ranking: what kb-query.js and kb-ranking.js (overrides/assets/) do in the browser.

A query becomes words; each word may be matched by its own term, by the parts of a compound
(`clientcertificaat` -> client + certificaat), by a vocabulary word one or two edits away (a
typo), by a synonym, or, for the last word typed, as a prefix. Results that match every word
come first; then lunr's score, scaled by the share of words matched and by the longest run of
query words found in a row in the title or summary (a pasted message).
"""
from __future__ import annotations

import math
from bisect import bisect_left
from itertools import takewhile

from dataclasses import dataclass, field
from typing import Any, Callable, Protocol

from generator import shards
from generator.records import KnowledgeBase
from generator.analysis import DIGIT, EDGE, SPLIT, Analyzer
from generator.verbs import CLAUSE_END

PREFIX_BOOST = 0.5  # a word still being typed counts, but less than a whole word
COMPOUND_BOOST = 0.7
TYPO_BOOST = 0.3
MIN_PREFIX = 2
MIN_COMPOUND = 6  # shorter words are rarely compounds, and their parts would be noise
MIN_PART = 3
LINKS = ("s", "e", "en")  # Dutch joins compound parts with these: opslag-s-sleutel
TYPOS_KEPT = 3
PHRASE_CANDIDATES = 10  # the phrase check reads title and summary of this many results (document shards)


@dataclass
class Word:
    """One word of a query and the ways a remedy may match it: groups of terms that must all match."""

    raw: str
    alternatives: list[tuple[tuple[str, ...], float]] = field(default_factory=list)
    prefix: str | None = None
    counted: bool = True  # a stop word still being typed helps as a prefix, but is not required

    def matched(self, terms: set[str]) -> bool:
        """Whether a result whose matched terms are `terms` matches this word."""
        if self.prefix and any(t.startswith(self.prefix) for t in terms):
            return True
        return any(all(t in terms for t in group) for group, _ in self.alternatives)


def max_typos(word: str) -> int:
    """How many edits a word may be off: none for short words and for codes, one, or two for long words."""
    if len(word) < 4 or any(c.isdigit() for c in word):
        return 0
    return 1 if len(word) <= 7 else 2


def distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of a and b, or limit + 1 as soon as it must exceed limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


class Lexicon(Protocol):
    """The words an index knows, by their first character, as the lexicon shards hold them, and which are codes."""

    def known(self, term: str) -> bool: ...

    def starting(self, char: str) -> dict[str, Any]: ...

    def code(self, term: str) -> bool: ...

    def count(self, term: str) -> int: ...  # how many remedies have the term

    def size(self) -> int: ...  # how many remedies there are


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


def typos(term: str, raw: str, lexicon: Lexicon) -> list[str]:
    """Terms nearest to a word that is not in the vocabulary, within max_typos; ties by name.

    Index terms are stems, and a typo often keeps a stemmer from finding the stem ("invitaton"
    is not "invit"), so the word is also compared with the words titles and summaries use. Only
    words with the same first character count: that is the lexicon shard a query loads.
    """
    limit = max_typos(raw)
    if not limit:
        return []
    near: dict[str, int] = {}
    for v in lexicon.starting(term[0])["terms"]:
        if (d := distance(term, v, limit)) <= limit:
            near[v] = min(d, near.get(v, d))
    for word, stem in lexicon.starting(raw[0])["surface"].items():
        if (d := distance(raw, word, limit)) <= limit:
            near[stem] = min(d, near.get(stem, d))
    found = sorted((d, v) for v, d in near.items())
    return [v for d, v in found if d == found[0][0]][:TYPOS_KEPT] if found else []


def compound(raw: str, analyze: Analyzer, lexicon: Lexicon, depth: int = 2) -> tuple[str, ...] | None:
    """The terms of a compound's parts, when every part is in the vocabulary; the most even split wins."""
    if len(raw) < MIN_COMPOUND or any(c.isdigit() for c in raw):
        return None
    best: tuple[int, tuple[str, ...]] | None = None
    for i in range(MIN_PART, len(raw) - MIN_PART + 1):
        right = raw[i:]
        for left in [raw[:i]] + [raw[:i - len(link)] for link in LINKS if raw[:i].endswith(link)]:
            if len(left) < MIN_PART or not lexicon.known(analyze.word(left)):
                continue
            tail = (analyze.word(right),) if lexicon.known(analyze.word(right)) else \
                (compound(right, analyze, lexicon, depth - 1) if depth > 1 else None)
            if tail:
                evenness = min(len(left), len(right))
                if best is None or evenness > best[0]:
                    best = (evenness, (analyze.word(left), *tail))
    return best[1] if best else None


def plan(analyze: Analyzer, text: str, lexicon: Lexicon) -> tuple[list[Word], list[str]]:
    """The words of a query with their alternatives, and extra whole-identifier terms (not counted)."""
    words: list[Word] = []
    extra: list[str] = []
    chunks = text.lower().split()
    every: list[str] = []
    ends: set[int] = set()
    at: dict[int, Word] = {}  # position in `every` -> the word made of that part
    for chunk in chunks:
        core = EDGE.sub("", chunk)
        parts = [p for p in SPLIT.split(core) if p]
        if len(parts) > 1:
            extra.append(core)
        for p in parts:
            every.append(p)
            if p in analyze.stop_words:
                continue
            word = at[len(every) - 1] = Word(p, [((analyze.word(p),), 1.0)])
            _widen(word, analyze, lexicon)
            words.append(word)
        if every and CLAUSE_END.search(chunk):
            ends.add(len(every) - 1)
    for position, verbs in analyze.rejoined(every, ends).items():  # "schakel mfa in": inschakelen
        if position in at:
            at[position].alternatives += [((term,), 1.0) for term in verbs]
    if any(DIGIT.search(w.raw) for w in words):  # "error 0x80070005": the word only says what follows
        for word in words:
            word.counted = word.raw not in analyze.code_words
    extra += [term for term in analyze.joined(every) if term not in extra]  # "error 13" names code Error-13
    if chunks and not text[-1].isspace():
        tail = [p for p in SPLIT.split(EDGE.sub("", chunks[-1])) if p]
        if tail and len(tail[-1]) >= MIN_PREFIX:
            if words and words[-1].raw == tail[-1]:
                words[-1].prefix = tail[-1]
            else:  # a stop word still being typed ("wa" of "wachtwoord") may be the start of a word
                words.append(Word(tail[-1], [], tail[-1], counted=False))
    _synonyms(words, analyze)
    return words, extra


def _widen(word: Word, analyze: Analyzer, lexicon: Lexicon) -> None:
    """Add a compound's parts, and the nearest spellings for a word the vocabulary does not have."""
    term = word.alternatives[0][0][0]
    parts = compound(word.raw, analyze, lexicon)  # also for known words: pages write them apart too
    if parts and parts[0] != term:  # not the word's own stem and an ending (aanzetten: aanzet + ten)
        word.alternatives.append((parts, COMPOUND_BOOST))
    if not lexicon.known(term):
        word.alternatives += [((t,), TYPO_BOOST) for t in typos(term, word.raw, lexicon)]


def _synonyms(words: list[Word], analyze: Analyzer) -> None:
    """A synonym's canonical term matches each word of the variant that names it; a one-word variant
    may also be a word's other whole term (a separable verb put together)."""
    terms = [w.alternatives[0][0][0] if w.alternatives else "" for w in words]
    for canonical, variants in analyze.synonyms:
        for variant in variants:
            for i in range(len(terms) - len(variant) + 1):
                if tuple(terms[i:i + len(variant)]) == variant or len(variant) == 1 and _whole(words[i], variant[0]):
                    for word in words[i:i + len(variant)]:
                        word.alternatives.append(((canonical,), 1.0))


def _whole(word: Word, term: str) -> bool:
    """Whether a word matches a term by itself, at full weight (not a typo, a part or a prefix)."""
    return any(group == (term,) and boost == 1.0 for group, boost in word.alternatives)


def clauses(words: list[Word], extra: list[str]) -> list[tuple[str, float, bool]]:
    """(term, boost, is_prefix) for lunr: every term any word may match, each once at its highest boost."""
    best: dict[tuple[str, bool], float] = {(t, False): 1.0 for t in extra}
    for word in words:
        for group, boost in word.alternatives:
            for term in group:
                best[(term, False)] = max(best.get((term, False), 0), boost)
        if word.prefix:
            best[(word.prefix, True)] = max(best.get((word.prefix, True), 0), PREFIX_BOOST)
    return [(term, boost, prefix) for (term, prefix), boost in best.items()]


def phrase(words: list[Word], doc_terms: list[str]) -> int:
    """The longest run of consecutive query words found one after another in a document's terms."""
    query = [w.alternatives[0][0][0] for w in words if w.alternatives]
    longest = 0
    for i in range(len(query)):
        for j in range(len(doc_terms)):
            run = 0
            while i + run < len(query) and j + run < len(doc_terms) and query[i + run] == doc_terms[j + run]:
                run += 1
            longest = max(longest, run)
    return longest


def rank(words: list[Word], extra: list[str], results: list[tuple[int, float, dict[str, set[str]]]],
         docs: list[dict[str, Any]], analyze: Analyzer, lexicon: Lexicon) -> list[int]:
    """Refs, best first: all words matched before an error code of the remedy named, before some words;
    then score by the share of words matched and by phrase. `results`: (ref, lunr score, term -> fields)."""
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
        if position < PHRASE_CANDIDATES and n > 1:
            doc = docs[result[0]]
            run = phrase(words, analyze.terms_plain(f"{doc['title']} {doc['summary']}"))
            score *= 1 + (run / n if run >= 2 else 0)
        keys[result[0]] = (complete, code, score, tie)
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
