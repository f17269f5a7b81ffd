"""The search index in shards, so that a query loads only what it touches, from disk too.

lunr.py builds the index (its BM25 weights per field, term and remedy); this module writes it as
small scripts that register themselves with `kbSearchShard(name, data)`:

- `index.js`, the manifest: fields, the first term of every term shard, the lexicon shards there
  are, how many remedies a document shard holds, synonyms, the page address pattern;
- `t<k>.js`, term shards: a range of the sorted vocabulary, each term with its postings, per field
  the remedies (as gaps) and their weights in thousandths, and whether the term is a whole error
  code. A term in more than HEAD_POSTINGS remedies keeps only its head there: the remedies where
  it weighs most. The rest, its tail, is cut by remedy number into `p<k>.js` shards; the head
  names them, the most any tail remedy can add (`max`) and the first remedy that adds that much
  (`tie`), so a query can prove its first
  results without them (kb-ranking.js) and the bytes of a first query do not grow with N;
- `l<hex>.js`, lexicon shards: the terms without digits and the words of titles and summaries
  that start with one character, for compounds and typos;
- `d<k>.js`, document shards: what a result's first line shows (id, title, area, codes), and
  `s<k>.js` their summaries and filters of adjacent terms (runs.py), DOCS_PER_SHARD remedies
  each: titles render first, snippets and the phrase check after.

Scripts, not JSON: a page opened from disk may load scripts but may not fetch files.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from generator.links import remedy_page, url
from generator.records import KnowledgeBase
from generator.analysis import Analyzer
from generator.search import build_index, documents, kb_analyzer, surface_words

TERM_SHARD_BYTES = 24_000  # terms share a shard of about this size
HEAD_POSTINGS = 1_000  # remedies a term's head holds; enough to prove the first results of most queries
TAIL_SHARD_BYTES = 8_000  # small: a query reads a tail shard for one remedy it must be sure of
DOCS_PER_SHARD = 10  # a page of results touches at most this many remedies per shard it loads
LATER = ("summary", "runs")  # what s<k> shards hold, by remedy: after the titles, before the phrase check
DIGIT = re.compile(r"[0-9]")
Postings = dict[str, dict[int, dict[int, float]]]  # term -> field number -> remedy -> weight


@dataclass
class Sharded:
    """One language's index, in memory: what the shard files hold, and the browser reads."""

    fields: list[str]
    postings: Postings
    docs: list[dict[str, Any]]
    surface: dict[str, str]
    synonyms: list[list[Any]]
    codes: set[str]  # every remedy's codes, whole and in lower case
    analyze: Analyzer  # with the language's groups of words that mean the same

    def lexicon(self, char: str) -> dict[str, Any]:
        """Terms without digits (typos and compounds never name one) and page words (-> term) starting with `char`."""
        return {"terms": [t for t in self.postings if t[:1] == char and not DIGIT.search(t)],
                "surface": {w: t for w, t in self.surface.items() if w[:1] == char}}


def sharded(kb: KnowledgeBase, lang: str) -> Sharded:
    """The index of one language, with lunr's weights moved from its field vectors into the postings."""
    analyze = kb_analyzer(kb, lang)  # once: finding the content's abbreviations reads every text
    index = build_index(kb, lang, analyze)
    fields = list(index["fields"])
    by_position = {posting["_index"]: term for term, posting in index["invertedIndex"]}
    postings: Postings = {term: {} for term, _ in index["invertedIndex"]}
    for key, vector in index["fieldVectors"]:
        field, ref = key.split("/")
        for position, weight in zip(vector[::2], vector[1::2]):
            postings[by_position[position]].setdefault(fields.index(field), {})[int(ref)] = round(weight, 3)
    docs = documents(kb, lang, analyze)
    synonyms = [[canonical, [list(v) for v in variants]] for canonical, variants in analyze.synonyms]
    codes = {form for remedy in kb.remedies for code in remedy.codes for form in analyze.code_forms(code)}
    return Sharded(fields, postings, docs, surface_words(analyze, docs), synonyms, codes, analyze)


