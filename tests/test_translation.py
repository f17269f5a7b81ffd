"""Translation states: untranslated, machine-translated and outdated pages; kb translated; kb status."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from generator import ranking, translation
from generator.validation import load
from tests.conftest import ROOTS, build_into, content_here, problems_of

STATES = {"printer-offline": "missing", "vpn-drops-after-sleep": "machine", "wifi-password-rejected": "outdated"}


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return content_here("translation", tmp_path, monkeypatch)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_into(ROOTS / "translation" / "content_src", tmp_path_factory.mktemp("translation"))


def kb(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60, env={"COLUMNS": "100", "PATH": "/usr/bin:/bin"})


def test_states() -> None:
    knowledge = load(ROOTS / "translation" / "content_src")
    assert {r.id: translation.state(r, "nl") for r in knowledge.remedies} == STATES
    assert {translation.state(r, "en") for r in knowledge.remedies} == {"translated"}


def test_hash_covers_the_text_not_the_bookkeeping() -> None:
    text = load(ROOTS / "basic" / "content_src").remedy("printer-offline").en
    digest = translation.source_hash(text)
    assert re.fullmatch(r"[0-9a-f]{12}", digest)
    assert translation.source_hash(text.model_copy(update={"machine": True, "source_hash": "0" * 12})) == digest
    assert translation.source_hash(text.model_copy(update={"title": "Printer is offline"})) != digest


def test_source_text_must_exist(content: Path) -> None:
    path = content / "remedies" / "printer-offline.yaml"
    path.write_text(path.read_text().replace("updated:", "source: nl\nupdated:"), encoding="utf-8")
    assert problems_of(content) == [
        "content_src/remedies/printer-offline.yaml:1: missing the text in the source language 'nl'"]


def notices(page: Path) -> list[str]:
    """The translation notices of a page (every remedy also carries its review notice, tests/test_review.py)."""
    return [n for n in re.findall(r'data-kb-notice="([^"]+)"', page.read_text(encoding="utf-8")) if n != "review-due"]


def test_pages_show_notices(site: Path) -> None:
    assert {rid: notices(site / "nl/remedies" / f"{rid}.html") for rid in STATES} == {
        "printer-offline": ["untranslated"], "vpn-drops-after-sleep": ["machine-translated"],
        "wifi-password-rejected": ["outdated"]}
    assert {rid: notices(site / "en/remedies" / f"{rid}.html") for rid in STATES} == {rid: [] for rid in STATES}


def test_untranslated_page_shows_the_source_text(site: Path) -> None:
    html = (site / "nl/remedies/printer-offline.html").read_text(encoding="utf-8")
    assert '<html lang="nl"' in html and 'lang="en">Printer shows as offline' in html
    assert "Nog niet in het Nederlands vertaald. Hieronder staat de oorspronkelijke tekst in het Engels." in html
    assert '<a href="../../en/remedies/printer-offline.html" hreflang="en">Lees het origineel in het Engels</a>' in html
    assert re.search(r'<ol class="kb-steps" data-cause="1" lang="en">\s*<li id="cause-1-step-1"><p>Print the network page', html)
    assert '<div class="kb-text" lang="en">\n<p>Jobs stay in the queue' in html
    assert "<h2 id=\"symptom\">Symptoom" in html  # labels stay in the page's language


def test_untranslated_remedy_is_found_in_the_other_language() -> None:
    knowledge = load(ROOTS / "translation" / "content_src")
    assert ranking.Engine(knowledge, "nl").find("DHCP")[:1] == ["printer-offline"]


@pytest.mark.parametrize("rid, notice", [("printer-offline", "untranslated"),
                                         ("vpn-drops-after-sleep", "machine-translated"),
                                         ("wifi-password-rejected", "outdated")])
def test_notice_in_browser_links_to_the_source(browser: Browser, site: Path, rid: str, notice: str) -> None:
    page = browser.new_page()
    page.goto(f"{site.as_uri()}/nl/remedies/{rid}.html")
    box = page.locator(f'[data-kb-notice="{notice}"]')
    assert box.is_visible()
    box.locator('a[hreflang="en"]').click()
    page.wait_for_url(f"{site.as_uri()}/en/remedies/{rid}.html")
    assert page.locator("[data-kb-notice]:not([data-kb-notice=review-due])").count() == 0
    page.close()


def test_kb_translated_stamps_and_keeps_the_file(content: Path) -> None:
    path = content / "remedies" / "wifi-password-rejected.yaml"
    path.write_text("# Wi-Fi remedy, reviewed by the network team\n" + path.read_text(), encoding="utf-8")
    before = path.read_text()
    result = kb("translated", "wifi-password-rejected", "--lang", "nl", cwd=content.parent)
    digest = translation.source_hash(load(content).remedy("wifi-password-rejected").en)
    assert (result.returncode, result.stdout) == (
        0, f"{path}: 'nl' recorded as a translation of source text {digest}\n")
    after = path.read_text()
    assert after == before.replace("source_hash: 0123456789ab", f"source_hash: {digest}")  # nothing else moves
    assert translation.state(load(content).remedy("wifi-password-rejected"), "nl") == "translated"


def test_kb_translated_machine_then_source_changes(content: Path) -> None:
    result = kb("translated", "wifi-password-rejected", "--lang", "nl", "--machine", cwd=content.parent)
    assert result.returncode == 0 and "as a machine translation" in result.stdout
    assert translation.state(load(content).remedy("wifi-password-rejected"), "nl") == "machine"
    path = content / "remedies" / "wifi-password-rejected.yaml"
    path.write_text(path.read_text().replace("Forget the network", "Remove the network"), encoding="utf-8")
    assert translation.state(load(content).remedy("wifi-password-rejected"), "nl") == "outdated"


@pytest.mark.parametrize("args, code, message", [
    (["wifi-pasword-rejected", "--lang", "nl"], 1, "kb: no remedy 'wifi-pasword-rejected'; did you mean 'wifi-password-rejected'?\n"),
    (["wifi-password-rejected", "--lang", "en"], 2,
     "kb: --lang: expected a translation language of 'wifi-password-rejected' (nl), received 'en'\n"),
    (["printer-offline", "--lang", "nl"], 1, "kb: 'printer-offline' has no 'nl' text yet: write it under 'nl:' first\n"),
])
def test_kb_translated_refuses(content: Path, args: list[str], code: int, message: str) -> None:
    result = kb("translated", *args, cwd=content.parent)
    assert (result.returncode, result.stderr) == (code, message)


def test_kb_status_json(content: Path) -> None:
    result = kb("status", "--format", "json", cwd=content.parent)
    assert result.returncode == 0
    assert json.loads(result.stdout) == {
        "remedies": [{"id": rid, "languages": {"en": "translated", "nl": state}} for rid, state in STATES.items()],
        "totals": {"en": {"translated": 3, "machine": 0, "outdated": 0, "missing": 0},
                   "nl": {"translated": 0, "machine": 1, "outdated": 1, "missing": 1}}}


def test_kb_status_table(content: Path) -> None:
    result = kb("status", cwd=content.parent)
    assert result.returncode == 0
    rows = [re.sub(r"\s+", " ", line.strip("│┃ ")) for line in result.stdout.splitlines()]
    for rid, state in STATES.items():
        assert any(re.fullmatch(rf"{rid} │ translated │ {state}", row) for row in rows), result.stdout
    assert any(re.fullmatch(r"totals │ 3 translated │ 1 machine", row) for row in rows), result.stdout
    widths = {len(line) for line in result.stdout.splitlines()}
    assert len(widths) == 1  # aligned: every line of the table is as wide as the others
