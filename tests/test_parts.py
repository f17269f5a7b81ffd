"""Remedies as real pages write them (tests/roots/parts): no symptom beyond the title, a solution without a
cause, text before the steps and a note after them; rendered without empty sections, guided in the browser."""
from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

from generator import search, translation
from generator.catalogues import catalogue
from generator.rendering import environment, pages
from generator.validation import load
from tests.conftest import ROOTS, build_into

KB = load(ROOTS / "parts" / "content_src")
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]}}


def page(lang: str, name: str) -> str:
    return dict(pages(KB, lang, environment()))[f"remedies/{name}.md"]


def s(lang: str, key: str, **values: object) -> str:
    return catalogue(lang).strings[key].format(**values)


def test_a_procedure_has_no_cause_heading_and_keeps_text_steps_and_note_in_order() -> None:
    text = page("en", "kiosk-printer-offline")
    assert "## What to do { #solutions }" in text and "Cause 1" not in text
    assert '<div class="kb-solution-start" id="cause-1" data-kind="single"></div>' in text  # #cause-1 still lands
    text_at, steps_at, note_at = (text.index(part) for part in (
        "Check after each step", '<ol class="kb-steps" data-cause="1" data-kind="single">', "ask the service desk"))
    assert text_at < steps_at < note_at
    assert '<li id="check-cable"><span id="cause-1-step-2"></span>' in text


def test_no_symptom_section_without_a_symptom_and_a_solution_without_cause_is_named_so() -> None:
    text = page("nl", "badge-reader-beeps")
    assert "{ #symptom }" not in text and "## Oorzaken en oplossingen { #solutions }" in text
    assert "### Oorzaak 1 { #cause-1 }" in text and '### Oplossing 2 { #cause-2 data-kind="solution" }' in text
    assert 'description: "Het deurschema staat op dit uur geen toegang toe."' in text  # what it says first


def test_search_indexes_and_summarises_every_part() -> None:
    remedy = KB.remedy("kiosk-printer-offline")
    fields = search.fields(remedy, "en", search.analyzer("en"))
    assert {"loan", "sleep"} <= {t for t in fields["steps"]}  # the note and the steps are what to do
    badge = next(d for d in search.documents(KB, "en") if d["id"] == "badge-reader-beeps")
    assert badge["summary"] == "The door schedule does not allow entry at this hour."  # no symptom: the cause


def test_hashes_of_texts_written_before_the_optional_parts_stay_the_same() -> None:
    remedy = KB.remedy("badge-reader-beeps")  # a text with a cause and steps hashes as it always did
    first = remedy.en.model_copy(update={"solutions": remedy.en.solutions[:1], "symptom": "It beeps."})
    assert translation.source_hash(first) == translation.source_hash(first.model_validate(
        {"title": first.title, "symptom": "It beeps.", "solutions": [
            {"cause": "The door schedule does not allow entry at this hour.",
             "steps": ["Check the schedule in the access portal."]}]}))
    assert first.content()["solutions"][0] == {"cause": "The door schedule does not allow entry at this hour.",
                                               "responsible": None, "steps": ["Check the schedule in the access portal."]}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_into(ROOTS / "parts" / "content_src", tmp_path_factory.mktemp("parts"))


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_guided_mode_walks_a_procedure(browser: Browser, site: Path, lang: str) -> None:
    page_ = browser.new_page()
    page_.goto((site / lang / "remedies" / "kiosk-printer-offline.html").as_uri())
    page_.get_by_role("button", name=s(lang, "guide_start")).click()
    panel = page_.get_by_role("region", name=s(lang, "solutions_plain"))
    assert panel.is_visible()
    assert panel.get_by_role("checkbox").count() == 3
    assert panel.locator(".kb-note").is_visible() and panel.locator(".kb-solution-text").is_visible()
    assert not page_.get_by_text(s(lang, "guide_last")).is_visible()  # one solution: no "last cause"
    assert page_.get_by_role("button", name=s(lang, "guide_next")).count() == 0
    page_.get_by_role("button", name=s(lang, "guide_exit_plain")).click()  # no cause to show: the whole page
    assert page_.locator("ol.kb-steps").is_visible() and page_.locator("section.kb-guide").count() == 0
    page_.get_by_role("button", name=s(lang, "guide_start")).click()
    page_.get_by_role("button", name=s(lang, "guide_solved_button")).click()
    assert page_.get_by_text(s(lang, "guide_solved_plain"), exact=True).is_visible()  # no "cause 1" to name
    assert Axe().run(page_, options=WCAG).response["violations"] == []
    page_.close()


def test_guided_mode_names_a_solution_without_cause(browser: Browser, site: Path) -> None:
    page_ = browser.new_page()
    page_.goto((site / "en" / "remedies" / "badge-reader-beeps.html").as_uri() + "#guide-2")
    panel = page_.get_by_role("region", name=s("en", "guide_heading_solution", n=2, total=2))
    assert panel.is_visible() and panel.get_by_role("checkbox").count() == 0  # prose only: nothing to tick
    assert panel.get_by_text("Hold the reset button").is_visible()
    assert page_.get_by_text(s("en", "guide_last_solution")).is_visible()
    page_.close()


def test_step_buttons_name_the_step_of_a_procedure(browser: Browser, site: Path) -> None:
    page_ = browser.new_page()
    page_.goto((site / "en" / "remedies" / "kiosk-printer-offline.html").as_uri())
    label = f"{s('en', 'copy_link')}: {s('en', 'step_label_single', step=2)}"
    assert page_.get_by_role("button", name=label, exact=True).count() == 1
    page_.close()
