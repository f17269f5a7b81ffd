"""The same problem in each language of a page: by anchor, then by place, then by the codes and numbers it names.

A translated page carries the anchors of the page it was translated from, but pages get revised
apart: a heading reworded in one revision has another anchor. So after the anchors, the problems
left between two paired ones are paired by their place when both languages have as many there;
else by anchors that share most of their words (two revisions of one heading), then by the codes
and numbers their titles name (a translation keeps "(151195)" and "0x80c8603e"). What stays
unpaired is reported with the reason.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from generator.importing import codes as code_finder
from generator.importing.pages import slugify
from generator.importing.shapes import Problem


@dataclass
class Pairing:
    """Groups of the same problem by language, in the source's page order, and why some stay alone."""

    groups: list[dict[str, Problem]] = field(default_factory=list)
    unpaired: list[tuple[str, Problem, str]] = field(default_factory=list)  # language, problem, reason
    paired: int = 0


def pair(found: dict[str, list[Problem]], source: str) -> Pairing:
    """Pair every language's problems with the source language's."""
    groups: list[dict[str, Problem]] = [{source: p} for p in found[source]]
    after: dict[int, list[dict[str, Problem]]] = {}  # source index -> problems only another language has, after it
    result = Pairing()
    for lang, problems in found.items():
        if lang == source:
            continue
        matches = _match(found[source], problems)
        for i, j in matches.items():
            groups[i][lang] = problems[j]
        result.paired += len(matches)
        for j, problem in enumerate(problems):
            if j not in matches.values():  # only this language has it: in its place among the groups
                place = max((i for i, k in matches.items() if k < j), default=-1)
                after.setdefault(place, []).append({lang: problem})
                result.unpaired.append((lang, problem, _why(source)))
        result.unpaired += [(source, p, _why(lang)) for i, p in enumerate(found[source]) if i not in matches]
    result.groups = after.get(-1, []) + [g for i, group in enumerate(groups) for g in [group, *after.get(i, [])]]
    return result


def _why(other: str) -> str:
    return f"no section in {other} has its anchor, its place or the codes and numbers of its title"


def _match(source: list[Problem], other: list[Problem]) -> dict[int, int]:
    """source index -> other index: by anchor, then by place between pairs, then by codes and numbers."""
    matches: dict[int, int] = {}
    taken: set[int] = set()
    index = {a: j for j, p in reversed(list(enumerate(other))) for a in p.anchors}
    for i, problem in enumerate(source):
        j = index.get(problem.anchor, next((index[a] for a in problem.anchors if a in index), None))
        if j is not None and j not in taken:
            matches[i], _ = j, taken.add(j)
    for i_gap, j_gap in _gaps(matches, len(source), len(other)):
        if len(i_gap) == len(j_gap):  # by place: unless the anchors say they are other sections
            matches.update((i, j) for i, j in zip(i_gap, j_gap) if _may_be(source[i], other[j]))
            i_gap = [i for i in i_gap if i not in matches]
        for i in i_gap:  # anchors of two revisions of one heading, then the codes and numbers it names
            free = [j for j in j_gap if j not in matches.values()]
            j = _closest(source[i].anchor, [(j, other[j].anchor) for j in free])
            key = _numbers(source[i].title)
            j = j if j is not None else next((j for j in free if key and _numbers(other[j].title) == key), None)
            if j is not None:
                matches[i] = j
    return dict(sorted(matches.items()))


SIMILAR = 0.75  # share of an anchor's words two revisions of a heading still share
RELATED = 0.5  # two sections in the same place whose anchors share less are other sections


def _may_be(one: Problem, other: Problem) -> bool:
    """Whether two problems in the same place may be one: the other page names no anchor of its own
    (so anchors tell nothing), or the anchors share half their words, or the titles the same codes."""
    named = other.anchor != slugify(other.title)
    return not named or _ratio(one.anchor, other.anchor) >= RELATED or bool(_numbers(one.title)) and \
        _numbers(one.title) == _numbers(other.title)


def _ratio(one: str, other: str) -> float:
    return difflib.SequenceMatcher(a=one.split("-"), b=other.split("-"), autojunk=False).ratio()


def _closest(anchor: str, candidates: list[tuple[int, str]]) -> int | None:
    """The candidate whose anchor has most of the same words in the same order, if similar enough."""
    scored = sorted(((_ratio(anchor, a), j) for j, a in candidates), reverse=True)
    return scored[0][1] if scored and scored[0][0] >= SIMILAR else None


def _gaps(matches: dict[int, int], n: int, m: int) -> list[tuple[list[int], list[int]]]:
    """The runs of unpaired problems between consecutive pairs (in page order in both languages)."""
    ordered = _increasing(sorted(matches.items()))
    gaps, last_i, last_j = [], -1, -1
    for i, j in ordered + [(n, m)]:
        i_gap = [x for x in range(last_i + 1, i) if x not in matches]
        j_gap = [y for y in range(last_j + 1, j) if y not in matches.values()]
        if i_gap and j_gap:
            gaps.append((i_gap, j_gap))
        last_i, last_j = i, j
    return gaps


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of pairs in the same order in both languages (a moved section breaks no gap)."""
    matcher = difflib.SequenceMatcher(a=[j for _, j in pairs], b=sorted(j for _, j in pairs), autojunk=False)
    keep = {pairs[block.a + k] for block in matcher.get_matching_blocks() for k in range(block.size)}
    return [p for p in pairs if p in keep]


def _numbers(title: str) -> tuple[str, ...]:
    """The codes and numbers a title names, in order: what a translation keeps as it is."""
    found = code_finder.find(title, "") + re.findall(r"\b\d{2,}\b|\b0x[0-9A-Fa-f]+\b", title)
    return tuple(dict.fromkeys(c.lower() for c in found))
