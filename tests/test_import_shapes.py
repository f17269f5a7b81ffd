"""kb import: one small page of our own for each construct (tests/roots/import-shapes), checked field by field.

Nothing a page does not say may reach a record: no filler for a missing symptom or cause, and
the report counts words added (none), kept and repeated.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator import importing, links
from generator.importing import shapes, words
from generator.importing.pages import read_page
from generator.validation import load
from tests.conftest import ROOTS, copy_root

SHAPES = ROOTS / "import-shapes"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return copy_root("basic", tmp_path)


def imported(content: Path, *names: str, **options) -> tuple[importing.Report, dict[str, dict]]:
    report = importing.import_pages([SHAPES / name for name in names], content, **options)
    return report, {rid: yaml.safe_load((content / "remedies" / f"{rid}.yaml").read_text(encoding="utf-8"))
                    for rid in report.written}


def nothing_added(report: importing.Report) -> None:
    assert [(p.lang, p.added, p.kept, p.repeated) for p in report.pages] == [
        (p.lang, 0, 1.0, 0.0) for p in report.pages]


def test_shape_a_labels_become_fields_in_both_languages(content: Path) -> None:
    report, records = imported(content, "shape-a.en-US.md", "shape-a.nl-NL.md")
    assert list(records) == ["error-53-network-path-not-found", "fixing-shared-drive-problems-known-issues"]
    record = records["error-53-network-path-not-found"]
    assert record["codes"] == ["Error-53"]
    en = record["en"]
    assert en["symptom"] == "Explorer shows this message:\n\n    Error 53: The network path was not found."
    first, second, workaround = en["solutions"]
    assert first == {  # nested paragraph and table stay in their step; the text after the list is the note
        "cause": "**The laptop is not on the office network**\n\nThe drive is only reachable inside the office or "
                 "over the VPN.",
        "steps": ["Connect to the VPN.\n\nThe VPN icon turns green when the tunnel is up.\n\n| Field | Value |\n"
                  "| --- | --- |\n| Server | vpn.example.org |", "Open the drive again."],
        "note": "After the VPN connects, the drive letter can take a minute to come back."}
    assert second["steps"] == ["Run the mapping script from the intranet.", "Sign out and in again."]
    assert workaround == {"text": "Open the drive in the browser portal until the mapping is fixed."}  # no cause
    nl = record["nl"]
    assert nl["solutions"][0]["cause"].startswith("**de laptop zit niet op het kantoornetwerk**")  # Oorzaak 1: ...
    assert len(nl["solutions"]) == 3 and nl["machine"] is True
    known = records["fixing-shared-drive-problems-known-issues"]["en"]
    assert known["title"] == "Fixing shared drive problems – Known issues"  # a part of the page, named by it
    assert [(p.shapes, p.skipped) for p in report.pages] == [({"A": 2}, ["Next steps"]), ({"A": 2}, ["Volgende stappen"])]
    nothing_added(report)


def test_shape_b_one_problem_page(content: Path) -> None:
    report, records = imported(content, "shape-b.en-US.md")
    assert list(records) == ["licence-activation-fails-new-laptop"]
    page = records["licence-activation-fails-new-laptop"]["en"]
    assert page["title"] == "Licence activation fails on a new laptop"
    assert page["symptom"] == ("The apps open in read-only mode and show this:\n\n"
                               "**Error 0xC004F074 The licence could not be activated.**")
    assert page["solutions"] == [{  # the steps of the resolution keep their headings, not their numbers
        "cause": "The laptop cannot reach the activation service because the proxy blocks it.",
        "steps": [{"id": "step-1-check-the-proxy", "text": "**Check the proxy**\n\nOpen a browser and visit the activation test page."},
                  {"id": "step-2-activate-again", "text": "**Activate again**\n\n1. Open Word.\n2. Choose **Account** and then **Activate**."}],
        "note": "**Known issues**\n\n**Known issues**\n\nActivation can take up to an hour after a licence is "
                "assigned."}]  # a section with no label follows what to do, as the page has it
    area = yaml.safe_load((content / "areas.yaml").read_text(encoding="utf-8"))
    intro = next(a for a in area.values() if a["en"]["title"] == "Licence activation fails on a new laptop")
    assert intro["en"]["intro"].startswith("**About activation**\n\nOffice activates against the company tenant")
    nothing_added(report)


def test_shape_c_one_record_per_code_row(content: Path) -> None:
    report, records = imported(content, "shape-c.en-US.md")
    assert {rid: r["codes"] for rid, r in records.items()} == {
        "ribbon-out": ["RIBBON_OUT"], "card-jam": ["CARD_JAM"], "card-jam-stuck": ["CARD_JAM"],
        "head-hot": ["HeadTooHot"]}  # a clash is told apart by a word of its own message, not a number
    assert records["card-jam-stuck"]["en"] == {"title": "CARD_JAM", "symptom": "A card is stuck at the exit.",
                                               "solutions": [{"text": "Lift the exit flap and take the card out."}]}
    assert [r.id for r in links.resolve(load(content), "CARD_JAM").remedies] == ["card-jam", "card-jam-stuck"]
    nothing_added(report)


def test_shape_d_categories_and_bold_labels(content: Path) -> None:
    _, records = imported(content, "shape-d.en-US.md")
    assert list(records) == ["screen-stays-black-sharing", "sharing-stops-ten-minutes", "no-sound-room-speakers"]
    assert records["screen-stays-black-sharing"]["en"]["solutions"] == [{
        "cause": "The dongle is not paired with this room.", "text": "Press the pair button on the dongle for five seconds."}]
    assert records["no-sound-room-speakers"]["en"]["solutions"] == [{  # "Cause:" as plain text; the cue starts the fix
        "cause": "The laptop sends sound to its own speakers.",
        "text": "As a workaround, pick the room speakers in the sound menu of the laptop."}]
    kb = load(content)
    assert links.resolve(kb, "shape-d.md#sharing-problems").remedies[0].id == "screen-stays-black-sharing"


def test_shape_e_free_prose(content: Path) -> None:
    report, records = imported(content, "shape-e.en-US.md")
    blank = records["printer-prints-blank-pages"]["en"]
    assert (blank["symptom"], blank["solutions"]) == (
        "Every page comes out of the printer without any text.",
        [{"cause": "The toner cartridge still has its protective tape.",
          "text": "To resolve this, open the front cover, pull out the cartridge and remove the orange tape."}])
    scans = records["scans-sent-wrong-address"]["en"]
    assert scans["solutions"][0]["steps"] == ["Open the address book on the printer's panel.",
                                              "Edit your entry and save it."]
    assert [item["reasons"] for item in report.review()] == [["shape guessed"], ["shape guessed"]]


def test_a_procedure_is_one_remedy_with_its_checks_in_order(content: Path) -> None:
    report, records = imported(content, "procedure.en-US.md", "procedure.nl-NL.md")
    assert list(records) == ["lobby-kiosk-printer-goes-offline"]  # not one remedy per step
    record = records["lobby-kiosk-printer-goes-offline"]
    en, nl = record["en"], record["nl"]
    assert en["title"] == "The lobby kiosk printer goes offline"
    assert en["symptom"].startswith("The printer in the lobby kiosk drops off the network")  # the page's problem
    solution = en["solutions"][0]
    assert "cause" not in solution and solution["text"] == "Check after each step whether the printer stays online."
    assert [s["text"].split("\n")[0] for s in solution["steps"]] == [
        "**Prerequisite step**", "**Check the network cable**", "**Check the sleep timer**"]
    assert [s["text"].split("\n")[0] for s in nl["solutions"][0]["steps"]] == [  # "Stap 1-controle": its number goes
        "**Vereiste stap**", "**controle van de netwerkkabel**", "**de slaaptimer controleren**"]
    assert [s["id"] for s in solution["steps"]] == [s["id"] for s in nl["solutions"][0]["steps"]] == [
        "prerequisite-step", "step-1-check-the-network-cable", "step-2-check-the-sleep-timer"]  # old links land
    assert report.review()[0]["reasons"] == ["include missing"]  # the include was left out, and the reader sees nothing of it
    assert "INCLUDE" not in (content / "remedies" / "lobby-kiosk-printer-goes-offline.yaml").read_text()
    kb = load(content)
    target = links.resolve(kb, "procedure.en-US.md#step-1-check-the-network-cable")
    assert target is not None and target.remedies[0].id == "lobby-kiosk-printer-goes-offline"
    nothing_added(report)


def test_includes_come_from_the_include_root_only(content: Path, tmp_path: Path) -> None:
    report, records = imported(content, "procedure.en-US.md", include_roots=[SHAPES])
    symptom = records["lobby-kiosk-printer-goes-offline"]["en"]["symptom"]
    assert symptom.endswith("The service desk can swap the printer for a loan unit while you check.")
    assert report.review() == [] and not any("include" in w for w in report.warnings)
    page = tmp_path / "pages" / "escape.en-US.md"  # an include that leads out of the root is not read
    page.parent.mkdir()
    page.write_text("# Escape\n\n## It fails\n\n[!INCLUDE [x](../../outside.md)]\n\nRestart it.\n")
    (tmp_path / "outside.md").write_text("SECRET TEXT FROM OUTSIDE\n")
    escaped = importing.import_pages([page], content, include_roots=[tmp_path / "pages"])
    assert any(w.startswith(f"{page}:5: include left out (outside") for w in escaped.warnings)
    assert "SECRET" not in "".join(p.read_text() for p in (content / "remedies").glob("*.yaml"))


def test_questions_are_answered_and_text_after_steps_is_a_note(content: Path) -> None:
    report, records = imported(content, "faq.en-US.md")
    assert records["badge-reader-beep-twice"]["en"] == {  # no symptom but the question, no cause invented
        "title": "Why does the badge reader beep twice?",
        "solutions": [{"text": "Two beeps mean the badge was read but the door schedule does not allow entry at "
                               "this hour."}]}
    reset = records["reset-badge-reader"]["en"]["solutions"][0]
    assert reset["text"] == "Resetting clears its cache of recent badges."
    assert reset["steps"] == ["Hold the reset button for ten seconds.", "Wait until the light turns green."]
    assert reset["note"].startswith("If the light stays red, report the reader to facilities.\n\n!!! tip")
    assert report.pages[0].shapes == {"H": 2} and report.review() == []
    nothing_added(report)


def test_tables_by_their_header(content: Path) -> None:
    report, records = imported(content, "tables.en-US.md")
    assert list(records) == ["messages-go-away-themselves", "code-7-paper-out", "code-9-lid-open", "smudged-labels",
                             "labels-print-blank"]
    whole = records["messages-go-away-themselves"]  # codes and messages, nothing to do per row: one remedy
    assert whole["codes"] == ["3101", "3102"]  # as the code column writes them
    text = whole["en"]["solutions"][0]["text"]
    assert "| 3101 | 10 | Label '%.\\*ls' is still being printed. |" in text  # &#x2a; is a star, not emphasis
    assert "| 3102 | 12 | The queue is full. Wait a minute. |" in text and "br" not in text
    assert records["code-7-paper-out"]["codes"] == ["7", "PaperOut"]
    assert records["code-7-paper-out"]["en"] == {"title": "Code 7: PaperOut", "symptom": "The roll is empty.",
                                                 "solutions": [{"text": "Put in a new roll."}]}
    assert records["smudged-labels"]["en"] == {"title": "Smudged labels", "symptom": "Labels come out smudged.",
                                               "solutions": [{"text": "Clean the print head with a swab."}]}
    blank = records["labels-print-blank"]["en"]  # a one-row table under a heading: the heading's problem
    assert blank == {"title": "Labels print blank", "symptom": "- Labels are blank\n\n- The printer says nothing",
                     "solutions": [{"cause": "The ribbon is inserted the wrong way round.",
                                    "steps": ["Open the lid", "Turn the ribbon around"]}]}
    nothing_added(report)


def test_a_column_named_error_that_holds_messages_is_read_as_messages(content: Path, tmp_path: Path) -> None:
    page = tmp_path / "probe.en-US.md"
    page.write_text("# Probes\n\n## Probe replies\n\n| Error | Actions |\n| --- | --- |\n"
                    "| Probe failed: got 404 | Check the path. |\n| Probe failed: got 500 | Check the service. |\n")
    report = importing.import_pages([page], content)
    record = yaml.safe_load((content / "remedies" / f"{report.written[0]}.yaml").read_text())
    assert record["en"]["title"] == "Probe failed: got 404" and record["en"]["symptom"] == "Probe failed: got 404"
    assert report.review()[0]["reasons"] == ["table columns guessed"]


def test_code_lists_are_remedies_like_table_rows(content: Path) -> None:
    report, records = imported(content, "codes.en-US.md", "codes.nl-NL.md")
    assert {rid: r["codes"] for rid, r in records.items()} == {
        "door-e-timeout": ["DOOR_E_TIMEOUT", "0x8c110001"], "door-e-tamper": ["DOOR_E_TAMPER", "0x8c110002"],
        "panel-shows-sync-message": ["0x8c11000f"]}  # "(Error 8c11000f)" names an HRESULT without its 0x
    timeout = records["door-e-timeout"]
    assert timeout["en"] == {"title": "DOOR_E_TIMEOUT (0x8c110001/-1944059903)", "solutions": [{
        "cause": "The controller did not hear back from the lock in time.",
        "text": "Check the cable between the controller and the lock."}]}
    assert timeout["nl"]["solutions"][0]["cause"] == "de controller kreeg niet op tijd antwoord van het slot."
    area = yaml.safe_load((content / "areas.yaml").read_text(encoding="utf-8"))["door-controller-errors"]
    assert "intro" not in area["en"]  # nothing with codes, causes or steps on the area page
    assert records["panel-shows-sync-message"]["en"]["symptom"] == (
        "The panel shows this message:\n\n**Schedule sync failed. (Error 8c11000f)**")
    nothing_added(report)


def test_code_lists_in_a_step_bold_questions_and_links_to_a_step(content: Path) -> None:
    report, records = imported(content, "steps-with-codes.en-US.md")
    assert list(records) == ["enrolling-badge-printer-fails", "enroll-e-cert", "enroll-e-net",
                             "enrolment-work-over-wireless-network", "can-one-printer-enrolled-second-time"]
    procedure = records["enrolling-badge-printer-fails"]["en"]  # the intro states the problem; the FAQ follows
    assert procedure["symptom"] == "Enrolling a new badge printer stops with an error on its panel."
    second = procedure["solutions"][0]["steps"][1]["text"]
    assert "ENROLL_E" not in second  # the code list in the step became remedies of its own
    assert second.endswith("[the first step](enrolling-badge-printer-fails.md#step-1-read-the-error-on-the-panel).")
    assert records["enroll-e-net"]["codes"] == ["ENROLL_E_NET", "0x8d220002"]
    assert records["can-one-printer-enrolled-second-time"]["en"] == {  # a bold question stands for a heading
        "title": "Can one printer be enrolled a second time?",
        "solutions": [{"text": "Yes, the second enrolment replaces the first."}]}
    nothing_added(report)


def test_an_overview_goes_to_the_area_never_a_remedy(content: Path) -> None:
    report, records = imported(content, "overview.en-US.md")
    assert list(records) == ["booking-declined-without-reason", "recurring-bookings-disappear"]
    area = yaml.safe_load((content / "areas.yaml").read_text(encoding="utf-8"))["meeting-room-booking-problems"]
    assert area["en"]["intro"].startswith("**Overview**\n\nRooms are booked through the calendar")
    nothing_added(report)


def test_languages_pair_by_anchor_place_and_similar_anchors(content: Path) -> None:
    report, records = imported(content, "pairing.en-US.md", "pairing.nl-NL.md")
    both = [rid for rid, r in records.items() if "en" in r and "nl" in r]
    assert both == ["scanned-pages-grey", "scanner-shows-error-4711-update", "scanner-cannot-reach-file-share-new",
                    "scanner-beeps-three-times"]  # anchors of an older English revision ("gray", "updating")
    assert report.paired == 4 and [(u["lang"], u["anchor"]) for u in report.unpaired] == [
        ("nl", "only-in-dutch-the-scanner-is-slow")]
    assert report.review() == [{"id": "dutch-scanner-slow", "page": "pairing.md", "line": 20, "reasons": ["unpaired"]}]


def test_shapes_are_found_per_page() -> None:
    found = {name: [p.shape for p in shapes.find(read_page(SHAPES / name, None)).problems]
             for name in ["shape-a.en-US.md", "shape-b.en-US.md", "shape-c.en-US.md", "shape-d.en-US.md",
                          "shape-e.en-US.md", "procedure.en-US.md", "faq.en-US.md", "tables.en-US.md",
                          "codes.en-US.md"]}
    assert found == {"shape-a.en-US.md": ["A", "A"], "shape-b.en-US.md": ["B"], "shape-c.en-US.md": ["C"] * 4,
                     "shape-d.en-US.md": ["A"] * 3, "shape-e.en-US.md": ["E", "E"], "procedure.en-US.md": ["B"],
                     "faq.en-US.md": ["H", "H"], "tables.en-US.md": ["E", "C", "C", "C", "C"],
                     "codes.en-US.md": ["C", "C", "E"]}


def test_labels_are_catalogue_data() -> None:
    assert words.label("Cause 2: Throttling", "en") == ("cause", "Throttling")
    assert words.label("Oplossing voor oorzaak 1", "nl") == ("solution", "")
    assert words.label("Tijdelijke oplossing", "nl") == ("workaround", "")
    assert words.label("Symptomen", "nl") == ("symptom", "")
    assert words.label("Beperking", "nl", "limitation") == ("info", "")  # the English anchor tells which
    assert words.label("Issues with the portal", "en") is None
    assert words.is_step("Stap 3-controle voor de routes", "nl") and words.is_step("1. Observe", "en")
    assert words.without_step_number("Step 1 Check the cable", "en") == "Check the cable"
    assert words.without_step_number("Method 2: Install it", "en") == "Method 2: Install it"  # alternatives keep it


def test_same_section_on_two_pages_gets_two_ids(content: Path) -> None:
    first, _ = imported(content, "shape-a.en-US.md", "shape-a.nl-NL.md")
    second, _ = imported(content, "shape-b.en-US.md")
    assert "fixing-shared-drive-problems-known-issues" in first.written
    kb = load(content)
    assert links.resolve(kb, "shape-a.en-US.md#known-issues").remedies[0].id == \
        "fixing-shared-drive-problems-known-issues"
    assert links.resolve(kb, "shape-b.md#known-issues").remedies[0].id == "licence-activation-fails-new-laptop"


def test_a_clash_with_another_page_gets_a_word_not_a_number(content: Path, tmp_path: Path) -> None:
    imported(content, "shape-e.en-US.md")
    other = tmp_path / "other.en-US.md"  # another page with a section of the same name
    other.write_text("# Other printers\n\n## The printer prints blank pages\n\nIt is out of paper.\n")
    report, _ = imported(content, str(other))
    assert report.written == ["printer-prints-blank-pages-paper"]
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
        result = run(name, "--content", content, "--dry-run", "--include-root", SHAPES, cwd=tmp_path)
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
    assert areas["printer-problems-copy"]["en"] == {"title": "Printer problems", "intro": "Other printers, other floor."}
    again = importing.import_pages([SHAPES / "shape-e.en-US.md"], content)
    assert again.unchanged == ["printer-prints-blank-pages", "scans-sent-wrong-address"]
