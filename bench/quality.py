"""Search quality: the knowledge base, the query file, the runs in Chromium and the figures.

Shared by `python -m bench.search_quality` (all queries, with Pagefind as the anchor) and by
tests/test_search_quality.py (a fixed subset, remedykb only). Needs only the standard library
and Playwright, so the test suite can import it without the bench extra.
"""
from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence
from urllib.parse import quote

import yaml
from playwright.sync_api import Page

REPO = Path(__file__).resolve().parent.parent
PAIRS = REPO.parent / "shared" / "reference" / "pairs"
QUERIES = Path(__file__).resolve().parent / "queries.tsv"  # written for the first 8 pairs; the ranking was tuned on it
BLIND = Path(__file__).resolve().parent / "queries-blind.tsv"  # written before any run, for the 12 newer pairs
SYNONYMS = Path(__file__).resolve().parent / "synonyms.yaml"  # what a team would add for the imported pages
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
KINDS = ("code", "message", "own-en", "own-nl", "typo", "abbrev")
LANGS = ("en", "nl")
HEADER = ["lang", "kind", "query", "expected"]
SPLIT_HEADER = ["lang", "kind", "split", "query", "expected"]  # a blind file: dev may be looked at, test only scored
SPLITS = ("dev", "test")
DEPTH = 10  # ranks below this count as not found: a reader does not scroll further
WAIT_MS = 20000  # the longest any single page load or search may take before it counts as failed
RESULTS = ".kb-search-page__results a[data-remedy-id]"
# The search page stamps the query it has shown on its meta line, for results and "no results" alike.
SHOWN = """q => {
  const meta = document.querySelector('[data-kb-search-meta]');
  return !!meta && meta.getAttribute('data-kb-query') === q;
}"""
# Pagefind's own JS API, loaded once per page; a race keeps a stuck search from hanging the run.
PAGEFIND_SEARCH = """async ([bundle, base, q, depth, ms]) => {
  const work = (async () => {
    if (!window.__kbPagefind) {
      window.__kbPagefind = await import(bundle);
      await window.__kbPagefind.options({baseUrl: base});
    }
    const found = await window.__kbPagefind.search(q);
    if (!found || !found.results) return [];
    const top = await Promise.all(found.results.slice(0, depth).map(r => r.data()));
    return top.map(d => d.url);
  })();
  const late = new Promise((_, reject) => setTimeout(() => reject(new Error('pagefind timeout')), ms));
  return Promise.race([work, late]);
}"""
REMEDY_URL = re.compile(r"/remedies/([^/?#]+)\.html")


@dataclass(frozen=True)
class Query:
    """One line of the query file: which site to search, what is typed, which remedy should come first.

    `expected` is a remedy id, or, in a blind file written before the pages were imported, the page's
    section (`page#english-anchor`) or a table row (`page@CODE`) that answers; see `resolve`."""

    lang: str
    kind: str
    text: str
    expected: str
    split: str = "tuned"


@dataclass(frozen=True)
class Scores:
    """Rank-1 share, recall@5 and mean reciprocal rank of a group of queries."""

    n: int
    rank1: float
    recall5: float
    mrr: float


def load_queries(path: Path = QUERIES) -> list[Query]:
    """The queries of a tab-separated file: lang, kind, query, expected; or lang, kind, split, query,
    expected. Lines starting with # are comments."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
                if row and not row[0].startswith("#")]
    if not rows or rows[0] not in (HEADER, SPLIT_HEADER):
        raise ValueError(f"{path}: the first line must be {' / '.join(HEADER)} or {' / '.join(SPLIT_HEADER)}")
    split = rows[0] == SPLIT_HEADER
    queries = []
    for number, row in enumerate(rows[1:], start=2):
        if not "".join(row).strip():
            continue
        if len(row) != len(rows[0]) or row[0] not in LANGS or row[1] not in KINDS or (split and row[2] not in SPLITS):
            raise ValueError(f"{path}:{number}: expected {', '.join(rows[0])}; got {row}")
        lang, kind, *rest = row
        queries.append(Query(lang, kind, rest[-2], rest[-1], rest[0] if split else "tuned"))
    return queries


def resolve(queries: Sequence[Query], content: Path) -> list[Query]:
    """Queries whose expected `page#anchor` or `page@CODE` is replaced by the id of the remedy the import
    made of that section or row; a query whose answer is no remedy keeps it (and cannot rank)."""
    from generator.validation import load  # the generator is only needed for blind files
    kb = load(content)
    origins: dict[str, str] = {}
    for first in (True, False):  # a section a remedy was made from, before a sub-heading one holds
        for remedy in kb.remedies:
            for origin in remedy.imported_from[:1] if first else remedy.imported_from[1:]:
                origins.setdefault(origin.rsplit("/", 1)[-1], remedy.id)
    out = []
    for q in queries:
        page, at, code = q.expected.partition("@")
        if at:
            found = [r.id for r in kb.remedies if code in r.codes
                     and any(o.rsplit("/", 1)[-1].startswith(f"{page}.md#") for o in r.imported_from)]
            expected = found[0] if found else q.expected
        else:
            page, _, anchor = q.expected.partition("#")
            mine = {r.id for r in kb.remedies if r.imported_from and r.imported_from[0].startswith(f"{page}.md#")}
            # the page's own title names the page: its one remedy, when it became one
            expected = origins.get(f"{page}.md#{anchor}", mine.pop() if len(mine) == 1 else q.expected)
        out.append(Query(q.lang, q.kind, q.text, expected, q.split))
    return out


def subset(queries: Sequence[Query], n: int) -> list[Query]:
    """About n queries, every k-th of the file, so each kind and language keeps a share."""
    step = max(1, len(queries) // max(1, n))
    return list(queries[::step])[:n]


def run_kb(args: Sequence[str], cwd: Path) -> None:
    """Run `kb ARGS` (as `python -m generator`) in cwd; raise with its stderr when it fails."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "generator", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=900)
    if done.returncode:
        raise RuntimeError(f"kb {' '.join(map(str, args))} failed ({done.returncode}):\n{done.stderr[-3000:]}")


