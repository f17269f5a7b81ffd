"""kb import: Microsoft-Docs style (DocFX) troubleshooting pages to remedy records.

The stages, one module each, in the order they run: pages (read a page) -> shapes (find its
problems) -> fields (map parts to a record's fields) -> conservation (every word kept once) ->
writing (check the whole result, then write each file atomically). A page's languages are paired
by the English anchor that translated pages carry (`<a name="english-slug">`).
"""
from __future__ import annotations

import datetime
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable

from generator import translation, validation
from generator.importing import codes as code_finder
from generator.importing import areas, conservation, fields, ids, shapes, writing
from generator.importing.convert import Converter
from generator.importing.pages import Page, read_page, slugify
from generator.importing.dump import dump_record
from generator.problems import ContentError, Problem
from generator.progress import Reporter, Silent
from generator.records import KnowledgeBase, Translation

__all__ = ["PageReport", "Report", "import_pages", "import_tree", "read_page", "slugify", "dump_record"]


@dataclass
class PageReport:
    """What became of one page: shapes, records, codes, and the share of its words kept and repeated."""

    path: str
    lang: str
    shapes: dict[str, int]
    records: list[str]
    kept: float
    repeated: float
    words: int
    skipped: list[str]


@dataclass
class Report:
    """What an import did, page by page, and what it could not do."""

    pages: list[PageReport] = field(default_factory=list)
    records: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> page, shape, codes, warnings
    written: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    paired: int = 0
    codes: list[str] = field(default_factory=list)
    fixes: int = 0
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False

    def lines(self) -> list[str]:
        """The report as a person reads it."""
        verb = "that would be written" if self.dry_run else "written"
        out = [f"records {verb}: {len(self.written)}" + (f" ({', '.join(self.written)})" if self.written else "")]
        out += [f"records {name}: {len(ids)} ({', '.join(ids)})" for name, ids in
                [("updated", self.updated), ("unchanged", self.unchanged),
                 ("kept as edited (--force replaces them)", self.kept)] if ids]
        out += [f"sections paired across languages: {self.paired}",
                f"error codes found: {', '.join(self.codes) or 'none'}",
                f"mojibake repaired: {self.fixes}"]
        out += [f"page {p.path} ({p.lang}): {len(p.records)} records, {p.kept:.1%} of {p.words} words kept, "
                f"{p.repeated:.1%} repeated; shapes {_shapes(p.shapes)}" for p in self.pages]
        return out + [f"warning: {w}" for w in self.warnings]

    def to_json(self) -> str:
        """The report for `--report FILE.json`: pages and records, keys sorted."""
        return json.dumps({"pages": [asdict(p) for p in self.pages], "records": self.records,
                           "written": self.written, "updated": self.updated, "unchanged": self.unchanged,
                           "kept": self.kept, "warnings": self.warnings}, indent=2, sort_keys=True,
                          ensure_ascii=False) + "\n"


def _shapes(counts: dict[str, int]) -> str:
    return ", ".join(f"{shape}×{n}" for shape, n in sorted(counts.items())) or "none"


def import_pages(files: list[Path], content: Path, area: str | None = None, lang: str | None = None,
                 dry_run: bool = False, force: bool = False, media_root: Path | None = None) -> Report:
    """Import one page in one or more languages into `content`; write nothing with `dry_run`.

    Images are copied only from each page's own folder, or from `media_root` when given.
    """
    return import_groups([[(path, None, lang) for path in files]], content, area, dry_run, force, media_root)


def import_tree(en_dir: Path, nl_dir: Path, content: Path, area: str | None = None, dry_run: bool = False,
                force: bool = False, media_root: Path | None = None, progress: Reporter | None = None) -> Report:
    """Import a docs tree and its translation, pairing files by their path below each folder."""
    folders = {"en": en_dir, "nl": nl_dir}
    rels = sorted({p.relative_to(d).as_posix() for d in folders.values() for p in d.rglob("*.md")})
    groups = [[(d / rel, rel, lang) for lang, d in folders.items() if (d / rel).is_file()] for rel in rels]
    return import_groups(groups, content, area, dry_run, force, media_root, progress)


