"""UI catalogues: one per language, all with the same keys."""
from __future__ import annotations

from generator.catalogues import available, catalogue
from generator.rendering import plural


def test_every_catalogue_has_every_key() -> None:
    keys = {code: set(catalogue(code).strings) | {f"import.{k}" for k in catalogue(code).labels}
            for code in available()}
    reference = set().union(*keys.values())
    assert {code: sorted(reference - k) for code, k in keys.items()} == {code: [] for code in keys}


def test_plural_forms_follow_the_language() -> None:
    forms = catalogue("nl").strings["remedy_count"]
    assert [plural(forms, n, "nl") for n in (0, 1, 2)] == ["0 oplossingen", "1 oplossing", "2 oplossingen"]


def test_catalogue_names_its_language() -> None:
    assert (catalogue("nl").name, catalogue("en").name) == ("Nederlands", "English")
