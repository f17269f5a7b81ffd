"""In headless Chromium, served over http and opened from disk: language links and redirects."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page

SCHEMES = ["http", "file"]


@pytest.fixture(params=SCHEMES)
def site_url(request: pytest.FixtureRequest, basic_site: Path, serve: Callable[[Path], str]) -> str:
    """Base URL of the basic site: served on 127.0.0.1, or as file://."""
    return serve(basic_site) if request.param == "http" else basic_site.as_uri()


class Watched:
    """A page that records console errors and every request leaving the site."""

    def __init__(self, page: Page, base: str):
        self.page, self.errors, self.outside = page, [], []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: r.url.startswith(base) or self.outside.append(r.url))


def h1(page: Page) -> str:
    """The page title as the reader sees it, without the permalink mark."""
    return page.locator("h1").inner_text().removesuffix("¶")


@pytest.fixture
def watched(browser: Browser, site_url: str) -> Iterator[Watched]:
    context = browser.new_context(locale="nl-NL")
    yield Watched(context.new_page(), site_url)
    context.close()


def test_dutch_remedy_links_to_english(watched: Watched, site_url: str) -> None:
    page = watched.page
    page.goto(f"{site_url}/nl/remedies/vpn-drops-after-sleep.html")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert h1(page) == "VPN-verbinding valt weg na slaapstand"
    page.locator('.md-content a[hreflang="en"]').click()
    page.wait_for_url(f"{site_url}/en/remedies/vpn-drops-after-sleep.html")
    assert page.locator("html").get_attribute("lang") == "en"
    assert h1(page) == "VPN connection drops after sleep"
    assert (watched.errors, watched.outside) == ([], [])


def test_header_language_switch_stays_on_the_area(watched: Watched, site_url: str) -> None:
    page = watched.page
    page.goto(f"{site_url}/en/areas/network.html")
    page.locator(".md-header .md-select").hover()
    page.locator('.md-header a.md-select__link[hreflang="nl"]').click()
    page.wait_for_url(f"{site_url}/nl/areas/network.html")
    assert h1(page) == "Netwerk"
    assert (watched.errors, watched.outside) == ([], [])


@pytest.mark.parametrize("locale, lang", [("nl-NL", "nl"), ("nl", "nl"), ("en-US", "en"), ("de-DE", "en")])
def test_root_sends_reader_to_browser_language(browser: Browser, site_url: str, locale: str, lang: str) -> None:
    context = browser.new_context(locale=locale)
    page = context.new_page()
    page.goto(f"{site_url}/index.html")
    page.wait_for_url(f"{site_url}/{lang}/index.html")
    assert page.locator("html").get_attribute("lang") == lang
    context.close()


def test_root_without_scripts_shows_both_language_links(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/index.html")
    links = page.locator("a[hreflang]")
    assert [links.nth(i).inner_text() for i in range(links.count())] == ["English", "Nederlands"]
    links.nth(1).click()
    page.wait_for_url(f"{site_url}/nl/index.html")
    context.close()


def test_navigation_drawer_opens_on_a_narrow_screen(browser: Browser, site_url: str) -> None:
    # Material's drawer is CSS-driven, so it works without the bundle remedykb leaves out.
    context = browser.new_context(viewport={"width": 600, "height": 800})
    page = context.new_page()
    page.goto(f"{site_url}/en/remedies/printer-offline.html")
    area_link = page.locator('.md-nav--primary a[href="../areas/network.html"]')
    on_screen = lambda: area_link.bounding_box()["x"] >= 0  # noqa: E731 - the drawer slides in from the left
    assert not on_screen()
    page.locator('label.md-header__button[for="__drawer"]').click()
    page.wait_for_function("a => a.getBoundingClientRect().x >= 0", arg=area_link.element_handle())
    area_link.click()
    page.wait_for_url(f"{site_url}/en/areas/network.html")
    context.close()
