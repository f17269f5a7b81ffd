"""Markdown blocks as an importer reads them: lists and their items, code, tables, tables of contents."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from markdown_it import MarkdownIt

from generator.importing.pages import Block, Node

_MD = MarkdownIt("commonmark").enable("table")
ORDERED = re.compile(r"\s{0,3}\d+[.)](\s|$)")
BR = re.compile(r"\s*<br\s*/?>\s*", re.I)


def is_code(text: str) -> bool:
    """An indented or fenced code block: copied as it is."""
    return text.startswith(("    ", "\t", "```", "~~~")) or bool(re.match(r"\s{1,3}(```|~~~)", text))


def is_list(text: str) -> bool:
    """A block that is one list, ordered or not."""
    tokens = _MD.parse(text)
    return bool(tokens) and tokens[0].type.endswith("list_open") and tokens[0].map == [0, len(text.splitlines())]


def is_ordered(text: str) -> bool:
    return is_list(text) and bool(ORDERED.match(text))


def is_prose(text: str) -> bool:
    """A paragraph of words: no list, code, table, image, alert or bold line standing alone."""
    return not (is_list(text) or is_code(text) or text.lstrip().startswith(("|", ">", "!", ":::", "<"))
                or re.fullmatch(r"\s*\*\*[^*]+\*\*\s*:?\s*", text))


def list_items(text: str) -> list[str]:
    """The items of a block that is one list, each with everything nested in it; [] for other blocks."""
    if not is_list(text):
        return []
    lines = text.splitlines()
    items = []
    for token in _MD.parse(text):
        if token.type == "list_item_open" and token.level == 1 and token.map:
            item = lines[token.map[0]:token.map[1]]
            marker = re.match(r"\s*(?:[-*+]|\d+[.)])\s*", item[0])
            width = marker.end() if marker else 0
            body = [item[0][width:]] + [line[width:] if line[:width].isspace() else line.lstrip() for line in item[1:]]
            items.append("\n".join(body).strip())
    return [item for item in items if item]


def flatten(node: Node) -> list[Block]:
    """A sub-heading as blocks: its title in bold, its text, then its own sub-headings likewise."""
    out = [Block(node.line, f"**{node.title}**")] if node.title else []
    out += node.blocks
    for child in node.children:
        out += flatten(child)
    return out


def join(blocks: list[Block]) -> Block | None:
    """Blocks as one block (a step that holds a sub-heading's whole text), at the first one's line."""
    return Block(blocks[0].line, "\n\n".join(b.text for b in blocks)) if blocks else None


IN_PAGE_LINK = re.compile(r"\[[^\]]+\]\(#[^)\s]+\)")


def is_toc(text: str) -> bool:
    """A list whose every item is only a link to a place on the same page: navigation, not content."""
    items = list_items(text)
    return bool(items) and all(IN_PAGE_LINK.fullmatch(item.strip()) for item in items)


@dataclass(frozen=True)
class Table:
    """A pipe table: its header cells and rows of cells, and the line of each row."""

    line: int
    header: list[str]
    rows: list[tuple[int, list[str]]]


def table(block: Block) -> Table | None:
    """The table a block holds (with or without outer pipes), or None."""
    lines = block.text.splitlines()
    if len(lines) < 2 or not re.fullmatch(r"\s*\|?\s*:?-+:?\s*(\|\s*:?-*:?\s*)*\|?\s*", lines[1]):
        return None
    if "|" not in lines[0] and "|" not in lines[1]:
        return None
    header = cells(lines[0])
    rows = [(block.line + i, cells(line)[:len(header)]) for i, line in enumerate(lines[2:], start=2) if line.strip()]
    return Table(block.line, header, rows)


def cells(line: str) -> list[str]:
    """The cells of one table row (escaped pipes stay in the text)."""
    line = line.strip()
    line = line[1:] if line.startswith("|") else line
    line = line[:-1] if line.endswith("|") and not line.endswith("\\|") else line
    return [c.strip() for c in re.split(r"(?<!\\)\|", line)]


def cell_markdown(cell: str) -> str:
    """A table cell as Markdown of its own: `<br>` a line break (two a new paragraph), `- ` lines a list."""
    text = re.sub(r"(\s*<br\s*/?>\s*){2,}", "\n\n", cell.strip(), flags=re.I)
    text = BR.sub("\n", text)
    text = re.sub(r"<ul>\s*|</ul>\s*|</li>\s*", "", text, flags=re.I)
    text = re.sub(r"\s*<li>\s*", "\n- ", text, flags=re.I).strip()
    lines = [line.strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:  # "- a" lines become a list; a list needs a blank line before it
        line = re.sub(r"^-(?=[^\W\d_])", "- ", line)  # "-Als": a translation lost the space ("-2134" stays)
        if line.startswith("- ") and out and out[-1] and not out[-1].startswith("- "):
            out.append("")
        out.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()


HTML_TAG = re.compile(r"</?(?:a|b|br|code|div|em|i|kbd|li|ol|p|span|strong|sub|sup|ul)\b[^<>\n]*>", re.I)


def plain(markdown: str) -> str:
    """Markdown inline text as plain text: no emphasis, code marks, links or tags; entities decoded."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = HTML_TAG.sub(" ", text)  # <VPN Connection Name> is a placeholder, not a tag: it stays
    text = re.sub(r"(\*\*|__|`)", "", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)([^*]+?)\*(?!\w)", r"\1", text)
    return " ".join(html.unescape(text.replace("\\", "")).split())
