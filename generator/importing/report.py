"""What an import did, page by page, and which records an editor should review first, and why."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

# Why a record needs a look, most telling first: the weight ranks the review queue.
REASONS = {
    "unpaired": 5,  # one language has it, the other page seems to have it too, but not paired
    "include missing": 4,  # the page includes text the import could not read
    "table columns guessed": 3,  # a column was read by its content, not its header
    "shape guessed": 2,  # symptom, cause and what to do were told apart from prose
    "title from context": 1,  # its own title only named a part of the page
}
REVIEW_SHOWN = 10  # records listed under "review first" in the printed report


@dataclass
class PageReport:
    """What became of one page: shapes, records, codes, and the share of its words kept, repeated and added."""

    path: str
    lang: str
    shapes: dict[str, int]
    records: list[str]
    kept: float
    repeated: float
    added: int
    words: int
    skipped: list[str]
    added_words: list[str] = field(default_factory=list)


@dataclass
class Report:
    """What an import did, page by page, and what it could not do."""

    pages: list[PageReport] = field(default_factory=list)
    records: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> page, anchor, shape, codes, reasons
    written: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    paired: int = 0
    unpaired: list[dict[str, str]] = field(default_factory=list)  # page, lang, anchor, title, reason
    codes: list[str] = field(default_factory=list)
    fixes: int = 0
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False

    def review(self) -> list[dict[str, Any]]:
        """Records to review, the most reasons (by weight) first, then in page order."""
        queue = [{"id": rid, "page": r["page"], "line": r["line"], "reasons": r["reasons"]}
                 for rid, r in self.records.items() if r["reasons"]]
        return sorted(queue, key=lambda item: -sum(REASONS[r] for r in item["reasons"]))

    def lines(self) -> list[str]:
        """The report as a person reads it."""
        verb = "that would be written" if self.dry_run else "written"
        out = [f"records {verb}: {len(self.written)}" + (f" ({', '.join(self.written)})" if self.written else "")]
        out += [f"records {name}: {len(ids)} ({', '.join(ids)})" for name, ids in
                [("updated", self.updated), ("unchanged", self.unchanged),
                 ("kept as edited (--force replaces them)", self.kept)] if ids]
        out += [f"sections paired across languages: {self.paired}" +
                (f", unpaired: {len(self.unpaired)}" if self.unpaired else ""),
                f"error codes found: {', '.join(self.codes) or 'none'}",
                f"mojibake repaired: {self.fixes}"]
        out += [f"page {p.path} ({p.lang}): {len(p.records)} records, {p.kept:.1%} of {p.words} words kept, "
                f"{p.repeated:.1%} repeated, {p.added} added; shapes {_shapes(p.shapes)}" for p in self.pages]
        queue = self.review()
        if queue:
            out.append(f"review first ({len(queue)} records have a reason):")
            out += [f"  {item['page']}:{item['line']}: {item['id']}: {', '.join(item['reasons'])}"
                    for item in queue[:REVIEW_SHOWN]]
        return out + [f"warning: {w}" for w in self.warnings]

    def to_json(self) -> str:
        """The report for `--report FILE.json`: pages, records, pairing and the review queue, keys sorted."""
        return json.dumps({"pages": [asdict(p) for p in self.pages], "records": self.records,
                           "written": self.written, "updated": self.updated, "unchanged": self.unchanged,
                           "kept": self.kept, "paired": self.paired, "unpaired": self.unpaired,
                           "review": self.review(), "warnings": self.warnings}, indent=2, sort_keys=True,
                          ensure_ascii=False) + "\n"


def _shapes(counts: dict[str, int]) -> str:
    return ", ".join(f"{shape}×{n}" for shape, n in sorted(counts.items())) or "none"