def import_groups(groups: list[list[tuple[Path, str | None, str | None]]], content: Path, area: str | None,
                  dry_run: bool, force: bool, media_root: Path | None, progress: Reporter | None = None) -> Report:
    """Read every group (one page in its languages: path, path in a tree, language), plan every record,
    then check and write them together."""
    kb = validation.load(content)  # start from valid content: the result is checked as a whole
    progress = progress or Silent()
    progress.start(len(groups) + 1)
    report, plan = Report(dry_run=dry_run), writing.Plan(records={})
    claimed = _claimed(kb)
    for group in groups:
        pages = [read_page(path, lang, rel) for path, rel, lang in group]
        _check_languages(pages, kb)
        _import_group(pages, kb, area, media_root, claimed, plan, report)
        progress.advance(f"read {pages[0].key}")
    outcome = writing.apply(content, plan, dry_run, force)
    report.written, report.updated, report.unchanged, report.kept = (
        outcome.written, outcome.updated, outcome.unchanged, outcome.kept)
    report.codes = sorted({c for r in report.records.values() for c in r["codes"]})
    progress.advance("checked and wrote" if not dry_run else "checked")
    return report


@dataclass
class Claims:
    """Ids in use (records and aliases), and the id of each page section kb import made a record of."""

    taken: set[str]
    by_origin: dict[str, str]


def _claimed(kb: KnowledgeBase) -> Claims:
    """What the content folder holds already; looked up for every section, so kept as a set and a map."""
    taken = {r.id for r in kb.remedies} | {alias for r in kb.remedies for alias in r.aliases}
    return Claims(taken, {r.imported_from[0]: r.id for r in kb.remedies if r.imported_from})


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
    found = {p.lang: shapes.find(p) for p in pages}
    source = next((p for p in pages if p.lang == "en"), pages[0])
    by_anchor = {p.lang: {pr.anchors[0]: pr for pr in found[p.lang].problems} for p in pages}
    anchors = list(dict.fromkeys(a for p in [source, *pages] for a in by_anchor[p.lang]))
    area_key = area or areas.area_key(source, kb, plan)
    record_ids = {a: _id(by_anchor, a, source, claimed) for a in anchors}
    links = {(source.key, alias): rid for a, rid in record_ids.items()
             for p in pages if a in by_anchor[p.lang] for alias in by_anchor[p.lang][a].anchors}
    converter = Converter(links, media_root, kb.site.max_image_mb)
    made: dict[str, dict[str, Any]] = {}
    for anchor in anchors:
        present = {p.lang: (p, by_anchor[p.lang][anchor]) for p in pages if anchor in by_anchor[p.lang]}
        report.paired += len(present) == len(pages) > 1
        if len(present) < len(pages):
            report.warnings.append(f"{source.key}: section '{anchor}' has no pair in: "
                                   f"{', '.join(p.lang for p in pages if p.lang not in present)}")
        rid, before = record_ids[anchor], len(converter.warnings)
        origins = [f"{source.key}#{a}" for a in dict.fromkeys(a for _, pr in present.values() for a in pr.anchors)]
        made[rid] = _record(rid, origins, area_key, present, kb, converter)
        report.records[rid] = {"page": source.key, "anchor": anchor, "codes": made[rid]["codes"],
                               "shape": next(iter(present.values()))[1].shape,
                               "warnings": converter.warnings[before:]}
    intro = {p.lang: "\n\n".join(map(converter.for_page(p).convert, found[p.lang].extras)) for p in pages}
    written = areas.add(plan, area_key, pages, intro, kb)
    report.warnings += [f"{p.path}: area '{area_key}' exists with other text; the page's introduction was not added"
                        for p in pages if intro[p.lang].strip() and not written[p.lang]]
    plan.records.update({rid: dump_record(record) for rid, record in made.items()})
    plan.media.update(converter.images)
    report.warnings += converter.warnings
    report.fixes += sum(p.fixes for p in pages)
    for page in pages:
        report.pages.append(_page_report(page, found[page.lang], made, written[page.lang]))


