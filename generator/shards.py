"""The search index in shards, so that a query loads only what it touches, from disk too.

lunr.py builds the index (its BM25 weights per field, term and remedy); this module writes it as
small scripts that register themselves with `kbSearchShard(name, data)`:

- `index.js`, the manifest: fields, the first term of every term shard, the lexicon shards there
  are, how many remedies a document shard holds, synonyms, the page address pattern;
- `t<k>.js`, term shards: a range of the sorted vocabulary, each term with its postings, per field
  the remedies (as gaps) and their weights in thousandths;
- `l<hex>.js`, lexicon shards: the terms, the words of titles and summaries, and the error codes
  that start with one character, for compounds, typos and telling a code from a part of one;
- `d<k>.js`, document shards: what a result shows, DOCS_PER_SHARD remedies each.

Scripts, not JSON: a page opened from disk may load scripts but may not fetch files.
"""
from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from generator.links import remedy_page, url
from generator.records import KnowledgeBase
from generator.search import Analyzer, build_index, documents, kb_analyzer, surface_words

TERM_SHARD_BYTES = 24_000  # a common word gets a shard of its own; others share one this size
DOCS_PER_SHARD = 10  # a page of results touches at most this many remedies per shard it loads
Postings = dict[str, dict[int, dict[int, float]]]  # term -> field number -> remedy -> weight


@dataclass
class Sharded:
    """One language's index, in memory: what the shard files hold, and the browser reads."""

    fields: list[str]
    postings: Postings
    docs: list[dict[str, Any]]
    surface: dict[str, str]
    synonyms: list[list[Any]]

    codes: list[str]  # every remedy's codes, whole and in lower case, sorted

    def lexicon(self, char: str) -> dict[str, Any]:
        """Terms, page words (-> term) and whole codes that start with `char`."""
        return {"terms": [t for t in self.postings if t[:1] == char],
                "surface": {w: t for w, t in self.surface.items() if w[:1] == char},
                "codes": [c for c in self.codes if c[:1] == char]}


def sharded(kb: KnowledgeBase, lang: str) -> Sharded:
    """The index of one language, with lunr's weights moved from its field vectors into the postings."""
    index = build_index(kb, lang)
    fields = list(index["fields"])
    by_position = {posting["_index"]: term for term, posting in index["invertedIndex"]}
    postings: Postings = {term: {} for term, _ in index["invertedIndex"]}
    for key, vector in index["fieldVectors"]:
        field, ref = key.split("/")
        for position, weight in zip(vector[::2], vector[1::2]):
            postings[by_position[position]].setdefault(fields.index(field), {})[int(ref)] = round(weight, 3)
    analyze = kb_analyzer(kb, lang)
    docs = documents(kb, lang)
    synonyms = [[canonical, [list(v) for v in variants]] for canonical, variants in analyze.synonyms]
    codes = sorted({code.lower() for remedy in kb.remedies for code in remedy.codes})
    return Sharded(fields, postings, docs, surface_words(analyze, docs), synonyms, codes)


def files(kb: KnowledgeBase, lang: str) -> dict[str, str]:
    """Shard name -> script text, the manifest `index` among them."""
    index = sharded(kb, lang)
    out, firsts = {}, []
    for number, terms in enumerate(_term_ranges(index.postings)):
        firsts.append(terms[0])
        out[f"t{number}"] = _script(f"t{number}", [_entry(t, index.postings[t]) for t in terms])
    chars = sorted({t[:1] for t in index.postings} | {w[:1] for w in index.surface})
    for char in chars:
        out[lexicon_name(char)] = _script(lexicon_name(char), index.lexicon(char))
    for start in range(0, len(index.docs), DOCS_PER_SHARD):
        name = f"d{start // DOCS_PER_SHARD}"
        out[name] = _script(name, index.docs[start:start + DOCS_PER_SHARD])
    out["index"] = _script("index", {
        "fields": index.fields, "count": len(index.docs), "docsPerShard": DOCS_PER_SHARD, "terms": firsts,
        "lexicon": [lexicon_name(c) for c in chars], "synonyms": index.synonyms,
        "page": url(lang, remedy_page("{id}")).split("/", 1)[1]})
    return out


def lexicon_name(char: str) -> str:
    """The lexicon shard of words starting with `char`: `l` and its code point in hex."""
    return f"l{ord(char):x}"


def term_shard(firsts: list[str], term: str) -> int:
    """The term shard that holds `term`: the last one whose first term is not after it."""
    return max(bisect_right(firsts, term) - 1, 0)


def _term_ranges(postings: Postings) -> list[list[str]]:
    """The sorted vocabulary cut into ranges of about TERM_SHARD_BYTES."""
    ranges: list[list[str]] = [[]]
    size = 0
    for term in sorted(postings):
        cost = len(json.dumps(_entry(term, postings[term])))
        if ranges[-1] and size + cost > TERM_SHARD_BYTES:
            ranges.append([])
            size = 0
        ranges[-1].append(term)
        size += cost
    return ranges


def _entry(term: str, fields: dict[int, dict[int, float]]) -> list[Any]:
    """[term, [field, gap, weight, gap, weight, ...], ...]: remedies as gaps, weights in thousandths."""
    out: list[Any] = [term]
    for field in sorted(fields):
        flat, previous = [field], 0
        for ref in sorted(fields[field]):
            flat += [ref - previous, round(fields[field][ref] * 1000)]
            previous = ref
        out.append(flat)
    return out


def decode(entry: list[Any]) -> dict[int, dict[int, float]]:
    """The postings of one term-shard entry: field -> remedy -> weight."""
    fields: dict[int, dict[int, float]] = {}
    for flat in entry[1:]:
        ref = 0
        postings = fields.setdefault(flat[0], {})
        for gap, weight in zip(flat[1::2], flat[2::2]):
            ref += gap
            postings[ref] = weight / 1000
    return fields


def _script(name: str, data: Any) -> str:
    """A shard as a script that hands its data to the page; JSON.parse of a string parses fastest."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return f"kbSearchShard({json.dumps(name)},JSON.parse({json.dumps(text, ensure_ascii=False)}));\n"


def for_engine(kb: KnowledgeBase, lang: str) -> tuple[Sharded, Analyzer]:
    """The in-memory index, its postings rounded as the shard files store them, and the analyzer."""
    index = sharded(kb, lang)
    index.postings = {t: decode(_entry(t, p)) for t, p in index.postings.items()}
    return index, kb_analyzer(kb, lang)
