"""kb import, top to bottom: read every page, find its problems, pair the languages, plan each record
and area, then check and write them together (writing.py); nothing is written on any failure."""
from __future__ import annotations

import datetime
import re
from collections import Counter
from pathlib import Path
from typing import Any

from generator import translation, validation
from generator.importing import areas, conservation, fields, ids, pairing, shapes, writing
from generator.importing import codes as code_finder
from generator.importing.convert import Converter
from generator.importing.dump import dump_record
from generator.importing.pages import Page, read_page, slugify
from generator.importing.report import PageReport, Report
from generator.importing.shapes import table
from generator.problems import ContentError, Problem
from generator.progress import Reporter, Silent
from generator.records import ID_PATTERN, SECTION_ANCHOR, KnowledgeBase, Translation

PageFiles = list[tuple[Path, "str | None", "str | None"]]  # one page in its languages: path, path in a tree, language


def import_pages(files: list[Path], content: Path, area: str | None = None, lang: str | None = None,
                 dry_run: bool = False, force: bool = False, media_root: Path | None = None,
                 include_roots: list[Path] | None = None) -> Report:
    """Import one page in one or more languages into `content`; write nothing with `dry_run`.

    Images are copied only from each page's own folder, or from `media_root` when given; includes
    are read only from inside `include_roots`.
    """
    return import_groups([[(path, None, lang) for path in files]], content, area, dry_run, force, media_root,
                         include_roots)


def import_tree(en_dir: Path, nl_dir: Path, content: Path, area: str | None = None, dry_run: bool = False,
                force: bool = False, media_root: Path | None = None, include_roots: list[Path] | None = None,
                progress: Reporter | None = None) -> Report:
    """Import a docs tree and its translation, pairing files by their path below each folder."""
    folders = {"en": en_dir, "nl": nl_dir}
    rels = sorted({p.relative_to(d).as_posix() for d in folders.values() for p in d.rglob("*.md")})
    groups = [[(d / rel, rel, lang) for lang, d in folders.items() if (d / rel).is_file()] for rel in rels]
    return import_groups(groups, content, area, dry_run, force, media_root, include_roots, progress)


def import_groups(groups: list[PageFiles], content: Path, area: str | None, dry_run: bool, force: bool,
                  media_root: Path | None, include_roots: list[Path] | None = None,
                  progress: Reporter | None = None) -> Report:
    """Read every group, plan every record, then check and write them together."""
    kb = validation.load(content)  # start from valid content: the result is checked as a whole
    progress = progress or Silent()
    progress.start(len(groups) + 1)
    report, plan = Report(dry_run=dry_run), writing.Plan(records={})
    claimed = Claims(kb)
    for group in groups:
        pages = [read_page(path, lang, rel, include_roots) for path, rel, lang in group]
        _check_languages(pages, kb)
        _import_group(pages, kb, area, media_root, claimed, plan, report)
        progress.advance(f"read {pages[0].key}")
    outcome = writing.apply(content, plan, dry_run, force)
    report.written, report.updated, report.unchanged, report.kept = (
        outcome.written, outcome.updated, outcome.unchanged, outcome.kept)
    report.codes = sorted({c for r in report.records.values() for c in r["codes"]})
    progress.advance("checked and wrote" if not dry_run else "checked")
    return report


class Claims:
    """Ids in use (records and aliases), and the id of each page section kb import made a record of;
    looked up for every section, so kept as a set and a map."""

    def __init__(self, kb: KnowledgeBase):
        self.taken = {r.id for r in kb.remedies} | {alias for r in kb.remedies for alias in r.aliases}
        self.by_origin = {r.imported_from[0]: r.id for r in kb.remedies if r.imported_from}


def _check_languages(pages: list[Page], kb: KnowledgeBase) -> None:
    """One file per language, each a language of the site."""
    problems, seen = [], {}
    for page in pages:
        if page.lang not in kb.languages:
            problems.append(Problem(str(page.path), 1, f"language '{page.lang}' is not one of the site's "
                                    f"({', '.join(kb.languages)}); pass --lang"))
        elif page.lang in seen:
            problems.append(Problem(str(page.path), 1, f"a second page in '{page.lang}' (the first is "
                                    f"{seen[page.lang]}): import one page with its translation at a time, or use --pair"))
        seen.setdefault(page.lang, page.path)
    if problems:
        raise ContentError(problems)


