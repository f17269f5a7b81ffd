"""Import Microsoft-Docs style (DocFX) troubleshooting pages into remedy records.

Each `##` problem section becomes one remedy; the same page in several languages is paired by
the section's English anchor (a translated page carries it as `<a name="english-slug">`).
Read everything first, then write: a conflict or an error leaves the content folder as it was.
"""
from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import ftfy
import yaml
from markdown_it import MarkdownIt

from generator import media, translation, validation
from generator.catalogues import catalogue
from generator.records import Translation
from generator.search import analyzer

NOT_REMEDIES = {"next-steps", "see-also", "related-content", "related-articles", "additional-resources"}
ALERTS = {"NOTE": "note", "TIP": "tip", "IMPORTANT": "warning", "WARNING": "warning", "CAUTION": "danger"}
SAFE_TAGS = {"a", "b", "br", "code", "em", "i", "kbd", "strong", "sub", "sup"}
FIX_CUES = {"en": ("to resolve", "to fix", "to solve", "you can", "resolution"),
            "nl": ("om dit probleem op te lossen", "om dit op te lossen", "u kunt", "je kunt", "oplossing")}
CODE_PATTERNS = [r"\bAADSTS\d{4,}\b", r"\b0x[0-9A-Fa-f]{8}\b", r"\b[A-Z]{2,}\d{3,}\b"]
HTTP_ERROR = r"\b(?:HTTP|[Ee]rror|[Ss]tatus)(?: code)?\s+([45]\d\d)\b"
ID_WORDS = 6


@dataclass(frozen=True)
class Block:
    """A top-level Markdown block of a page and the line it starts on, for warnings."""

    line: int
    text: str


@dataclass
class Section:
    """A `##` section (or `###` sub-section) of a page: heading, anchor, Markdown blocks."""

    title: str
    anchor: str
    blocks: list[Block] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)


@dataclass
class Page:
    """One imported file in one language."""

    path: Path
    lang: str
    front: dict[str, Any]
    title: str
    intro: list[Block]
    sections: list[Section]


@dataclass
class Report:
    """What an import did and what it could not do."""

    written: list[str] = field(default_factory=list)
    paired: int = 0
    codes: list[str] = field(default_factory=list)
    fixes: int = 0
    conflicts: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"records written: {len(self.written)}" + (f" ({', '.join(self.written)})" if self.written else ""),
               f"sections paired across languages: {self.paired}",
               f"error codes found: {', '.join(self.codes) or 'none'}",
               f"mojibake repaired: {self.fixes}"]
        out += [f"conflict: {c}" for c in self.conflicts]
        out += [f"warning: {w}" for w in self.warnings]
        return out


def slugify(heading: str) -> str:
    """DocFX's anchor for a heading: lower case, punctuation dropped, each space a hyphen."""
    text = re.sub(r"[^\w\s-]", "", heading.lower().replace("\\", ""))
    return re.sub(r"\s", "-", text.strip())


def as_alias(anchor: str) -> str:
    """An anchor as a valid former id (runs of hyphens folded)."""
    return re.sub(r"-{2,}", "-", anchor).strip("-")


def short_id(anchor: str) -> str:
    """A remedy id from an English anchor: its first meaningful words."""
    stop = analyzer("en").stop_words
    words = [w for w in as_alias(anchor).split("-") if w and (w not in stop or re.search(r"\d", w))]
    return "-".join(words[:ID_WORDS]) or as_alias(anchor)[:40]