def files(kb: KnowledgeBase, lang: str) -> dict[str, str]:
    """Shard name -> script text, the manifest `index` among them."""
    index = sharded(kb, lang)
    out: dict[str, str] = {}
    tails: list[list[Any]] = []
    heads = {term: _head_and_tail(term, postings, index.codes, tails) for term, postings in index.postings.items()}
    out.update((f"p{k}", _script(f"p{k}", entry)) for k, entry in enumerate(tails))
    firsts = []
    for number, terms in enumerate(_term_ranges(heads)):
        firsts.append(terms[0])
        out[f"t{number}"] = _script(f"t{number}", [heads[t] for t in terms])
    chars = sorted({t[:1] for t in index.postings if not DIGIT.search(t)} | {w[:1] for w in index.surface})
    for char in chars:
        out[lexicon_name(char)] = _script(lexicon_name(char), index.lexicon(char))
    for start in range(0, len(index.docs), DOCS_PER_SHARD):
        number, docs = start // DOCS_PER_SHARD, index.docs[start:start + DOCS_PER_SHARD]
        out[f"d{number}"] = _script(f"d{number}", [{k: v for k, v in d.items() if k not in LATER} for d in docs])
        out[f"s{number}"] = _script(f"s{number}", [[d[k] for k in LATER] for d in docs])
    out["index"] = _script("index", {
        "fields": index.fields, "count": len(index.docs), "docsPerShard": DOCS_PER_SHARD, "terms": firsts,
        "lexicon": [lexicon_name(c) for c in chars], "tails": len(tails),
        "synonyms": index.synonyms, "codeWords": sorted(index.analyze.code_words),
        "separable": index.analyze.separable.manifest() if index.analyze.separable else None,
        "page": url(lang, remedy_page("{id}")).split("/", 1)[1]})
    return out


def lexicon_name(char: str) -> str:
    """The lexicon shard of words starting with `char`: `l` and its code point in hex."""
    return f"l{ord(char):x}"


def term_shard(firsts: list[str], term: str) -> int:
    """The term shard that holds `term`: the last one whose first term is not after it."""
    return max(bisect_right(firsts, term) - 1, 0)


def _head_and_tail(term: str, fields: dict[int, dict[int, float]], codes: set[str],
                   tails: list[list[Any]]) -> list[Any]:
    """The term-shard entry of a term; a tail beyond HEAD_POSTINGS remedies is appended to `tails`."""
    info: dict[str, Any] = {"code": 1} if term in codes else {}
    impact = _impacts(fields)
    if len(impact) <= HEAD_POSTINGS:
        return _entry(term, fields, info)
    head = sorted(impact, key=lambda ref: (-impact[ref], ref))[:HEAD_POSTINGS]
    tail = sorted(set(impact) - set(head))
    runs = _cut(tail, {ref: 4 + len(str(impact[ref])) * len(fields) for ref in tail}, TAIL_SHARD_BYTES)
    info["n"] = len(impact)  # how many remedies have the term: its rarity weighs a query word (ranking.py)
    info["max"] = max(impact[ref] for ref in tail)
    info["tie"] = min(ref for ref in tail if impact[ref] == info["max"])  # heads win ties: lower refs first
    info["tail"] = [[run[0], len(tails) + k] for k, run in enumerate(runs)]
    parts = _split(fields, [dict.fromkeys(head, 0)] + [dict.fromkeys(run, 0) for run in runs])
    tails += [_entry(term, part, {}) for part in parts[1:]]
    return _entry(term, parts[0], info)


def _impacts(fields: dict[int, dict[int, float]]) -> dict[int, int]:
    """Remedy -> what the term adds to its score at boost 1, in thousandths as the shards store weights."""
    impact: dict[int, int] = {}
    for refs in fields.values():
        for ref, weight in refs.items():
            impact[ref] = impact.get(ref, 0) + round(weight * 1000)
    return impact


def _split(fields: dict[int, dict[int, float]], groups: list[dict[int, int]]) -> list[dict[int, dict[int, float]]]:
    """The postings of each group of remedies, in one pass."""
    group_of = {ref: k for k, group in enumerate(groups) for ref in group}
    parts: list[dict[int, dict[int, float]]] = [{} for _ in groups]
    for field, refs in fields.items():
        for ref, weight in refs.items():
            parts[group_of[ref]].setdefault(field, {})[ref] = weight
    return parts


def _cut(items: list[Any], cost: dict[Any, int], size: int) -> list[list[Any]]:
    """Items in order, cut into runs of about `size`."""
    runs: list[list[Any]] = [[]]
    total = 0
    for item in items:
        if runs[-1] and total + cost[item] > size:
            runs.append([])
            total = 0
        runs[-1].append(item)
        total += cost[item]
    return runs


def _term_ranges(heads: dict[str, list[Any]]) -> list[list[str]]:
    """The sorted vocabulary cut into ranges of about TERM_SHARD_BYTES."""
    return _cut(sorted(heads), {t: len(json.dumps(e)) for t, e in heads.items()}, TERM_SHARD_BYTES)


def _entry(term: str, fields: dict[int, dict[int, float]], info: dict[str, Any]) -> list[Any]:
    """[term, info, [field, gap, weight, gap, weight, ...], ...]: remedies as gaps, weights in thousandths."""
    out: list[Any] = [term, info]
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
    for flat in entry[2:]:
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
    index.postings = {t: decode(_entry(t, p, {})) for t, p in index.postings.items()}
    return index, index.analyze
