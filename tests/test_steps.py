"""Step links: anchors the same in every language, pinned step ids, kb link ID#step, and in
Chromium (served and from disk, both languages) a step link that lands through every kind of
link, is marked and focused, copies, and survives the language switch."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, Page

from generator.cli import cli
from tests.conftest import ROOTS, problems_of

LINKS = ROOTS / "links" / "content_src"
STEP = {"en": "Update the port with the new address.", "nl": "Werk de poort bij met het nieuwe adres."}


def kb_link(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["link", *args, "--content", str(LINKS), "--base", ""])
    return result.exit_code, result.output.strip()


def test_every_step_has_its_place_and_a_pinned_step_its_id_too(links_site: Path) -> None:
    for lang in ("en", "nl"):
        html = (links_site / lang / "remedies/printer-offline.html").read_text(encoding="utf-8")
        assert '<li id="cause-1-step-1"><p>' in html
        assert f'<li id="update-port"><span id="cause-1-step-2"></span><p>{STEP[lang]}</p></li>' in html


def test_kb_link_to_a_step() -> None:
    assert kb_link("printer-offline#update-port") == (0, "r/printer-offline/index.html#update-port")
    assert kb_link("printer-offline#cause-1-step-1", "--lang", "nl") == (
        0, "nl/remedies/printer-offline.html#cause-1-step-1")
    assert kb_link("printer-not-printing#cause-1-step-2") == (0, "r/printer-offline/index.html#cause-1-step-2")
    assert kb_link("VPN809#cause-2-step-1") == (0, "code/VPN809/index.html#cause-2-step-1")
    assert kb_link("printer-offline#cause-3-step-1") == (
        1, "kb: 'printer-offline' has no place '#cause-3-step-1'; expected one of: cause-1, cause-1-step-1, "
           "cause-1-step-2, solutions, symptom, update-port")


def _pinned_copy(tmp_path: Path, en: str, nl: str) -> Path:
    """The links root with printer-offline's second step pinned as `en` and `nl` say."""
    content = tmp_path / "content_src"
    shutil.copytree(LINKS, content)
    record = content / "remedies" / "printer-offline.yaml"
    text = record.read_text(encoding="utf-8")
    text = text.replace("        - Print the network page from the printer's panel.", en)
    record.write_text(text.replace("        - Druk de netwerkpagina af via het bedieningspaneel.", nl), encoding="utf-8")
    return content


def test_pinned_ids_are_unique_and_the_same_in_every_language(tmp_path: Path) -> None:
    twice = "        - id: update-port\n          text: Print the network page."
    content = _pinned_copy(tmp_path / "a", twice, "        - Druk de netwerkpagina af.")
    path = str(content / "remedies" / "printer-offline.yaml")
    assert problems_of(content) == [
        f"{path}:13: en.solutions[0].steps[1].id: 'update-port' is already the id of en.solutions[0].steps[0]",
        f"{path}:18: nl.solutions: expected the step ids the source (en) pins, at the same steps: "
        "solutions[0].steps[0]: update-port, solutions[0].steps[1]: update-port"]


def test_a_pinned_id_cannot_take_a_place(tmp_path: Path) -> None:
    taken = "        - id: cause-1-step-1\n          text: Print the network page."
    content = _pinned_copy(tmp_path, taken, "        - id: cause-1-step-1\n          text: Druk af.")
    path = str(content / "remedies" / "printer-offline.yaml")
    message = "solutions[0].steps[0].id: expected an id of its own, received 'cause-1-step-1', the anchor of a section or a step"
    assert problems_of(content)[:2] == [f"{path}:11: en.{message}", f"{path}:21: nl.{message}"]


# In the browser.

@pytest.fixture(params=["http", "file"])
def base(request: pytest.FixtureRequest, links_site: Path, serve: Callable[[Path], str]) -> str:
    return serve(links_site) if request.param == "http" else links_site.as_uri()


