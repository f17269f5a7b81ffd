"""Tests for the importer's error-code finder (generator.importing.codes)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.importing import codes
from generator.records import CODE_PATTERN

PAIRS = Path(__file__).resolve().parent.parent.parent / "shared" / "reference" / "pairs"
FENCE = re.compile(r"^\s*(```|~~~)")


def headings(page: Path) -> list[str]:
    """Text of every `#` heading line of a Markdown page, outside fenced code."""
    found, fenced = [], False
    for line in page.read_text(encoding="utf-8").splitlines():
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced and line.startswith("#"):
            found.append(line.lstrip("#").strip())
    return found


def heading_codes(page: Path) -> set[str]:
    """Codes found in all headings of a page, each heading on its own."""
    return {code for heading in headings(page) for code in codes.find(heading, "")}


def pairs() -> list[tuple[Path, Path]]:
    """(English, Dutch) reference pages; the folder must exist."""
    assert PAIRS.is_dir(), f"reference pages missing: {PAIRS}"
    english = sorted(PAIRS.glob("*.en-US.md"))
    assert english, f"no English pages in {PAIRS}"
    return [(en, en.with_name(en.name.replace(".en-US.md", ".nl-NL.md"))) for en in english]


@pytest.mark.parametrize(("heading", "body", "expected"), [
    ("Dial-up fails with Error 798", "The log then says (Error 809).", ["Error-798", "Error-809"]),
    ("Inbellen mislukt met Fout 798", "Het logboek meldt dan (fout 809).", ["Error-798", "Error-809"]),
    ("", "The agent stops with error 1326 twice; error 1326 again.", ["Error-1326"]),
    ("", "Het programma geeft foutcode 1603 terug. Foutcode: 1618.", ["Error-1603", "Error-1618"]),
    ("", "Setup returned ERROR CODE: 5 and Error code 87.", ["Error-5", "Error-87"]),
])
def test_numbered_errors_become_error_dash_number(heading: str, body: str, expected: list[str]) -> None:
    assert codes.find(heading, body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    ("The update fails with error 0x800704C9.", ["0x800704C9"]),
    ("Foutcode: 0x80c80226, daarna 0x80C80067.", ["0x80c80226", "0x80C80067"]),
    ("Activation reports 0xC004F074 and 0x8e5e044e.", ["0xC004F074", "0x8e5e044e"]),
    ("A blue screen shows stop error 0x0000007B.", ["0x0000007B"]),
])
def test_hex_codes_are_kept_as_written(body: str, expected: list[str]) -> None:
    assert codes.find("", body) == expected


def test_negative_decimal_is_skipped_but_its_hex_twin_is_found() -> None:
    body = "**Creating the endpoint fails (Error code: -2134375898 or 0x80c80226)**"
    assert codes.find("", body) == ["0x80c80226"]
    assert codes.find("", "Het aanmaken mislukt (fout code:-2134375898 of 0x80c80226)") == ["0x80c80226"]


@pytest.mark.parametrize(("body", "expected"), [
    ("Sign-in stops with AADSTS50126, later AADSTS65005.", ["AADSTS50126", "AADSTS65005"]),
    ("The wireless report lists WLAN4021 for the adapter.", ["WLAN4021"]),
])
def test_identifier_codes_are_found(body: str, expected: list[str]) -> None:
    assert codes.find("", body) == expected


@pytest.mark.parametrize(("heading", "body", "expected"), [
    ("", "| **CLIENT_CERT_INSTALL_ERROR** | Reinstall the certificate. |", ["CLIENT_CERT_INSTALL_ERROR"]),
    ("", "The log shows `ALTERNATE_LOGIN_ID_ERROR` for that user.", ["ALTERNATE_LOGIN_ID_ERROR"]),
    ("", "| **Error string** | ECS_E_SYNC_ITEM_SKIP |", ["ECS_E_SYNC_ITEM_SKIP"]),
    ("Sign-in fails with ESTS_TOKEN_ERROR", "", ["ESTS_TOKEN_ERROR"]),
])
def test_snake_codes_are_found_when_marked_or_in_the_heading(heading: str, body: str, expected: list[str]) -> None:
    assert codes.find(heading, body) == expected


def test_snake_words_in_plain_prose_are_not_codes() -> None:
    body = "Look for REQUEST_FORMAT_ERROR in the log, then open HKEY_LOCAL_MACHINE and `HKEY_CURRENT_USER`."
    assert codes.find("", body) == []


@pytest.mark.parametrize("body", [
    "| **AccessDenied** | The tenant may not do this. |",
    "| **UserNotFound** | Nobody with that name. |",
    "**NOTE** set the value to **TRUE**; EAP and PAP both work.",
])
def test_camelcase_and_plain_uppercase_words_are_not_codes(body: str) -> None:
    assert codes.find("", body) == []


@pytest.mark.parametrize(("body", "expected"), [
    ("The proxy answers 502 Bad Gateway.", ["HTTP-502"]),
    ("De proxy antwoordt met '502-ongeldige gateway'.", ["HTTP-502"]),
    ("The probe receives HTTP 403 from the site.", ["HTTP-403"]),
    ("It ends with HTTP status 404, later with status code 500.", ["HTTP-404", "HTTP-500"]),
    ("Er komt een HTTP-statuscode 404 terug.", ["HTTP-404"]),
    ("The page shows error 503 while the pool restarts.", ["HTTP-503"]),
    ("Anonymous calls get 401 Unauthorized.", ["HTTP-401"]),
])
def test_http_statuses_become_http_dash_number(body: str, expected: list[str]) -> None:
    assert codes.find("", body) == expected


@pytest.mark.parametrize(("heading", "expected"), [
    ("ERROR 1184 (08S01): the session was cut", ["Error-1184"]),
    ("FOUT 1045 (28000): toegang voor de gebruiker geweigerd", ["Error-1045"]),
    ("ERROR 1227 (42000) at line 7: permission missing", ["Error-1227"]),
    ("Logins fail with errors 18456, 40531", ["Error-18456", "Error-40531"]),
    ("Aanmelden mislukt met fouten 18456, 40531", ["Error-18456", "Error-40531"]),
    ('"Mount error(13): Permission denied" on a share', ["Error-13"]),
    ('"Mount-fout (115): bezig" bij het koppelen', ["Error-115"]),
])
def test_numbered_errors_in_headings(heading: str, expected: list[str]) -> None:
    assert codes.find(heading, "") == expected


@pytest.mark.parametrize(("english", "dutch"), [
    ("Mount error(112): the host went away", "Koppelings fout (112): de host is weg"),
    ("ERROR 1419: the privilege is missing", "FOUT 1419: de machtiging ontbreekt"),
    ("Error code: 0x80070005 after error 809", "Foutcode: 0x80070005 na fout 809"),
    ("SMB 3.0 needs TLS 1.2 on Windows Server 2016", "SMB 3,0 vereist TLS 1,2 op Windows Server 2016"),
])
def test_english_and_dutch_wording_give_the_same_codes(english: str, dutch: str) -> None:
    assert codes.find(english, "") == codes.find(dutch, "")


def test_html_anchors_are_ignored() -> None:
    heading = '<a name="error-1184-session-cut"></a>FOUT 1184: sessie afgebroken'
    assert codes.find(heading, '<a id="-2134375898"></a>**Creating fails**') == ["Error-1184"]


def test_codes_come_in_order_of_first_appearance_without_duplicates() -> None:
    heading = "Sync stops with 0x80c8004c"
    body = "First error 1326, then AADSTS50126, then 0x80c8004c again and error 1326 once more, then HTTP 429."
    assert codes.find(heading, body) == ["0x80c8004c", "Error-1326", "AADSTS50126", "HTTP-429"]


@pytest.mark.parametrize("body", [
    "The issue started in 2019 and came back in 2020.",
    "It affects Windows Server 2016 and Windows Server 2019 hosts.",
    "Het probleem bestaat sinds 2021.",
])
def test_years_are_not_codes(body: str) -> None:
    assert codes.find("", body) == []


@pytest.mark.parametrize("body", [
    "Mount the share with SMB 3.0 or SMB 2.1.",
    "Install version 1.2.3 of the agent, not v2.",
    "Enable TLS 1.2 on Windows 10 clients.",
    "Schakel TLS 1,2 in voor SMB 3,0.",
])
def test_versions_are_not_codes(body: str) -> None:
    assert codes.find("", body) == []


@pytest.mark.parametrize("body", [
    "Open port 445 outbound.",
    "Controleer of poort 3389 open is.",
    "Allow TCP 443 and HTTPS 443 through the firewall.",
    "Probe http://127.0.0.1:80 and HTTP 443.",
])
def test_ports_are_not_codes(body: str) -> None:
    assert codes.find("", body) == []


@pytest.mark.parametrize("heading", ["Step 1 Configure the key", "Stap 2 De sleutel controleren", "step 12: restart"])
def test_step_numbers_are_not_codes(heading: str) -> None:
    assert codes.find(heading, "") == []


@pytest.mark.parametrize("body", [
    "The share holds 100 GB; wait 30 minutes.",
    "Het kopiëren duurt 45 minuten voor 5 TB.",
    "Each server takes up to 30 endpoints and 500 users.",
    "The report counted 404 files and 1006 errors.",
])
def test_sizes_times_and_plain_numbers_are_not_codes(body: str) -> None:
    assert codes.find("", body) == []


@pytest.mark.parametrize("body", [
    "```powershell\nSet-ItemProperty -Name Port -Value 445\n$mask = [char]0x00000090\n```",
    "~~~\nretries: 5\nflags 0x80000001\ncurl: HTTP 404, 502 Bad Gateway\n~~~",
    "Run `Set-Limit -Size 1024 -Flags 0x80000001` and `Get-Page 404 Not Found`.",
    "    ```\n    exit 1603\n    ```",
])
def test_numbers_in_code_are_not_codes(body: str) -> None:
    assert codes.find("", body) == []


def test_numbers_in_code_after_error_are_codes() -> None:
    body = "```\nmysql> select 1;\nERROR 1045 (28000): denied\nfout 0x80070005\n```\nThe log says `error 5`."
    assert codes.find("", body) == ["Error-1045", "0x80070005", "Error-5"]


def test_identifiers_in_code_are_codes() -> None:
    body = "```json\n{\"message\": \"AADSTS50126: bad password\", \"flags\": 0x80000001}\n```"
    assert codes.find("", body) == ["AADSTS50126"]


def test_a_code_span_holding_only_a_code_is_a_code() -> None:
    assert codes.find("", "Look for `0x80070005` or `AADSTS65005`.") == ["0x80070005", "AADSTS65005"]


def test_headings_of_each_reference_pair_give_the_same_codes() -> None:
    mismatched = {en.name: (heading_codes(en), heading_codes(nl))
                  for en, nl in pairs() if heading_codes(en) != heading_codes(nl)}
    assert mismatched == {}


@pytest.mark.parametrize(("page", "expected"), [
    ("howto-troubleshoot-common-errors", {"Error-1184", "Error-1419", "Error-1227", "Error-1045", "SET_USER_ID"}),
    ("storage-troubleshoot-linux-file-connection-problems", {"Error-13", "Error-115", "Error-112"}),
    ("troubleshoot-activation-problems", set()),
])
def test_reference_headings_give_the_expected_codes(page: str, expected: set[str]) -> None:
    pairs()
    for language in ("en-US", "nl-NL"):
        assert heading_codes(PAIRS / f"{page}.{language}.md") == expected


def test_every_code_found_in_the_reference_pages_matches_the_record_schema() -> None:
    found = [code for en, nl in pairs() for page in (en, nl) for code in codes.find("", page.read_text(encoding="utf-8"))]
    assert found
    assert [code for code in found if not re.fullmatch(CODE_PATTERN, code)] == []
