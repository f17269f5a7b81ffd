"""Search index: one lunr index per language, prebuilt in Python (shipped in shards by shards.py).

Index side and query side share one analyzer: split on white space, trim punctuation, keep an
identifier (Set-SPOTenant) whole and also by its parts, drop stop words, stem words without
digits, add synonyms. The browser runs the same steps (overrides/assets/kb-analyzer.js) with the
stemmers and stop words of the lunr.js and lunr-languages files that MkDocs ships;
tests/test_search_browser.py compares both sides word by word in Chromium.
"""
from __future__ import annotations

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
from markupsafe import Markup

from generator import markup
from generator.catalogues import catalogue
from generator.records import KnowledgeBase, RemedyBase

LUNR_DIR = Path(mkdocs.contrib.search.__file__).parent
LUNR_JS = LUNR_DIR / "templates" / "search" / "lunr.js"
LUNR_LANGUAGES = LUNR_DIR / "lunr-language"

SEARCH_DIR = "search"  # inside each language's site: scripts and the index
INDEX_SCRIPT = "index.js"  # the manifest of the index shards

# Field -> boost. Codes are matched exactly and outrank everything; a symptom says more about
# a remedy than the steps that fix it.
FIELDS = {"codes": 40, "title": 10, "tags": 4, "symptom": 3, "cause": 2, "steps": 1}
SUMMARY_CHARS = 180

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

    def terms(self, text: str) -> list[str]:
        """Terms of free text: words stemmed, identifiers whole and by part, and the synonyms they name."""
        out: list[str] = []
        words: list[str] = []
        for chunk in text.lower().split():
            core = EDGE.sub("", chunk)
            parts = [p for p in SPLIT.split(core) if p]
            if len(parts) > 1:
                out.append(core)
            terms = [self.word(p) for p in parts if p not in self.stop_words]
            out += terms
            words += terms
        return out + self.named(words) if self.synonyms else out

    def named(self, words: list[str]) -> list[str]:
        """The canonical term of every synonym whose variant occurs in a run of word terms."""
        found = []
        for canonical, variants in self.synonyms:
            for variant in variants:
                size = len(variant)
                found += [canonical for i in range(len(words) - size + 1) if tuple(words[i:i + size]) == variant]
        return found

    def with_synonyms(self, groups: list[list[str]]) -> Analyzer:
        """This analyzer with synonym groups: each variant (a word or words) also yields the group's term."""
        synonyms = []
        for group in groups:
            variants = tuple(v for v in (tuple(self.terms_plain(text)) for text in group) if v)
            if variants:
                synonyms.append(("~" + "_".join(variants[0]), variants))
        return Analyzer(self.stem, self.stop_words, tuple(synonyms))

    def terms_plain(self, text: str) -> list[str]:
        """Word terms of a text, without whole identifiers or synonyms: a synonym's variant."""
        return [self.word(p) for chunk in text.lower().split()
                for p in SPLIT.split(EDGE.sub("", chunk)) if p and p not in self.stop_words]

    def word(self, word: str) -> str:
        """A word's term: stemmed, unless it holds a digit (AADSTS65005, v2, 0x80070005)."""
        return word if DIGIT.search(word) else self.stem(word)

    def code_terms(self, code: str) -> list[str]:
        """Terms of an error code: whole, by part, and the number in it (65005 finds AADSTS65005)."""
        whole = code.lower()
        parts = [p for p in SPLIT.split(whole) if p]
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


def kb_analyzer(kb: KnowledgeBase, lang: str) -> Analyzer:
    """The analyzer of one language with the synonyms of content_src/synonyms.yaml."""
    return analyzer(lang).with_synonyms(kb.synonyms.get(lang, []))


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
        "symptom": analyze.terms(t.symptom or ""),
        "cause": analyze.terms(" ".join(s.cause for s in t.solutions if s.cause)),
        "steps": analyze.terms(" ".join(part for s in t.solutions for part in s.markdown(cause=False))),
    }


def build_index(kb: KnowledgeBase, lang: str) -> dict[str, Any]:
    """The serialized lunr index of one language; refs are positions in kb.remedies."""
    builder = Builder()
    builder.ref("ref")
    for name, boost in FIELDS.items():
        builder.field(name, boost=boost)
    analyze = kb_analyzer(kb, lang)
    for ref, remedy in enumerate(kb.remedies):  # terms come analyzed: the pipeline stays empty
        builder.add({"ref": str(ref), **fields(remedy, lang, analyze)})
    index = builder.build().serialize()
    # Three decimals rank the same, and let the shards store weights as whole thousandths.
    index["fieldVectors"] = [[key, [round(x, 3) for x in vec]] for key, vec in index["fieldVectors"]]
    return index


def documents(kb: KnowledgeBase, lang: str) -> list[dict[str, Any]]:
    """What a result shows, by ref: id, title, area, codes and a summary of the symptom."""
    return [
        {
            "id": r.id,
            "title": r.text(lang).title,
            "area": kb.areas[r.area].text(lang).title,
            "codes": list(r.codes),
            "summary": summary(plain(r.text(lang).lead())),
        }
        for r in kb.remedies
    ]


def surface_words(analyze: Analyzer, docs: list[dict[str, Any]]) -> dict[str, str]:
    """Words as titles and summaries write them -> their terms: for typos and "did you mean"."""
    found: dict[str, str] = {}
    for doc in docs:
        for chunk in f"{doc['title']} {doc['summary']}".lower().split():
            for p in SPLIT.split(EDGE.sub("", chunk)):
                if len(p) >= 3 and not any(c.isdigit() for c in p) and p not in analyze.stop_words:
                    found.setdefault(p, analyze.word(p))
    return found


def write_search(site: Path, lang: str, files: dict[str, str]) -> None:
    """Write one language's index shards (generator/shards.py) and the lunr scripts into site/<lang>/search/."""
    folder = site / lang / SEARCH_DIR
    if folder.exists():
        shutil.rmtree(folder)  # shards of an earlier build must not linger (kb serve rebuilds in place)
    folder.mkdir(parents=True)
    shutil.copyfile(LUNR_JS, folder / LUNR_JS.name)
    for name in settings(lang).scripts:
        shutil.copyfile(LUNR_LANGUAGES / name, folder / name)
    for name, text in files.items():
        (folder / f"{name}.js").write_text(text, encoding="utf-8")


def scripts(lang: str) -> list[str]:
    """lunr's scripts the search loads first, in order, relative to the language root; the index
    shards come after them (overrides/assets/kb-index.js)."""
    return [f"{SEARCH_DIR}/{name}" for name in [LUNR_JS.name, *settings(lang).scripts]]
