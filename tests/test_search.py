"""Search index, built in Python: analyzer, index contents, ranking, and the example content."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from generator import ranking, search
from generator.links import manifest
from generator.validation import load
from tests.conftest import REPO, ROOTS

EXAMPLE = load(REPO / "content_src")

# A Dutch query per example remedy, using another inflection of a word in its title.
DUTCH_INFLECTIONS = {
    "aadsts65005-unmanaged-tenant": "mislukte aanmelding",  # title: mislukt, Aanmelden
    "custom-message-missing-from-invitation": "berichten",  # bericht
    "external-user-in-synchronized-group": "groepen",  # groep
    "guest-blocked-from-azuread-powershell-v1": "geblokkeerde",  # geblokkeerd
    "guest-missing-from-address-book": "adresboeken",  # adresboek
    "guest-missing-from-sharepoint-people-picker": "personenkiezers SharePoint",  # personenkiezer
    "hash-character-in-upn": "portals",  # Azure-portal
    "invitation-email-not-received": "uitnodigingsmails",  # uitnodigingsmail
    "invitations-disabled-for-directory": "recht",  # rechten
    "redemption-error-for-invited-user": "genodigden",  # Genodigde
    "us-government-tenant-cannot-invite": "Government-tenants",  # Government-tenant
    "viral-tenant-password-reset": "wachtwoorden",  # Wachtwoord
}


def engine(kb, lang: str):
    """find(text) -> ids, over the index that kb build would write for `lang`."""
    return ranking.Engine(kb, lang).find


def test_dutch_analyzer_stems_and_drops_stop_words() -> None:
    nl = search.analyzer("nl")
    assert nl.terms("De wachtwoorden van de gastgebruikers") == ["wachtwoord", "gastgebruiker"]
    assert nl.terms("gesynchroniseerde groep") == ["gesynchroniseerd", "groep"]


def test_english_analyzer_follows_lunr_js() -> None:
    en = search.analyzer("en")
    assert en.terms("The invitations were delayed") == ["invit", "delay"]
    # lunr.py would give "try"; lunr.js, which the browser runs, gives "tri".
    assert en.terms("try cry play") == ["tri", "cri", "play"]


def test_digits_survive_in_every_language() -> None:
    for lang in ("en", "nl"):
        analyze = search.analyzer(lang)
        assert analyze.terms("Error: AADSTS65005") == ["error", "aadsts65005"]
        assert analyze.terms("0x80070005 v2") == ["0x80070005", "v2"]


def test_identifiers_are_kept_whole_and_by_part() -> None:
    nl = search.analyzer("nl")
    assert nl.terms("Set-SPOTenant") == ["set-spotenant", "set", "spotenant"]
    assert nl.terms("(user_contoso.com#EXT#@fabrikam.onmicrosoft.com).") == [
        "user_contoso.com#ext#@fabrikam.onmicrosoft.com", "user", "contoso", "com", "ext",
        "fabrikam", "onmicrosoft", "com"]


def test_code_terms_include_the_number() -> None:
    en = search.analyzer("en")
    assert en.code_terms("AADSTS65005") == ["aadsts65005", "65005"]
    assert en.code_terms("0x80070005") == ["0x80070005", "80070005"]
    assert en.code_terms("WLAN-4021") == ["wlan-4021", "wlan", "4021"]


def test_stop_words_come_from_the_browser_scripts() -> None:
    assert {"the", "and", "of"} <= search.analyzer("en").stop_words
    assert {"de", "het", "een", "van"} <= search.analyzer("nl").stop_words
    assert "wachtwoord" not in search.analyzer("nl").stop_words


def test_index_shape(tmp_path: Path) -> None:
    index = search.build_index(EXAMPLE, "nl")
    assert index["version"] == "2.3.9"
    assert index["fields"] == ["codes", "title", "tags", "symptom", "cause", "steps"]
    assert index["pipeline"] == []  # terms are analyzed before indexing, queries likewise
    terms = {term for term, _ in index["invertedIndex"]}
    assert {"aadsts65005", "65005", "wachtwoord", "set-spotenant", "spotenant"} <= terms
    assert "wachtwoorden" not in terms and "de" not in terms


def test_no_nltk_needed() -> None:
    search.build_index(EXAMPLE, "nl")
    assert "nltk" not in sys.modules


def test_written_files(basic_site: Path) -> None:
    for lang, scripts in {"en": ["index.js", "lunr.js"],
                          "nl": ["index.js", "lunr.js", "lunr.nl.js", "lunr.stemmer.support.js"]}.items():
        assert sorted(p.name for p in (basic_site / lang / "search").iterdir()) == scripts
        text = (basic_site / lang / "search" / "index.js").read_text(encoding="utf-8")
        data = json.loads(json.loads(text.removeprefix("window.kbSearchData=JSON.parse(").removesuffix(");\n")))
        assert [d["id"] for d in data["docs"]] == ["printer-offline", "vpn-drops-after-sleep", "wifi-password-rejected"]
        assert data["page"] == "remedies/{id}.html"
        assert data["index"]["fields"] == list(search.FIELDS)
    assert data["docs"][1] == {"id": "vpn-drops-after-sleep", "title": "VPN-verbinding valt weg na slaapstand",
                               "area": "Netwerk", "codes": ["VPN809", "0x80070005"],
                               "summary": "Na het ontwaken toont de VPN-client Verbroken."}


def test_compact_index_keeps_every_posting_and_score() -> None:
    index = search.build_index(EXAMPLE, "nl")
    small = search.compact(index)
    postings = {(t, f, r) for t, p in index["invertedIndex"] for f in index["fields"] for r in p[f]}
    assert {(t[0], small["fields"][e[0]], str(r)) for t in small["terms"] for e in t[2:] for r in e[1:]} == postings
    scores = {k: v for k, v in index["fieldVectors"]}
    for field, ref, vec in small["vectors"]:
        assert [x / 1000 if i % 2 else x for i, x in enumerate(vec)] == scores[f"{small['fields'][field]}/{ref}"]
    assert len(json.dumps(small)) < len(json.dumps(index)) / 2


def test_links_manifest_has_search_urls() -> None:
    assert manifest(EXAMPLE)["search"] == {"en": "en/search.html?q={q}", "nl": "nl/search.html?q={q}"}


def test_title_beats_symptom_beats_steps() -> None:
    find = engine(load(ROOTS / "ranking" / "content_src"), "en")
    assert find("spooler")[:3] == ["title-hit", "symptom-hit", "steps-hit"]


def test_remedies_with_every_word_come_first() -> None:
    find = engine(load(ROOTS / "ranking" / "content_src"), "en")
    # title-hit has "spooler" in its title, but not "service"; the others have both
    assert find("spooler service")[:3] == ["symptom-hit", "steps-hit", "title-hit"]


def test_code_owner_ranks_before_a_mention() -> None:
    find = engine(load(ROOTS / "ranking" / "content_src"), "en")
    for query in ("PRN-4711", "prn-4711", "Error: PRN-4711", "4711"):
        assert find(query)[0] == "code-owner", query


@pytest.mark.parametrize("query", ["Error: X", "title:foo", "~2", "+-", "^", "*", "a*b", "foo^3", "\"", ":", "-"])
def test_odd_queries_never_raise(query: str) -> None:
    assert isinstance(engine(EXAMPLE, "en")(query), list)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_example_code_finds_its_remedy_first(lang: str) -> None:
    find = engine(EXAMPLE, lang)
    misses = {}
    for remedy in EXAMPLE.remedies:
        for code in remedy.codes:
            number = code.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
            for query in (code, code.lower(), f"Error: {code}", number):
                if find(query)[:1] != [remedy.id]:
                    misses[query] = find(query)[:3]
    assert misses == {}


def test_every_example_remedy_found_by_a_dutch_inflection() -> None:
    assert sorted(DUTCH_INFLECTIONS) == [r.id for r in EXAMPLE.remedies if r.has("nl")]
    find = engine(EXAMPLE, "nl")
    assert {q: find(q)[:1] for q in DUTCH_INFLECTIONS.values()} == {
        q: [rid] for rid, q in DUTCH_INFLECTIONS.items()}


def test_identifiers_from_the_page_find_their_remedy() -> None:
    for lang in ("en", "nl"):
        find = engine(EXAMPLE, lang)
        assert find("Set-SPOTenant")[0] == "guest-missing-from-sharepoint-people-picker"
        assert find("fabrikam.onmicrosoft.com")[0] == "hash-character-in-upn"
        assert find("user_contoso.com#EXT#@fabrikam.onmicrosoft.com")[0] == "hash-character-in-upn"
        assert find("Invites@microsoft.com")[0] == "invitation-email-not-received"
