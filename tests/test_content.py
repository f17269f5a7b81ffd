"""The example knowledge base in content_src/: complete, bilingual, buildable, in our own words."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.records import KnowledgeBase
from generator.validation import load
from tests.conftest import REPO, build_into

SHARED = REPO.parent / "shared"
EXAMPLE_KB = load(REPO / "content_src")
SOURCES = [SHARED / "reference" / "b2b-troubleshoot.en-US.md", SHARED / "seeds" / "000_eeafd52a8d09875a.txt"]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load(REPO / "content_src")


def test_at_least_twelve_remedies_in_both_languages(kb: KnowledgeBase) -> None:
    assert len([r for r in kb.remedies if r.has("en") and r.has("nl")]) >= 12
    for lang in ("en", "nl"):
        titles = [r.text(lang).title for r in kb.remedies]
        assert len(set(titles)) == len(titles), lang


def test_error_code_from_the_page_is_recorded(kb: KnowledgeBase) -> None:
    assert kb.remedy("aadsts65005-unmanaged-tenant").codes == ["AADSTS65005"]


def test_areas_are_named_in_both_languages(kb: KnowledgeBase) -> None:
    assert {k: (a.text("en").title, a.text("nl").title) for k, a in kb.areas.items()} == {
        "invitations": ("Invitations", "Uitnodigingen"),
        "sign-in": ("Sign-in and redemption", "Aanmelden en inwisselen"),
        "directory": ("Directory and synchronization", "Directory en synchronisatie"),
        "apps": ("Apps and admin tools", "Apps en beheertools"),
    }


def test_example_site_builds(tmp_path: Path) -> None:
    # Every remedy has a page in every language, translated or not.
    site = build_into(REPO / "content_src", tmp_path)
    for lang in ("en", "nl"):
        pages = {p.stem for p in (site / lang / "remedies").glob("*.html")}
        assert {r.id for r in EXAMPLE_KB.remedies} <= pages


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _runs(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def test_records_are_written_in_our_own_words(kb: KnowledgeBase) -> None:
    # No run of 10 words from the seed or its English source, outside what a user sees on screen:
    # quoted messages in code blocks, `names` and **menu paths**.
    assert all(p.is_file() for p in SOURCES), f"{SHARED} is missing: the example content is checked against it"
    source = set().union(*(_runs(_words(p.read_text(encoding="utf-8")), 10) for p in SOURCES))
    copied = {}
    for remedy in kb.remedies:
        text = remedy.model_dump_json()
        prose = re.sub(r"```.*?```|`[^`]*`|\*\*[^*]*\*\*", " ", text.replace("\\n", "\n"), flags=re.S)
        if overlap := _runs(_words(prose), 10) & source:
            copied[remedy.id] = sorted(" ".join(run) for run in overlap)[:3]
    assert copied == {}