def _import_group(pages: list[Page], kb: KnowledgeBase, area: str | None, media_root: Path | None,
                  claimed: Claims, plan: writing.Plan, report: Report) -> None:
    """Plan the records, the area and the images of one page in its languages."""
    every = {p.lang: conservation.all_words(p.root) for p in pages}  # before shapes take the tree apart
    page = Group(pages, {p.lang: shapes.find(p) for p in pages})
    paired = pairing.pair({lang: f.problems for lang, f in page.found.items()}, page.source.lang)
    groups = [g for g in paired.groups if _acts(g)]
    report.warnings += _left_out(page, [g for g in paired.groups if not _acts(g)])
    area_key = area or areas.area_key(page.source, kb, plan)
    converter, made = _plan_records(page, groups, kb, area_key, media_root, claimed, report)
    report.paired += paired.paired
    unpaired = [{"page": page.source.key, "lang": lang, "anchor": p.anchor, "title": p.title, "reason": why}
                for lang, p, why in paired.unpaired if len(pages) > 1]
    report.unpaired += unpaired
    intro = {p.lang: "\n\n".join(map(converter.for_page(p).convert, page.found[p.lang].extras)) for p in pages}
    written = areas.add(plan, area_key, pages, intro, kb)
    report.warnings += [f"{p.path}: area '{area_key}' exists with other text; the page's introduction was not added"
                        for p in pages if intro[p.lang].strip() and not written[p.lang]]
    plan.records.update({rid: dump_record(record) for rid, record in made.items()})
    plan.media.update(converter.images)
    report.warnings += [w for p in pages for w in p.warnings] + converter.warnings
    report.warnings += [f"{u['page']}: section '{u['anchor']}' has no pair in the other language" for u in unpaired]
    report.fixes += sum(p.fixes for p in pages)
    report.pages += [_page_report(p, page.found[p.lang], made, written[p.lang], every[p.lang]) for p in pages]


class Group:
    """One page in its languages, and the problems found in each."""

    def __init__(self, pages: list[Page], found: dict[str, shapes.Found]):
        self.pages, self.found = pages, found
        self.by_lang = {p.lang: p for p in pages}
        self.source = self.by_lang.get("en", pages[0])


def _left_out(page: Group, silent: list[dict[str, shapes.Problem]]) -> list[str]:
    """Warnings for the sections that became no record: nothing to do in them, or no text at all."""
    return [f"{page.by_lang[lang].path}:{problem.line}: '{problem.title}' says nothing to do or why (its text may "
            "be an include left out); not imported" for group in silent for lang, problem in group.items()] + \
        [f"{p.path}:{node.line}: '{node.title}' has no text of its own (its text may be an include left out); "
         "not imported" for p in page.pages for node in page.found[p.lang].empty]


def _plan_records(page: Group, groups: list[dict[str, shapes.Problem]], kb: KnowledgeBase, area_key: str,
                  media_root: Path | None, claimed: Claims, report: Report) -> tuple[Converter, dict[str, Any]]:
    """Every record of a page, by id, and the converter that made their Markdown (images, warnings)."""
    record_ids = [_id(group, page.source, claimed) for group in groups]
    pins = [_pins(group) for group in groups]
    converter = Converter(_links(page.source.key, groups, record_ids, pins), media_root, kb.site.max_image_mb)
    made: dict[str, dict[str, Any]] = {}
    for group, rid, pin in zip(groups, record_ids, pins):
        before = len(converter.warnings)
        made[rid], guessed = _record(rid, group, page.by_lang, area_key, kb, converter, pin)
        first = group.get(page.source.lang) or next(iter(group.values()))
        report.records[rid] = {"page": page.source.key, "anchor": first.anchor, "line": first.line,
                               "shape": first.shape, "codes": made[rid]["codes"],
                               "reasons": _reasons(group, page, first, guessed),
                               "warnings": converter.warnings[before:]}
    return converter, made


def _acts(group: dict[str, shapes.Problem]) -> bool:
    """Whether a problem says what to do or why in some language; one that does not (a heading alone) is none."""
    return any(fields.record_text(p, lang, lambda b: b.text).fields["solutions"] for lang, p in group.items())


def _id(group: dict[str, shapes.Problem], source: Page, claimed: Claims) -> str:
    """The record id for one problem: its own again on a re-import, else a new one no other record has."""
    problem = group.get(source.lang) or next(iter(group.values()))
    origin = f"{source.key}#{problem.anchor}"
    if origin in claimed.by_origin:
        return claimed.by_origin[origin]
    # a translation's heading names its English anchor: a problem only the translation has is named by it
    named = problem.shape != "C" and problem.anchor != slugify(problem.title)  # rows have made-up anchors
    title = problem.anchor.replace("-", " ") if source.lang not in group and named else problem.title
    body = " ".join(b.text for part in problem.parts for b in part.blocks)
    wanted = ids.make_id(title, problem.context, more=ids.words(body)[:6])
    codes = problem.codes + code_finder.find(problem.title, body)
    # words that tell it apart, the record's own first: its codes, title and text; then the page's topic
    more = [w for code in codes for w in ids.words(code)] + ids.words(problem.title) + ids.words(body)[:12] + \
        ids.topic(problem.context[0] if problem.context else "") + ids.words(" ".join(problem.context[1:]))
    rid = ids.unique(wanted, claimed.taken, more)
    claimed.taken.add(rid)
    claimed.by_origin[origin] = rid
    return rid


def _pins(group: dict[str, shapes.Problem]) -> set[str]:
    """Anchors of the steps that keep them as ids: the same steps, with the same anchors, in every language."""
    lists = [[p.anchors[0] for p in problem.parts if p.role == "step" and p.anchors] for problem in group.values()]
    if not lists or any(found != lists[0] for found in lists) or len(set(lists[0])) != len(lists[0]):
        return set()
    return {a for a in lists[0] if re.fullmatch(ID_PATTERN, a) and not SECTION_ANCHOR.match(a)}


