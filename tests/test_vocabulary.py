"""Words that mean the same for search (generator/vocabulary.py): abbreviations the content defines, in
both languages, the catalogue's everyday words, and synonyms.yaml, which wins."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator import ranking, vocabulary
from generator.validation import load
from tests.conftest import copy_root


@pytest.mark.parametrize(("text", "found"), [
    ("configure a Point-to-Site (P2S) connection", [("P2S", "Point-to-Site"), ("p2s", "point-to-site")]),
    ("install the Pass-through Authentication (PTA) agent", [("PTA", "Pass-through Authentication")]),
    ("een netwerkbeveiligingsgroep (NSG) blokkeert het", []),  # one Dutch word does not spell N-S-G
    ("de Network Security Group (NSG) blokkeert het", [("NSG", "Network Security Group")]),
    ("NSG (network security group) rules", [("NSG", "network security group")]),
    ("a Site-to-Site VPN tunnel", [("s2s", "site-to-site")]),
    ("see the guide (see below)", []),  # no capital or digit: no short form
    ("the request units (RU) of the account", [("RU", "request units")]),
    ("open the settings (Settings)", []),  # a word is no abbreviation of itself... nor of one word
    ("Azure Site Recovery (ASR) replicates", [("ASR", "Azure Site Recovery")]),
])
def test_definitions_in_text(text: str, found: list[tuple[str, str]]) -> None:
    assert list(vocabulary.defined(text)) == found


@pytest.fixture
def content(tmp_path: Path) -> Path:
    content = copy_root("basic", tmp_path)
    record = yaml.safe_load((content / "remedies" / "vpn-drops-after-sleep.yaml").read_text(encoding="utf-8"))
    record["en"]["solutions"][0]["steps"].append("Reconnect the Point-to-Site (P2S) tunnel.")
    record["nl"]["solutions"][0]["steps"].append("Maak de Point-to-Site (P2S)-tunnel opnieuw.")
    (content / "remedies" / "vpn-drops-after-sleep.yaml").write_text(yaml.safe_dump(record, allow_unicode=True))
    return content


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_defined_abbreviation_finds_its_long_form(content: Path, lang: str) -> None:
    kb = load(content)
    assert ["p2s", "Point-to-Site"] in vocabulary.groups(kb, lang)
    find = ranking.Engine(kb, lang).find
    assert find("p2s")[0] == "vpn-drops-after-sleep"


def test_everyday_words_of_the_language_mean_the_same() -> None:
    kb = load(Path(__file__).resolve().parent / "roots" / "basic" / "content_src")
    assert ["inloggen", "aanmelden", "login"] in vocabulary.groups(kb, "nl")
    assert ["sign in", "log in", "login", "logon"] in vocabulary.groups(kb, "en")


def test_an_abbreviation_defined_two_ways_is_not_used_and_validate_says_so(content: Path) -> None:
    for name, said in (("printer-offline", " The Print Spooler Service (PSS) stops."),
                       ("vpn-drops-after-sleep", " The laptop enters Power Save State (PSS).")):
        path = content / "remedies" / f"{name}.yaml"
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        record["en"]["symptom"] += said
        path.write_text(yaml.safe_dump(record, allow_unicode=True))
    kb = load(content)
    assert vocabulary.conflicts(kb) == [
        "en: the abbreviation 'pss' is defined two ways: 'power save state' (vpn-drops-after-sleep); 'print spooler "
        "service' (printer-offline); search uses neither (say which in synonyms.yaml)"]
    assert not any(g[0] == "pss" for g in vocabulary.groups(kb, "en"))
    result = subprocess.run([sys.executable, "-m", "generator", "validate", "--content", str(content)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "warning: en: the abbreviation 'pss' is defined two ways" in result.stdout
    (content / "synonyms.yaml").write_text("en:\n  - [pss, power save state]\n")  # the editor says which
    kb = load(content)
    assert vocabulary.conflicts(kb) == [] and vocabulary.groups(kb, "en")[0] == ["pss", "power save state"]