def marked(page: Page) -> str:
    """The id of the step marked as arrived at; it also has focus."""
    step = page.locator(".kb-step--target")
    step.wait_for()
    assert step.evaluate("e => e === document.activeElement") and step.is_visible()
    outline = step.evaluate("e => getComputedStyle(e).outlineWidth")
    assert float(outline.removesuffix("px")) >= 3  # a frame, not only a colour
    return step.get_attribute("id")


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_step_links_land_on_the_step(browser: Browser, base: str, lang: str) -> None:
    context = browser.new_context(locale={"en": "en-US", "nl": "nl-NL"}[lang])
    page = context.new_page()
    arrivals = {  # link -> (page it lands on, step marked)
        f"{lang}/remedies/printer-offline.html#update-port": ("printer-offline", "update-port"),
        f"{lang}/remedies/printer-offline.html#cause-1-step-2": ("printer-offline", "update-port"),
        f"{lang}/remedies/printer-offline.html#cause-1-step-1": ("printer-offline", "cause-1-step-1"),
        "r/printer-offline/index.html#update-port": ("printer-offline", "update-port"),
        f"{lang}/remedies/printer-not-printing.html#cause-1-step-1": ("printer-offline", "cause-1-step-1"),
        "code/VPN809/index.html#cause-2-step-1": ("vpn-drops-after-sleep", "cause-2-step-1"),
    }
    for link, (rid, step) in arrivals.items():
        page.goto(f"{base}/{link}")
        page.wait_for_url(f"**/{lang}/remedies/{rid}.html#*")
        assert page.url.split("#")[1] == link.split("#")[1], link
        assert marked(page) == step, link
    page.goto(f"{base}/code/NET-42/index.html#cause-1-step-1")  # a code two remedies share: a list
    page.locator(f"section[lang={lang}] a[data-remedy-id=vpn-drops-after-sleep]").click()
    page.wait_for_url(f"**/{lang}/remedies/vpn-drops-after-sleep.html#cause-1-step-1")
    assert marked(page) == "cause-1-step-1"
    context.close()


def test_language_switch_keeps_the_step(browser: Browser, base: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base}/en/remedies/printer-offline.html#update-port")
    page.get_by_role("link", name="Deze oplossing in het Nederlands").click()
    page.wait_for_url("**/nl/remedies/printer-offline.html#update-port")
    assert marked(page) == "update-port"
    page.locator(".md-header .md-select button").focus()
    page.keyboard.press("Enter")
    english = page.get_by_role("link", name="English", exact=True)
    assert english.evaluate("e => e === document.activeElement")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/remedies/printer-offline.html#update-port")
    context.close()


@pytest.mark.parametrize("lang, names", [("en", ("Copy link: cause 1, step 2", "Copy for ticket: cause 1, step 2")),
                                         ("nl", ("Link kopiëren: oorzaak 1, stap 2",
                                                 "Kopiëren voor ticket: oorzaak 1, stap 2"))])
def test_copy_a_step_by_keyboard(browser: Browser, base: str, lang: str, names: tuple[str, str]) -> None:
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{base}/{lang}/remedies/printer-offline.html")
    link_button = page.get_by_role("button", name=names[0], exact=True)
    link_button.focus()
    page.keyboard.press("Enter")
    status = page.locator("#update-port .kb-share__status")
    page.wait_for_function("s => s.textContent.length > 0", arg=status.element_handle())
    short = "https://help.example.com/kb/r/printer-offline"  # the links root has a site_url
    assert page.evaluate("navigator.clipboard.readText()") == f"{short}#update-port" and status.is_visible()
    page.get_by_role("button", name=names[1], exact=True).focus()
    page.keyboard.press("Enter")
    page.wait_for_function("navigator.clipboard.readText().then(t => t.startsWith('['))")
    title = {"en": "Printer shows as offline", "nl": "Printer staat offline"}[lang]
    where = names[0].split(": ")[1]
    assert page.evaluate("navigator.clipboard.readText()") == f"[{title} ({where})]({short}#update-port)"
    page.emulate_media(media="print")
    assert not link_button.is_visible()  # not on paper
    context.close()
