"""How search loads, in Chromium: the first results come before a common word's tail (and are the
results every posting gives), titles before summaries, and a ?q= query's shards with the page."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser

from bench import synthetic
from generator import ranking, search, shards
from generator.records import KnowledgeBase
from generator.validation import load
from tests.conftest import REPO, resharded

EXAMPLE = load(REPO / "content_src")

REMEDIES = 400
HEAD = 40  # remedies per head: a common word of the synthetic vocabulary has a tail of hundreds
TAIL_BYTES = 300  # about 30 remedies per tail shard: a query that must be sure of a remedy reads a few
RESULTS = ".kb-search-page__results a[data-remedy-id]"
# Queries of each kind: one common word, two common words, a code, a word and a prefix, a typo.
CODE = synthetic.remedy(REMEDIES // 2)["codes"][0]
QUERIES = {"en": ["passwords", "new passwords", CODE, "shared fold", "pasword"],
           "nl": ["wachtwoorden", "nieuwe wachtwoorden", CODE, "gedeelde map", "wachtwoordn"]}
# Run in the page before its scripts: count the tail shards (p<k>.js) that arrive, and when the
# first results appear, note their ids and how many tail shards had arrived by then.
FIRST = """
window.kbFirst = null;
window.kbTails = 0;
let handler;
Object.defineProperty(window, 'kbSearchShard', {configurable: true, get: () => handler, set: f => {
  handler = (name, data) => { if (name[0] === 'p') window.kbTails++; return f(name, data); };
}});
new MutationObserver((changes, observer) => {
  const links = document.querySelectorAll('%s');
  if (!links.length) return;
  window.kbFirst = {ids: Array.from(links, a => a.dataset.remedyId), tails: window.kbTails};
  observer.disconnect();
}).observe(document, {childList: true, subtree: true});
""" % RESULTS


@pytest.fixture(scope="module")
def synthetic_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return load(synthetic.write(tmp_path_factory.mktemp("synthetic") / "content_src", REMEDIES))


@pytest.fixture(scope="module")
def tails_site(example_site: Path, synthetic_kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site's pages searching the synthetic remedies, with heads of HEAD remedies and small tail shards."""
    return resharded(example_site, tmp_path_factory.mktemp("tails"), synthetic_kb,
                     HEAD_POSTINGS=HEAD, TAIL_SHARD_BYTES=TAIL_BYTES)


def shown(browser: Browser, url: str) -> dict[str, Any]:
    """The first results shown, the tail shards arrived by then and in all, and every result id."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(FIRST)
    page.goto(url)
    page.wait_for_selector("[data-kb-search-meta][data-kb-query]", state="attached")
    first = page.evaluate("window.kbFirst") or {"ids": [], "tails": 0}
    shown_ids = page.eval_on_selector_all(RESULTS, "links => links.map(a => a.dataset.remedyId)")
    tails = page.evaluate("window.kbTails")
    context.close()
    return {"first": first["ids"], "tails at first": first["tails"], "tails": tails, "all": shown_ids}


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("scheme", ["http", "file"])
def test_first_results_come_before_the_tails_and_stay(browser: Browser, tails_site: Path, synthetic_kb: KnowledgeBase,
                                                      serve: Callable[[Path], str], lang: str, scheme: str) -> None:
    base = serve(tails_site) if scheme == "http" else tails_site.as_uri()
    engine = ranking.Engine(synthetic_kb, lang)
    seen = {}
    for query in QUERIES[lang]:
        expected = engine.find(query)
        seen[query] = shown(browser, f"{base}/{lang}/search.html?q={quote(query)}")
        assert seen[query]["all"] == expected[:25], query  # the whole first page, as every posting ranks it
        first = seen[query]["first"]
        assert first and first == expected[:len(first)], query  # shown first, never reordered after
    word, code = seen[QUERIES[lang][0]], seen[CODE]
    assert word["tails at first"] == 0 < word["tails"]  # shown before the common word's tail arrived
    assert code["tails at first"] < code["tails"]  # the code's remedy settled with one tail shard at most


def test_the_synthetic_words_are_common(synthetic_kb: KnowledgeBase) -> None:
    """The queries above touch terms with tails: otherwise the test proves nothing about them."""
    for lang, queries in QUERIES.items():
        postings = shards.sharded(synthetic_kb, lang).postings
        term = ranking.Engine(synthetic_kb, lang).plan(queries[0])[0][0].alternatives[0][0][0]
        assert len(shards._impacts(postings[term])) > 3 * HEAD, (lang, term)


def test_search_page_loads_its_query_while_lunr_still_loads(browser: Browser, example_site: Path,
                                                            serve: Callable[[Path], str]) -> None:
    """The shards of ?q= are asked for while lunr.js is held back: they load in parallel with the page."""
    base = serve(example_site)
    context = browser.new_context()
    page = context.new_page()
    held = []
    page.route("**/search/lunr.js", lambda route: held.append(route))
    page.goto(f"{base}/en/search.html?q=passwords", wait_until="commit")
    with page.expect_request("**/search/t*.js", timeout=5000), page.expect_request("**/search/l*.js", timeout=5000):
        page.wait_for_function("document.readyState !== 'loading'")
    assert len(held) == 1  # lunr.js had not been answered when the shards were asked for
    held[0].continue_()
    page.wait_for_selector(f"{RESULTS}[data-remedy-id='viral-tenant-password-reset']")
    context.close()


def test_titles_first_then_summaries(browser: Browser, example_site: Path, serve: Callable[[Path], str]) -> None:
    """With the summary shards held back, the results show their titles; the summaries follow."""
    base = serve(example_site)
    context = browser.new_context()
    page = context.new_page()
    held = []
    page.route("**/search/s*.js", lambda route: held.append(route))
    page.goto(f"{base}/en/search.html?q=password", wait_until="domcontentloaded")  # held shards delay "load"
    result = page.locator(RESULTS).first
    result.wait_for()
    summary = result.locator(".kb-result__summary")
    assert result.locator("h1").is_visible() and summary.inner_text() == ""
    assert held  # the summaries were asked for, not yet answered
    for route in held:
        route.continue_()
    expected = search.summary(search.plain(EXAMPLE.remedy(result.get_attribute("data-remedy-id")).text("en").symptom))
    page.wait_for_function("el => el.textContent.length > 0", arg=summary.element_handle())
    assert summary.is_visible() and summary.inner_text() == expected
    assert summary.locator("mark").first.inner_text().lower().startswith("password")
    context.close()


def test_show_more_only_when_there_is_more(browser: Browser, tails_site: Path) -> None:
    """One result: no "Show more results" to see. Many: the button shows 25 more, by keyboard too."""
    context = browser.new_context()
    page = context.new_page()
    more = page.get_by_role("button", name="Show more results")
    one = next(c for i in range(REMEDIES) if (c := synthetic.remedy(i)["codes"][0]).startswith("AADSTS"))
    page.goto(f"{tails_site.as_uri()}/en/search.html?q={one}")
    page.wait_for_selector("[data-kb-search-meta][data-kb-query]", state="attached")
    assert page.locator(RESULTS).count() == 1 and not more.is_visible()
    page.goto(f"{tails_site.as_uri()}/en/search.html?q=passwords")
    page.wait_for_selector("[data-kb-search-meta][data-kb-query]", state="attached")
    assert page.locator(RESULTS).count() == 25 and more.is_visible()
    more.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.querySelectorAll('{RESULTS}').length === 50")
    assert more.is_visible()
    context.close()