def read_page(path: Path, lang: str | None, report: Report) -> Page:
    """Parse one DocFX page: front matter, title, intro and sections; repair mojibake."""
    raw = path.read_text(encoding="utf-8-sig")
    text = ftfy.fix_text(raw, uncurl_quotes=False, fix_character_width=False, fix_latin_ligatures=False)
    report.fixes += sum(a != b for a, b in zip(raw.split(), text.split()))
    front: dict[str, Any] = {}
    skipped = 0  # lines of front matter, so that block lines are the file's lines
    if match := re.match(r"---\n(.*?)\n---\n", text, re.S):
        front = yaml.safe_load(match.group(1)) or {}
        skipped = match.group(0).count("\n")
        text = text[match.end():]
    lang = lang or str(front.get("ms.contentlocale", "en")).split("-")[0].lower()
    lines = text.splitlines()
    title, intro, sections = "", [], []
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    for i, token in enumerate(tokens):
        if token.level != 0 or not token.map or token.type.endswith("_close") or token.type == "inline":
            continue
        source = Block(skipped + token.map[0] + 1, "\n".join(lines[token.map[0]:token.map[1]]).rstrip())
        if token.type == "heading_open":
            name, anchor = _heading(tokens[i + 1].content)
            if token.tag == "h1":
                title = name
            elif token.tag == "h2" or not sections:
                sections.append(Section(name, anchor))
            else:
                sections[-1].subsections.append(Section(name, anchor))
        elif not sections:
            intro.append(source)
        else:
            (sections[-1].subsections or [sections[-1]])[-1].blocks.append(source)
    return Page(path, lang, front, title, intro, sections)


def _heading(inline: str) -> tuple[str, str]:
    """(text, anchor) of a heading; the anchor is its <a name|id> or DocFX's slug of the text."""
    anchor = re.search(r'<a\s+(?:name|id)="([^"]+)"\s*>\s*</a>', inline)
    text = re.sub(r'<a\s+(?:name|id)="[^"]*"\s*>\s*</a>', "", inline).replace("\\", "").strip()
    return text, anchor.group(1) if anchor else slugify(text)  # <Placeholders> stay in the text


def import_pages(files: list[Path], content: Path, area: str | None = None, lang: str | None = None,
                 dry_run: bool = False, force: bool = False, media_root: Path | None = None) -> Report:
    """Import pages into `content`; pair languages; write records unless `dry_run`.

    Images are copied only from each page's own folder, or from `media_root` when given.
    """
    limit_mb = validation.site_config(content).max_image_mb
    report = Report()
    pages = [read_page(path, lang, report) for path in files]
    source = next((p for p in pages if p.lang == "en"), pages[0])
    area_key = area or short_id(slugify(source.title) or "imported")
    by_lang = {p.lang: {s.anchor: s for s in p.sections if s.anchor not in NOT_REMEDIES} for p in pages}
    anchors = list(dict.fromkeys(a for p in [source, *pages] for a in by_lang[p.lang]))
    ids = {anchor: _unique(short_id(anchor), anchor, anchors) for anchor in anchors}
    converter = _Converter(ids, report, media_root, limit_mb)
    records = {}
    for anchor in anchors:
        present = {p.lang: (p, by_lang[p.lang][anchor]) for p in pages if anchor in by_lang[p.lang]}
        if len(present) < len(pages):
            report.warnings.append(f"section '{anchor}' has no pair in: "
                                   f"{', '.join(p.lang for p in pages if p.lang not in present)}")
        else:
            report.paired += 1
        records[ids[anchor]] = _record(ids[anchor], anchor, area_key, present, source.lang, converter, report)
    area_entry = {p.lang: {"title": p.title, "intro": "\n\n".join(map(converter.for_page(p).convert, p.intro))}
                  for p in pages}
    report.codes = sorted({c for r in records.values() for c in r["codes"]})
    targets = {rid: content / "remedies" / f"{rid}.yaml" for rid in records}
    report.conflicts = [f"{path} exists (use --force to replace it)" for path in targets.values()
                        if path.exists() and not force]
    if dry_run or report.conflicts:
        return report
    _write_area(content, area_key, area_entry)
    converter.write_images(content)
    for rid, record in records.items():
        targets[rid].parent.mkdir(parents=True, exist_ok=True)
        targets[rid].write_text(dump_record(record), encoding="utf-8")
        report.written.append(rid)
    return report


def _unique(rid: str, anchor: str, anchors: list[str]) -> str:
    """Keep ids apart when two anchors shorten to the same words."""
    clashes = [a for a in anchors if short_id(a) == rid]
    return rid if len(clashes) == 1 else f"{rid}-{clashes.index(anchor) + 1}"


