"""python -m bench.search_quality [--misses] [--subset N] [--no-pagefind] [--no-minisearch] [--queries FILE ...]

Builds the example knowledge base plus every page pair of ../shared/reference/pairs (imported one
pair per `kb import`), then runs each query on its language's search page (`<lang>/search.html?q=...`)
in headless Chromium on 127.0.0.1 and reads the ranked remedy ids. In the same run it indexes the
same remedy pages with Pagefind and asks Pagefind's JS API the same queries, and runs MiniSearch
(npm, BM25+, fuzzy 0.2, prefix, title x3, codes x4) over the same records, as anchors.

The queries are bench/queries.tsv (written for the first pairs; the ranking was tuned on it) and
bench/queries-blind.tsv (written before any run for the newer pairs, split in a development half,
which may be looked at, and a test half, which is only scored). It prints one markdown table per
set, per kind x language: rank-1 share, recall@5 and MRR (1/rank, 0 when the expected remedy is not
in the first 10). `--misses` lists the misses of the tuned set and the development half, never of
the test half. It prints figures and judges nothing: the exit code is 0.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench import quality
from bench.serve import serve


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m bench.search_quality", description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=Path, nargs="+", default=[quality.QUERIES, quality.BLIND],
                        help="tab-separated query files")
    parser.add_argument("--pairs", type=Path, default=quality.PAIRS, help="folder of page pairs to import")
    parser.add_argument("--subset", type=int, metavar="N", help="about N queries, every k-th of the file")
    parser.add_argument("--no-pagefind", action="store_true", help="no Pagefind")
    parser.add_argument("--no-minisearch", action="store_true", help="no MiniSearch")
    parser.add_argument("--misses", action="store_true", help="list the queries remedykb does not rank first")
    return parser.parse_args(argv)


def unknown_expected(queries: list[quality.Query], site: Path) -> list[str]:
    """Queries whose expected id is not a remedy page of their language's site."""
    ids = {lang: quality.remedy_ids(site, lang) for lang in quality.LANGS}
    return [f"{q.lang} {q.text!r}: {q.expected}" for q in queries if q.expected not in ids[q.lang]]


def measure(queries: list[quality.Query], site: Path, with_pagefind: bool) -> dict[str, dict]:
    """Ranked ids per engine and query, from one browser and one reused page."""
    engines: dict[str, dict] = {}
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=quality.CHROMIUM, args=quality.CHROMIUM_FLAGS)
        page = browser.new_page()
        page.set_default_timeout(quality.WAIT_MS)
        started = time.perf_counter()
        engines["remedykb"] = quality.run_all(page, base, queries, quality.kb_ranked)
        print(f"remedykb: {len(queries)} queries in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        if with_pagefind:
            started = time.perf_counter()
            # Grouped by language: Pagefind's bundle is loaded once per language page.
            ordered = sorted(queries, key=lambda q: quality.LANGS.index(q.lang))
            engines["Pagefind"] = quality.run_all(page, base, ordered, quality.pagefind_ranked)
            print(f"Pagefind: {len(queries)} queries in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        browser.close()
    return engines


def main(argv: list[str] | None = None) -> int:
    """Build, measure, print; always 0."""
    args = parse_args(argv)
    queries = [q for path in args.queries for q in quality.load_queries(path)]
    if args.subset:
        queries = quality.subset(queries, args.subset)
    with_pagefind = not args.no_pagefind
    if with_pagefind and importlib.util.find_spec("pagefind") is None:
        print("note: the pagefind package is not installed (pip install -e '.[bench]'); no Pagefind", file=sys.stderr)
        with_pagefind = False
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kb-quality-") as tmp:
        site = quality.build_kb(Path(tmp), args.pairs)
        queries = quality.resolve(queries, Path(tmp) / "content_src")
        print(f"built the knowledge base in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        for line in unknown_expected(queries, site):
            print(f"warning: expected id not on the site: {line}", file=sys.stderr)
        if with_pagefind:
            for lang in quality.LANGS:
                quality.pagefind_index(site, lang)
        engines = measure(queries, site, with_pagefind)
        if not args.no_minisearch:
            engines["MiniSearch"] = quality.minisearch_ranked(Path(tmp) / "content_src", queries)
    print(f"remedies per site: built from content_src and {args.pairs}; MRR counts the first {quality.DEPTH} results")
    for split, title in (("tuned", "tuned set (bench/queries.tsv)"), ("dev", "blind, development half"),
                         ("test", "blind, test half (only scored)")):
        chosen = [q for q in queries if q.split == split]
        if chosen:
            print(f"\n{title}: {len(chosen)} queries\n")
            print(quality.table(chosen, engines))
    if args.misses:
        print("\nremedykb misses (expected remedy not first), tuned set and development half:")
        print(quality.misses([q for q in queries if q.split != "test"], engines["remedykb"]) or "(none)")
    print(f"\ntotal {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
