"""Short links, code links, former ids and copy buttons in headless Chromium, served and from disk."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from playwright.sync_api import Browser

from generator.validation import load
from tests.conftest import REPO

EXAMPLE = load(REPO / "content_src")


@pytest.fixture(params=["http", "file"])
def site_url(request: pytest.FixtureRequest, example_site: Path, serve: Callable[[Path], str]) -> str:
    return serve(example_site) if request.param == "http" else example_site.as_uri()


def landing(browser: Browser, url: str, locale: str = "en-US", scripts: bool = True) -> str:
    """Where a reader with this browser language ends up after opening `url`."""
    context = browser.new_context(locale=locale, java_script_enabled=scripts)
    page = context.new_page()
    page.goto(url)
    page.wait_for_url(lambda now: now != url)  # a redirect page moves on by script or meta refresh
    page.wait_for_load_state("load")
    final = page.url
    context.close()
    return final


@pytest.mark.parametrize("locale, lang", [("nl-NL", "nl"), ("en-US", "en")])
def test_short_links_open_the_reader_language(browser: Browser, site_url: str, locale: str, lang: str) -> None:
    for remedy in EXAMPLE.remedies:
        assert landing(browser, f"{site_url}/r/{remedy.id}/index.html", locale) == \
            f"{site_url}/{lang}/remedies/{remedy.id}.html"


def test_short_link_keeps_the_cause_anchor(browser: Browser, site_url: str) -> None:
    rid = "redemption-error-for-invited-user"
    assert landing(browser, f"{site_url}/r/{rid}/index.html#cause-2", "nl-NL") == \
        f"{site_url}/nl/remedies/{rid}.html#cause-2"


@pytest.mark.parametrize("locale, lang", [("nl-NL", "nl"), ("en-US", "en")])
def test_code_links(browser: Browser, site_url: str, locale: str, lang: str) -> None:
    for code, remedies in EXAMPLE.codes().items():
        assert landing(browser, f"{site_url}/code/{code}/index.html", locale) == \
            f"{site_url}/{lang}/remedies/{remedies[0].id}.html"


def test_former_ids_lead_to_the_remedy(browser: Browser, site_url: str) -> None:
    assert EXAMPLE.aliases()
    for alias, remedy in EXAMPLE.aliases().items():
        assert landing(browser, f"{site_url}/r/{alias}/index.html", "nl-NL") == \
            f"{site_url}/nl/remedies/{remedy.id}.html"
        for lang in ("en", "nl"):  # the old permalink works even with scripts off (meta refresh)
            assert landing(browser, f"{site_url}/{lang}/remedies/{alias}.html", scripts=False) == \
                f"{site_url}/{lang}/remedies/{remedy.id}.html"


def test_short_link_without_scripts_offers_both_languages(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/r/hash-character-in-upn/index.html")
    links = page.locator("a[hreflang]")
    assert [links.nth(i).get_attribute("hreflang") for i in range(links.count())] == ["en", "nl"]
    assert links.nth(1).inner_text() == EXAMPLE.remedy("hash-character-in-upn").nl.title
    links.nth(1).click()
    page.wait_for_url(f"{site_url}/nl/remedies/hash-character-in-upn.html")
    context.close()


def copied(browser: Browser, url: str, button: str) -> tuple[str, str]:
    """(clipboard text, visible feedback) after pressing a copy button on `url`."""
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(url)
    page.get_by_role("button", name=button, exact=True).click()
    status = page.locator("[data-kb-share] .kb-share__status")
    status.wait_for(state="visible")
    page.wait_for_function("document.querySelector('[data-kb-share] .kb-share__status').textContent.length > 0")
    result = (page.evaluate("navigator.clipboard.readText()"), status.inner_text())
    context.close()
    return result


def test_copy_buttons(browser: Browser, site_url: str) -> None:
    rid = "aadsts65005-unmanaged-tenant"
    page = f"{site_url}/en/remedies/{rid}.html"
    short = f"{site_url}/r/{rid}/index.html"  # no site_url: the short link next to this page
    assert copied(browser, page, "Copy link") == (short, "Copied to the clipboard")
    title = EXAMPLE.remedy(rid).en.title
    assert copied(browser, page, "Copy for ticket") == (f"[AADSTS65005 {title}]({short})", "Copied to the clipboard")
    nl = f"{site_url}/nl/remedies/{rid}.html"
    assert copied(browser, nl, "Link kopiëren") == (short, "Gekopieerd naar het klembord")


def test_copy_link_uses_the_public_address(browser: Browser, links_site: Path) -> None:
    page = f"{links_site.as_uri()}/nl/remedies/printer-offline.html"  # opened from disk, as in a bundle
    assert copied(browser, page, "Kopiëren voor ticket") == (
        "[Printer staat offline](https://help.example.com/kb/r/printer-offline)", "Gekopieerd naar het klembord")
