"""Keyboard only, in Chromium, served and from disk: the header search as a WAI-ARIA combobox, "/",
the skip link, visible focus and the language menu."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page

REMEDY = "remedies/viral-tenant-password-reset.html"
SKIP = {"en": "Skip to content", "nl": "Ga naar inhoud"}


@pytest.fixture(params=["http", "file"])
def site_url(request: pytest.FixtureRequest, example_site: Path, serve: Callable[[Path], str]) -> str:
    return serve(example_site) if request.param == "http" else example_site.as_uri()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context.new_page()
    context.close()


def focused(page: Page) -> str:
    """What has focus: tag, id or class, and its text, to read in a failed assertion."""
    return page.evaluate("() => { const e = document.activeElement;"
                         " return `${e.tagName.toLowerCase()}#${e.id}.${e.className} ${e.textContent.trim().slice(0, 40)}`; }")


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_header_search_is_a_combobox(page: Page, site_url: str, lang: str) -> None:
    page.goto(f"{site_url}/{lang}/{REMEDY}")
    box = page.get_by_role("combobox")
    page.keyboard.press("/")  # from anywhere on the page
    assert box.evaluate("e => e === document.activeElement"), focused(page)
    assert box.input_value() == ""  # the slash is a shortcut, not typed
    page.keyboard.type("guest")
    listbox = page.get_by_role("listbox")
    options = listbox.get_by_role("option")
    options.nth(1).wait_for()
    assert listbox.is_visible() and box.get_attribute("aria-expanded") == "true"
    assert listbox.get_attribute("aria-label") in ("Search results", "Zoekresultaten")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert [o.get_attribute("aria-selected") for o in options.all()[:2]] == ["false", "true"]
    assert box.get_attribute("aria-activedescendant") == options.nth(1).get_attribute("id")
    page.keyboard.press("Escape")  # closes the list, focus stays in the box
    assert not listbox.is_visible() and box.get_attribute("aria-expanded") == "false"
    assert box.evaluate("e => e === document.activeElement") and box.input_value() == "guest"
    page.keyboard.press("ArrowDown")  # opens it again on the first result
    assert listbox.is_visible() and options.first.get_attribute("aria-selected") == "true"
    target = options.first.locator("[data-remedy-id]").get_attribute("data-remedy-id")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{lang}/remedies/{target}.html")


def test_escape_twice_clears_the_box(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/en/{REMEDY}")
    page.keyboard.press("/")
    page.keyboard.type("guest")
    page.get_by_role("option").first.wait_for()
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    assert page.get_by_role("combobox").input_value() == ""


def test_slash_is_typed_where_the_reader_types(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/en/search.html")
    box = page.get_by_role("searchbox", name="Search remedies")
    box.focus()
    page.keyboard.type("a/b")
    assert box.input_value() == "a/b" and box.evaluate("e => e === document.activeElement")


def test_arrow_keys_walk_the_search_page_results(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/en/search.html?q=guest")
    page.wait_for_selector("[data-kb-search-meta][data-kb-query]", state="attached")
    links = page.locator(".kb-search-page__results a[data-remedy-id]")
    box = page.get_by_role("searchbox", name="Search remedies")
    box.focus()
    page.keyboard.press("ArrowDown")
    assert links.first.evaluate("e => e === document.activeElement"), focused(page)
    page.keyboard.press("ArrowDown")
    assert links.nth(1).evaluate("e => e === document.activeElement"), focused(page)
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert box.evaluate("e => e === document.activeElement"), focused(page)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_skip_link_leads_to_the_content(page: Page, site_url: str, lang: str) -> None:
    page.goto(f"{site_url}/{lang}/index.html")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name=SKIP[lang])
    assert skip.evaluate("e => e === document.activeElement") and skip.is_visible(), focused(page)
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the next stop is in the content: the home page's search box
    assert page.locator("article .kb-home-search__input").evaluate("e => e === document.activeElement"), focused(page)


def test_focus_is_always_visible(page: Page, site_url: str) -> None:
    """Every stop of the tab order on a remedy page shows an outline."""
    page.goto(f"{site_url}/en/{REMEDY}")
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        style = page.evaluate("() => { const s = getComputedStyle(document.activeElement);"
                              " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }")
        seen.append((focused(page), style))
    hidden = [(what, style) for what, style in seen
              if not what.startswith("body") and (style[0] == "none" or style[1] < 1)]  # body: left the page
    assert hidden == [] and len({what for what, _ in seen}) > 15


@pytest.mark.parametrize("lang, other, name", [("en", "nl", "Nederlands"), ("nl", "en", "English")])
def test_language_menu_by_keyboard(page: Page, site_url: str, lang: str, other: str, name: str) -> None:
    page.goto(f"{site_url}/{lang}/{REMEDY}")
    button = page.locator(".md-header .md-select button")
    menu = page.locator(".md-header .md-select__inner")
    button.focus()
    assert not menu.is_visible() and button.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert menu.is_visible() and button.get_attribute("aria-expanded") == "true"
    links = menu.get_by_role("link")
    assert links.first.evaluate("e => e === document.activeElement"), focused(page)
    page.keyboard.press("Escape")
    assert not menu.is_visible() and button.evaluate("e => e === document.activeElement")
    page.keyboard.press("Enter")
    while not menu.get_by_role("link", name=name).evaluate("e => e === document.activeElement"):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{other}/{REMEDY}")
