"""Addresses of pages, and links.json: the manifest ticket tools and tests read."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.records import KnowledgeBase

MANIFEST = "links.json"


SEARCH_PAGE = "search.md"


def remedy_page(remedy_id: str) -> str:
    """Source path of a remedy page inside a language's docs folder."""
    return f"remedies/{remedy_id}.md"


def area_page(area: str) -> str:
    """Source path of an area page inside a language's docs folder."""
    return f"areas/{area}.md"


def url(lang: str, page: str) -> str:
    """Site-relative URL of a page built from `page` (use_directory_urls is off)."""
    return f"{lang}/{page.removesuffix('.md')}.html"


def manifest(kb: KnowledgeBase) -> dict[str, Any]:
    """The link manifest: languages and, per remedy, its area, codes and URLs."""
    return {
        "languages": list(kb.languages),
        "search": {lang: f"{url(lang, SEARCH_PAGE)}?q={{q}}" for lang in kb.languages},
        "remedies": [
            {
                "id": r.id,
                "area": r.area,
                "codes": list(r.codes),
                "urls": {lang: url(lang, remedy_page(r.id)) for lang in kb.languages},
            }
            for r in kb.remedies
        ],
    }


def write_manifest(kb: KnowledgeBase, site: Path) -> None:
    """Write links.json at the top of the site, keys sorted for byte-stable output."""
    text = json.dumps(manifest(kb), indent=2, sort_keys=True, ensure_ascii=False)
    (site / MANIFEST).write_text(text + "\n", encoding="utf-8")
