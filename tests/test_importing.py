"""kb import: DocFX troubleshooting pages to remedy records, on small pages of our own and on the seed pair."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator import importing, links, search, translation
from generator.validation import load
from tests.conftest import REPO, ROOTS, build_into, copy_root

PAGES = sorted((ROOTS / "import" / "pages").glob("*.md"))
SEED = [REPO.parent / "shared" / "reference" / "b2b-troubleshoot.en-US.md",
        REPO.parent / "shared" / "seeds" / "000_eeafd52a8d09875a.txt"]
IDS = ["vpn-client-error-809-connecting", "router-drops-connection", "connecting-vpn-connection-name-fails",
       "english-client-crashes-start", "dutch-tray-icon-missing"]


@pytest.fixture
def imported(tmp_path: Path) -> tuple[Path, importing.Report]:
    content = copy_root("basic", tmp_path)
    return content, importing.import_pages(PAGES, content, area="vpn")


def record(content: Path, rid: str) -> dict:
    return yaml.safe_load((content / "remedies" / f"{rid}.yaml").read_text(encoding="utf-8"))


def test_report(imported) -> None:
    _, report = imported
    assert report.written == IDS
    assert (report.paired, report.codes, report.fixes, report.conflicts) == (3, ["0x80070005"], 1, [])
    page = PAGES[0]
    assert sorted(report.warnings) == [
        f"{page}:36: image not copied (not found), kept as text: media/vpn/missing.png",
        f"{page}:40: include not imported: includes/vpn-naming.md",
        f"{page}:50: link to a page that was not imported, kept as text: vpn-naming.md",
        "section 'dutch-only-the-tray-icon-is-missing' has no pair in: en",
        "section 'english-only-the-client-crashes-on-start' has no pair in: nl",
    ]


def test_records_validate_and_pair_languages_by_anchor(imported) -> None:
    content, _ = imported
    kb = load(content)
    vpn = kb.remedy("vpn-client-error-809-connecting")
    assert (vpn.en.title, vpn.nl.title) == ('The VPN client says "Error 809" when connecting',
                                            'De VPN-client meldt "Error 809" bij verbinden')
    assert vpn.aliases == ["the-vpn-client-says-error-809-when-connecting"]
    assert vpn.updated.isoformat() == "2023-06-02"  # ms.date
    assert (translation.state(vpn, "nl"), vpn.nl.machine) == ("machine", True)  # ms.translationtype: MT
    assert kb.remedy("dutch-tray-icon-missing").source == "nl" and not kb.remedy("dutch-tray-icon-missing").has("en")
    assert not (content / "remedies" / "next-steps.yaml").exists()


def test_symptom_cause_steps_and_code_blocks(imported) -> None:
    content, _ = imported
    vpn = record(content, "vpn-client-error-809-connecting")["en"]
    assert vpn["symptom"] == ("When you connect, the client shows:\n\n    Error 809: The network connection between "
                              "your computer and the VPN server could not be established.")
    assert vpn["solutions"] == [{
        "cause": "A firewall between you and the office blocks the tunnel.",
        "steps": ["To resolve this, allow UDP 500 and 4500 on your home router. "
                  "See [the router section](router-drops-connection.md) too."]}]
    router = record(content, "router-drops-connection")["en"]
    assert router["solutions"][0]["steps"] == ["Open the router page.", "Raise the idle timeout to 30 minutes."]
    named = record(content, "connecting-vpn-connection-name-fails")["en"]
    assert [s["cause"].splitlines()[0] for s in named["solutions"]] == [
        "**The profile name has a typo**", "**The profile belongs to another user**"]  # ### sub-sections
    assert "| Name | `<VPN Connection Name>` |" in named["symptom"]  # table, code span untouched
    assert '```powershell\nGet-VpnConnection -Name "<VPN Connection Name>"\n```' in named["symptom"]


def test_docfx_constructs(imported) -> None:
    content, _ = imported
    router = record(content, "router-drops-connection")["en"]
    assert router["symptom"] == "The router closes idle tunnels after five minutes."
    assert '!!! warning "Important"\n    Some routers need a restart after this change.' in router["solutions"][0]["cause"]
    assert "![Router settings](../media/vpn/settings.png)" in router["solutions"][0]["cause"]
    assert "*[A screen we never had]*" in router["solutions"][0]["cause"]  # :::image::: whose file is missing
    assert (content / "media" / "vpn" / "settings.png").is_file()
    named = record(content, "connecting-vpn-connection-name-fails")
    assert named["en"]["title"] == "Connecting as <VPN Connection Name> fails"
    assert '!!! info "Not imported: an include of the original page"\n    `includes/vpn-naming.md`' in named["en"]["symptom"]
    assert "See the naming guide (`vpn-naming.md`) for more." in named["en"]["symptom"]
    assert '!!! tip "Tip"' in named["en"]["solutions"][0]["cause"]
    crash = record(content, "english-client-crashes-start")["en"]
    assert "even when run as &lt;Admin Account&gt;." in crash["solutions"][0]["cause"]


def test_page_intro_goes_to_the_area(imported) -> None:
    content, _ = imported
    area = yaml.safe_load((content / "areas.yaml").read_text(encoding="utf-8"))["vpn"]
    assert area["en"]["title"] == "Troubleshooting the office VPN"
    assert area["en"]["intro"] == ("These remedies cover the VPN client that staff use from home.\n\n"
                                   '!!! note "Note"\n    The client is updated every month.')
    assert "verbinding te creëren" in area["nl"]["intro"]  # mojibake repaired
    assert '!!! note "Opmerking"' in area["nl"]["intro"]


def test_imported_content_builds_and_shows_placeholders(imported, tmp_path: Path) -> None:
    content, _ = imported
    site = build_into(content, tmp_path)
    html = (site / "en/remedies/connecting-vpn-connection-name-fails.html").read_text(encoding="utf-8")
    assert "Connecting as &lt;VPN Connection Name&gt; fails" in html and "<VPN Connection Name>" not in html
    assert '<img alt="Router settings" src="../media/vpn/settings.png"' in \
        (site / "en/remedies/router-drops-connection.html").read_text(encoding="utf-8")
    assert (site / "en/media/vpn/settings.png").is_file()


def test_old_section_links_resolve(imported) -> None:
    content, _ = imported
    kb = load(content)
    target = links.resolve(kb, "troubleshoot-vpn.en-US.md#my-router-drops-the-connection")
    assert target is not None and [r.id for r in target.remedies] == ["router-drops-connection"]


def test_never_overwrites_silently(imported, tmp_path: Path) -> None:
    content, _ = imported
    path = content / "remedies" / "router-drops-connection.yaml"
    path.write_text(path.read_text() + "# edited by hand\n")
    again = importing.import_pages(PAGES, content, area="vpn")
    assert again.written == [] and len(again.conflicts) == 5
    assert again.conflicts[1] == f"{path} exists (use --force to replace it)"
    assert path.read_text().endswith("# edited by hand\n")
    forced = importing.import_pages(PAGES, content, area="vpn", force=True)
    assert forced.written == IDS and not path.read_text().endswith("# edited by hand\n")


def test_cli_dry_run_and_language_option(tmp_path: Path) -> None:
    content = copy_root("basic", tmp_path)
    result = subprocess.run([sys.executable, "-m", "generator", "import", *map(str, PAGES), "--content",
                             str(content), "--area", "vpn", "--dry-run"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("records written: 0\nsections paired across languages: 3")
    assert sorted(p.stem for p in (content / "remedies").iterdir()) == [
        "printer-offline", "vpn-drops-after-sleep", "wifi-password-rejected"]
    assert importing.read_page(PAGES[1], "de", importing.Report()).lang == "de"  # --lang wins
    assert importing.read_page(PAGES[1], None, importing.Report()).lang == "nl"  # ms.contentlocale


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
    assert "#" in remedy.en.title and "user_contoso.com#EXT#@fabrikam.onmicrosoft.com" in remedy.en.solutions[0].cause
    code = next(r for r in imported if "AADSTS65005" in r.codes)
    assert "\n    AADSTS65005: Using application 'AppName'" in code.en.symptom  # the code block, as a code block
    assert "creëren" in (content / "areas.yaml").read_text(encoding="utf-8")
    site = build_into(content, tmp_path)
    engines = {lang: search.Engine(kb, lang) for lang in ("en", "nl")}
    for anchor in english_anchors():  # every section: findable by its anchor and by search in both languages
        target = links.resolve(kb, anchor)
        assert target is not None, anchor
        rid = target.remedies[0].id
        assert (site / "r" / rid / "index.html").is_file()
        for lang, engine in engines.items():
            assert rid in engine.find(target.remedies[0].text(lang).title)[:3], (lang, anchor)


def test_error_codes_detected() -> None:
    text = "It returns HTTP 403, then error 503 and AADSTS50020, code 0x80070005 or WLAN4021; status 200 is fine."
    assert importing._codes(text) == ["AADSTS50020", "0x80070005", "WLAN4021", "HTTP-403", "HTTP-503"]
