"""Read a page: front matter, mojibake repair, and a tree of headings holding Markdown blocks."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import ftfy
import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.importing.includes import Includes
from generator.problems import ContentError, Problem

_A = r'<a\s+(?:name|id)\s*=\s*"([^"]*)"\s*(?:/>|>\s*</a>)'  # <a name="x"></a> or <a name="x" />
ANCHOR = re.compile(_A)
LONE_ANCHOR = re.compile(rf'\s*{_A}\s*$')
# storage-sync style: a problem's title is a bold paragraph carrying one or more anchors
# (the text may go on after a line break in the same paragraph: "**Title**  \nThis error occurs ...")
BOLD_TITLE = re.compile(rf'\s*((?:{_A}\s*)+)\*\*([^\n]+?)\*\*[ \t]*(?:\\?\n|$)', re.S)
# "[audit]: ./media/audit.png": a link reference definition, used by `![Audit Logs][audit]` elsewhere
REFERENCE = re.compile(r'^[ ]{0,3}\[([^\]\n]+)\]:[ \t]*<?(\S+?)>?(?:[ \t]+(?:"[^"\n]*"|\'[^\'\n]*\'|\([^)\n]*\)))?[ \t]*$\n?',
                       re.M)
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
    navigation: bool = False  # it held lists of links to places on the page, taken out (shapes/__init__.py)

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
    warnings: list[str] = field(default_factory=list)  # `path:line: message`, includes left out
    missing_includes: list[int] = field(default_factory=list)  # lines whose include was left out
    references: dict[str, str] = field(default_factory=dict)  # link reference definitions: [label]: target

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


def read_page(path: Path, lang: str | None, rel: str | None = None, include_roots: list[Path] | None = None) -> Page:
    """Parse one DocFX page; `lang` overrides ms.contentlocale (default en); includes come from `include_roots`."""
    data = path.read_bytes()
    try:
        raw = data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise ContentError([Problem(str(path), line, "not UTF-8 text: save the page as UTF-8")]) from None
    # entities stay: convert.py decodes them, escaping what Markdown would read as markup (&#x2a; is \\*)
    text = ftfy.fix_text(raw, uncurl_quotes=False, fix_character_width=False, fix_latin_ligatures=False,
                         unescape_html=False)
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
    includes = Includes(include_roots or [])
    references = {m.group(1).lower(): m.group(2) for m in REFERENCE.finditer(text)}
    # definitions are read from the whole page and left out of its blocks: links are made inline
    root = _tree(text, skipped, lambda block: includes.expand(REFERENCE.sub("", block.text), path, block.line))
    if not root.title and isinstance(front.get("title"), str):
        root.title = front["title"].strip()
    return Page(path, lang, front, root, fixes, rel, includes.warnings, includes.missing, references)


def _tree(text: str, skipped: int, expand: Callable[[Block], str]) -> Node:
    """The heading tree of a page body; `skipped` lines of front matter keep line numbers true;
    `expand` gives a block's text with its includes resolved."""
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
            if (expanded := expand(block)).strip():
                stack[-1].blocks.append(Block(block.line, expanded.rstrip()))
            pending = []
            continue
        level, title, *anchors = heading
        if level == 1:
            root.title, root.anchors, root.line = title, [*anchors], block.line
            continue
        while len(stack) > 1 and stack[-1].level >= level:
            stack.pop()
        node = Node(level, title, [*anchors, *pending], block.line, bold=token.type == "paragraph_open")
        stack[-1].children.append(node)
        stack.append(node)
        pending = []
        if node.bold and len(rest := block.text.split("\n", 1)) > 1:  # the title's own text
            if (own := expand(Block(block.line + 1, rest[1])).rstrip()).strip():
                node.blocks.append(Block(block.line + 1, own))
    _bold_titles(root)
    return root


# A paragraph that is only bold text: "**Users get an invalid password error**", "**How do I ...?**"
BOLD_LINE = re.compile(r"\*\*([^*\n]+?)\*\*\s*")
TITLE_WORDS = 4  # a bold line this long is a title; "**Windows VM**" is a label within the text


def _bold_titles(node: Node) -> None:
    """Bold lines that stand for headings: a question, or two or more sentences in bold each followed by
    text, under a heading that has no sub-headings. They become sub-headings (marked bold)."""
    for child in node.children:
        _bold_titles(child)
    if node.children:
        return
    titles = [i for i, b in enumerate(node.blocks[:-1]) if (m := BOLD_LINE.fullmatch(b.text))
              and not m.group(1).rstrip().endswith(":") and len(m.group(1).split()) >= TITLE_WORDS]
    titles = titles if len(titles) >= 2 else [i for i in titles if node.blocks[i].text.strip().endswith("?**")]
    for at, end in reversed(list(zip(titles, titles[1:] + [len(node.blocks)]))):
        title = " ".join(BOLD_LINE.fullmatch(node.blocks[at].text).group(1).split())
        child = Node(node.level + 1, html.unescape(title), [slugify(title)], node.blocks[at].line,
                     node.blocks[at + 1:end], bold=True)
        node.children.insert(0, child)
        del node.blocks[at:end]


def _heading(token: Token, inline: Token | None, root: Node, stack: list[Node]) -> tuple | None:
    """(level, text, anchor, ...) when the token starts a heading or a bold title; None for a plain block."""
    if token.type == "heading_open" and inline is not None:
        level = int(token.tag[1])
        if level == 1 and (root.title or "](#tab/" in inline.content):
            return None  # a second H1 is a DocFX tab ("# [Portal](#tab/portal)"), part of the text
        return level, *_title(inline.content)
    if token.type == "paragraph_open" and inline is not None and (bold := BOLD_TITLE.match(inline.content)):
        parent = stack[-1]
        level = parent.level if parent.bold else parent.level + 1
        return level, html.unescape(" ".join(bold.group(bold.lastindex).split())), *ANCHOR.findall(bold.group(1))
    return None


def _title(inline: str) -> tuple[str, ...]:
    """(text, anchor, ...) of a heading: its <a name|id> anchors, then DocFX's slug of the text."""
    named = ANCHOR.findall(inline)
    text = html.unescape(ANCHOR.sub("", inline).replace("\\", "")).strip()  # <Placeholders> stay in the text
    slug = slugify(text)
    return text, *named, *([slug] if slug not in named else [])
