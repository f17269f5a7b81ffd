"""Check that an import keeps every word of a page once: the share kept and the share repeated.

Both sides are reduced to their words the same way: markup, link targets and labels are not
words; what the importer adds itself (admonition titles, "the original page does not say")
is not counted either.
"""
from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from generator.catalogues import catalogue
from generator.importing.pages import ANCHOR, Block
from generator.importing.shapes import BOLD_LABEL, Found, label

DROP = [
    (re.compile(r":::image\s[^:]*?alt-text=\"([^\"]*)\"[^:]*:::"), r"\1"),  # a DocFX image: its alt text
    (re.compile(r"\[!INCLUDE\s*\[[^\]]*\]\(([^)]*)\)\]"), r"\1"),  # an include: its path, as the importer keeps it
    (re.compile(r"^\s*!!! \w+ \"[^\"\n]*\"", re.M), ""),  # an admonition's title (added by the importer)
    (re.compile(r"\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]", re.I), ""),
    (re.compile(r"\]\([^)]*\)"), ""),  # link and image targets (a link made plain text leaves no gap)
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

    @property
    def kept_share(self) -> float:
        return self.kept / self.source if self.source else 1.0

    @property
    def repeated_share(self) -> float:
        return self.repeated / self.output if self.output else 0.0


def words(text: str, lang: str) -> Counter[str]:
    """The words of Markdown text, lower case, without markup or the importer's own phrases."""
    text = html.unescape(ANCHOR.sub(" ", text)).replace(catalogue(lang).labels["not_given"], " ")
    for pattern, replacement in DROP:
        text = pattern.sub(replacement, text)
    return Counter(re.findall(r"\w+", text.lower()))


def page_words(found: Found, title: str, lang: str) -> Counter[str]:
    """The words an import must keep: everything but skipped sections and label words."""
    counts = words(title, lang)
    for problem in found.problems:
        counts += words(problem.title, lang)
        for part in problem.parts:
            counts += words(part.title, lang) + _blocks(part.blocks, lang)
    return counts + sum((words(b.text, lang) for b in found.extras), Counter())  # the area page keeps them whole


def _blocks(blocks: Iterable[Block], lang: str) -> Counter[str]:
    """Words of blocks, leaving out a label that starts a paragraph (`**Cause:**`)."""
    counts: Counter[str] = Counter()
    for block in blocks:
        counts += words(_unlabelled(block.text, lang), lang)
    return counts


def _unlabelled(text: str, lang: str) -> str:
    """Paragraph text without a leading label, as shapes.py splits it off."""
    match = BOLD_LABEL.match(text)
    group = match and next(g for g in match.groups() if g is not None)
    return text[match.end():] if match and label(group, lang) else text


def tally(source: Counter[str], output: Counter[str]) -> Tally:
    """How much of `source` is in `output`, and how much of `output` is there more often than in the source."""
    kept = sum(min(n, output[w]) for w, n in source.items())
    repeated = sum(max(0, n - source[w]) for w, n in output.items())
    return Tally(sum(source.values()), kept, repeated, sum(output.values()))
