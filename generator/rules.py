"""Rules across a remedy's fields and across files, checked once every file has been read."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from generator import markup
from generator.messages import dotted
from generator.problems import Problem, suggest
from generator.reading import Document, Loc
from generator.records import PinnedStep, RemedyBase, Translation, step_text


def check_remedies(docs: list[Document], remedies: dict[str, RemedyBase],
                   areas: dict[str, Any]) -> list[Problem]:
    """Rules across files: id matches file name, ids unique, areas and related ids exist, review after update."""
    problems = []
    first: dict[str, Document] = {}
    for doc in docs:
        remedy = remedies.get(doc.path)
        if remedy is None:
            continue
        id_line, stem = doc.line(("id",)), Path(doc.path).stem
        if remedy.id != stem:
            problems.append(Problem(doc.path, id_line, f"id: '{remedy.id}' must equal the file name '{stem}'"))
        if remedy.id in first:
            problems.append(Problem(doc.path, id_line,
                                    f"id: duplicate id '{remedy.id}', also in {first[remedy.id].path}"))
        first.setdefault(remedy.id, doc)
        if remedy.review_by and remedy.review_by < remedy.updated:
            problems.append(Problem(doc.path, doc.line(("review_by",)), f"review_by: expected a date on or after "
                                    f"updated ({remedy.updated}), received {remedy.review_by}"))
        if areas and remedy.area not in areas:
            problems.append(Problem(doc.path, doc.line(("area",)),
                                    f"area: unknown area '{remedy.area}'{suggest(remedy.area, areas)}"))
    ids = {r.id for r in remedies.values()}
    for doc in docs:
        remedy = remedies.get(doc.path)
        for i, other in enumerate(remedy.related if remedy else []):
            if other not in ids:
                problems.append(Problem(doc.path, doc.line(("related", i)),
                                        f"related: no remedy has the id '{other}'{suggest(other, ids)}"))
    return problems


def check_links(docs: list[Document], remedies: dict[str, RemedyBase], media_names: set[str]) -> list[Problem]:
    """Relative links in Markdown fields must reach a remedy (`<id>.md`) or a published file in media/."""
    ids = {r.id for r in remedies.values()}
    problems = []
    for doc in docs:
        remedy = remedies.get(doc.path)
        for loc, text in _markdown_fields(remedy) if remedy else []:
            for target in markup.links(text):
                path = target.split("#")[0]
                if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", target) or not path:
                    continue  # web links are the reader's business; unsafe schemes are dropped when rendered
                page = re.fullmatch(r"([a-z0-9-]+)\.md", path)
                in_media = path.startswith("../media/") and unquote(path[len("../media/"):]) in media_names
                if not (page and page.group(1) in ids) and not in_media:
                    problems.append(Problem(doc.path, doc.line(loc), f"{dotted(loc)}: link to '{target}' leads "
                                            "to no remedy (<id>.md) and no file in media/ (../media/...)"))
    return problems


def _markdown_fields(remedy: RemedyBase) -> list[tuple[Loc, str]]:
    """(location, text) of every Markdown field of a remedy."""
    found = []
    for lang in type(remedy).model_fields:
        text = getattr(remedy, lang)
        if not isinstance(text, Translation):
            continue
        found += [((lang, "symptom"), text.symptom)] if text.symptom else []
        for i, solution in enumerate(text.solutions):
            found += [((lang, "solutions", i, key), value) for key in ("cause", "text", "note")
                      if (value := getattr(solution, key))]
            found += [((lang, "solutions", i, "steps", j), step_text(step)) for j, step in enumerate(solution.steps)]
    return found


def check_step_ids(docs: list[Document], remedies: dict[str, RemedyBase]) -> list[Problem]:
    """A pinned step's id is unique on its page and pins the same step in every language."""
    problems = []
    for doc in docs:
        if (remedy := remedies.get(doc.path)) is None:
            continue
        pinned = {lang: _pinned(text) for lang in type(remedy).model_fields
                  if isinstance(text := getattr(remedy, lang), Translation)}
        for lang, found in pinned.items():
            seen: dict[str, Loc] = {}
            for loc, step_id in found:
                if step_id in seen:
                    problems.append(Problem(doc.path, doc.line((lang, *loc)), f"{dotted((lang, *loc))}: '{step_id}' "
                                            f"is already the id of {dotted((lang, *seen[step_id][:-1]))}"))
                seen.setdefault(step_id, loc)
            source = remedy.source
            if source in pinned and lang != source and set(found) != set(pinned[source]):
                expected = ", ".join(f"{dotted(loc[:-1])}: {i}" for loc, i in pinned[source]) or "none"
                problems.append(Problem(doc.path, doc.line((lang, "solutions")), f"{lang}.solutions: expected the "
                                        f"step ids the source ({source}) pins, at the same steps: {expected}"))
    return problems


def _pinned(text: Translation) -> list[tuple[Loc, str]]:
    """(location of the id, id) of every pinned step of a text."""
    return [(("solutions", i, "steps", j, "id"), step.id) for i, solution in enumerate(text.solutions)
            for j, step in enumerate(solution.steps) if isinstance(step, PinnedStep)]


def check_aliases(docs: list[Document], remedies: dict[str, RemedyBase]) -> list[Problem]:
    """An alias is a former id: never a live id, and claimed by one remedy only."""
    problems = []
    ids = {r.id: doc.path for doc in docs if (r := remedies.get(doc.path))}
    owner: dict[str, str] = {}
    for doc in docs:
        remedy = remedies.get(doc.path)
        for i, alias in enumerate(remedy.aliases if remedy else []):
            at = doc.line(("aliases", i))
            if alias in ids:
                problems.append(Problem(doc.path, at, f"aliases: '{alias}' is the id of a live remedy "
                                                      f"({ids[alias]}); an alias must be a former id"))
            elif alias in owner:
                problems.append(Problem(doc.path, at, f"aliases: '{alias}' is already an alias of '{owner[alias]}'"))
            owner.setdefault(alias, remedy.id)
    return problems
