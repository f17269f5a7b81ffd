"""DocFX Markdown to the Markdown remedykb builds: alerts, includes, images, links, placeholders.

Images go through generator/media.py: only real images from inside the page's folder are copied.
"""
from __future__ import annotations

import html
import os
import re
from pathlib import Path
from urllib.parse import quote

from generator import media
from generator.catalogues import catalogue
from generator.importing.blocks import is_code
from generator.importing.pages import ANCHOR, LANG_SUFFIX, Block, Node, Page

ALERTS = {"NOTE": "note", "TIP": "tip", "IMPORTANT": "warning", "WARNING": "warning", "CAUTION": "danger"}
SAFE_TAGS = {"a", "b", "br", "code", "em", "i", "kbd", "strong", "sub", "sup"}


# Entities a page writes for characters Markdown would read as markup: escaped instead of decoded.
MARKUP = {"*": "\\*", "_": "\\_", "`": "\\`", "[": "\\[", "]": "\\]", "#": "\\#", "|": "\\|",
          "<": "&lt;", ">": "&gt;", "&": "&amp;", "\\": "\\\\"}
ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,31});")


BR = re.compile(r"[ \t]*(?:<br\s*/?>[ \t]*)+", re.I)


def breaks(text: str) -> str:
    """`<br>` as Markdown has it: a space in a table or a list (which one line holds), a new line in a
    paragraph, a new paragraph for two."""
    if text.lstrip().startswith(("|", "-", "*", "+")) or re.match(r"\s*\d+[.)]\s", text) or "|" in text.split("\n")[0]:
        return BR.sub(" ", text)
    return BR.sub(lambda m: "\n\n" if m.group().lower().count("<br") > 1 else "\n", text)


def entities(text: str) -> str:
    """HTML entities as the characters they stand for (`&#x2a;` -> `\\*`, `&nbsp;` -> a space), outside code."""
    parts = re.split(r"(`[^`\n]*`)", text)
    return "".join(p if p.startswith("`") else ENTITY.sub(_entity, p) for p in parts)


def _entity(match: re.Match[str]) -> str:
    char = html.unescape(match.group())
    if char == match.group():
        return char
    return MARKUP.get(char, " " if char == "\xa0" else char)


