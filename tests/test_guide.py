""""Step by step" on remedy pages (overrides/assets/kb-guide.js): one cause at a time as a
checklist, its position in the URL fragment, by keyboard, over http and from file://."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from generator.catalogues import catalogue
from tests.conftest import REPO

REMEDY = "redemption-error-for-invited-user"  # two causes: three steps, then two
RECORD = yaml.safe_load((REPO / "content_src" / "remedies" / f"{REMEDY}.yaml").read_text(encoding="utf-8"))
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]}}
LANGS = ["en", "nl"]


def steps(lang: str, cause: int) -> list[str]:
    """The step texts of a cause as the record has them, without Markdown's code marks."""
    return [s.replace("`", "") for s in RECORD[lang]["solutions"][cause - 1]["steps"]]


def s(lang: str, key: str, **values: object) -> str:
    return catalogue(lang).strings[key].format(**values)


@pytest.fixture(scope="module", params=["http", "file"])
def root(request: pytest.FixtureRequest, example_site: Path, serve) -> str:
    return serve(example_site) if request.param == "http" else example_site.as_uri()


def url(root: str, lang: str, fragment: str = "") -> str:
    return f"{root}/{lang}/remedies/{REMEDY}.html{fragment}"


def fragment(page: Page) -> str:
    return page.evaluate("window.location.hash")


def focused(page: Page) -> dict:
    return page.evaluate("""() => { const e = document.activeElement;
        return {tag: e.tagName.toLowerCase(), type: e.type || "", text: (e.textContent || "").trim(),
                label: e.labels && e.labels.length ? e.labels[0].textContent : "", checked: !!e.checked}; }""")