def page_pairs(pairs: Path) -> list[tuple[Path, ...]]:
    """Each English page of the pairs folder with its Dutch translation when there is one."""
    found = []
    for english in sorted(pairs.glob("*.en-US.md")):
        dutch = english.with_name(english.name.replace(".en-US.md", ".nl-NL.md"))
        found.append((english, dutch) if dutch.exists() else (english,))
    return found


def import_kb(work: Path, pairs: Path = PAIRS) -> Path:
    """Example content plus every page pair imported into work/content_src; return that folder."""
    if not pairs.is_dir():
        raise FileNotFoundError(f"{pairs} is missing: the harness imports its page pairs")
    content = work / "content_src"
    shutil.copytree(REPO / "content_src", content)
    add_synonyms(content, SYNONYMS)
    for pages in page_pairs(pairs):  # one call per pair, as an editor would import them
        run_kb(["import", *pages, "--content", content], work)
    return content


def build_kb(work: Path, pairs: Path = PAIRS) -> Path:
    """Example content plus every imported page pair, built into work/site; return the site."""
    content = import_kb(work, pairs)
    run_kb(["build", "--content", content, "--out", work / "site", "--docs", work / "docs",
            "--mkdocs", REPO / "mkdocs.yml"], work)
    return work / "site"


def add_synonyms(content: Path, extra: Path) -> None:
    """Add the groups of `extra` to the content's synonyms.yaml, language by language."""
    path = content / "synonyms.yaml"
    groups = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    for lang, more in yaml.safe_load(extra.read_text(encoding="utf-8")).items():
        groups.setdefault(lang, []).extend(more)
    path.write_text(yaml.safe_dump(groups, allow_unicode=True, sort_keys=True), encoding="utf-8")


def remedy_ids(site: Path, lang: str) -> set[str]:
    """The ids of the remedy pages a language's site holds."""
    return {page.stem for page in (site / lang / "remedies").glob("*.html")}


def kb_ranked(page: Page, base: str, query: Query) -> list[str]:
    """The remedy ids the search page shows for the query, best first, at most DEPTH."""
    page.goto(f"{base}/{query.lang}/search.html?q={quote(query.text, safe='')}", timeout=WAIT_MS)
    page.wait_for_function(SHOWN, arg=query.text, timeout=WAIT_MS)
    ids = page.eval_on_selector_all(RESULTS, "links => links.map(a => a.getAttribute('data-remedy-id'))")
    return ids[:DEPTH]


def pagefind_index(site: Path, lang: str) -> None:
    """Index a language's remedy pages with Pagefind, into site/<lang>/pagefind/."""
    # Only the remedy pages, and only the article: Material's navigation and footer are the same
    # on every page and would only add noise to Pagefind's ranking.
    done = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site / lang), "--glob", "remedies/*.html",
                           "--root-selector", "article.md-content__inner", "--silent"],
                          capture_output=True, text=True, timeout=600)
    if done.returncode:
        raise RuntimeError(f"pagefind failed on {site / lang}:\n{done.stderr[-3000:]}")


def pagefind_ranked(page: Page, base: str, query: Query) -> list[str]:
    """The remedy ids Pagefind's JS API returns for the query, best first, at most DEPTH."""
    home = f"{base}/{query.lang}/index.html"
    if page.url != home:  # one page load per language; the loaded bundle stays on window
        page.goto(home, timeout=WAIT_MS)
    urls = page.evaluate(PAGEFIND_SEARCH, [f"/{query.lang}/pagefind/pagefind.js", f"/{query.lang}/",
                                           query.text, DEPTH, WAIT_MS])
    return [m.group(1) for m in map(REMEDY_URL.search, urls) if m]


