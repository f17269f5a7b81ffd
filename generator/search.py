"""Search index: one lunr index per language, prebuilt in Python (shipped in shards by shards.py).

Index side and query side share one analyzer (analysis.py), which the browser mirrors; this module
chooses what each remedy field holds, builds the lunr index, and copies the browser's lunr scripts.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from lunr.builder import Builder
from markupsafe import Markup

from generator import markup, runs
from generator.analysis import EDGE, LUNR_JS, LUNR_LANGUAGES, SPLIT, Analyzer, analyzer, settings
from generator.records import KnowledgeBase, RemedyBase

SEARCH_DIR = "search"  # inside each language's site: scripts and the index
INDEX_SCRIPT = "index.js"  # the manifest of the index shards

# Field -> boost. Codes are matched exactly and outrank everything; a symptom says more about
# a remedy than the steps that fix it. The area's title names the product a remedy is about; "other"
# holds a translation's source title and symptom (_source_words).
FIELDS = {"codes": 40, "title": 10, "tags": 4, "symptom": 3, "cause": 2, "steps": 1, "area": 1, "other": 1}
SUMMARY_CHARS = 180


def kb_analyzer(kb: KnowledgeBase, lang: str) -> Analyzer:
    """The analyzer of one language with its groups of words that mean the same (generator/vocabulary.py):
    content_src/synonyms.yaml, the abbreviations the content defines, the language's everyday words."""
    from generator import vocabulary  # it reads the records; the records need nothing of search
    return analyzer(lang).with_synonyms(vocabulary.groups(kb, lang))


def plain(markdown_text: str) -> str:
    """Markdown as plain text, for summaries."""
    return Markup(markup.to_html(markdown_text)).striptags()


def summary(text: str) -> str:
    """The first words of a text, cut at a word boundary."""
    if len(text) <= SUMMARY_CHARS:
        return text
    return text[:SUMMARY_CHARS].rsplit(" ", 1)[0] + " …"


def fields(remedy: RemedyBase, lang: str, analyze: Analyzer, area: str = "") -> dict[str, list[str]]:
    """Index terms of one remedy, per field.

    Terms come from the Markdown source: the analyzer trims the markup around words, so
    rendering every field to HTML first (5 of the 8 seconds per 1,000 remedies) buys nothing.
    """
    t = remedy.text(lang)
    found = {
        "codes": [term for code in remedy.codes for term in analyze.code_terms(code)],
        "title": analyze.terms(t.title),
        "tags": analyze.terms(" ".join(remedy.tags)),
        "symptom": analyze.terms(t.symptom or ""),
        "cause": analyze.terms(" ".join(s.cause for s in t.solutions if s.cause)),
        "steps": analyze.terms(" ".join(part for s in t.solutions for part in s.markdown(cause=False))),
        "area": analyze.terms(area),
    }
    own = {term for terms in found.values() for term in terms}
    # Only the source's words this translation lacks: the names it kept are indexed already.
    return {**found, "other": [term for term in analyze.terms(_source_words(remedy, lang)) if term not in own]}


def _source_words(remedy: RemedyBase, lang: str) -> str:
    """A translation's source text, title and symptom: the names the product shows, which a translated
    page may not keep ("failed request tracing"). The source language's own index has none: a page
    only finds remedies by words of its own language."""
    if lang == remedy.source or not remedy.has(lang):
        return ""
    source = remedy.text(remedy.source)
    return f"{source.title} {source.symptom or ''}"


def build_index(kb: KnowledgeBase, lang: str, analyze: Analyzer | None = None) -> dict[str, Any]:
    """The serialized lunr index of one language; refs are positions in kb.remedies."""
    builder = Builder()
    builder.ref("ref")
    for name, boost in FIELDS.items():
        builder.field(name, boost=boost)
    analyze = analyze or kb_analyzer(kb, lang)
    for ref, remedy in enumerate(kb.remedies):  # terms come analyzed: the pipeline stays empty
        area = kb.areas[remedy.area].text(lang).title
        builder.add({"ref": str(ref), **fields(remedy, lang, analyze, area)})
    index = builder.build().serialize()
    # Three decimals rank the same, and let the shards store weights as whole thousandths.
    index["fieldVectors"] = [[key, [round(x, 3) for x in vec]] for key, vec in index["fieldVectors"]]
    return index


def documents(kb: KnowledgeBase, lang: str, analyze: Analyzer | None = None) -> list[dict[str, Any]]:
    """What a result shows, by ref: id, title, area, codes and a summary of the symptom; and the
    filter of its runs of words, for the phrase check (runs.py)."""
    analyze = analyze or kb_analyzer(kb, lang)
    return [
        {
            "id": r.id,
            "title": r.text(lang).title,
            "area": kb.areas[r.area].text(lang).title,
            "codes": list(r.codes),
            "summary": summary(plain(r.text(lang).lead())),
            "runs": runs.bloom(runs.pairs(analyze, _texts(r, lang))),
        }
        for r in kb.remedies
    ]


def _texts(remedy: RemedyBase, lang: str) -> list[str]:
    """Every text of a remedy in one language, in page order: title, symptom, each solution's parts."""
    t = remedy.text(lang)
    return [t.title, t.symptom or "", *(part for s in t.solutions for part in s.markdown())]


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
