"""The area of an imported page: its key, and its title and introduction per language."""
from __future__ import annotations

from generator.importing import ids
from generator.importing.pages import Page
from generator.importing.writing import Plan
from generator.records import KnowledgeBase


def area_key(source: Page, kb: KnowledgeBase, plan: Plan) -> str:
    """A key from the page's title: its own area again on a re-import, else a key no other area has,
    told apart by the words of the page's file name."""
    base = ids.make_id(source.title, [source.key.removesuffix(".md")])
    taken = {key for key in [*kb.areas, *plan.areas] if not _free_or_ours(key, source, kb, plan)}
    return ids.unique(base, taken, ids.words(source.key.removesuffix(".md").rsplit("/", 1)[-1]))


def _free_or_ours(key: str, page: Page, kb: KnowledgeBase, plan: Plan) -> bool:
    """Whether `key` names no area yet, or the area an earlier import of this very page made."""
    if key in plan.areas:
        return False  # another page of this import took it
    return key not in kb.areas or any(origin.startswith(f"{page.key}#") for remedy in kb.remedies_in(key)
                                      for origin in remedy.imported_from)


def add(plan: Plan, key: str, pages: list[Page], intros: dict[str, str], kb: KnowledgeBase) -> dict[str, str]:
    """Plan each page's title and introduction for its area; return the introductions that will be written.

    Pages that share an area in one import (`--area`) follow each other, each under its title. An
    area that exists keeps its text: the writer never replaces what an editor may have changed.
    """
    kept = {}
    for page in pages:
        entry = plan.areas.setdefault(key, {})
        existing = kb.areas[key].text(page.lang) if key in kb.areas and kb.areas[key].has(page.lang) else None
        if page.lang in entry:
            joined = f"**{page.title}**\n\n{intros[page.lang]}".strip()
            entry[page.lang]["intro"] = f"{entry[page.lang]['intro']}\n\n{joined}".strip()
            kept[page.lang] = joined
        else:
            entry[page.lang] = {"title": page.title or key, "intro": intros[page.lang]}
            same = existing is None or existing.intro.strip() == intros[page.lang].strip()
            kept[page.lang] = intros[page.lang] if same else ""
    return kept