def tab_to(page: Page, want, back: bool = False, limit: int = 150) -> dict:
    """Press Tab (or Shift+Tab) until the focused element is the one `want(focused)` accepts."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        now = focused(page)
        if want(now):
            return now
    raise AssertionError(f"never reached by keyboard; last focus {focused(page)}")


def button(name: str):
    return lambda f: f["tag"] == "button" and f["text"] == name


def checkbox(label: str):
    return lambda f: f["type"] == "checkbox" and f["label"] == label


def panel_boxes(page: Page):
    return page.locator("section.kb-guide").get_by_role("checkbox")


def causes_visible(page: Page) -> list[bool]:
    return [page.locator(f"#cause-{n}").is_visible() for n in (1, 2)]


@pytest.mark.parametrize("lang", LANGS)
def test_guided_mode_by_keyboard_only(browser: Browser, root: str, lang: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(url(root, lang))
    assert causes_visible(page) == [True, True]

    tab_to(page, button(s(lang, "guide_start")))
    page.keyboard.press("Enter")
    assert focused(page) == {"tag": "h3", "type": "", "text": s(lang, "guide_heading", n=1, total=2),
                             "label": "", "checked": False}
    assert fragment(page) == "#guide"
    assert causes_visible(page) == [False, False]  # the panel stands in for the causes
    region = page.get_by_role("region", name=s(lang, "guide_heading", n=1, total=2))
    assert region.is_visible()
    solution = RECORD[lang]["solutions"][0]
    assert region.locator(".kb-text").inner_text().strip() == solution["cause"].strip()  # the cause, copied in
    assert solution["responsible"] in region.locator(".kb-responsible").inner_text()
    assert page.locator("section.kb-guide [id]").evaluate_all("a => a.map(e => e.id)") == [
        "kb-guide-heading", "kb-guide-step-1", "kb-guide-step-2", "kb-guide-step-3"]  # no duplicated ids
    boxes = panel_boxes(page)
    assert [boxes.nth(i).is_visible() for i in range(boxes.count())] == [True] * 3
    assert [boxes.nth(i).evaluate("e => e.labels[0].textContent") for i in range(3)] == steps(lang, 1)
    for i, text in enumerate(steps(lang, 1)):
        assert page.get_by_role("checkbox", name=text, exact=True).count() == 1

    done = []
    for i, text in enumerate(steps(lang, 1), start=1):
        tab_to(page, checkbox(text))
        page.keyboard.press("Space")
        done.append(str(i))
        assert focused(page)["checked"]
        assert fragment(page) == "#guide-1-done-" + ".".join(done)

    tab_to(page, button(s(lang, "guide_next")))
    page.keyboard.press("Enter")
    assert focused(page)["tag"] == "h3"
    assert focused(page)["text"] == s(lang, "guide_heading", n=2, total=2)
    assert fragment(page) == "#guide-2"
    assert [boxes.nth(i).evaluate("e => e.labels[0].textContent") for i in range(boxes.count())] == steps(lang, 2)
    assert not any(boxes.nth(i).is_checked() for i in range(boxes.count()))
    assert page.get_by_role("button", name=s(lang, "guide_next")).count() == 0  # the last cause
    assert page.get_by_text(s(lang, "guide_last")).is_visible()

    first, second = steps(lang, 2)
    tab_to(page, checkbox(first))
    page.keyboard.press("Space")
    assert fragment(page) == "#guide-2-done-1"

    # A link copied now opens the same position.
    shared = context.new_page()
    shared.goto(page.url)
    assert shared.get_by_role("region", name=s(lang, "guide_heading", n=2, total=2)).is_visible()
    assert [b.is_checked() for b in panel_boxes(shared).all()] == [True, False]
    assert causes_visible(shared) == [False, False]
    shared.close()

    tab_to(page, checkbox(second))
    page.keyboard.press("Space")
    assert fragment(page) == "#guide-2-done-1.2"
    assert tab_to(page, checkbox(first), back=True)["checked"]  # Shift+Tab goes back through the list
    tab_to(page, button(s(lang, "guide_solved_button")))
    page.keyboard.press("Enter")
    assert fragment(page) == "#guide-solved-2"
    message = page.get_by_text(s(lang, "guide_solved", n=2), exact=True)
    assert message.is_visible()
    assert focused(page)["text"] == s(lang, "guide_solved_heading")

    tab_to(page, button(s(lang, "guide_exit")))
    page.keyboard.press("Enter")
    assert causes_visible(page) == [True, True]
    assert page.locator("section.kb-guide").count() == 0
    assert "#" not in page.url and fragment(page) == ""
    assert focused(page)["text"] == s(lang, "guide_start")
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_links_restore_the_position(browser: Browser, root: str, lang: str) -> None:
    page = browser.new_page()
    page.goto(url(root, lang, "#guide-1-done-1.3"))
    assert page.get_by_role("heading", name=s(lang, "guide_heading", n=1, total=2)).is_visible()
    assert [b.is_checked() for b in panel_boxes(page).all()] == [True, False, True]
    page.goto(url(root, lang, "#guide-solved-1"))
    page.wait_for_function("document.querySelector('.kb-guide__solved')")
    assert page.get_by_text(s(lang, "guide_solved", n=1), exact=True).is_visible()
    page.goto(url(root, lang, "#guide-9-done-7"))  # out of range: the nearest position that exists
    page.wait_for_function("document.querySelector('.kb-guide__list')")
    assert page.get_by_role("heading", name=s(lang, "guide_heading", n=2, total=2)).is_visible()
    assert [b.is_checked() for b in panel_boxes(page).all()] == [False, False]
    page.close()


def test_escape_and_other_fragments_leave_guided_mode(browser: Browser, root: str) -> None:
    page = browser.new_page()
    page.goto(url(root, "en", "#guide-2"))
    panel_boxes(page).first.focus()
    page.keyboard.press("Escape")
    assert causes_visible(page) == [True, True] and fragment(page) == ""
    assert page.evaluate("document.activeElement.hasAttribute('data-kb-guide-start')")
    page.goto(url(root, "en", "#guide"))
    page.evaluate("window.location.hash = '#cause-2'")  # a link into the page, such as the table of contents
    page.wait_for_function("!document.querySelector('section.kb-guide')")
    assert causes_visible(page) == [True, True]
    page.close()


def test_without_javascript_the_page_is_unchanged(browser: Browser, root: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url(root, "en", "#guide-2"))
    assert not page.get_by_role("button", name=s("en", "guide_start")).is_visible()
    assert causes_visible(page) == [True, True]
    assert page.locator("ol.kb-steps li").count() == 5
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGS)
def test_guided_mode_passes_axe(browser: Browser, root: str, lang: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    for position in ("#guide-1-done-2", "#guide-2", "#guide-solved-2"):
        page.goto(url(root, lang, position))
        page.wait_for_function("document.querySelector('section.kb-guide')")
        assert Axe().run(page, options=WCAG).response["violations"] == [], position
    context.close()


def test_guided_mode_prints_as_a_checklist(browser: Browser, root: str, tmp_path: Path) -> None:
    page = browser.new_page()
    page.goto(url(root, "en", "#guide-2"))
    page.emulate_media(media="print")
    boxes = panel_boxes(page)
    assert [b.is_visible() for b in boxes.all()] == [True, True]
    assert not page.get_by_role("button", name=s("en", "guide_solved_button")).is_visible()
    assert not page.get_by_role("button", name=s("en", "guide_exit")).is_visible()
    assert page.get_by_role("heading", name=s("en", "guide_heading", n=2, total=2)).is_visible()
    pdf = tmp_path / "guide.pdf"
    page.pdf(path=str(pdf))
    assert pdf.stat().st_size > 1000
    page.close()
