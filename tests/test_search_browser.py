"""Search in headless Chromium, served over http and opened from disk."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Page

from generator import analysis, ranking, runs
from generator.validation import load
from tests.conftest import REPO, resharded
from tests.test_search import DUTCH_INFLECTIONS

EXAMPLE = load(REPO / "content_src")
SHARED = REPO.parent / "shared"
RESULTS = ".kb-search-page__results a[data-remedy-id]"
HEADER_RESULTS = "#kb-search-list [role=option] [data-remedy-id]"


@pytest.fixture(params=["http", "file"])
def site_url(request: pytest.FixtureRequest, example_site: Path, serve: Callable[[Path], str]) -> str:
    return serve(example_site) if request.param == "http" else example_site.as_uri()


class Watched:
    """A page that records console errors, dialogs, workers and requests that are not plain loads."""

    def __init__(self, page: Page, base: str):
        self.page, self.problems = page, []
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"error: {e}"))
        page.on("dialog", lambda d: (self.problems.append(f"dialog: {d.message}"), d.dismiss()))
        page.on("worker", lambda w: self.problems.append(f"worker: {w.url}"))
        page.on("request", self._request)
        self.base = base

    def _request(self, request) -> None:
        if not request.url.startswith(self.base) or request.resource_type in ("fetch", "xhr"):
            self.problems.append(f"request: {request.resource_type} {request.url}")


@pytest.fixture
def watched(browser: Browser, site_url: str) -> Iterator[Watched]:
    context = browser.new_context()
    watched = Watched(context.new_page(), site_url)
    yield watched
    context.close()
    assert watched.problems == []


def page_results(page: Page, site_url: str, lang: str, query: str) -> list[str]:
    """Ids shown by the search page for ?q=query, in rank order."""
    page.goto(f"{site_url}/{lang}/search.html?q={quote(query)}")
    page.wait_for_selector(f"[data-kb-search-meta][data-kb-query='{query}']", state="attached")
    return [a.get_attribute("data-remedy-id") for a in page.query_selector_all(RESULTS)]


def test_codes_find_their_remedy_first(watched: Watched, site_url: str) -> None:
    firsts = {}
    for lang in ("en", "nl"):
        for remedy in (r for r in EXAMPLE.remedies if r.codes):
            for code in remedy.codes:
                for query in (code, code.lower(), f"Error: {code}", re.sub(r"^[A-Z]+", "", code)):
                    firsts[(lang, query)] = page_results(watched.page, site_url, lang, query)[:1]
    assert firsts and set(map(tuple, firsts.values())) == {("aadsts65005-unmanaged-tenant",)}


def test_dutch_inflections_find_their_remedy_first(watched: Watched, site_url: str) -> None:
    found = {q: page_results(watched.page, site_url, "nl", q)[:1] for q in DUTCH_INFLECTIONS.values()}
    assert found == {q: [rid] for rid, q in DUTCH_INFLECTIONS.items()}


def test_english_words_and_identifiers(watched: Watched, site_url: str) -> None:
    expected = {
        "passwords": "viral-tenant-password-reset",
        "invitation email": "invitation-email-not-received",
        "Set-SPOTenant": "guest-missing-from-sharepoint-people-picker",
        "fabrikam.onmicrosoft.com": "hash-character-in-upn",
    }
    assert {q: page_results(watched.page, site_url, "en", q)[:1] for q in expected} == {
        q: [rid] for q, rid in expected.items()}


def test_results_only_in_the_page_language(watched: Watched, site_url: str) -> None:
    assert page_results(watched.page, site_url, "en", "wachtwoorden") == []
    page_results(watched.page, site_url, "nl", "gastgebruiker")
    hrefs = [a.evaluate("a => a.href") for a in watched.page.query_selector_all(RESULTS)]
    assert len(hrefs) > 3 and all(h.startswith(f"{site_url}/nl/remedies/") for h in hrefs)


def test_header_box_shows_results_as_you_type(watched: Watched, site_url: str) -> None:
    page = watched.page
    page.goto(f"{site_url}/en/areas/invitations.html")
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially("AADSTS6500")
    first = page.locator(HEADER_RESULTS).first
    first.wait_for()
    assert first.get_attribute("data-remedy-id") == "aadsts65005-unmanaged-tenant"
    assert first.locator(".kb-result__meta").inner_text() == "Sign-in and redemption · AADSTS65005"
    page.locator(".md-search__input").fill("wachtw")
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent === '0 remedies found'"
                           " || document.querySelector('.md-search-result__meta').textContent.includes('No remedy')")
    page.locator(".md-search__input").fill("passwords")
    page.wait_for_selector(f"{HEADER_RESULTS}[data-remedy-id='viral-tenant-password-reset']")
    assert page.locator(f"{HEADER_RESULTS} >> nth=0 >> h1 mark").first.inner_text() == "Password"


def test_header_box_keyboard_navigation(watched: Watched, site_url: str) -> None:
    page = watched.page
    page.goto(f"{site_url}/nl/index.html")
    box = page.locator(".md-search__input")
    box.click()
    box.press_sequentially("uitnodiging")
    page.locator(HEADER_RESULTS).nth(2).wait_for()
    second = page.locator(HEADER_RESULTS).nth(1)
    target = second.evaluate("e => new URL(e.dataset.href, location.href).href")
    box.press("ArrowDown")
    box.press("ArrowDown")
    option = page.locator("#kb-search-list [role=option]").nth(1)
    assert option.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    box.press("Enter")
    page.wait_for_url(target)
    assert "/nl/remedies/" in target


def test_search_page_is_shareable_and_query_is_text(watched: Watched, site_url: str) -> None:
    page = watched.page
    payload = "<img src=x onerror=alert(1)><script>window.__kbXss=1</script>"
    assert page_results(page, site_url, "nl", payload) == []
    assert page.locator("[data-kb-search-page] input").input_value() == payload
    assert page.locator("img").count() == 0
    assert page.evaluate("window.__kbXss") is None
    page.locator("[data-kb-search-page] input").fill("wachtwoorden")
    page.wait_for_selector(RESULTS)
    if site_url.startswith("http"):  # the address follows the box, ready to paste in a ticket
        assert page.url == f"{site_url}/nl/search.html?q=wachtwoorden"


def test_search_box_on_every_page(example_site: Path) -> None:
    former = {f"{alias}.html" for alias in EXAMPLE.aliases()}  # redirects, not pages
    pages = [p for lang in ("en", "nl") for p in (example_site / lang).rglob("*.html") if p.name not in former]
    assert len(pages) > 30
    assert [p for p in pages if "data-kb-search" not in p.read_text(encoding="utf-8")] == []


def _parity_texts(lang: str) -> list[str]:
    """Words and whole fields of the example content, the source pages, and stemmer edge cases."""
    texts = []
    for remedy in EXAMPLE.remedies:
        t = remedy.text(lang)
        texts += [t.title, t.symptom] + [s.cause for s in t.solutions] + [x for s in t.solutions for x in s.steps]
    source = {"en": SHARED / "reference" / "b2b-troubleshoot.en-US.md",
              "nl": SHARED / "seeds" / "000_eeafd52a8d09875a.txt"}[lang]
    assert source.is_file(), f"{source} is missing"
    edge = {"en": "try cry play deny delays ways generalization conditional relational happiness "
                  "agreed feed hopping hoping filing controlling rolling sky skies",
            "nl": "wachtwoorden uitnodigingen gesynchroniseerde geëxporteerd cliënt reëel ideeën "
                  "beheerders heden lichamelijk opnieuw ingesteld gebruikers'"}[lang]
    words = set(re.findall(r"\S+", " ".join(texts) + " " + source.read_text(encoding="utf-8") + " " + edge))
    # separable verbs in every form, clause ends among them (generator/verbs.py)
    verbs = ["Schakel MFA in.", "Om MFA in te schakelen, opent u de portal.", "De service start niet op",
             "Werk de agent bij (indien nodig) en start hem opnieuw op!", "is ingeschakeld; zet het uit", "in. te doen"]
    return sorted(words) + texts + verbs


@pytest.mark.parametrize("lang, namespace", [("en", "lunr"), ("nl", "lunr.nl")])
def test_browser_and_index_analyze_alike(browser: Browser, example_site: Path, lang: str, namespace: str) -> None:
    texts = _parity_texts(lang)
    assert len(texts) > 300
    page = browser.new_page()
    page.goto(f"{example_site.as_uri()}/{lang}/search.html")
    page.wait_for_function("window.lunr && window.kbSearch")
    analyze = analysis.analyzer(lang)
    separable = analyze.separable.manifest() if analyze.separable else None
    browser_terms = page.evaluate(
        "([ns, sep, texts]) => { const a = kbSearch.Analyzer(ns, sep); return texts.map(t => a.terms(t)); }",
        [namespace, separable, texts])
    page.close()
    differ = {t: (analyze.terms(t), b) for t, b in zip(texts, browser_terms) if analyze.terms(t) != b}
    assert differ == {}


# Queries of every kind the ranking handles: codes, words, typos, compounds, synonyms, prefixes.
PARITY_QUERIES = ["AADSTS65005", "Error: AADSTS65005", "65005", "wachtwoorden", "wachtw", "passwords", "pasword",
                  "invitaton email", "uitnodging", "gastgebruikeruitnodiging", "adresboekgast", "aad", "azure ad",
                  "upn", "user principal name", "mfa", "Set-SPOTenant", "fabrikam.onmicrosoft.com", "ververs tokn",
                  "the invited user gets an error", "de uitgenodigde gebruiker krijgt een fout", "xyzzy",
                  "error 13", "fout 65005", "schakel uitnodigingen in", "uitnodigingen uitgeschakeld",
                  "opnieuw uit te nodigen", "aanzetten", "0x80070005"]


def _quotations(lang: str) -> list[str]:
    """Pasted parts of messages: six words from the middle of each example remedy's last part."""
    parts = [[x for s in r.text(lang).solutions for x in s.markdown()][-1] for r in EXAMPLE.remedies]
    return [" ".join(words[2:8]) for words in (p.split() for p in parts) if len(words) >= 8]


