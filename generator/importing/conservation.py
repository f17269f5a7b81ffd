"""Check what an import made of a page's words: each kept once, and none added.

- kept: the share of the page's words that reached a record or the area page;
- repeated: the share of the records' text (titles aside) that says a page word more often than the page;
- added: words of the records and the area page that the page does not have at all.

Both sides are reduced to their words the same way: markup, link targets and labels are not words.
A title may carry words of the headings above it (context) and a rendering of the page's markup may
name it (an alert's title): these are the page's own words, not added ones.
"""
from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass

from generator.importing.pages import ANCHOR, Node
from generator.importing.shapes import Found

DROP = [
    (re.compile(r":::image\s[^:]*?alt-text=\"([^\"]*)\"[^:]*:::"), r"\1"),  # a DocFX image: its alt text
    (re.compile(r"^\s*!!! \w+ \"[^\"\n]*\"", re.M), ""),  # an admonition's title: the page's marker, rendered
    (re.compile(r"\[(?:!|AZURE\.)(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]", re.I), ""),
    (re.compile(r">\s*\[!div[^\]]*\]", re.I), ""),  # a DocFX div only styles
    (re.compile(r"\]\([^)]*\)"), "]"),  # link and image targets (a link made plain text leaves no gap)
    (re.compile(r"\]\[[^\]]*\]"), "]"),  # reference-style link labels
    (re.compile(r"\(#tab/[^)]*\)"), ""),
    (re.compile(r"^\s*\d+[.)](?=\s)", re.M), ""),  # list numbers: steps are numbered by the page template
    (re.compile(r"</?[A-Za-z][^<>\n]*>"), " "),  # tags, anchors and <placeholders>: both sides alike
]


@dataclass(frozen=True)
class Tally:
    """Words of a page (source) and of what the import made of it (output)."""

    source: int
    kept: int
    repeated: int
    output: int
    added: int
    added_words: tuple[str, ...]

    @property
    def kept_share(self) -> float:
        return self.kept / self.source if self.source else 1.0

    @property
    def repeated_share(self) -> float:
        return self.repeated / self.output if self.output else 0.0


def words(text: str) -> Counter[str]:
    """The words of Markdown text, lower case, without markup."""
    text = html.unescape(ANCHOR.sub(" ", text))
    for pattern, replacement in DROP:
        text = pattern.sub(replacement, text)
    return Counter(re.findall(r"\w+", text.lower()))


def page_words(found: Found, title: str) -> Counter[str]:
    """The words an import must keep: everything but sections left out, navigation and label words."""
    counts = words(title)
    for problem in found.problems:
        counts += words(problem.title)
        for part in problem.parts:
            counts += words(part.title) + sum((words(b.text) for b in part.blocks), Counter())
    return counts + sum((words(b.text) for b in found.extras), Counter())


def all_words(root: Node) -> Counter[str]:
    """Every word on a page, labels and sections left out included: what no record may go beyond."""
    counts = words(root.title)
    for block in root.blocks:
        counts += words(block.text)
    for child in root.children:
        counts += all_words(child)
    return counts


def tally(source: Counter[str], body: Counter[str], titles: Counter[str], page: Counter[str]) -> Tally:
    """How much of `source` is in the output (body and titles), how much of the body is there more often
    than in the source, and which words the page does not have at all."""
    output = body + titles
    kept = sum(min(n, output[w]) for w, n in source.items())
    repeated = sum(max(0, n - source[w]) for w, n in body.items())
    added = sorted(w for w in output if page[w] == 0)
    return Tally(sum(source.values()), kept, repeated, sum(body.values()), sum(output[w] for w in added),
                 tuple(added))
