"""The last stage of `kb import`: check everything an import would write in a staging copy, then write it.

areas.yaml is edited as text at lines found by ruamel.yaml's round-trip parse, so the bytes of
existing entries stay as they are (a ruamel dump would put a language added to an area after the
comments that introduce the next one); new text is dumped by ruamel in the project's layout.
"""
from __future__ import annotations

import io
import os
import re
import secrets
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from ruamel.yaml import YAML, YAMLError
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from generator import validation
from generator.media import MEDIA_DIR
from generator.problems import ContentError, Problem
from generator.reading import read_yaml
from generator.records import ID_PATTERN

AREAS_HEADER = "# yaml-language-server: $schema=../schema/areas.schema.json\n"
# Characters that PyYAML (the validator) reads back unchanged from a literal block; others need escapes.
_LITERAL_UNSAFE = re.compile(r"[^\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff]")
_BREAK = re.compile(r"(?<=\r\n)|(?<=[\n\x85\u2028\u2029])|(?<=\r)(?!\n)")  # the line breaks YAML counts
_YAML = YAML()  # round-trip mode, in the layout of the project's files (see translation.stamp)
_YAML.width = 4096
_YAML.indent(mapping=2, sequence=4, offset=2)
_OUTSIDE = re.compile(r"\s*$|#|\.\.\.(\s|$)")  # between entries: blank, an unindented comment, `...`


@dataclass
class Plan:
    """Everything one import would write."""

    records: dict[str, str]  # remedy id -> complete text of remedies/<id>.yaml
    areas: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)  # key -> {lang: {title, intro}}
    media: dict[str, bytes] = field(default_factory=dict)  # posix path below content/media/ -> bytes


@dataclass
class Outcome:
    """What `apply` did (or, with dry_run, would do), per file kind."""

    written: list[str]  # ids of new records
    updated: list[str]  # ids whose existing file differed and was replaced (only with force)
    unchanged: list[str]  # ids whose file already holds exactly this text
    kept: list[str]  # ids whose existing file differs and was left alone (no force)
    areas_added: list[str]  # area keys added, or given a language they lacked
    media_written: list[str]


def apply(content: Path, plan: Plan, dry_run: bool = False, force: bool = False) -> Outcome:
    """Check the content as it would be after the import, then write every changed file atomically; nothing on failure."""
    outcome = Outcome([], [], [], [], [], [])
    # Written in this order, so that a disk that fills up halfway leaves images or areas nothing uses yet,
    # never a record whose area or image is missing.
    changes = _media_changes(content, plan.media, outcome)
    text, outcome.areas_added = _areas_text(content / validation.AREAS_FILE, plan.areas)
    if text is not None:
        changes[("", validation.AREAS_FILE)] = text.encode("utf-8")
    changes.update(_record_changes(content, plan.records, force, outcome))
    _check(content, changes)
    if not dry_run:
        for (folder, name), data in changes.items():
            _write(_inside(content, folder, name), data)
    return outcome


def _record_changes(content: Path, records: dict[str, str], force: bool, outcome: Outcome) -> dict:
    """The record files to write; each id sorted into written, updated, unchanged or kept."""
    folder, changes = content / validation.REMEDY_DIR, {}
    existing = {p.stem: p.relative_to(folder).as_posix() for p in sorted(folder.rglob("*.yaml"))} \
        if folder.is_dir() else {}
    for rid, text in records.items():
        if not re.fullmatch(ID_PATTERN, rid):
            raise ValueError(f"refusing to write a record with the id {rid!r}: not a slug")
        name = existing.get(rid, f"{rid}.yaml")  # an author may have moved the record into a subfolder
        path, data = _inside(content, validation.REMEDY_DIR, name), text.encode("utf-8")
        old = path.read_bytes() if path.is_file() else None
        kind = "written" if old is None else "unchanged" if old == data else "updated" if force else "kept"
        getattr(outcome, kind).append(rid)
        if kind in ("written", "updated"):
            changes[(validation.REMEDY_DIR, name)] = data
    return changes


def _media_changes(content: Path, files: dict[str, bytes], outcome: Outcome) -> dict:
    """The media files that are new or differ."""
    changes = {(MEDIA_DIR, name): data for name, data in files.items()
               if not (path := _inside(content, MEDIA_DIR, name)).is_file() or path.read_bytes() != data}
    outcome.media_written += [name for _, name in changes]
    return changes


def _inside(root: Path, folder: str, name: str) -> Path:
    """root/folder/name; ValueError unless its real path stays inside root/folder (the last line of defence)."""
    path, top = PurePosixPath(name), Path(os.path.realpath(root)) / folder
    target = Path(os.path.realpath(root / folder / path))
    if path.is_absolute() or ".." in path.parts or not path.parts or target == top or not target.is_relative_to(top):
        raise ValueError(f"refusing to write {root / folder / name}: outside {root / folder}")
    return root / folder / path