class Converter:
    """DocFX Markdown to the Markdown remedykb builds: alerts, includes, images, links, placeholders."""

    def __init__(self, ids: dict[tuple[str, str], str], media_root: Path | None, limit_mb: float):
        # ids: (page key, anchor) -> the link target of what the anchor became: `id.md` or `id.md#step`
        self.ids, self.media_root, self.limit_mb = ids, media_root, limit_mb
        self.images: dict[str, bytes] = {}  # name under content/media -> the checked bytes to write
        self.warnings: list[str] = []
        self.page, self.block = Page(Path("."), "en", {}, Node(1, "", [""], 1), 0), Block(1, "")

    def for_page(self, page: Page) -> Converter:
        self.page = page
        return self

    def convert(self, block: Block) -> str:
        self.block = block
        if is_code(block.text):
            return block.text
        text = ANCHOR.sub("", block.text)
        text = re.sub(r"^#\s+\[([^\]]+)\]\(#tab/[^)]*\)", r"**\1**", text)  # a DocFX tab's title
        text = self._div(text)
        text = self._alert(text)  # keeps the lines where they are, so images can still name theirs
        text = re.sub(r"(!?)\[([^\]]*)\]\[([^\]]*)\]", self._reference, text)
        text = re.sub(r":::image\s+([^:]*?):::", self._docfx_image, text)
        text = re.sub(r"!\[([^\]]*)\]\(([^)\s]+)[^)]*\)", self._image, text)
        text = re.sub(r"(?<!!)\[((?:[^\[\]]|\[[^\]]*\])+)\]\(\s*([^)\s]+)(?:\s+\"[^\"]*\")?\s*\)", self._link, text)
        return self._tags(entities(breaks(text)))

    def _warn(self, match: re.Match[str], message: str) -> None:
        """A warning at the file and line of `match` in the current block."""
        line = self.block.line + match.string.count("\n", 0, match.start())
        self.warnings.append(f"{self.page.path}:{line}: {message}")

    def _alert(self, block: str) -> str:
        match = re.match(r"\s*>\s*\[(?:!|AZURE\.)(\w+)\]\s*\n?(.*)", block, re.S | re.I)
        if not match or match.group(1).upper() not in ALERTS:
            return block
        alert = match.group(1).upper()
        title = catalogue(self.page.lang).strings[f"alert_{alert.lower()}"]
        body = [re.sub(r"^\s*>\s?", "", line) for line in match.group(2).splitlines()]
        return f'!!! {ALERTS[alert]} "{title}"\n' + "\n".join(f"    {line}" if line else "" for line in body)

    def _div(self, block: str) -> str:
        """A DocFX `> [!div class=...]` wrapper only styles what it holds: the content without it."""
        if not re.match(r"\s*>\s*\[!div\b", block, re.I):
            return block
        lines = block.splitlines()[1:]
        return "\n".join(re.sub(r"^\s*>\s?", "", line) for line in lines)

    def _reference(self, match: re.Match[str]) -> str:
        """`![alt][label]` or `[text][label]`, made inline with the page's definition of the label."""
        bang, text, ref = match.groups()
        target = self.page.references.get((ref or text).lower())
        return f"{bang}[{text}]({target})" if target else match.group(0)

    def _docfx_image(self, match: re.Match[str]) -> str:
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', match.group(1)))
        return self._image_for(match, attrs.get("alt-text", ""), attrs.get("source", ""))

    def _image(self, match: re.Match[str]) -> str:
        return self._image_for(match, match.group(1), match.group(2))

    def _image_for(self, match: re.Match[str], alt: str, target: str) -> str:
        """Copy a local image that passes media's checks; anything else stays on the page as text."""
        if re.match(r"https?://", target, re.I):  # pages never load anything from outside the site
            self._warn(match, f"image on another site kept as a link: {target}")
            return f"[{alt or target}]({target})"
        root = self.media_root or self.page.path.parent
        try:
            source = media.local_file(target, self.page.path.parent, root)
            data = media.read_image(source, self.limit_mb)
        except media.Refused as why:
            self._warn(match, f"image not copied ({why}), kept as text: {target}")
            return f"*[{alt or target}]*"
        parts = source.relative_to(os.path.realpath(root)).parts
        name = media.image_name("/".join(parts[1:] if parts[0] == media.MEDIA_DIR and len(parts) > 1 else parts), data)
        self.images[name] = data
        return f"![{alt}](../{media.MEDIA_DIR}/{quote(name)})"

    def _link(self, match: re.Match[str]) -> str:
        text, target = match.groups()
        if re.match(r"[a-zA-Z][\w+.-]*:", target):
            return f"[{text}]({target})"  # https:, mailto: and the like stay links
        page, _, anchor = target.partition("#")
        page = page.split("?")[0]  # "?tabs=portal#broken-sync" is a place on the page itself
        key = LANG_SUFFIX.sub("", Path(page).name) if page else self.page.key
        if (key, anchor) in self.ids:
            return f"[{text}]({self.ids[key, anchor]})"  # a section imported as a remedy, or one of its steps
        if page:
            self._warn(match, f"link to a page that was not imported, kept as text: {target}")
        # a link set off its text ("[instellen](x.md)voor"); as plain text it needs the space the link gave
        after = match.string[match.end():match.end() + 1]
        before = match.string[match.start() - 1:match.start()] if match.start() else ""
        return (" " if before.isalnum() else "") + text + (" " if after.isalnum() else "")

    def _tags(self, block: str) -> str:
        """Escape HTML-looking text outside code spans: <VPN Connection Name> stays visible."""
        parts = re.split(r"(`[^`]*`)", block)
        return "".join(p if p.startswith("`") else re.sub(r"<(/?)([^<>\n]+)>", self._tag, p) for p in parts)

    def _tag(self, match: re.Match[str]) -> str:
        """Keep a few inline tags and autolinks; anything else is text."""
        words = match.group(2).split()
        keep = (words and words[0].lower() in SAFE_TAGS and all("=" in w for w in words[1:])) or \
            re.fullmatch(r"\w+://\S+|[^@\s]+@[^@\s]+", match.group(2))
        return match.group(0) if keep else f"&lt;{match.group(1)}{match.group(2)}&gt;"

    def write_images(self, content: Path) -> None:
        """Write the checked images below content/media, and nowhere else."""
        folder = Path(os.path.realpath(content / media.MEDIA_DIR))
        for name, data in sorted(self.images.items()):
            target = Path(os.path.realpath(folder / name))
            if not target.is_relative_to(folder):  # names come from checked paths; this is the last line of defence
                raise ValueError(f"refusing to write {target}: outside {folder}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


