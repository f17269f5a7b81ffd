"""kb import: one small page of our own for each page shape (tests/roots/import-shapes), checked field by field."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator import importing, links
from generator.importing import ids, shapes
from generator.importing.pages import read_page
from generator.validation import load
from tests.conftest import ROOTS, copy_root

SHAPES = ROOTS / "import-shapes"
NOT_GIVEN = "*The original page does not say.*"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return copy_root("basic", tmp_path)


def imported(content: Path, *names: str) -> tuple[importing.Report, dict[str, dict]]:
    report = importing.import_pages([SHAPES / name for name in names], content)
    return report, {rid: yaml.safe_load((content / "remedies" / f"{rid}.yaml").read_text(encoding="utf-8"))
                    for rid in report.written}


def test_shape_a_labels_become_fields_in_both_languages(content: Path) -> None:
    report, records = imported(content, "shape-a.en-US.md", "shape-a.nl-NL.md")
    assert list(records) == ["error-53-network-path-not-found", "fixing-shared-drive-problems-known-issues"]
    record = records["error-53-network-path-not-found"]
    assert record["codes"] == ["Error-53"]
    en = record["en"]
    assert en["symptom"] == "Explorer shows this message:\n\n    Error 53: The network path was not found."
    assert [s["cause"].splitlines()[0] for s in en["solutions"]] == [
        "**The laptop is not on the office network**", "**The drive mapping points to the old server**", NOT_GIVEN]
    assert en["solutions"][0]["steps"] == [  # nested paragraph and table stay in their step; order is kept
        "Connect to the VPN.\n\nThe VPN icon turns green when the tunnel is up.\n\n| Field | Value |\n| --- | --- |\n"
        "| Server | vpn.example.org |", "Open the drive again.",
        "After the VPN connects, the drive letter can take a minute to come back."]
    assert en["solutions"][1]["steps"] == ["Run the mapping script from the intranet.", "Sign out and in again."]
    assert en["solutions"][2]["steps"] == ["Open the drive in the browser portal until the mapping is fixed."]
    nl = record["nl"]
    assert nl["solutions"][0]["cause"].startswith("**de laptop zit niet op het kantoornetwerk**")  # Oorzaak 1: ...
    assert len(nl["solutions"]) == 3 and nl["machine"] is True
    assert [(p.shapes, p.kept, p.repeated, p.skipped) for p in report.pages] == [
        ({"A": 2}, 1.0, 0.0, ["Next steps"]), ({"A": 2}, 1.0, 0.0, ["Volgende stappen"])]


def test_shape_b_one_problem_page(content: Path) -> None:
    report, records = imported(content, "shape-b.en-US.md")
    page = records["licence-activation-fails-new-laptop"]["en"]
    assert page["title"] == "Licence activation fails on a new laptop"
    assert page["symptom"] == ("The apps open in read-only mode and show this:\n\n"
                               "**Error 0xC004F074 The licence could not be activated.**")
    assert page["solutions"] == [{
        "cause": "The laptop cannot reach the activation service because the proxy blocks it.",
        "steps": ["**Step 1 Check the proxy**\n\nOpen a browser and visit the activation test page.",
                  "**Step 2 Activate again**\n\n1. Open Word.\n2. Choose **Account** and then **Activate**."]}]
    assert "symptom" not in records and "cause" not in records  # no record is named after a label
    area = yaml.safe_load((content / "areas.yaml").read_text(encoding="utf-8"))
    intro = next(a for a in area.values() if a["en"]["title"] == "Licence activation fails on a new laptop")
    assert intro["en"]["intro"].startswith("**About activation**\n\nOffice activates against the company tenant")
    assert report.pages[0].kept == 1.0


def test_shape_c_one_record_per_code_row(content: Path) -> None:
    report, records = imported(content, "shape-c.en-US.md")
    assert {rid: r["codes"] for rid, r in records.items()} == {
        "ribbon-out": ["RIBBON_OUT"], "card-jam": ["CARD_JAM"], "card-jam-2": ["CARD_JAM"],
        "head-hot": ["HeadTooHot"]}
    assert records["card-jam-2"]["en"] == {"title": "CARD_JAM", "symptom": "A card is stuck at the exit.",
                                           "solutions": [{"cause": NOT_GIVEN,
                                                          "steps": ["Lift the exit flap and take the card out."]}]}
    assert [r.id for r in links.resolve(load(content), "CARD_JAM").remedies] == ["card-jam", "card-jam-2"]


def test_shape_d_categories_and_bold_labels(content: Path) -> None:
    _, records = imported(content, "shape-d.en-US.md")
    assert list(records) == ["screen-stays-black-sharing", "sharing-stops-ten-minutes", "no-sound-room-speakers"]
    assert records["screen-stays-black-sharing"]["en"]["solutions"] == [{
        "cause": "The dongle is not paired with this room.",
        "steps": ["Press the pair button on the dongle for five seconds."]}]
    assert records["no-sound-room-speakers"]["en"]["solutions"] == [{  # "Cause:" as plain text, a cue for steps
        "cause": "The laptop sends sound to its own speakers.",
        "steps": ["As a workaround, pick the room speakers in the sound menu of the laptop."]}]
    kb = load(content)
    assert links.resolve(kb, "shape-d.md#sharing-problems").remedies[0].id == "screen-stays-black-sharing"


def test_shape_e_free_prose(content: Path) -> None:
    _, records = imported(content, "shape-e.en-US.md")
    blank = records["printer-prints-blank-pages"]["en"]
    assert (blank["symptom"], blank["solutions"]) == (
        "Every page comes out of the printer without any text.",
        [{"cause": "The toner cartridge still has its protective tape.",
          "steps": ["To resolve this, open the front cover, pull out the cartridge and remove the orange tape."]}])
    scans = records["scans-sent-wrong-address"]["en"]
    assert scans["solutions"][0]["steps"] == ["Open the address book on the printer's panel.",
                                              "Edit your entry and save it."]


def test_shapes_are_found_per_page() -> None:
    found = {name: [p.shape for p in shapes.find(read_page(SHAPES / name, None)).problems]
             for name in ["shape-a.en-US.md", "shape-b.en-US.md", "shape-c.en-US.md", "shape-d.en-US.md",
                          "shape-e.en-US.md"]}
    assert found == {"shape-a.en-US.md": ["A", "A"], "shape-b.en-US.md": ["B", "E"],
                     "shape-c.en-US.md": ["C"] * 4, "shape-d.en-US.md": ["A"] * 3, "shape-e.en-US.md": ["E", "E"]}


def test_labels_are_catalogue_data() -> None:
    assert shapes.label("Cause 2: Throttling", "en") == ("cause", "Throttling")
    assert shapes.label("Oplossing voor oorzaak 1", "nl") == ("solution", "")
    assert shapes.label("Tijdelijke oplossing", "nl") == ("workaround", "")
    assert shapes.label("Symptomen", "nl") == ("symptom", "")
    assert shapes.label("Issues with the portal", "en") is None


def test_same_section_on_two_pages_gets_two_ids(content: Path) -> None:
    first, _ = imported(content, "shape-a.en-US.md", "shape-a.nl-NL.md")
    second, _ = imported(content, "shape-b.en-US.md")
    assert "fixing-shared-drive-problems-known-issues" in first.written
    assert "licence-activation-fails-new-known-issues" in second.written
    kb = load(content)
    assert links.resolve(kb, "shape-a.en-US.md#known-issues").remedies[0].id == \
        "fixing-shared-drive-problems-known-issues"
    assert links.resolve(kb, "shape-b.md#known-issues").remedies[0].id == "licence-activation-fails-new-known-issues"


def test_ids_never_a_bare_label_and_keep_negations() -> None:
    assert ids.make_id("Known issues", ["page", "Fixing shared drive problems"]) == \
        "fixing-shared-drive-problems-known-issues"
    assert ids.make_id("The locker does not open with the app", []) == "locker-not-open-app"
    assert ids.unique("card-jam", {"card-jam"}) == "card-jam-2"


def test_a_clash_with_another_page_gets_a_new_id(content: Path, tmp_path: Path) -> None:
    imported(content, "shape-e.en-US.md")
    other = tmp_path / "other.en-US.md"  # another page with a section of the same name
    other.write_text("# Other printers\n\n## The printer prints blank pages\n\nIt is out of paper.\n")
    report, _ = imported(content, str(other))
    assert report.written == ["printer-prints-blank-pages-2"]
    assert load(content).remedy("printer-prints-blank-pages").imported_from == ["shape-e.md#the-printer-prints-blank-pages"]


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", "import", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_bad_pages_get_a_message_never_a_traceback(tmp_path: Path) -> None:
    content = copy_root("basic", tmp_path)
    before = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    (tmp_path / "latin1.en-US.md").write_bytes("# Caf\xe9\n\n## Broken\n\nText.\n".encode("latin-1"))
    bad = run("latin1.en-US.md", "--content", content, cwd=tmp_path)
    assert (bad.returncode, bad.stderr) == (1, "latin1.en-US.md:1: not UTF-8 text: save the page as UTF-8\n"
                                               "kb: 1 problem(s); nothing was written\n")
    twice = run(SHAPES / "shape-b.en-US.md", SHAPES / "shape-e.en-US.md", "--content", content, cwd=tmp_path)
    assert twice.returncode == 1 and f"{SHAPES / 'shape-e.en-US.md'}:1: a second page in 'en'" in twice.stderr
    assert {p: p.read_bytes() for p in content.rglob("*") if p.is_file()} == before
    (tmp_path / "empty.en-US.md").write_text("")
    empty = run("empty.en-US.md", "--content", content, cwd=tmp_path)
    assert empty.returncode == 0 and "records written: 0" in empty.stdout
    for name in sorted(SHAPES.glob("*.md")):
        result = run(name, "--content", content, "--dry-run", cwd=tmp_path)
        assert result.returncode == 0 and "Traceback" not in result.stdout + result.stderr, name


def test_pages_sharing_an_area_keep_both_introductions(content: Path, tmp_path: Path) -> None:
    for name in ["shape-a", "shape-d"]:
        (tmp_path / "en" / "docs").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SHAPES / f"{name}.en-US.md", tmp_path / "en" / "docs" / f"{name}.md")
    (tmp_path / "nl").mkdir()
    report = importing.import_tree(tmp_path / "en", tmp_path / "nl", content, area="office")
    intro = yaml.safe_load((content / "areas.yaml").read_text(encoding="utf-8"))["office"]["en"]["intro"]
    assert intro.startswith("These problems happen with the team drive on office laptops.")
    assert "**Meeting room screen problems**\n\n**Sharing problems**\n\nMost sharing problems" in intro
    assert [p.kept for p in report.pages] == [1.0, 1.0]


def test_an_existing_area_keeps_its_text_and_the_report_says_so(content: Path) -> None:
    report = importing.import_pages([SHAPES / "shape-a.en-US.md"], content, area="network")
    assert yaml.safe_load((content / "areas.yaml").read_text(encoding="utf-8"))["network"]["en"] == {
        "title": "Network", "intro": "Connections that fail."}
    assert f"{SHAPES / 'shape-a.en-US.md'}: area 'network' exists with other text; the page's introduction " \
           "was not added" in report.warnings
    assert report.pages[0].kept < 1.0  # the introduction's words did not reach the site


def test_pages_with_the_same_title_get_their_own_areas(content: Path, tmp_path: Path) -> None:
    importing.import_pages([SHAPES / "shape-e.en-US.md"], content)
    other = tmp_path / "copy.en-US.md"
    other.write_text("# Printer problems\n\nOther printers, other floor.\n\n## Paper jams\n\nPaper is stuck.\n")
    importing.import_pages([other], content)
    areas = yaml.safe_load((content / "areas.yaml").read_text(encoding="utf-8"))
    assert areas["printer-problems"]["en"] == {"title": "Printer problems"}
    assert areas["printer-problems-2"]["en"] == {"title": "Printer problems", "intro": "Other printers, other floor."}
    again = importing.import_pages([SHAPES / "shape-e.en-US.md"], content)
    assert again.unchanged == ["printer-prints-blank-pages", "scans-sent-wrong-address"]
