"""Loading and validation: every kind of bad input gets one exact message with file and line."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from generator.validation import load
from tests.conftest import ROOTS, content_here, problems_of

INVALID = ROOTS / "invalid"
R = "content_src/remedies"

CASES = {
    "malformed-yaml.yaml": [f"{R}/malformed-yaml.yaml:4: invalid YAML: while parsing a flow sequence "
                            "did not find expected ',' or ']'"],
    "tab-indent.yaml": [f"{R}/tab-indent.yaml:4: invalid YAML: a tab character is used for indentation; "
                        "indent with spaces"],
    "empty-file.yaml": [f"{R}/empty-file.yaml:1: expected a mapping, received nothing"],
    "list-at-root.yaml": [f"{R}/list-at-root.yaml:1: expected a mapping, received a list"],
    "not-utf8.yaml": [f"{R}/not-utf8.yaml:5: not UTF-8 text: save the file as UTF-8"],
    "duplicate-key.yaml": [f"{R}/duplicate-key.yaml:18: duplicate key 'area' (first at line 2)"],
    "unknown-field.yaml": [f"{R}/unknown-field.yaml:4: en: missing required field 'title'",
                           f"{R}/unknown-field.yaml:5: en: unknown field 'titel'; did you mean 'title'?"],
    # a symptom is optional (the title may say it all), but a solution must say something
    "empty-solution.yaml": [f"{R}/empty-solution.yaml:13: nl.solutions[0]: expected at least one of cause, text, "
                            "steps or note, received none"],
    "steps-not-list.yaml": [f"{R}/steps-not-list.yaml:9: en.solutions[0].steps: expected a list, "
                            "received text 'Do this.'"],
    "invalid-date.yaml": [f"{R}/invalid-date.yaml:3: updated: expected a date as YYYY-MM-DD, "
                          "received text '2024-13-01'"],
    "bad-code.yaml": [f"{R}/bad-code.yaml:18: codes[0]: 'AADSTS 65005' is not an error code: "
                      "use letters and digits, joined by '-', '_' or '.'"],
    "Bad_Id.yaml": [f"{R}/Bad_Id.yaml:1: id: 'Bad_Id' is not a valid id: "
                    "use lowercase letters, digits and single hyphens"],
    "id-mismatch.yaml": [f"{R}/id-mismatch.yaml:1: id: 'other-id' must equal the file name 'id-mismatch'"],
    "unknown-area.yaml": [f"{R}/unknown-area.yaml:2: area: unknown area 'netwerk'; did you mean 'network'?"],
    "alias-bomb.yaml": [f"{R}/alias-bomb.yaml:2: YAML aliases (*name) are not allowed in records"],
    "en-is-a-list.yaml": [f"{R}/en-is-a-list.yaml:4: en: expected a mapping, received a list"],
    "dotted-id.yaml": [f"{R}/dotted-id.yaml:1: id: '../etc/passwd' is not a valid id: "
                       "use lowercase letters, digits and single hyphens"],
    "bom-and-crlf.yaml": [f"{R}/bom-and-crlf.yaml:2: area: unknown area 'nowhere'"],  # BOM and CRLF are fine
    "too-big.yaml": [f"{R}/too-big.yaml:1: file is 300 KB; the limit is 256 KB"],
    "related-missing.yaml": [f"{R}/related-missing.yaml:18: related: no remedy has the id 'printer-ofline'; "
                             "did you mean 'printer-offline'?"],
}



@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the basic knowledge base, as the relative path content_src."""
    return content_here("basic", tmp_path, monkeypatch)


