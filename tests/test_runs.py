"""Runs of words: the per-remedy filter of adjacent terms that the phrase check reads."""
from __future__ import annotations

import base64
import random

from generator import analysis, runs
from generator.search import documents
from generator.validation import load
from tests.conftest import ROOTS

EN = analysis.analyzer("en")


def test_pairs_follow_the_words_within_each_text() -> None:
    found = runs.pairs(EN, ["The shared tray is empty", "Second floor printers"])
    assert found == {("share", "tray"), ("tray", "empti"), ("second", "floor"), ("floor", "printer")}
    assert ("empti", "second") not in found  # a run never spans two texts


def test_every_pair_of_a_remedy_is_found_and_few_others() -> None:
    rng = random.Random(1)
    words = [f"w{n}" for n in range(400)]
    kept = {(rng.choice(words), rng.choice(words)) for _ in range(150)}
    adjacent = runs.follows(runs.bloom(kept))
    assert all(adjacent(a, b) for a, b in kept)
    others = {(rng.choice(words), rng.choice(words)) for _ in range(5000)} - kept
    false = sum(adjacent(a, b) for a, b in others) / len(others)
    assert false < 0.015, false  # 12 bits and 5 hashes a pair: about 0.5%


def test_the_filter_is_small_and_empty_for_no_pairs() -> None:
    kept = {(f"a{n}", f"b{n}") for n in range(100)}
    assert len(base64.b64decode(runs.bloom(kept))) == 100 * runs.BITS_PER_PAIR // 8
    assert runs.bloom(set()) == "" and not runs.follows("")("a", "b")


def test_longest_run_counts_query_terms_in_a_row() -> None:
    adjacent = runs.follows(runs.bloom(runs.pairs(EN, ["could not reach the shared tray on the second floor"])))
    assert runs.longest_run(["reach", "share", "tray", "second", "floor"], adjacent) == 5
    assert runs.longest_run(["second", "floor", "tray"], adjacent) == 2
    assert runs.longest_run(["tray"], adjacent) == 1 and runs.longest_run([], adjacent) == 0


def test_a_note_after_the_steps_is_in_the_remedys_filter() -> None:
    kb = load(ROOTS / "ranking" / "content_src")
    docs = {d["id"]: d for d in documents(kb, "nl")}
    adjacent = runs.follows(docs["quoted-note"]["runs"])
    terms = analysis.analyzer("nl").terms_plain("gedeelde lade op de tweede verdieping")
    assert runs.longest_run(terms, adjacent) == len(terms) == 4
    assert not runs.follows(docs["scattered-words"]["runs"])(terms[1], terms[2])
