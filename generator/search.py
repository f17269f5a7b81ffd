"""Search index: one lunr index per language, prebuilt in Python, loaded by lunr.js in the page.

Index side and query side share one analyzer: split on white space, trim punctuation, keep an
identifier (Set-SPOTenant) whole and also by its parts, drop stop words, stem words without
digits. The browser runs the same steps (overrides/assets/kb-search.js) with the stemmers and
stop words of the lunr.js and lunr-languages files that MkDocs ships; tests/test_search.py
compares both sides word by word in Chromium.
"""
from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Callable

import lunr.stemmer
import mkdocs.contrib.search
import snowballstemmer
from lunr.builder import Builder
from lunr.index import Index
from lunr.query import Query
from markupsafe import Markup

from generator import markup
from generator.catalogues import catalogue
from generator.links import remedy_page, url
from generator.records import KnowledgeBase, RemedyBase

LUNR_DIR = Path(mkdocs.contrib.search.__file__).parent
LUNR_JS = LUNR_DIR / "templates" / "search" / "lunr.js"
LUNR_LANGUAGES = LUNR_DIR / "lunr-language"

SEARCH_DIR = "search"  # inside each language's site: scripts and the index
INDEX_SCRIPT = "index.js"

# Field -> boost. Codes are matched exactly and outrank everything; a symptom says more about
# a remedy than the steps that fix it.
FIELDS = {"codes": 40, "title": 10, "tags": 4, "symptom": 3, "cause": 2, "steps": 1}
SUMMARY_CHARS = 180

_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_SPLIT = re.compile(r"[\W_]+")
_DIGIT = re.compile(r"[0-9]")


class LunrJsPorter(lunr.stemmer.PorterStemmer):
    """lunr.py's Porter stemmer with lunr.js's step 1c, so both sides stem alike.

    lunr.js turns a final y into i after any non-vowel that is not the first letter
    (cry -> cri, say -> say, by -> by); lunr.py asks for a vowel in the stem instead
    (its module docstring lists the difference).
    """

    def step1c(self) -> None:
        if self.ends("y") and self.k - self.k0 >= 2 and self.b[self.k - 1] not in "aeiou":
            self.b = self.b[: self.k] + "i" + self.b[self.k + 1:]


@dataclass(frozen=True)
class Analyzer:
    """Text to index terms for one language; the browser mirrors it exactly."""

    stem: Callable[[str], str]
    stop_words: frozenset[str]

    def terms(self, text: str) -> list[str]:
        """Terms of free text: words stemmed, identifiers whole and by part."""
        out: list[str] = []
        for chunk in text.lower().split():
            core = _EDGE.sub("", chunk)
            parts = [p for p in _SPLIT.split(core) if p]
            if len(parts) > 1:
                out.append(core)
            out += [self.word(p) for p in parts if p not in self.stop_words]
        return out

    def word(self, word: str) -> str:
        """A word's term: stemmed, unless it holds a digit (AADSTS65005, v2, 0x80070005)."""
        return word if _DIGIT.search(word) else self.stem(word)

    def code_terms(self, code: str) -> list[str]:
        """Terms of an error code: whole, by part, and the number in it (65005 finds AADSTS65005)."""
        whole = code.lower()
        parts = [p for p in _SPLIT.split(whole) if p]
        numbers = [m for p in parts for m in re.findall(r"[0-9]+$", p) if m != p]
        return list(dict.fromkeys([whole, *parts, *numbers]))


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
    return Analyzer(cache(stem), stop_words(source.read_text(encoding="utf-8")))


def stop_words(script: str) -> frozenset[str]:
    """The stop words a lunr script registers, so Python filters exactly what the browser does."""
    match = re.search(r"generateStopWordFilter\(\s*(?:'([^']*)'\.split\(' '\)|\[([^\]]*)\])", script)
    if not match:
        raise ValueError("no stop word list found in lunr script")
    if match.group(1) is not None:
        return frozenset(w for w in match.group(1).split(" ") if w)
    return frozenset(re.findall(r"'([^']*)'", match.group(2)))


def plain(markdown_text: str) -> str:
    """Markdown as plain text, for summaries."""
    return Markup(markup.to_html(markdown_text)).striptags()


def summary(text: str) -> str:
    """The first words of a text, cut at a word boundary."""
    if len(text) <= SUMMARY_CHARS:
        return text
    return text[:SUMMARY_CHARS].rsplit(" ", 1)[0] + " …"


def fields(remedy: RemedyBase, lang: str, analyze: Analyzer) -> dict[str, list[str]]:
    """Index terms of one remedy, per field.

    Terms come from the Markdown source: the analyzer trims the markup around words, so
    rendering every field to HTML first (5 of the 8 seconds per 1,000 remedies) buys nothing.
    """
    t = remedy.text(lang)
    return {
        "codes": [term for code in remedy.codes for term in analyze.code_terms(code)],
        "title": analyze.terms(t.title),
        "tags": analyze.terms(" ".join(remedy.tags)),
        "symptom": analyze.terms(t.symptom),
        "cause": analyze.terms(" ".join(s.cause for s in t.solutions)),
        "steps": analyze.terms(" ".join(step for s in t.solutions for step in s.steps)),
    }


