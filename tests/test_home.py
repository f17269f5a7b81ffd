"""The home page, a helpdesk's front door: search box first, areas, error codes, recently updated.

Browser tests use the `links` fixture (codes on one remedy, a code shared by two, three dates),
served and from disk, in both languages. Size tests render synthetic knowledge bases.
"""
from __future__ import annotations

import datetime
import re
from collections import Counter
from pathlib import Path
from typing import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Locator, Page

from bench import synthetic
from generator import rendering
from generator.records import KnowledgeBase
from generator.rendering import CODE_PAGE_SIZE, HOME_CODES, RECENT, environment, pages
from generator.validation import load
from tests.conftest import ROOTS, build_into

LINKS = load(ROOTS / "links" / "content_src")
LOCALES = {"en": "en-US", "nl": "nl-NL"}
SEARCH = {"en": ("Search remedies", "Error code, message or words", "Search"),
          "nl": ("Oplossingen zoeken", "Foutcode, melding of woorden", "Zoeken")}  # label, placeholder, button
HEADINGS = {"en": ("Areas", "Error codes", "Recently updated"),
            "nl": ("Onderwerpen", "Foutcodes", "Onlangs bijgewerkt")}
AREAS = {"en": ["Network · 2 remedies", "Printing · 1 remedy"],
         "nl": ["Netwerk · 2 oplossingen", "Afdrukken · 1 oplossing"]}
CODES = ["0x80070005", "NET-42", "VPN809", "WLAN-4021"]
ALL_CODES = {"en": "All error codes (4 codes)", "nl": "Alle foutcodes (4 codes)"}
RECENT_IDS = ["vpn-drops-after-sleep", "printer-offline", "wifi-password-rejected"]
RECENT_DATES = {"en": ["May 1, 2024", "April 2, 2024", "November 20, 2023"],
                "nl": ["1 mei 2024", "2 april 2024", "20 november 2023"]}
CODE_LINK = re.compile(r'href="\.\./code/([^/"]+)/index\.html"')


@pytest.fixture(params=["http", "file"])
def site_url(request: pytest.FixtureRequest, links_site: Path, serve: Callable[[Path], str]) -> str:
    return serve(links_site) if request.param == "http" else links_site.as_uri()