def _check(content: Path, changes: dict) -> None:
    """Validate a staging copy with the changes made; raise ContentError naming the real files."""
    with tempfile.TemporaryDirectory(prefix="kb-import-") as tmp:
        staging = Path(tmp) / "content"
        shutil.copytree(content, staging, symlinks=True)
        for (folder, name), data in changes.items():
            _write(_inside(staging, folder, name), data)
        try:
            validation.load(staging)
        except ContentError as err:
            def real(text: str) -> str:  # the staging folder's paths, named as those of the real one
                return text.replace(os.path.realpath(staging), str(content)).replace(str(staging), str(content))
            raise ContentError(Problem(real(p.path), p.line, real(p.message)) for p in err.problems) from None


def _write(path: Path, data: bytes) -> None:
    """Replace `path` in one step: a reader sees the old file or the new one, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")  # hidden: media.scan and rglob skip it
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # mode from the umask, as for any new file
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _areas_text(path: Path, areas: dict[str, dict[str, dict[str, str]]]) -> tuple[str | None, list[str]]:
    """The new text of areas.yaml and the keys it adds or completes; None when it stays as it is."""
    if not areas:
        return None, []
    # read_yaml first: a file the validator cannot read is reported as a build reports it
    text = path.read_text(encoding="utf-8-sig") if path.exists() and read_yaml(path, str(path)) else AREAS_HEADER
    text += "\n" if text and not text.endswith("\n") else ""
    data, lines = _parse(path, text), [line for line in _BREAK.split(text) if line]
    if not isinstance(data, CommentedMap):
        return None, []  # not a mapping: validation says so
    keys, inserts = list(data), {}
    starts = [data.lc.key(key)[0] for key in keys] + [len(lines)]
    for key, langs in areas.items():
        entry, i = data.get(key), keys.index(key) if key in data else 0
        if isinstance(entry, CommentedMap) and (missing := {k: v for k, v in langs.items() if k not in entry}):
            _block_style(path, entry, starts[i])
            inserts[key] = (_end_of(lines, starts[i], starts[i + 1]),
                            _dump(missing, indent=entry.lc.key(next(iter(entry)))[1]))
    for at, snippet in sorted(inserts.values(), reverse=True):  # from the end: earlier line numbers stay right
        lines.insert(at, snippet)
    if new := {key: langs for key, langs in areas.items() if key not in data}:
        _block_style(path, data, 0)
        # drop the end marker `...` the old importer wrote after a `|+` block: text after it is a second document
        lines = [line for line in lines if not re.match(r"\.\.\.(\s|$)", line)] + [_dump(new)]
    added = [key for key in areas if key in inserts or key in new]
    return ("".join(lines) if added else None), added


def _parse(path: Path, text: str) -> Any:
    """areas.yaml as round-trip data, which knows the line of every key; ContentError if ruamel cannot read it."""
    try:
        return _YAML.load(text) or CommentedMap()
    except YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise ContentError([Problem(str(path), mark.line + 1 if mark else 1, f"invalid YAML: {err}")]) from None


def _block_style(path: Path, node: CommentedMap, line: int) -> None:
    """Refuse to add to a mapping written as {...}: text inserted below it would not belong to it."""
    if node.fa.flow_style():
        raise ContentError([Problem(str(path), line + 1, "written as {...}: write it as an indented block "
                                                         "so that kb import can add to it")])


def _end_of(lines: list[str], start: int, stop: int) -> int:
    """The index after the last line of lines[start:stop] that belongs to the entry starting there."""
    while stop > start + 1 and _OUTSIDE.match(lines[stop - 1]):
        stop -= 1
    return stop


def _dump(areas: dict[str, dict[str, Any]], indent: int = 0) -> str:
    """Areas (or the languages of one area) as YAML in the project's layout, each line indented by `indent`."""
    out = io.StringIO()
    _YAML.dump(_texts(areas), out)
    return "\n".join(" " * indent + line if line else line for line in out.getvalue().split("\n"))


def _texts(value: dict[str, Any]) -> dict[str, Any]:
    """Keys and texts, at any depth, made safe for the validator; empty texts (an empty intro) are left out."""
    return {_plain(k): _texts(v) if isinstance(v, dict) else _scalar(v) for k, v in value.items()
            if isinstance(v, dict) or v.strip()}


def _scalar(value: str) -> str:
    """Multi-line text as a literal block ending in one newline (`|`: never `|+`, `|-` or `...`)."""
    text = "\n".join(line.rstrip() for line in value.rstrip().split("\n"))
    block = "\n" in text and not text.startswith("\t") and not _LITERAL_UNSAFE.search(text)  # libyaml: no tab first
    return LiteralScalarString(text + "\n") if block else _plain(text)


def _plain(text: str) -> str:
    """`text` left to ruamel when PyYAML (the validator, YAML 1.1) reads it back as itself; else double-quoted."""
    try:
        same = yaml.safe_load(text) == text  # ruamel writes YAML 1.2: `yes` or `no` unquoted would become booleans
    except yaml.YAMLError:
        same = False
    return text if same else DoubleQuotedScalarString(text)