def build_index(kb: KnowledgeBase, lang: str) -> dict[str, Any]:
    """The serialized lunr index of one language; refs are positions in kb.remedies."""
    builder = Builder()
    builder.ref("ref")
    for name, boost in FIELDS.items():
        builder.field(name, boost=boost)
    analyze = analyzer(lang)
    for ref, remedy in enumerate(kb.remedies):  # terms come analyzed: the pipeline stays empty
        builder.add({"ref": str(ref), **fields(remedy, lang, analyze)})
    index = builder.build().serialize()
    # Three decimals rank the same, and let compact() store scores as whole numbers.
    index["fieldVectors"] = [[key, [round(x, 3) for x in vec]] for key, vec in index["fieldVectors"]]
    return index


def compact(index: dict[str, Any]) -> dict[str, Any]:
    """lunr's serialized index without its repetition; kb-search.js expands it before Index.load.

    Postings become [field number, ref, ref, ...] lists without empty fields or metadata, and
    vector scores become thousandths: about a third of the bytes, and quicker to parse.
    """
    names = index["fields"]
    terms = [[term, posting["_index"],
              *([i, *sorted(map(int, posting[f]))] for i, f in enumerate(names) if posting[f])]
             for term, posting in index["invertedIndex"]]
    vectors = []
    for key, vec in index["fieldVectors"]:
        name, ref = key.split("/")
        vectors.append([names.index(name), int(ref),
                        [round(x * 1000) if i % 2 else x for i, x in enumerate(vec)]])
    return {"version": index["version"], "fields": names, "terms": terms, "vectors": vectors}


def documents(kb: KnowledgeBase, lang: str) -> list[dict[str, Any]]:
    """What a result shows, by ref: id, title, area, codes and a summary of the symptom."""
    return [
        {
            "id": r.id,
            "title": r.text(lang).title,
            "area": kb.areas[r.area].text(lang).title,
            "codes": list(r.codes),
            "summary": summary(plain(r.text(lang).symptom)),
        }
        for r in kb.remedies
    ]


def index_script(kb: KnowledgeBase, lang: str) -> str:
    """The index script of one language: index, result texts, page address pattern.

    A script, not a .json file: pages opened from disk may load scripts but not fetch files.
    JSON.parse of a string literal parses faster than the same object literal.
    """
    data = {"index": compact(build_index(kb, lang)), "docs": documents(kb, lang),
            "page": url(lang, remedy_page("{id}")).split("/", 1)[1]}
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return f"window.kbSearchData=JSON.parse({json.dumps(text, ensure_ascii=False)});\n"


def write_search(site: Path, lang: str, script: str) -> None:
    """Write one language's index script and the lunr scripts it needs into site/<lang>/search/."""
    folder = site / lang / SEARCH_DIR
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(LUNR_JS, folder / LUNR_JS.name)
    for name in settings(lang).scripts:
        shutil.copyfile(LUNR_LANGUAGES / name, folder / name)
    (folder / INDEX_SCRIPT).write_text(script, encoding="utf-8")


def scripts(lang: str) -> list[str]:
    """Scripts the search box loads, in order, relative to the language root."""
    names = [LUNR_JS.name, *settings(lang).scripts, INDEX_SCRIPT]
    return [f"{SEARCH_DIR}/{name}" for name in names]


PREFIX_BOOST = 0.5  # a word still being typed counts, but less than a whole word
MIN_PREFIX = 2


def clauses(analyze: Analyzer, text: str) -> list[tuple[str, bool]]:
    """(term, is_prefix) pairs of a query: its terms, and the last word as typed, as a prefix."""
    terms = list(dict.fromkeys(analyze.terms(text)))
    out = [(term, False) for term in terms]
    words = text.lower().split()
    if words and not text[-1].isspace():
        parts = [p for p in _SPLIT.split(_EDGE.sub("", words[-1])) if p]
        if parts and len(parts[-1]) >= MIN_PREFIX:
            out.append((parts[-1], True))
    return out


class Engine:
    """The browser's search, run in Python over the same index: for tests and tools."""

    def __init__(self, kb: KnowledgeBase, lang: str):
        self.ids = [r.id for r in kb.remedies]
        self.index = Index.load(build_index(kb, lang))
        self.analyze = analyzer(lang)

    def find(self, text: str) -> list[str]:
        """Remedy ids for a query, best first."""
        plan = clauses(self.analyze, text)
        if not plan:
            return []
        query = self.index.create_query()
        for term, prefix in plan:
            query.term(term, use_pipeline=False, boost=PREFIX_BOOST if prefix else 1,
                       wildcard=Query.WILDCARD_TRAILING if prefix else Query.WILDCARD_NONE)
        return [self.ids[int(match["ref"])] for match in self.index.query(query)]