@pytest.fixture(params=["en", "nl"])
def lang(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def page(browser: Browser, lang: str) -> Iterator[Page]:
    """A page whose browser language is `lang`, so code links pick that language too."""
    context = browser.new_context(locale=LOCALES[lang])
    yield context.new_page()
    context.close()


def listed(page: Page, heading: str) -> Locator:
    """The list items right after the h2 `heading` of the page's content."""
    return page.locator("article h2", has_text=heading).locator("xpath=following-sibling::*[1]").locator("li")


def title_of(page: Page) -> str:
    """The page's h1, without its permalink sign."""
    return page.locator("article h1").evaluate("h => h.firstChild.textContent").strip()


def test_search_box_is_first_large_and_named(page: Page, site_url: str, lang: str) -> None:
    label, placeholder, button = SEARCH[lang]
    page.goto(f"{site_url}/{lang}/index.html")
    box = page.locator("article").get_by_role("searchbox", name=label, exact=True)
    assert box.is_visible() and box.get_attribute("placeholder") == placeholder
    assert box.get_attribute("name") == "q" and box.get_attribute("type") == "search"
    assert page.locator("article").get_by_role("button", name=button, exact=True).is_visible()
    # Keyboard: the first stop inside the main content is the search box.
    page.locator("article").evaluate("a => { a.tabIndex = -1; a.focus(); }")
    page.keyboard.press("Tab")
    assert box.evaluate("e => e === document.activeElement")
    # Seen first under the title, and larger than body text.
    first = page.locator("article > :is(form, h1, p, ul, h2)")
    assert first.evaluate_all("es => es.slice(0, 2).map(e => e.tagName)") == ["H1", "FORM"]
    assert box.bounding_box()["y"] + box.bounding_box()["height"] <= page.locator("article h2").first.bounding_box()["y"]
    size = box.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    body = page.locator("article > p").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 1.4 * body and box.bounding_box()["height"] >= 2.5 * body


def test_enter_in_the_search_box_opens_the_search_page_with_results(page: Page, site_url: str, lang: str) -> None:
    page.goto(f"{site_url}/{lang}/index.html")
    box = page.get_by_role("searchbox", name=SEARCH[lang][0], exact=True)
    box.fill("VPN809")
    box.press("Enter")
    page.wait_for_url(f"{site_url}/{lang}/search.html?q=VPN809")
    page.wait_for_selector("[data-kb-search-meta][data-kb-query='VPN809']", state="attached")
    results = page.locator(".kb-search-page__results a[data-remedy-id]")
    assert [a.get_attribute("data-remedy-id") for a in results.all()] == ["vpn-drops-after-sleep"]


def test_search_box_works_without_scripts(browser: Browser, site_url: str, lang: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/{lang}/index.html")
    page.get_by_role("searchbox", name=SEARCH[lang][0], exact=True).fill("wifi password")
    page.get_by_role("button", name=SEARCH[lang][2], exact=True).click()
    page.wait_for_url(f"{site_url}/{lang}/search.html?q=wifi+password")
    context.close()


def test_areas_show_their_counts(page: Page, site_url: str, lang: str) -> None:
    page.goto(f"{site_url}/{lang}/index.html")
    assert listed(page, HEADINGS[lang][0]).all_inner_texts() == AREAS[lang]


def test_error_codes_open_their_code_pages(page: Page, site_url: str, lang: str) -> None:
    home = f"{site_url}/{lang}/index.html"
    page.goto(home)
    links = listed(page, HEADINGS[lang][1]).locator("a")
    assert links.all_inner_texts() == CODES
    assert [a.get_attribute("href") for a in links.all()] == [f"../code/{c}/index.html" for c in CODES]
    assert all(a.is_visible() for a in links.all())
    for code in CODES:
        page.goto(home)
        page.locator("article .kb-codes a", has_text=code).click()
        remedies = LINKS.codes()[code]
        if len(remedies) == 1:  # the code page sends the reader on to the remedy in their language
            page.wait_for_url(f"{site_url}/{lang}/remedies/{remedies[0].id}.html")
            assert title_of(page) == remedies[0].text(lang).title
        else:  # a shared code lists its remedies
            page.wait_for_url(f"{site_url}/code/{code}/index.html")
            assert page.locator(f"section[lang={lang}] li").all_inner_texts() == [r.text(lang).title for r in remedies]


def test_all_error_codes_link_opens_the_code_index(page: Page, site_url: str, lang: str) -> None:
    page.goto(f"{site_url}/{lang}/index.html")
    page.get_by_role("link", name=ALL_CODES[lang], exact=True).click()
    page.wait_for_url(f"{site_url}/{lang}/codes.html")
    assert title_of(page) == HEADINGS[lang][1]
    assert page.locator("article .kb-codes a").all_inner_texts() == CODES
    assert page.locator(".kb-pager").count() == 0  # four codes fit on one page


def test_recently_updated_newest_first_with_dates(page: Page, site_url: str, lang: str) -> None:
    page.goto(f"{site_url}/{lang}/index.html")
    items = listed(page, HEADINGS[lang][2])
    titles = [LINKS.remedy(rid).text(lang).title for rid in RECENT_IDS]
    assert items.all_inner_texts() == [f"{t} · {d}" for t, d in zip(titles, RECENT_DATES[lang])]
    assert [a.get_attribute("href") for a in items.locator("a").all()] == [f"remedies/{r}.html" for r in RECENT_IDS]
    assert items.locator("time").evaluate_all("ts => ts.map(t => t.dateTime)") == [
        "2024-05-01", "2024-04-02", "2023-11-20"]
    items.locator("a").first.click()
    page.wait_for_url(f"{site_url}/{lang}/remedies/{RECENT_IDS[0]}.html")
    assert title_of(page) == titles[0]


# Rendering only: the home page and the code index stay bounded as the knowledge base grows.

@pytest.fixture(scope="module")
def synthetic_kbs(tmp_path_factory: pytest.TempPathFactory) -> dict[int, KnowledgeBase]:
    return {n: load(synthetic.write(tmp_path_factory.mktemp(f"synthetic-{n}"), n)) for n in (200, 2000)}


def rendered(kb: KnowledgeBase, lang: str) -> dict[str, str]:
    return dict(pages(kb, lang, environment()))


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_home_and_code_index_stay_bounded(synthetic_kbs: dict[int, KnowledgeBase], lang: str) -> None:
    home_links, sizes = {}, {}
    for n, kb in synthetic_kbs.items():
        docs = rendered(kb, lang)
        home = docs["index.md"]
        home_links[n] = CODE_LINK.findall(home)
        sizes[n] = len(home.encode())
        wanted = sorted(kb.codes(), key=lambda c: (c.casefold(), c))
        assert len(wanted) == n  # one code per synthetic remedy
        assert home_links[n] == wanted[:HOME_CODES]
        paths = ["codes.md"] + [f"codes-page-{k}.md" for k in range(2, -(-n // CODE_PAGE_SIZE) + 1)]
        assert sorted(p for p in docs if p.startswith("codes")) == sorted(paths)
        per_page = [CODE_LINK.findall(docs[p]) for p in paths]
        assert max(map(len, per_page)) <= CODE_PAGE_SIZE
        everywhere = [code for chunk in per_page for code in chunk]
        assert everywhere == wanted and set(Counter(everywhere).values()) == {1}
        assert len(re.findall(r"^- \[.*\]\(remedies/", home, re.M)) == RECENT
    assert len(home_links[200]) == len(home_links[2000]) == HOME_CODES
    assert max(sizes.values()) < 10_000, sizes  # well under the 20 KB a built page may weigh


def test_code_index_pages_have_a_pager(synthetic_kbs: dict[int, KnowledgeBase]) -> None:
    total = -(-2000 // CODE_PAGE_SIZE)  # 2,000 codes
    docs = rendered(synthetic_kbs[2000], "nl")
    first, middle, last = docs["codes.md"], docs["codes-page-2.md"], docs[f"codes-page-{total}.md"]
    assert f"codes-page-{total + 1}.md" not in docs
    assert first.startswith("---\nkb_page: codes\ndescription: \"Alle foutcodes met een oplossing, elk met een link naar "
                            "die oplossing.\"\n---\n# Foutcodes\n")
    assert '<a href="codes-page-2.html" rel="next">Volgende</a>' in first and "Vorige" not in first
    assert '<a href="codes.html" rel="prev">Vorige</a>' in middle and f"<span>Pagina 2 van {total}</span>" in middle
    assert '<a href="codes-page-3.html" rel="next">Volgende</a>' in middle
    assert f'<a href="codes-page-{total - 1}.html" rel="prev">Vorige</a>' in last and "Volgende" not in last
    assert f'href="../en/codes-page-{total}.html" hreflang="en"' in last


def test_home_page_markdown(synthetic_kbs: dict[int, KnowledgeBase]) -> None:
    home = rendered(synthetic_kbs[200], "en")["index.md"]
    assert home.split("---\n", 2)[2].lstrip().startswith('# Synthetic help\n\n<form class="kb-home-search" action="search.html" method="get" role="search">\n'
                           '<input type="search" name="q" class="kb-home-search__input" '
                           'aria-label="Search remedies" placeholder="Error code, message or words"')
    order = [home.index(f"\n{h}\n") for h in ("## Areas", "## Error codes", "## Recently updated")]
    assert order == sorted(order)
    assert "\n[All error codes (200 codes)](codes.md)\n" in home
    # All synthetic remedies share one date: the first ten ids, each with its date.
    recent = re.findall(r"^- \[.*\]\(remedies/(.*)\.md\) · <time datetime=\"2024-01-01\">January 1, 2024</time>$",
                        home, re.M)
    assert recent == [f"synthetic-{i:05d}" for i in range(RECENT)]


def test_codes_sorted_ignoring_case_then_as_written() -> None:
    vpn = LINKS.remedy("vpn-drops-after-sleep")
    odd = vpn.model_copy(update={"codes": ["b.1", "abc", "Abc-2", "ABC", "a_1"]})
    kb = KnowledgeBase(LINKS.site, LINKS.areas, tuple(odd if r.id == vpn.id else r for r in LINKS.remedies))
    home = rendered(kb, "en")["index.md"]
    assert CODE_LINK.findall(home) == ["a_1", "ABC", "abc", "Abc-2", "b.1", "NET-42", "WLAN-4021"]
    assert CODE_LINK.findall(rendered(kb, "nl")["codes.md"]) == CODE_LINK.findall(home)


def test_no_codes_no_code_section_and_no_index() -> None:
    kb = KnowledgeBase(LINKS.site, LINKS.areas, tuple(r.model_copy(update={"codes": []}) for r in LINKS.remedies))
    for lang in ("en", "nl"):
        docs = rendered(kb, lang)
        assert not [p for p in docs if p.startswith("codes")]
        assert f"## {HEADINGS[lang][1]}" not in docs["index.md"] and "kb-codes" not in docs["index.md"]


def test_recent_ties_go_by_id_and_stop_at_ten() -> None:
    base = LINKS.remedy("printer-offline")
    day = datetime.date(2024, 6, 1)
    many = [base.model_copy(update={"id": f"r{i:02d}", "updated": day if i % 2 else day.replace(day=2)})
            for i in range(15)]
    kb = KnowledgeBase(LINKS.site, LINKS.areas, tuple(many))
    assert [r.id for r in rendering.recently_updated(kb)] == [
        "r00", "r02", "r04", "r06", "r08", "r10", "r12", "r14", "r01", "r03"]


# A real build: the built home page stays under 20 KB, and the code index pages page.

@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 synthetic remedies, built: three pages of codes (CODE_PAGE_SIZE 100)."""
    folder = tmp_path_factory.mktemp("home-synthetic")
    return build_into(synthetic.write(folder / "content_src", 300), folder)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_built_home_page_is_under_20_kb(synthetic_site: Path, lang: str) -> None:
    pages = [synthetic_site / lang / "index.html", *synthetic_site.joinpath(lang).glob("codes*.html")]
    assert sorted(p.name for p in pages[1:]) == ["codes-page-2.html", "codes-page-3.html", "codes.html"]
    assert {p.name: p.stat().st_size for p in pages if p.stat().st_size >= 20_000} == {}


def test_code_index_pager_in_the_browser(browser: Browser, synthetic_site: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto((synthetic_site / "en" / "index.html").as_uri())
    page.get_by_role("link", name="All error codes (300 codes)", exact=True).click()
    seen = []
    for number in (1, 2, 3):
        assert page.locator(".kb-pager span").inner_text() == f"Page {number} of 3"
        seen += page.locator("article .kb-codes a").all_inner_texts()
        if number < 3:
            page.locator(".kb-pager a[rel=next]").click()
    assert page.url.endswith("/en/codes-page-3.html")
    assert seen == sorted((synthetic.remedy(i)["codes"][0] for i in range(300)), key=lambda c: (c.casefold(), c))
    context.close()


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_screenshot_of_the_home_page(browser: Browser, synthetic_site: Path, lang: str) -> None:
    """Saved for a person to look at (/tmp/home-<lang>.png); checks only that the box leads."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=LOCALES[lang])
    page = context.new_page()
    page.goto((synthetic_site / lang / "index.html").as_uri())
    page.screenshot(path=f"/tmp/home-{lang}.png", full_page=True)
    box = page.get_by_role("searchbox", name=SEARCH[lang][0], exact=True).bounding_box()
    heads = page.locator("article h2").evaluate_all("hs => hs.map(h => h.getBoundingClientRect().top)")
    assert page.locator("article h1").bounding_box()["y"] < box["y"] < min(heads)
    context.close()