def _record(rid: str, anchor: str, area: str, present: dict[str, tuple[Page, Section]], source: str,
            converter: _Converter, report: Report) -> dict[str, Any]:
    """One remedy record from the same section in each language."""
    texts = {lang: _text(section, lang, converter.for_page(page)) for lang, (page, section) in present.items()}
    everything = " ".join(" ".join([b.text for b in s.blocks] + [s.title] +
                                   [b.text for sub in s.subsections for b in sub.blocks])
                          for _, s in present.values())
    first = next(iter(present.values()))[0]
    record: dict[str, Any] = {
        "id": rid, "area": area, "codes": _codes(everything), "tags": [],
        "updated": _date(first.front.get("ms.date")),
        "aliases": [as_alias(anchor)] if as_alias(anchor) != rid else [], "related": [],
    }
    if source not in texts:
        record["source"] = source = next(iter(texts))
    digest = translation.source_hash(Translation.model_validate(texts[source]))
    for lang, (page, _) in present.items():
        if lang == source:
            continue
        if str(page.front.get("ms.translationtype", "")).upper() == "MT":
            texts[lang]["machine"] = True
        texts[lang]["source_hash"] = digest  # made from this source text, as of the import
    return record | texts


def _text(section: Section, lang: str, converter: _Converter) -> dict[str, Any]:
    """Title, symptom and solutions of one section in one language, as well as can be told."""
    blocks = [converter.convert(b) for b in section.blocks]
    if section.subsections:
        symptom = "\n\n".join(blocks) or section.title
        solutions = [_solution(sub.title, [converter.convert(b) for b in sub.blocks], lang)
                     for sub in section.subsections]
    else:
        symptom, rest = _split_symptom(section.title, blocks)
        solutions = [_solution(None, rest, lang)]
    return {"title": section.title, "symptom": symptom, "solutions": solutions}


def _split_symptom(title: str, blocks: list[str]) -> tuple[str, list[str]]:
    """The symptom: the first paragraph and the message after it, when more follows; else the title."""
    first = next((i for i, b in enumerate(blocks) if not re.match(r"\s*(?:!!!|[-*+|]|\d+\.|!\[|`|    )", b)), None)
    if len(blocks) >= 3 and first is not None:
        end = first + (2 if first + 1 < len(blocks) and _is_code(blocks[first + 1]) else 1)
        return "\n\n".join(blocks[first:end]), blocks[:first] + blocks[end:]
    return title, blocks


def _solution(heading: str | None, blocks: list[str], lang: str) -> dict[str, Any]:
    """Cause and steps: list items or the paragraphs from a "to resolve" cue on are steps."""
    items = [b for b in blocks if re.match(r"\s*(?:[-*+]|\d+\.)\s", b)]
    if items:
        steps = [re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", line) for line in "\n".join(items).splitlines()
                 if re.match(r"\s*(?:[-*+]|\d+\.)\s", line)]
        cause = [b for b in blocks if b not in items]
    elif len(blocks) == 1 and not _is_code(blocks[0]):
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z\u201c\"'])", blocks[0], maxsplit=1)
        cause, steps = sentences[:1], [" ".join(sentences[1:]) or sentences[0]]
    else:
        cue = next((i for i, b in enumerate(blocks) if i and b.lower().startswith(FIX_CUES.get(lang, ()))), None)
        split = cue if cue is not None else max(1, len(blocks) - 1)
        cause, steps = blocks[:split], blocks[split:] or blocks[-1:]
    cause_text = "\n\n".join(([f"**{heading}**"] if heading else []) + cause) or (heading or steps[0])
    return {"cause": cause_text, "steps": steps or [cause_text]}


def _is_code(block: str) -> bool:
    return block.startswith(("    ", "```", "~~~"))


def _codes(text: str) -> list[str]:
    found = [m for pattern in CODE_PATTERNS for m in re.findall(pattern, text)]
    found += [f"HTTP-{m}" for m in re.findall(HTTP_ERROR, text)]
    return list(dict.fromkeys(found))


def _date(value: Any) -> str:
    """ms.date (MM/DD/YYYY) as YYYY-MM-DD; today when absent."""
    if isinstance(value, str) and (m := re.fullmatch(r"(\d\d)/(\d\d)/(\d{4})", value.strip())):
        return f"{m.group(3)}-{m.group(1)}-{m.group(2)}"
    return datetime.date.today().isoformat()


