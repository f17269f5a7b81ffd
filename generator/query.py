"""Query planning: what kb-query.js (overrides/assets/) does in the browser.

A query becomes words; each word may be matched by its own term, by the parts of a compound
(`clientcertificaat` -> client + certificaat), by a vocabulary word one or two edits away (a
typo), by a synonym, or, for the last word typed, as a prefix. The phrase checks that ranking.py
applies read the query's words in order: a run in the title or summary, or a quotation anywhere
in the remedy (runs.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from generator import runs
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
QUOTED = 3  # query words in a row anywhere in a remedy that make a quotation...
QUOTED_SHARE = (3, 4)  # ...when they are at least this share of the query's words


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
    query = _firsts(words)
    longest = 0
    for i in range(len(query)):
        for j in range(len(doc_terms)):
            run = 0
            while i + run < len(query) and j + run < len(doc_terms) and query[i + run] == doc_terms[j + run]:
                run += 1
            longest = max(longest, run)
    return longest


def quoted(words: list[Word], encoded: str) -> int:
    """The longest run of consecutive query words that follow one another anywhere in a remedy, by its
    filter of adjacent terms (runs.py), when it is a quotation: QUOTED words or more, and most of the
    query (a pasted part of a message); else 0. Two or three words in a row are often just a name."""
    run = runs.longest_run(_firsts(words), runs.follows(encoded))
    counted = sum(w.counted for w in words)
    return run if run >= QUOTED and run * QUOTED_SHARE[1] >= counted * QUOTED_SHARE[0] else 0


def _firsts(words: list[Word]) -> list[str]:
    """Each query word's own term, in order (words no remedy has are left out)."""
    return [w.alternatives[0][0][0] for w in words if w.alternatives]