def test_browser_reads_the_runs_filter_as_python_writes_it(browser: Browser, example_site: Path) -> None:
    kept = {("straße", "😀"), ("één", "twee"), ("geëxporteerd", "ß"), ("a", "b")} | {(f"w{n}", f"v{n}") for n in range(60)}
    asked = sorted(kept | {(b, a) for a, b in kept} | {(f"w{n}", f"w{n + 1}") for n in range(60)})
    encoded = runs.bloom(kept)
    page = browser.new_page()
    page.goto(f"{example_site.as_uri()}/nl/search.html")
    page.wait_for_function("window.kbSearchParts && window.kbSearchParts.follows")
    found = page.evaluate("([e, pairs]) => { const f = kbSearchParts.follows(e); return pairs.map(p => f(p[0], p[1])); }",
                          [encoded, asked])
    page.close()
    adjacent = runs.follows(encoded)
    assert found == [adjacent(a, b) for a, b in asked]
    assert sum(found) >= len(kept) and not all(found)  # every kept pair, and answers that differ


@pytest.fixture(scope="module")
def small_shards_site(example_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site with its index cut into tiny shards: many term shards, a prefix that spans
    several, one document shard per two remedies."""
    return resharded(example_site, tmp_path_factory.mktemp("small-shards"), EXAMPLE,
                     TERM_SHARD_BYTES=1500, DOCS_PER_SHARD=2)


@pytest.fixture(scope="module")
def heads_only_site(example_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site with every term's head cut to one remedy, the rest in tail shards of one or
    two remedies: the first results must be proven without them, or the tails loaded."""
    return resharded(example_site, tmp_path_factory.mktemp("heads-only"), EXAMPLE, HEAD_POSTINGS=1, TAIL_SHARD_BYTES=20)


def test_small_shards_are_many(small_shards_site: Path) -> None:
    names = [p.stem for p in (small_shards_site / "nl" / "search").glob("*.js")]
    assert sum(n.startswith("t") for n in names) > 10 and sum(n.startswith("d") for n in names) == 7


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("sharding", ["example_site", "small_shards_site", "heads_only_site"])
def test_browser_and_python_rank_alike(browser: Browser, request: pytest.FixtureRequest, lang: str,
                                       sharding: str) -> None:
    site = request.getfixturevalue(sharding)
    page = browser.new_page()
    page.goto(f"{site.as_uri()}/{lang}/search.html")
    queries = PARITY_QUERIES + _quotations(lang)
    found = {q: page.evaluate("q => new Promise(done => kbSearch.search(q, done))", q) for q in queries}
    plans = {q: page.evaluate("q => new Promise(done => kbSearch.plan(q, p => done(p.words.map(w => "
                              "[w.raw, w.alternatives, w.prefix, w.counted]))))", q) for q in queries}
    page.close()
    engine = ranking.Engine(EXAMPLE, lang)
    expected_plans = {q: [[w.raw, [[list(g), b] for g, b in w.alternatives], w.prefix, w.counted]
                          for w in engine.plan(q)[0]] for q in queries}
    assert plans == expected_plans
    assert found == {q: engine.find(q) for q in queries}
    assert sum(bool(ids) for ids in found.values()) >= len(queries) // 2  # the comparison is not empty


def test_typos_compounds_and_synonyms_find_the_remedy(watched: Watched, site_url: str) -> None:
    expected = {("nl", "adresboekgast"): "guest-missing-from-address-book",  # adresboek + gast
                ("nl", "adresbek"): "guest-missing-from-address-book",  # a typo
                ("en", "pasword"): "viral-tenant-password-reset",
                ("en", "upn"): "hash-character-in-upn", ("nl", "upn"): "hash-character-in-upn"}
    assert {key: page_results(watched.page, site_url, *key)[:1] for key in expected} == {
        key: [rid] for key, rid in expected.items()}


def test_no_dead_ends(watched: Watched, site_url: str) -> None:
    page = watched.page
    assert page_results(page, site_url, "en", "pasword resett") != []  # typos still find something
    assert page_results(page, site_url, "en", "wachtwoorden") == []  # Dutch words on the English pages
    meta = page.locator("[data-kb-search-meta]")
    assert meta.inner_text().startswith("No remedy matches your search.")
    other = meta.locator("a[data-kb-language]")
    assert other.is_visible() and other.inner_text() == "Search the Dutch pages"
    other.click()
    page.wait_for_selector(RESULTS)
    assert page.url.split("/")[-2:] == ["nl", "search.html?q=wachtwoorden"]
    assert page.locator(RESULTS).first.get_attribute("data-remedy-id") == "viral-tenant-password-reset"
    assert page_results(page, site_url, "nl", "uittnodiginnng") == []  # too far off for a typo
    suggestion = meta.locator("a[data-kb-suggestion]").first
    assert suggestion.is_visible() and "Bedoelde u:" in meta.inner_text()
    suggestion.click()
    page.wait_for_selector(RESULTS)