class _Converter:
    """DocFX Markdown to the Markdown remedykb builds: alerts, includes, images, links, placeholders."""

    def __init__(self, ids: dict[str, str], report: Report, media_root: Path | None, limit_mb: float):
        self.ids, self.report, self.media_root, self.limit_mb = ids, report, media_root, limit_mb
        self.images: dict[str, bytes] = {}  # name under content/media -> the checked bytes to write
        self.page, self.lang, self.block = Path("."), "en", Block(1, "")

    def for_page(self, page: Page) -> _Converter:
        self.page, self.lang = page.path, page.lang
        return self

    def convert(self, block: Block) -> str:
        self.block = block
        if _is_code(block.text):
            return block.text
        text = re.sub(r'<a\s+(?:name|id)="[^"]*"\s*>\s*</a>', "", block.text)
        text = self._alert(text)  # keeps the lines where they are, so images can still name theirs
        text = re.sub(r":::image\s+([^:]*?):::", self._docfx_image, text)
        text = re.sub(r"!\[([^\]]*)\]\(([^)\s]+)[^)]*\)", self._image, text)
        text = re.sub(r"\[!INCLUDE\s*\[([^\]]*)\]\(([^)]*)\)\]", self._include, text)
        text = re.sub(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)", self._link, text)
        return self._tags(text)

    def _warn(self, match: re.Match[str], message: str) -> None:
        """A warning at the file and line of `match` in the current block."""
        line = self.block.line + match.string.count("\n", 0, match.start())
        self.report.warnings.append(f"{self.page}:{line}: {message}")

    def _alert(self, block: str) -> str:
        match = re.match(r"\s*>\s*\[!(\w+)\]\s*\n?(.*)", block, re.S)
        if not match or match.group(1).upper() not in ALERTS:
            return block
        alert = match.group(1).upper()
        title = catalogue(self.lang).strings[f"alert_{alert.lower()}"]
        body = [re.sub(r"^\s*>\s?", "", line) for line in match.group(2).splitlines()]
        return f'!!! {ALERTS[alert]} "{title}"\n' + "\n".join(f"    {line}" if line else "" for line in body)

    def _include(self, match: re.Match[str]) -> str:
        self._warn(match, f"include not imported: {match.group(2)}")
        title = catalogue(self.lang).strings["alert_include"]
        return f'!!! info "{title}"\n    `{match.group(2)}`'

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
        root = self.media_root or self.page.parent
        try:
            source = media.local_file(target, self.page.parent, root)
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
        if re.match(r"\w+:", target):
            return match.group(0)  # https:, mailto: and the like stay links
        page, _, anchor = target.partition("#")
        if anchor in self.ids and (not page or page.endswith(".md")):
            return f"[{text}]({self.ids[anchor]}.md)"  # a section imported as a remedy
        if not page:
            return text  # a section of this page that is not a remedy
        self._warn(match, f"link to a page that was not imported, kept as text: {target}")
        return f"{text} (`{target}`)"

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


def _write_area(content: Path, key: str, entry: dict[str, dict[str, str]]) -> None:
    """Add the pages' area to areas.yaml (titles and intros per language), unless it exists."""
    path = content / "areas.yaml"
    areas = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    if key in (areas or {}):
        return
    with path.open("a", encoding="utf-8") as out:
        out.write(("\n" if path.stat().st_size else "") + yaml.dump({key: entry}, Dumper=_Dumper,
                                                                      allow_unicode=True, sort_keys=False, width=float("inf")))


class _Dumper(yaml.SafeDumper):
    """YAML with multi-line text as literal blocks, the way authors write records."""


_Dumper.add_representer(str, lambda d, s: d.represent_scalar(
    "tag:yaml.org,2002:str", s, style="|" if "\n" in s else None))


def dump_record(record: dict[str, Any]) -> str:
    """A record as YAML, with the schema line editors use for completion."""
    body = yaml.dump(record, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=float("inf"))
    return "# yaml-language-server: $schema=../../schema/remedy.schema.json\n" + body
