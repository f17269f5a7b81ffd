"""The analyzer: text to terms, the same for the index and the query, per language."""
from __future__ import annotations

from generator import analysis


def test_dutch_analyzer_stems_and_drops_stop_words() -> None:
    nl = analysis.analyzer("nl")
    assert nl.terms("De wachtwoorden van de gastgebruikers") == ["wachtwoord", "gastgebruiker"]
    assert nl.terms("gesynchroniseerde groep") == ["gesynchroniseerd", "groep"]


def test_english_analyzer_follows_lunr_js() -> None:
    en = analysis.analyzer("en")
    assert en.terms("The invitations were delayed") == ["invit", "delay"]
    # lunr.py would give "try"; lunr.js, which the browser runs, gives "tri".
    assert en.terms("try cry play") == ["tri", "cri", "play"]


def test_digits_survive_in_every_language() -> None:
    for lang in ("en", "nl"):
        analyze = analysis.analyzer(lang)
        assert analyze.terms("Error: AADSTS65005") == ["error", "aadsts65005"]
        assert analyze.terms("0x80070005 v2") == ["0x80070005", "v2"]


def test_identifiers_are_kept_whole_and_by_part() -> None:
    nl = analysis.analyzer("nl")
    assert nl.terms("Set-SPOTenant") == ["set-spotenant", "set", "spotenant"]
    assert nl.terms("(user_contoso.com#EXT#@fabrikam.onmicrosoft.com).") == [
        "user_contoso.com#ext#@fabrikam.onmicrosoft.com", "user", "contoso", "com", "ext",
        "fabrikam", "onmicrosoft", "com"]


def test_code_terms_include_the_number() -> None:
    en = analysis.analyzer("en")
    assert en.code_terms("AADSTS65005") == ["aadsts65005", "65005"]
    assert en.code_terms("WLAN-4021") == ["wlan-4021", "wlan4021", "wlan", "4021"]
    # an HRESULT: without its 0x, and as the signed decimal that logs show (-2147024891)
    assert en.code_terms("0x80070005") == ["0x80070005", "80070005", "2147024891"]
    assert en.code_terms("0x8007026F") == ["0x8007026f", "8007026f", "2147024273"]


def test_stop_words_come_from_the_browser_scripts() -> None:
    assert {"the", "and", "of"} <= analysis.analyzer("en").stop_words
    assert {"de", "het", "een", "van"} <= analysis.analyzer("nl").stop_words
    assert "wachtwoord" not in analysis.analyzer("nl").stop_words


def test_joined_code_forms_skip_stop_words() -> None:
    en = analysis.analyzer("en")
    assert en.joined(["mount", "error", "13"]) == ["error13"]
    assert en.joined(["the", "13"]) == []  # a stop word never takes part
    assert en.joined(["2024", "13"]) == []  # two numbers are two numbers
    assert en.code_forms("HTTP 502") == ["http 502", "http502"]


def test_dutch_separable_verbs_find_each_other() -> None:
    nl = analysis.analyzer("nl")
    # infinitive with "te", participle with "ge", and a clause that ends in the particle: all inschakel
    assert "inschakel" in nl.terms("Om MFA in te schakelen, opent u de portal.")
    assert "inschakel" in nl.terms("MFA is ingeschakeld voor alle gebruikers")
    assert "inschakel" in nl.terms("Schakel MFA in.")
    assert "opstart" in nl.terms("De service start niet op")
    assert "bijwerk" in nl.terms("Werk de agent bij") and "bijwerk" in nl.terms("de agent is bijgewerkt")
    assert nl.terms("inschakelen") == ["inschakel"]


def test_not_every_te_or_particle_makes_a_verb() -> None:
    nl = analysis.analyzer("nl")
    assert nl.terms("om te controleren of het werkt") == ["controler", "werkt"]  # "om" is not a particle here
    assert nl.terms("Klik op OK.") == ["klik", "ok"]  # the clause does not end in the particle
    assert nl.terms("in. te schakelen") == ["schakel"]  # a clause ends between them
    en = analysis.analyzer("en")
    assert en.terms("Turn the setting on.") == ["turn", "set"]  # English has no separable verbs ("on" is a stop word)
