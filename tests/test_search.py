"""Search index, built in Python: analyzer, index contents, ranking, and the example content."""
from __future__ import annotations

import json
import sys
from typing import Any
from pathlib import Path

import pytest

from generator import analysis, ranking, search, shards
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


@pytest.mark.parametrize("query", ["0x80070005", "0X80070005", "80070005", "-2147024891", "2147024891",
                                   "Error code: -2147024891", "exit code 0x80070005 after sleep"])
def test_a_code_is_found_however_it_is_typed(query: str) -> None:
    assert engine(load(ROOTS / "basic" / "content_src"), "en")(query)[0] == "vpn-drops-after-sleep"


def test_index_shape(tmp_path: Path) -> None:
    index = search.build_index(EXAMPLE, "nl")
    assert index["version"] == "2.3.9"
    assert index["fields"] == ["codes", "title", "tags", "symptom", "cause", "steps", "area", "other"]
    assert index["pipeline"] == []  # terms are analyzed before indexing, queries likewise
    terms = {term for term, _ in index["invertedIndex"]}
    assert {"aadsts65005", "65005", "wachtwoord", "set-spotenant", "spotenant"} <= terms
    assert "wachtwoorden" not in terms and "de" not in terms


def test_a_dutch_query_finds_the_english_words_of_a_translated_page() -> None:
    # The Dutch index also holds each translation's source title and symptom (field "other", the lowest
    # boost) and its area's title, so a Dutch reader typing the English names the product shows finds it.
    fields = search.fields(EXAMPLE.remedy("invitation-email-not-received"), "nl", analysis.analyzer("nl"),
                           "Uitnodigingen")
    assert {"guest", "receives", "inbox"} <= set(fields["other"]) and fields["area"] == ["uitnod"]
    assert "email" not in fields["other"]  # the page's own fields have it (tags) already
    assert engine(EXAMPLE, "nl")("email not received")[0] == "invitation-email-not-received"
    english = search.fields(EXAMPLE.remedy("invitation-email-not-received"), "en", analysis.analyzer("en"))
    assert english["other"] == []  # the source language's pages find only their own words


def test_no_nltk_needed() -> None:
    search.build_index(EXAMPLE, "nl")
    assert "nltk" not in sys.modules


def shard(site: Path, lang: str, name: str) -> object:
    """The data a shard script hands to the page."""
    text = (site / lang / "search" / f"{name}.js").read_text(encoding="utf-8")
    assert text.startswith(f'kbSearchShard("{name}",JSON.parse(') and text.endswith("));\n")
    return json.loads(json.loads(text[len(f'kbSearchShard("{name}",JSON.parse('):-len("));\n")]))


def test_written_files(basic_site: Path) -> None:
    for lang, scripts in {"en": ["lunr.js"], "nl": ["lunr.js", "lunr.nl.js", "lunr.stemmer.support.js"]}.items():
        names = sorted(p.name for p in (basic_site / lang / "search").iterdir())
        assert [n for n in names if n.startswith("lunr")] == scripts
        manifest = shard(basic_site, lang, "index")
        assert manifest["page"] == "remedies/{id}.html" and manifest["fields"] == list(search.FIELDS)
        assert manifest["count"] == 3 and manifest["docsPerShard"] == shards.DOCS_PER_SHARD
        shard_files = {f"t{k}.js" for k in range(len(manifest["terms"]))} | {f"{n}.js" for n in manifest["lexicon"]}
        assert manifest["tails"] == 0  # three remedies: every term's postings fit in its head
        assert set(names) == {"index.js", "d0.js", "s0.js", *scripts, *shard_files}
        docs = shard(basic_site, lang, "d0")
        assert [d["id"] for d in docs] == ["printer-offline", "vpn-drops-after-sleep", "wifi-password-rejected"]
    assert docs[1] == {"id": "vpn-drops-after-sleep", "title": "VPN-verbinding valt weg na slaapstand",
                       "area": "Netwerk", "codes": ["VPN809", "0x80070005"]}
    assert shard(basic_site, "nl", "s0")[1][0] == "Na het ontwaken toont de VPN-client Verbroken."


@pytest.mark.parametrize("head", [shards.HEAD_POSTINGS, 1])
def test_shards_keep_every_posting_and_weight(head: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Heads and tails together hold every posting once, with lunr's weight; a head keeps the heaviest."""
    monkeypatch.setattr(shards, "HEAD_POSTINGS", head)
    index = search.build_index(EXAMPLE, "nl")
    files = shards.files(EXAMPLE, "nl")
    def read(name: str) -> Any:
        return json.loads(json.loads(files[name].split(",JSON.parse(", 1)[1][:-4]))

    def impacts(entry: list[Any]) -> dict[int, int]:  # remedy -> weight over all fields, in thousandths
        return shards._impacts(shards.decode(entry))

    manifest = read("index")
    heads = [e for k in range(len(manifest["terms"])) for e in read(f"t{k}")]
    assert [e[0] for e in heads] == sorted(t for t, _ in index["invertedIndex"])  # sorted, each term once
    for first, k in zip(manifest["terms"], range(len(manifest["terms"]))):
        assert shards.term_shard(manifest["terms"], first) == k
    tails = [read(f"p{k}") for k in range(manifest["tails"])]
    assert (len(tails) > 20) == (head == 1) and set(files) >= {f"p{k}" for k in range(len(tails))}
    for entry in (e for e in heads if "tail" in e[1]):
        rest = [tails[k] for _, k in entry[1]["tail"]]
        assert {t[0] for t in rest} == {entry[0]} and [min(impacts(t)) for t in rest] == [r for r, _ in entry[1]["tail"]]
        assert min(impacts(entry).values()) >= entry[1]["max"] == max(max(impacts(t).values()) for t in rest)
    entries = heads + tails
    fields = index["fields"]
    by_position = {p["_index"]: t for t, p in index["invertedIndex"]}
    weights = {(by_position[pos], key.split("/")[0], int(key.split("/")[1])): w
               for key, vec in index["fieldVectors"] for pos, w in zip(vec[::2], vec[1::2])}
    decoded = {(e[0], fields[f], ref): w for e in entries for f, refs in shards.decode(e).items() for ref, w in refs.items()}
    assert decoded.keys() == weights.keys()
    assert all(abs(decoded[k] - weights[k]) < 0.0006 for k in weights)  # thousandths


def test_term_shards_are_cut_near_their_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shards, "TERM_SHARD_BYTES", 2000)
    files = shards.files(EXAMPLE, "en")
    sizes = [len(t) for name, t in files.items() if name.startswith("t")]
    longest = max(len(json.dumps(shards._entry(t, p, {}))) for t, p in shards.sharded(EXAMPLE, "en").postings.items())
    assert len(sizes) > 5 and max(sizes) < 2000 + longest + 100

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


@pytest.mark.parametrize("query", ["error 13", "Error(13)", "error-13", "ERROR 13 when printing"])
def test_a_code_is_one_code_whatever_parts_its_words(query: str) -> None:
    # joined-code lists "Error-13", bare-code lists "13": the word before the number says which
    assert engine(load(ROOTS / "ranking" / "content_src"), "en")(query)[:2] == ["joined-code", "bare-code"]


def test_a_pasted_part_of_a_message_finds_the_remedy_that_quotes_it() -> None:
    find = engine(load(ROOTS / "ranking" / "content_src"), "en")
    # scattered-words has every word in its title; quoted-note has them in a row, in a note after its steps
    assert find("could not reach the shared tray on the second floor")[:2] == ["quoted-note", "scattered-words"]
    assert find("second floor")[0] == "scattered-words"  # two words in a row are a name, not a quotation


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