def run_all(page: Page, base: str, queries: Iterable[Query],
            ranked: Callable[[Page, str, Query], list[str]]) -> dict[Query, list[str]]:
    """Each query's ranked ids from one engine; a query that fails or times out finds nothing."""
    results = {}
    for query in queries:
        try:
            results[query] = ranked(page, base, query)
        except Exception as err:  # noqa: BLE001 - one bad query must not end a run of 150
            print(f"warning: {query.lang} {query.text!r}: {type(err).__name__}: {str(err)[:200]}", file=sys.stderr)
            results[query] = []
    return results


def rank_of(expected: str, ids: Sequence[str]) -> int | None:
    """1-based rank of the expected id among the first DEPTH ids, or None."""
    top = list(ids[:DEPTH])
    return top.index(expected) + 1 if expected in top else None


def scores(ranks: Sequence[int | None]) -> Scores:
    """Rank-1 share, recall@5 and MRR (1/rank, 0 beyond DEPTH) of a list of ranks."""
    n = len(ranks)
    if not n:
        return Scores(0, 0.0, 0.0, 0.0)
    return Scores(n, sum(r == 1 for r in ranks) / n, sum(r is not None and r <= 5 for r in ranks) / n,
                  sum(1 / r for r in ranks if r) / n)


def groups(queries: Sequence[Query]) -> list[tuple[str, str, list[Query]]]:
    """(kind, lang, queries) for each kind x language present, each language, and all queries."""
    out = [(kind, lang, [q for q in queries if q.kind == kind and q.lang == lang])
           for kind in KINDS for lang in LANGS]
    out = [g for g in out if g[2]]
    out += [("all", lang, [q for q in queries if q.lang == lang]) for lang in LANGS]
    return out + [("all", "all", list(queries))]


def table(queries: Sequence[Query], engines: dict[str, dict[Query, list[str]]]) -> str:
    """A markdown table: one row per group, rank-1 / R@5 / MRR for each engine."""
    head = ["kind", "lang", "n"] + [f"{name} {m}" for name in engines for m in ("rank-1", "R@5", "MRR")]
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join(["---"] * 2 + ["---:"] * (len(head) - 2)) + " |"]
    for kind, lang, members in groups(queries):
        cells = [kind, lang, str(len(members))]
        for results in engines.values():
            s = scores([rank_of(q.expected, results[q]) for q in members])
            cells += [f"{s.rank1:.2f}", f"{s.recall5:.2f}", f"{s.mrr:.2f}"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def misses(queries: Sequence[Query], results: dict[Query, list[str]]) -> str:
    """Every query whose expected remedy is not first: where it came, and the top 3 shown."""
    lines = []
    for q in queries:
        rank = rank_of(q.expected, results[q])
        if rank != 1:
            where = f"rank {rank}" if rank else f">{DEPTH}"
            got = ", ".join(results[q][:3]) or "(no results)"
            lines.append(f"{q.lang} {q.kind:<7} {q.text!r} -> {q.expected} ({where}); got {got}")
    return "\n".join(lines)


MINISEARCH = "minisearch@7.2.0"
MINISEARCH_CACHE = Path.home() / ".cache" / "remedykb-bench" / "minisearch"  # npm installs it here, not in the repo


def minisearch_package(cache: Path = MINISEARCH_CACHE) -> Path:
    """The pinned MiniSearch package, installed with npm into `cache` unless it is already there."""
    package = cache / "node_modules" / "minisearch"
    if not (package / "package.json").is_file():
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(cache), "--no-audit", "--no-fund", MINISEARCH],
                       check=True, capture_output=True, timeout=600)
    return package


def minisearch_ranked(content: Path, queries: Sequence[Query]) -> dict[Query, list[str]]:
    """MiniSearch's ranked ids for each query, over the same records (title, codes, all their text)."""
    from generator.search import plain
    from generator.validation import load
    kb = load(content)
    records = {lang: [{"id": r.id, "title": r.text(lang).title, "codes": " ".join(r.codes),
                       "text": plain("\n\n".join([r.text(lang).symptom or ""] +
                                                 [p for s in r.text(lang).solutions for p in s.markdown()]))}
                      for r in kb.remedies] for lang in kb.languages}
    payload = json.dumps({"records": records, "depth": DEPTH,
                          "queries": [{"lang": q.lang, "text": q.text} for q in queries]})
    done = subprocess.run(["node", str(Path(__file__).with_name("minisearch_run.mjs")), str(minisearch_package())],
                          input=payload, capture_output=True, text=True, timeout=600, check=True)
    return dict(zip(queries, json.loads(done.stdout)))