def _links(key: str, groups: list[dict[str, shapes.Problem]], record_ids: list[str],
           pins: list[set[str]]) -> dict[tuple[str, str], str]:
    """(page, anchor) -> where a link to it leads now: the remedy, or the step of it that kept the anchor."""
    out: dict[tuple[str, str], str] = {}
    for group, rid, pin in zip(groups, record_ids, pins):
        for problem in group.values():
            out.update({(key, a): f"{rid}.md" for a in problem.anchors})
            out.update({(key, a): f"{rid}.md#{part.anchors[0]}" for part in problem.parts
                        if part.role == "step" and part.anchors and part.anchors[0] in pin for a in part.anchors})
    return out


def _record(rid: str, group: dict[str, shapes.Problem], pages: dict[str, Page], area: str, kb: KnowledgeBase,
            converter: Converter, pin: set[str]) -> tuple[dict[str, Any], bool]:
    """One remedy record from the same problem in each language; and whether its fields were guessed."""
    texts, guessed, found, like = {}, False, [], ()
    for lang, problem in group.items():  # the source language first: a translation follows its layout
        text = fields.record_text(problem, lang, converter.for_page(pages[lang]).convert, pin, like)
        texts[lang], guessed, like = text.fields, guessed or text.guessed, like or text.layout
        blocks = [b for part in problem.parts for b in part.blocks]
        found += problem.codes + code_finder.find(problem.title, "\n\n".join(b.text for b in blocks))
        found += table.codes_in(blocks, lang)
    first = pages[next(iter(group))]
    source = kb.site.source if kb.site.source in texts else next(iter(texts))
    record: dict[str, Any] = {"id": rid, "area": area, "codes": list(dict.fromkeys(found)), "tags": [],
                              "updated": _date(first.front.get("ms.date")), "aliases": [], "related": [],
                              "imported_from": [f"{first.key}#{a}" for a in dict.fromkeys(_origins(group))]}
    if source != kb.site.source:
        record["source"] = source
    digest = translation.source_hash(Translation.model_validate(texts[source]))
    for lang in texts:
        if lang != source:
            if str(pages[lang].front.get("ms.translationtype", "")).upper() == "MT":
                texts[lang]["machine"] = True
            texts[lang]["source_hash"] = digest  # made from this source text, as of the import
    return record | texts, guessed


def _origins(group: dict[str, shapes.Problem]) -> list[str]:
    """The anchors a record was made from: its problem's, then those of the sub-headings it holds."""
    return [a for p in group.values() for a in p.anchors] + [a for p in group.values() for part in p.parts
                                                             for a in part.anchors]


def _reasons(group: dict[str, shapes.Problem], page: Group, first: shapes.Problem, guessed: bool) -> list[str]:
    """Why an editor should look at a record, by the weights of report.REASONS."""
    reasons = ["unpaired"] if len(group) < len(page.pages) else []
    for lang, problem in group.items():
        lines = sorted(p.line for p in page.found[lang].problems)
        end = next((line for line in lines if line > problem.line), float("inf"))
        if any(problem.line <= line < end for line in page.by_lang[lang].missing_includes):
            reasons.append("include missing")
    reasons += [g for p in group.values() for g in p.guessed]
    reasons += ["shape guessed"] if guessed else []
    reasons += ["title from context"] if first.title_context else []
    return list(dict.fromkeys(reasons))


def _page_report(page: Page, found: shapes.Found, made: dict[str, dict[str, Any]], intro: str,
                 every: Counter[str]) -> PageReport:
    """Shapes, records, and words kept, repeated and added for one page in its language."""
    mine = [rid for rid, r in made.items() if page.lang in r]
    body = conservation.words(intro)
    titles = conservation.words(page.title)
    for rid in mine:
        text = made[rid][page.lang]
        titles += conservation.words(text["title"])
        body += conservation.words(_body_text(text))
    tally = conservation.tally(conservation.page_words(found, page.title), body, titles, every)
    counts: dict[str, int] = {}
    for problem in found.problems:
        counts[problem.shape] = counts.get(problem.shape, 0) + 1
    return PageReport(str(page.path), page.lang, counts, mine, round(tally.kept_share, 4),
                      round(tally.repeated_share, 4), tally.added, tally.source, [n.title for n in found.skipped],
                      list(tally.added_words))


def _body_text(text: dict[str, Any]) -> str:
    """Every text field of one language of a record but its title, joined."""
    parts = [text.get("symptom", "")]
    for s in text["solutions"]:
        parts += [s.get("cause", ""), s.get("text", ""), s.get("note", "")]
        parts += [step["text"] if isinstance(step, dict) else step for step in s.get("steps", [])]
    return "\n\n".join(p for p in parts if p)


def _date(value: Any) -> str:
    """ms.date (M/D/YYYY) as YYYY-MM-DD; today when absent."""
    if isinstance(value, str) and (m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value.strip())):
        return f"{m.group(3)}-{int(m.group(1)):02d}-{int(m.group(2)):02d}"
    return datetime.date.today().isoformat()
