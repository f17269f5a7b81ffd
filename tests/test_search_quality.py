"""Search quality guard: a fixed subset of bench/queries.tsv on the real search page.

The knowledge base is the one `python -m bench.search_quality` measures: the example content
plus every page pair of ../shared/reference/pairs, imported one pair per `kb import`. About 30
queries (every k-th line of the query file, so every kind and both languages take part) run on
`<lang>/search.html?q=...` in headless Chromium. The share that finds its expected remedy first
must stay at or above THRESHOLD. Pagefind is not needed here; the bench compares against it.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from playwright.sync_api import Browser

from bench import quality

PAIRS = Path(__file__).resolve().parent.parent.parent / "shared" / "reference" / "pairs"
SUBSET = 30
# Measured on this subset: 0.80 (24 of 30) with the ranking of issue 3, 0.93 (28 of 30) with all-words-first,
# compounds, typos and synonyms (issue 13). Set just under the measured figure: one more miss fails the test.
THRESHOLD = 0.90


@pytest.fixture(scope="module")
def quality_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example content plus every imported page pair, built once for this module."""
    assert PAIRS.is_dir(), f"{PAIRS} is missing: the search quality guard imports its page pairs"
    assert any(PAIRS.glob("*.en-US.md")), f"{PAIRS} holds no *.en-US.md pages"
    return quality.build_kb(tmp_path_factory.mktemp("quality"), PAIRS)


def test_subset_covers_every_kind_and_language() -> None:
    chosen = quality.subset(quality.load_queries(), SUBSET)
    assert {q.kind for q in chosen} == set(quality.KINDS)
    assert {q.lang for q in chosen} == set(quality.LANGS)
    assert sum(q.lang == "nl" for q in chosen) >= len(chosen) * 0.4


def test_rank1_share_on_subset(quality_site: Path, browser: Browser, serve: Callable[[Path], str]) -> None:
    chosen = quality.subset(quality.load_queries(), SUBSET)
    missing = [f"{q.lang}: {q.expected}" for q in chosen if q.expected not in quality.remedy_ids(quality_site, q.lang)]
    assert not missing, f"expected remedies the built site does not have (import ids changed?): {missing}"
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(quality.WAIT_MS)
    base = serve(quality_site)
    results = {q: quality.kb_ranked(page, base, q) for q in chosen}
    context.close()
    share = quality.scores([quality.rank_of(q.expected, results[q]) for q in chosen]).rank1
    assert share >= THRESHOLD, (
        f"rank-1 share {share:.2f} < {THRESHOLD} on {len(chosen)} queries; not first:\n"
        + quality.misses(chosen, results))
