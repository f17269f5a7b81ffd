"""The published JSON Schemas in schema/ match the record types."""
from __future__ import annotations

import json

from generator.schema import schemas
from tests.conftest import REPO


def test_published_schemas_are_current() -> None:
    # Regenerate with `make schema` after changing generator/records.py.
    for name, data in schemas().items():
        assert json.loads((REPO / "schema" / name).read_text(encoding="utf-8")) == data, name


def test_remedy_schema_requires_the_basics_and_forbids_unknown_fields() -> None:
    remedy = schemas()["remedy.schema.json"]
    assert set(remedy["required"]) == {"id", "area", "updated"}  # a language may be missing (untranslated)
    assert {"en", "nl", "source"} <= set(remedy["properties"])
    assert remedy["additionalProperties"] is False
