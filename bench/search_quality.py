"""python -m bench.search_quality [--misses] [--subset N] [--no-pagefind] [--queries FILE]: search quality.

Builds the example knowledge base plus every page pair of ../shared/reference/pairs (imported one
pair per `kb import`), then runs each query of bench/queries.tsv on its language's search page
(`<lang>/search.html?q=...`) in headless Chromium on 127.0.0.1 and reads the ranked remedy ids.
In the same run it indexes the same remedy pages with Pagefind and asks Pagefind's JS API the
same queries, as an anchor. It prints one markdown table per kind x language: rank-1 share,
recall@5 and MRR (1/rank, 0 when the expected remedy is not in the first 10) for both engines.
It prints figures and judges nothing: the exit code is 0.
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
    parser.add_argument("--queries", type=Path, default=quality.QUERIES, help="tab-separated query file")
    parser.add_argument("--pairs", type=Path, default=quality.PAIRS, help="folder of page pairs to import")
    parser.add_argument("--subset", type=int, metavar="N", help="about N queries, every k-th of the file")
    parser.add_argument("--no-pagefind", action="store_true", help="measure remedykb only")
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
    queries = quality.load_queries(args.queries)
    if args.subset:
        queries = quality.subset(queries, args.subset)
    with_pagefind = not args.no_pagefind
    if with_pagefind and importlib.util.find_spec("pagefind") is None:
        print("note: the pagefind package is not installed (pip install -e '.[bench]'); remedykb only",
              file=sys.stderr)
        with_pagefind = False
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kb-quality-") as tmp:
        site = quality.build_kb(Path(tmp), args.pairs)
        print(f"built the knowledge base in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        for line in unknown_expected(queries, site):
            print(f"warning: expected id not on the site: {line}", file=sys.stderr)
        if with_pagefind:
            for lang in quality.LANGS:
                quality.pagefind_index(site, lang)
        engines = measure(queries, site, with_pagefind)
    print(f"{len(queries)} queries; remedies per site: built from content_src and {args.pairs}; "
          f"MRR counts the first {quality.DEPTH} results")
    print()
    print(quality.table(queries, engines))
    if args.misses:
        print()
        print("remedykb misses (expected remedy not first):")
        print(quality.misses(queries, engines["remedykb"]) or "(none)")
    print(f"\ntotal {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
