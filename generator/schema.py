"""JSON Schemas of the content files, published so editors offer completion and checks."""
from __future__ import annotations

import json
from pathlib import Path

from pydantic import RootModel

from generator.catalogues import available
from generator.records import SiteConfig, SynonymsFile, area_model, remedy_model


def schemas(languages: tuple[str, ...] = tuple(available())) -> dict[str, dict]:
    """File name -> JSON Schema, for a site publishing `languages`."""
    return {
        "remedy.schema.json": remedy_model(languages).model_json_schema(),
        "areas.schema.json": RootModel[dict[str, area_model(languages)]].model_json_schema(),
        "site.schema.json": SiteConfig.model_json_schema(),
        "synonyms.schema.json": SynonymsFile.model_json_schema(),
    }


def write(folder: Path) -> list[Path]:
    """Write every schema into `folder`; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in schemas().items():
        path = folder / name
        path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        written.append(path)
    return written