def _id(by_anchor: dict[str, dict[str, shapes.Problem]], anchor: str, source: Page,
        claimed: Claims) -> str:
    """The record id for one problem: its own again on a re-import, else a new one no other page holds."""
    origin = f"{source.key}#{anchor}"
    if origin in claimed.by_origin:
        return claimed.by_origin[origin]
    problem = by_anchor.get("en", {}).get(anchor) or next(p[anchor] for p in by_anchor.values() if anchor in p)
    rid = ids.unique(ids.make_id(problem.title or anchor, [source.key.removesuffix(".md"), *problem.context]),
                     claimed.taken)
    claimed.taken.add(rid)
    claimed.by_origin[origin] = rid
    return rid


def _record(rid: str, origins: list[str], area: str, present: dict[str, tuple[Page, shapes.Problem]], kb: KnowledgeBase,
            converter: Converter) -> dict[str, Any]:
    """One remedy record from the same problem in each language."""
    texts = {lang: fields.record_text(problem, lang, converter.for_page(page).convert)
             for lang, (page, problem) in present.items()}
    found: list[str] = []
    for _, problem in present.values():
        body = "\n\n".join(b.text for part in problem.parts for b in part.blocks)
        found += problem.codes + code_finder.find(problem.title, body)
    first = next(iter(present.values()))[0]
    source = kb.site.source if kb.site.source in texts else next(iter(texts))
    record: dict[str, Any] = {"id": rid, "area": area, "codes": list(dict.fromkeys(found)), "tags": [],
                              "updated": _date(first.front.get("ms.date")), "aliases": [], "related": [],
                              "imported_from": origins}
    if source != kb.site.source:
        record["source"] = source
    digest = translation.source_hash(Translation.model_validate(texts[source]))
    for lang, (page, _) in present.items():
        if lang != source:
            if str(page.front.get("ms.translationtype", "")).upper() == "MT":
                texts[lang]["machine"] = True
            texts[lang]["source_hash"] = digest  # made from this source text, as of the import
    return record | texts


def _page_report(page: Page, found: shapes.Found, made: dict[str, dict[str, Any]], intro: str) -> PageReport:
    """Shapes, records, and words kept and repeated for one page in its language."""
    mine = [rid for rid, r in made.items() if page.lang in r]
    output = conservation.words(page.title, page.lang) + conservation.words(intro, page.lang)
    for rid in mine:
        output += conservation.words(_all_text(made[rid][page.lang]), page.lang)
    tally = conservation.tally(conservation.page_words(found, page.title, page.lang), output)
    counts: dict[str, int] = {}
    for problem in found.problems:
        counts[problem.shape] = counts.get(problem.shape, 0) + 1
    return PageReport(str(page.path), page.lang, counts, mine, round(tally.kept_share, 4),
                      round(tally.repeated_share, 4), tally.source, [n.title for n in found.skipped])


def _all_text(text: dict[str, Any]) -> str:
    """Every text field of one language of a record, joined."""
    parts: Iterable[str] = [text["title"], text["symptom"]] + [
        piece for s in text["solutions"] for piece in [s["cause"], *s["steps"]]]
    return "\n\n".join(parts)


def _date(value: Any) -> str:
    """ms.date (M/D/YYYY) as YYYY-MM-DD; today when absent."""
    if isinstance(value, str) and (m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value.strip())):
        return f"{m.group(3)}-{int(m.group(1)):02d}-{int(m.group(2)):02d}"
    return datetime.date.today().isoformat()
