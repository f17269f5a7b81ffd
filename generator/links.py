"""Addresses of pages, and links.json: the manifest ticket tools and tests read."""
from __future__ import annotations

import difflib
import json
import re
import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.records import KnowledgeBase, PinnedStep, RemedyBase, step_anchor

MANIFEST = "links.json"
SEARCH_PAGE = "search.md"
LEDGER = "published.txt"


def remedy_page(remedy_id: str) -> str:
    """Source path of a remedy page inside a language's docs folder."""
    return f"remedies/{remedy_id}.md"


def area_page(area: str, number: int = 1) -> str:
    """Source path of an area page (or of its page `number`) inside a language's docs folder."""
    return f"areas/{area}.md" if number == 1 else f"areas/{area}-page-{number}.md"


def url(lang: str, page: str) -> str:
    """Site-relative URL of a page built from `page` (use_directory_urls is off)."""
    return f"{lang}/{page.removesuffix('.md')}.html"


def short_link(key: str) -> str:
    """Site-relative short link of a remedy id or alias; it picks the reader's language."""
    return f"r/{key}/index.html"


def code_link(code: str) -> str:
    """Site-relative link of an error code: its remedy, or a list when several share it."""
    return f"code/{code}/index.html"


def base_url(kb: KnowledgeBase) -> str | None:
    """The public address of the site with a final slash, when site.yaml gives one."""
    return kb.site.site_url.rstrip("/") + "/" if kb.site.site_url else None


def manifest(kb: KnowledgeBase) -> dict[str, Any]:
    """The link manifest: languages, search and code links, and per remedy its addresses."""
    return {
        "base_url": base_url(kb),
        "languages": list(kb.languages),
        "search": {lang: f"{url(lang, SEARCH_PAGE)}?q={{q}}" for lang in kb.languages},
        "codes": {code: code_link(code) for code in kb.codes()},
        "remedies": [
            {
                "id": r.id,
                "area": r.area,
                "codes": list(r.codes),
                "aliases": list(r.aliases),
                "short": short_link(r.id),
                "urls": {lang: url(lang, remedy_page(r.id)) for lang in kb.languages},
            }
            for r in kb.remedies
        ],
    }


def write_manifest(kb: KnowledgeBase, site: Path) -> None:
    """Write links.json at the top of the site, keys sorted for byte-stable output."""
    text = json.dumps(manifest(kb), indent=2, sort_keys=True, ensure_ascii=False)
    (site / MANIFEST).write_text(text + "\n", encoding="utf-8")


def write_ledger(kb: KnowledgeBase, content: Path) -> None:
    """Add every id and alias this build published to content/published.txt, sorted."""
    published = sorted({*kb.published, *(key for r in kb.remedies for key in (r.id, *r.aliases))})
    (content / LEDGER).write_text("".join(f"{key}\n" for key in published), encoding="utf-8")


@dataclass(frozen=True)
class Target:
    """What a key given to `kb link` names: a remedy id, a former id, or an error code."""

    key: str
    kind: str  # "remedy", "alias" or "code"
    remedies: tuple[RemedyBase, ...]
    fragment: str = ""  # a place on the remedy page: a section, a cause, a step (cause-2-step-3)


def resolve(kb: KnowledgeBase, key: str) -> Target | None:
    """The target of an id, an alias or an error code (codes in any case), or None.

    An old section link (`page.md#some--anchor`) names the anchor that became an alias.
    """
    if "#" in key and (imported := _imported(kb, key)):
        return Target(key, "remedy", imported)
    head, _, fragment = key.partition("#")
    if fragment and "#" not in head and (target := resolve(kb, head)):
        return dataclasses.replace(target, fragment=fragment) if fragment in anchors(target.remedies[0]) else None
    key = re.sub(r"-{2,}", "-", key.split("#")[-1]) if "#" in key or "--" in key else key
    ids = {r.id: r for r in kb.remedies}
    if key in ids:
        return Target(key, "remedy", (ids[key],))
    if key in kb.aliases():
        return Target(key, "alias", (kb.aliases()[key],))
    codes = {code.lower(): (code, remedies) for code, remedies in kb.codes().items()}
    if key.lower() in codes:
        code, remedies = codes[key.lower()]
        return Target(code, "code", tuple(remedies))
    return None


def anchors(remedy: RemedyBase) -> set[str]:
    """The places a remedy page has in every language: sections, causes, steps and pinned steps."""
    text = remedy.text(remedy.source)
    found = {"symptom", "solutions"} | ({"related"} if remedy.related else set())
    for cause, solution in enumerate(text.solutions, start=1):
        found.add(f"cause-{cause}")
        for number, step in enumerate(solution.steps, start=1):
            found.add(step_anchor(cause, number))
            found.update({step.id} if isinstance(step, PinnedStep) else set())
    return found


def _imported(kb: KnowledgeBase, key: str) -> tuple[RemedyBase, ...]:
    """The remedy kb import made from a page's section (`page.md#anchor`, any language's file name)."""
    page, _, anchor = key.rpartition("#")
    wanted = f"{re.sub(r'[.][a-z]{2}-[A-Za-z]{2}(?=[.]md$)', '', page.rsplit('/', 1)[-1])}#{anchor}"
    return tuple(r for r in kb.remedies if any(o.rsplit("/", 1)[-1] == wanted for o in r.imported_from))[:1]


def closest(kb: KnowledgeBase, key: str) -> list[str]:
    """Up to three ids, aliases or codes that look like `key`."""
    known = [r.id for r in kb.remedies] + list(kb.aliases()) + list(kb.codes())
    return difflib.get_close_matches(key, known, n=3, cutoff=0.4)


def link(target: Target, lang: str | None, base: str | None) -> str:
    """The URL to paste: the short link, or with `lang` the language permalink.

    With a base URL it is absolute and clean (r/<id>); without, it is relative to the site
    root and names the file, so it also works when the site is opened from disk.
    """
    remedy = target.remedies[0]
    if lang and len(target.remedies) == 1:
        path = url(lang, remedy_page(remedy.id))
    elif target.kind == "code":
        path = code_link(target.key)
    else:
        path = short_link(remedy.id)
    path = base + path.removesuffix("/index.html") if base else path
    return f"{path}#{target.fragment}" if target.fragment else path
