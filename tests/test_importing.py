"""kb import: DocFX troubleshooting pages to remedy records, on small pages of our own and on the seed pair."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator import importing, links, ranking, translation
from generator.validation import load
from tests.conftest import REPO, ROOTS, build_into, copy_root

PAGES = sorted((ROOTS / "import" / "pages").glob("*.md"))
SEED = [REPO.parent / "shared" / "reference" / "b2b-troubleshoot.en-US.md",
        REPO.parent / "shared" / "seeds" / "000_eeafd52a8d09875a.txt"]
IDS = ["vpn-client-error-809-connecting", "router-drops-connection", "connecting-vpn-connection-name-fails",
       "dutch-tray-icon-missing", "english-client-crashes-start"]


@pytest.fixture
def imported(tmp_path: Path) -> tuple[Path, importing.Report]:
    content = copy_root("basic", tmp_path)
    return content, importing.import_pages(PAGES, content, area="vpn")


def record(content: Path, rid: str) -> dict:
    return yaml.safe_load((content / "remedies" / f"{rid}.yaml").read_text(encoding="utf-8"))


def test_report(imported) -> None:
    _, report = imported
    assert report.written == IDS
    assert (report.paired, report.codes, report.fixes) == (3, ["0x80070005", "Error-809"], 1)
    page = PAGES[0]
    assert sorted(report.warnings) == [
        f"{page}:36: image not copied (not found), kept as text: media/vpn/missing.png",
        f"{page}:40: include left out (no --include-root given): includes/vpn-naming.md",
        f"{page}:50: link to a page that was not imported, kept as text: vpn-naming.md",
        "troubleshoot-vpn.md: section 'dutch-only-the-tray-icon-is-missing' has no pair in the other language",
        "troubleshoot-vpn.md: section 'english-only-the-client-crashes-on-start' has no pair in the other language",
    ]
    assert [(p.lang, p.kept, p.repeated, p.added, p.shapes) for p in report.pages] == [
        ("en", 1.0, 0.0, 0, {"E": 3, "H": 1}), ("nl", 1.0, 0.0, 0, {"E": 3, "H": 1})]
    assert [(item["id"], item["reasons"]) for item in report.review()] == [  # what to look at first, and why
        ("dutch-tray-icon-missing", ["unpaired"]), ("english-client-crashes-start", ["unpaired"]),
        ("connecting-vpn-connection-name-fails", ["include missing"]),
        ("vpn-client-error-809-connecting", ["shape guessed"])]


def test_records_validate_and_pair_languages_by_anchor(imported) -> None:
    content, _ = imported
    kb = load(content)
    vpn = kb.remedy("vpn-client-error-809-connecting")
    assert (vpn.en.title, vpn.nl.title) == ('The VPN client says "Error 809" when connecting',
                                            'De VPN-client meldt "Error 809" bij verbinden')
    assert vpn.imported_from == ["troubleshoot-vpn.md#the-vpn-client-says-error-809-when-connecting",
                                 "troubleshoot-vpn.md#de-vpn-client-meldt-error-809-bij-verbinden"]  # each page's anchors
    assert vpn.updated.isoformat() == "2023-06-02"  # ms.date
    assert (translation.state(vpn, "nl"), vpn.nl.machine) == ("machine", True)  # ms.translationtype: MT
    dutch = kb.remedy("dutch-tray-icon-missing")  # only in Dutch: named by its English anchor
    assert dutch.source == "nl" and not dutch.has("en")
    assert not (content / "remedies" / "next-steps.yaml").exists()


def test_symptom_cause_steps_and_code_blocks(imported) -> None:
    content, _ = imported
    vpn = record(content, "vpn-client-error-809-connecting")["en"]
    assert vpn["symptom"] == ("When you connect, the client shows:\n\n    Error 809: The network connection between "
                              "your computer and the VPN server could not be established.")
    assert vpn["solutions"] == [{
        "cause": "A firewall between you and the office blocks the tunnel.",
        "text": "To resolve this, allow UDP 500 and 4500 on your home router. "
                "See [the router section](router-drops-connection.md) too."}]
    router = record(content, "router-drops-connection")["en"]
    assert router["solutions"][0]["steps"] == ["Open the router page.", "Raise the idle timeout to 30 minutes."]
    assert router["solutions"][0]["note"] == ("![Router settings](../media/vpn/settings.png)\n\n"
                                              "*[A screen we never had]*")  # after the steps, in page order
    naming = record(content, "connecting-vpn-connection-name-fails")["en"]  # sub-headings: ways out of their own
    assert [s["text"].split("\n")[0] for s in naming["solutions"][1:]] == [
        "**The profile name has a typo**", "**The profile belongs to another user**"]
    assert '!!! tip "Tip"\n    Copy the name from the welcome email.' in naming["solutions"][1]["text"]


def test_docfx_constructs(imported) -> None:
    content, _ = imported
    router = record(content, "router-drops-connection")["en"]
    assert router["solutions"][0]["text"].startswith('!!! warning "Important"\n    Some routers need a restart')
    assert (content / "media" / "vpn" / "settings.png").is_file()
    crash = record(content, "english-client-crashes-start")["en"]
    assert "even when run as &lt;Admin Account&gt;." in crash["solutions"][0]["text"]
    text = (content / "remedies" / "connecting-vpn-connection-name-fails.yaml").read_text(encoding="utf-8")
    assert "INCLUDE" not in text and "vpn-naming" not in text  # an include left out leaves nothing behind


def test_page_intro_goes_to_the_area(imported) -> None:
    content, _ = imported
    area = yaml.safe_load((content / "areas.yaml").read_text(encoding="utf-8"))["vpn"]
    assert area["en"]["title"] == "Troubleshooting the office VPN"
    assert area["en"]["intro"] == ('These remedies cover the VPN client that staff use from home.\n\n'
                                   '!!! note "Note"\n    The client is updated every month.\n')
    assert "verbinding te creëren" in area["nl"]["intro"]  # mojibake repaired
    assert '!!! note "Opmerking"' in area["nl"]["intro"]


def test_imported_content_builds_and_shows_placeholders(imported, tmp_path: Path) -> None:
    content, _ = imported
    site = build_into(content, tmp_path)
    html = (site / "en/remedies/connecting-vpn-connection-name-fails.html").read_text(encoding="utf-8")
    assert "<h1 id=\"connecting-as-vpn-connection-name-fails\">Connecting as &lt;VPN Connection Name&gt; fails" in html
    assert '<img alt="Router settings" src="../media/vpn/settings.png"' in \
        (site / "en/remedies/router-drops-connection.html").read_text(encoding="utf-8")
    assert (site / "en/media/vpn/settings.png").is_file()


def test_old_section_links_resolve(imported) -> None:
    content, _ = imported
    kb = load(content)
    target = links.resolve(kb, "troubleshoot-vpn.en-US.md#my-router-drops-the-connection")
    assert target is not None and [r.id for r in target.remedies] == ["router-drops-connection"]


def test_reimport_is_unchanged_and_edits_are_kept(imported) -> None:
    content, _ = imported
    path = content / "remedies" / "router-drops-connection.yaml"
    before = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    again = importing.import_pages(PAGES, content, area="vpn")
    assert (again.written, again.unchanged) == ([], IDS)
    assert {p: p.read_bytes() for p in content.rglob("*") if p.is_file()} == before
    path.write_text(path.read_text() + "# edited by hand\n")
    edited = importing.import_pages(PAGES, content, area="vpn")
    assert edited.kept == ["router-drops-connection"] and path.read_text().endswith("# edited by hand\n")
    forced = importing.import_pages(PAGES, content, area="vpn", force=True)
    assert forced.updated == ["router-drops-connection"] and not path.read_text().endswith("# edited by hand\n")


def test_cli_dry_run_and_language_option(tmp_path: Path) -> None:
    content = copy_root("basic", tmp_path)
    result = subprocess.run([sys.executable, "-m", "generator", "import", *map(str, PAGES), "--content",
                             str(content), "--area", "vpn", "--dry-run"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith(f"records that would be written: 5 ({', '.join(IDS)})")
    assert sorted(p.stem for p in (content / "remedies").iterdir()) == [
        "printer-offline", "vpn-drops-after-sleep", "wifi-password-rejected"]
    assert importing.read_page(PAGES[1], "de").lang == "de"  # --lang wins
    assert importing.read_page(PAGES[1], None).lang == "nl"  # ms.contentlocale


def english_anchors() -> list[str]:
    text = SEED[0].read_text(encoding="utf-8")
    return [importing.slugify(h) for h in re.findall(r"^## (.+)$", text, re.M) if h != "Next steps"]


def test_import_the_seed_pair(tmp_path: Path) -> None:
    assert all(p.is_file() for p in SEED), f"{SEED[0].parent.parent} is missing: the seed import is checked against it"
    content = copy_root("basic", tmp_path)
    report = importing.import_pages(SEED, content, area="b2b")
    assert report.paired >= 12 and "AADSTS65005" in report.codes and report.fixes >= 1
    kb = load(content)
    imported = [r for r in kb.remedies if r.area == "b2b"]
    assert len([r for r in imported if r.has("en") and r.has("nl")]) >= 12
    hash_section = links.resolve(kb, "b2b-troubleshoot.en-US.md#how-does--which-is-not-normally-a-valid-character-sync-with-azure-ad")
    assert hash_section is not None
    remedy = hash_section.remedies[0]
    assert "#" in remedy.en.title
    assert any("user_contoso.com#EXT#@fabrikam.onmicrosoft.com" in part for part in remedy.en.solutions[0].markdown())
    code = next(r for r in imported if "AADSTS65005" in r.codes)
    assert "\n    AADSTS65005: Using application 'AppName'" in code.en.symptom  # the code block, as a code block
    assert "creëren" in (content / "areas.yaml").read_text(encoding="utf-8")
    site = build_into(content, tmp_path)
    engines = {lang: ranking.Engine(kb, lang) for lang in ("en", "nl")}
    for anchor in english_anchors():  # every section: findable by its anchor and by search in both languages
        target = links.resolve(kb, f"b2b-troubleshoot.en-US.md#{anchor}")
        assert target is not None, anchor
        rid = target.remedies[0].id
        assert (site / "r" / rid / "index.html").is_file()
        for lang, engine in engines.items():
            assert rid in engine.find(target.remedies[0].text(lang).title)[:3], (lang, anchor)