def test_basic_root_is_clean(content: Path) -> None:
    kb = load(content)
    assert [r.id for r in kb.remedies] == ["printer-offline", "vpn-drops-after-sleep", "wifi-password-rejected"]
    assert kb.languages == ["en", "nl"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_gets_exact_message(content: Path, name: str) -> None:
    shutil.copy(INVALID / name, content / "remedies" / name)
    assert problems_of(content) == CASES[name]


def test_every_fixture_has_a_case() -> None:
    assert sorted(p.name for p in INVALID.iterdir()) == sorted(CASES)


def test_all_problems_reported_at_once_and_sorted(content: Path) -> None:
    for name in CASES:
        shutil.copy(INVALID / name, content / "remedies" / name)
    reported = problems_of(content)
    assert reported == sorted(reported, key=lambda line: (line.split(":")[0], int(line.split(":")[1])))
    assert sorted(reported) == sorted(line for lines in CASES.values() for line in lines)


def test_duplicate_id_across_folders(content: Path) -> None:
    (content / "remedies" / "old").mkdir()
    shutil.copy(content / "remedies" / "printer-offline.yaml", content / "remedies" / "old")
    assert problems_of(content) == [
        f"{R}/printer-offline.yaml:1: id: duplicate id 'printer-offline', also in {R}/old/printer-offline.yaml"]


def test_numbers_and_dates_stay_text(content: Path) -> None:
    # 0x80070005 would be an integer in plain YAML; codes must keep what the author typed.
    kb = load(content)
    assert kb.remedy("vpn-drops-after-sleep").codes == ["VPN809", "0x80070005"]
    assert kb.remedy("printer-offline").updated.isoformat() == "2024-04-02"


def test_area_missing_translated_title(content: Path) -> None:
    areas = content / "areas.yaml"
    areas.write_text(areas.read_text().replace("    title: Netwerk\n", ""), encoding="utf-8")
    assert problems_of(content) == ["content_src/areas.yaml:5: network.nl: missing required field 'title'"]


def test_area_in_one_language_is_valid_and_in_none_is_not(content: Path) -> None:
    areas = content / "areas.yaml"
    areas.write_text(areas.read_text().replace("  nl:\n    title: Netwerk\n    intro: Verbindingen die mislukken.\n", ""),
                     encoding="utf-8")
    assert problems_of(content) == []
    assert load(content).areas["network"].text("nl").title == "Network"  # shown with the untranslated notice
    areas.write_text(areas.read_text().replace("printing:\n  en:\n    title: Printing\n  nl:\n    title: Afdrukken\n",
                                               "printing: {}\n"), encoding="utf-8")
    assert problems_of(content) == ["content_src/areas.yaml:5: printing: expected the title in at least one language "
                                    "(en, nl), received none"]


@pytest.mark.parametrize(("value", "message"), [
    ("lots", "expected a number, received text 'lots'"),
    ("0", "expected a number above 0, received text '0'"),
    ("[5]", "expected a number, received a list"),
])
def test_image_size_limit_must_be_a_positive_number(content: Path, value: str, message: str) -> None:
    with (content / "site.yaml").open("a", encoding="utf-8") as out:
        out.write(f"max_image_mb: {value}\n")
    assert problems_of(content) == [f"content_src/site.yaml:5: max_image_mb: {message}"]


def test_synonyms_file_is_checked(content: Path) -> None:
    (content / "synonyms.yaml").write_text("en:\n  - [lb, load balancer]\n  - [vpn]\nde:\n  - [a, b]\n",
                                           encoding="utf-8")
    assert problems_of(content) == [
        "content_src/synonyms.yaml:3: en[1]: expected at least 2 items, received 1",
        "content_src/synonyms.yaml:4: 'de' is not one of the site's languages (en, nl)"]
    (content / "synonyms.yaml").write_text("en:\n  - [lb, load balancer]\n", encoding="utf-8")
    assert load(content).synonyms == {"en": [["lb", "load balancer"]]}


def test_area_key_must_be_an_id(content: Path) -> None:
    areas = content / "areas.yaml"
    areas.write_text(areas.read_text().replace("printing:", "Printing Room:"), encoding="utf-8")
    assert problems_of(content) == [
        "content_src/areas.yaml:8: 'Printing Room' is not a valid area: use lowercase letters, digits and single hyphens",
        "content_src/remedies/printer-offline.yaml:2: area: unknown area 'printing'; did you mean 'Printing Room'?"]


def test_site_language_without_catalogue(content: Path) -> None:
    (content / "site.yaml").write_text("languages: [en, de]\ntitle: {en: A, de: B}\n", encoding="utf-8")
    assert problems_of(content) == ["content_src/site.yaml:1: languages: no UI catalogue for 'de'; available: en, nl"]


def test_alias_bomb_is_rejected_fast(content: Path) -> None:
    shutil.copy(INVALID / "alias-bomb.yaml", content / "remedies")
    started = time.perf_counter()
    problems_of(content)
    assert time.perf_counter() - started < 2  # expanded, it would hold 10**9 items


def test_symlink_out_of_the_content_folder(content: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text((INVALID / "unknown-field.yaml").read_text())
    (content / "remedies" / "linked.yaml").symlink_to(outside)
    assert problems_of(content) == [
        f"{R}/linked.yaml:1: symbolic link to {outside}, outside the content folder: copy the file in instead"]


def test_missing_site_file(content: Path) -> None:
    (content / "site.yaml").unlink()
    assert problems_of(content) == ["content_src/site.yaml:1: missing file"]


def test_link_or_image_to_a_missing_file(content: Path) -> None:
    path = content / "remedies" / "printer-offline.yaml"
    path.write_text(path.read_text().replace(
        "    - cause: The printer got a new address from DHCP.",
        "    - cause: See ![panel](../media/panel.png) and [VPN](vpn-drops-after-sleep.md#cause-2)."), encoding="utf-8")
    assert problems_of(content) == [
        f"{R}/printer-offline.yaml:8: en.solutions[0].cause: link to '../media/panel.png' leads to no remedy "
        "(<id>.md) and no file in media/ (../media/...)"]
    (content / "media").mkdir()
    shutil.copyfile(ROOTS / "import" / "pages" / "media" / "vpn" / "settings.png", content / "media" / "panel.png")
    assert problems_of(content) == []
