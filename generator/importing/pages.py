"""Read a page: front matter, mojibake repair, and a tree of headings holding Markdown blocks."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ftfy
import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.problems import ContentError, Problem

ANCHOR = re.compile(r'<a\s+(?:name|id)\s*=\s*"([^"]*)"\s*>\s*</a>')
LONE_ANCHOR = re.compile(r'\s*<a\s+(?:name|id)\s*=\s*"([^"]*)"\s*>\s*</a>\s*$')
# storage-sync style: a problem's title is a bold paragraph carrying an anchor
BOLD_TITLE = re.compile(r'\s*<a\s+(?:name|id)\s*=\s*"([^"]*)"\s*>\s*</a>\s*\*\*(.+?)\*\*\s*$', re.S)
LANG_SUFFIX = re.compile(r"\.[a-z]{2}-[A-Za-z]{2}(?=\.md$)")


@dataclass(frozen=True)
class Block:
    """A top-level Markdown block of a page and the line it starts on."""

    line: int
    text: str


@dataclass
class Node:
    """A heading and everything under it: its own blocks, then its sub-headings."""

    level: int
    title: str
    anchors: list[str]
    line: int
    blocks: list[Block] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    bold: bool = False  # a bold paragraph standing in for a heading

    @property
    def anchor(self) -> str:
        return self.anchors[0]


@dataclass
class Page:
    """One file in one language: its H1 is the root node, its `##` sections the root's children."""

    path: Path
    lang: str
    front: dict[str, Any]
    root: Node
    fixes: int  # words repaired by ftfy
    rel: str | None = None  # the path below the folder of a tree import (kb import --pair)

    @property
    def title(self) -> str:
        return self.root.title

    @property
    def key(self) -> str:
        """The page's name without its language (its path in a tree): both languages of a page share it."""
        return self.rel or LANG_SUFFIX.sub("", self.path.name)


def slugify(heading: str) -> str:
    """DocFX's anchor for a heading: lower case, punctuation dropped, each space a hyphen."""
    text = re.sub(r"[^\w\s-]", "", heading.lower().replace("\\", ""))
    return re.sub(r"\s", "-", text.strip())


def read_page(path: Path, lang: str | None, rel: str | None = None) -> Page:
    """Parse one DocFX page; `lang` overrides ms.contentlocale (default en)."""
    data = path.read_bytes()
    try:
        raw = data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise ContentError([Problem(str(path), line, "not UTF-8 text: save the page as UTF-8")]) from None
    text = ftfy.fix_text(raw, uncurl_quotes=False, fix_character_width=False, fix_latin_ligatures=False)
    fixes = sum(a != b for a, b in zip(raw.split(), text.split()))
    front, skipped = {}, 0
    if match := re.match(r"---\n(.*?)\n---\n", text, re.S):
        try:
            front = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError:
            front = {}  # broken front matter is not worth refusing the page for
        front = front if isinstance(front, dict) else {}
        skipped = match.group(0).count("\n")
        text = text[match.end():]
    lang = lang or str(front.get("ms.contentlocale", "en")).split("-")[0].lower()
    return Page(path, lang, front, _tree(text, skipped), fixes, rel)


def _tree(text: str, skipped: int) -> Node:
    """The heading tree of a page body; `skipped` lines of front matter keep line numbers true."""
    lines = text.splitlines()
    root = Node(1, "", [""], 1)
    stack, pending = [root], []
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    for i, token in enumerate(tokens):
        if token.level != 0 or not token.map or token.type.endswith("_close") or token.type == "inline":
            continue
        block = Block(skipped + token.map[0] + 1, "\n".join(lines[token.map[0]:token.map[1]]).rstrip())
        heading = _heading(token, tokens[i + 1] if i + 1 < len(tokens) else None, root, stack)
        if heading is None:
            if lone := LONE_ANCHOR.match(block.text):
                pending.append(lone.group(1))  # an <a id> on its own line names the heading after it
                continue
            stack[-1].blocks.append(block)
            pending = []
            continue
        level, title, anchor = heading
        if level == 1:
            root.title, root.anchors, root.line = title, [anchor], block.line
            continue
        while len(stack) > 1 and stack[-1].level >= level:
            stack.pop()
        node = Node(level, title, [anchor, *pending], block.line, bold=token.type == "paragraph_open")
        stack[-1].children.append(node)
        stack.append(node)
        pending = []
    return root


def _heading(token: Token, inline: Token | None, root: Node, stack: list[Node]) -> tuple[int, str, str] | None:
    """(level, text, anchor) when the token starts a heading or a bold title; None for a plain block."""
    if token.type == "heading_open" and inline is not None:
        level = int(token.tag[1])
        if level == 1 and (root.title or "](#tab/" in inline.content):
            return None  # a second H1 is a DocFX tab ("# [Portal](#tab/portal)"), part of the text
        return level, *_title(inline.content)
    if token.type == "paragraph_open" and inline is not None and (bold := BOLD_TITLE.match(inline.content)):
        parent = stack[-1]
        level = parent.level if parent.bold else parent.level + 1
        return level, " ".join(bold.group(2).split()), bold.group(1)
    return None


def _title(inline: str) -> tuple[str, str]:
    """(text, anchor) of a heading; the anchor is its <a name|id> or DocFX's slug of the text."""
    anchor = ANCHOR.search(inline)
    text = html.unescape(ANCHOR.sub("", inline).replace("\\", "")).strip()
    return text, anchor.group(1) if anchor else slugify(text)  # <Placeholders> stay in the text
