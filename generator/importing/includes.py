"""DocFX includes (`[!INCLUDE [name](path)]`): their text in place, read only from inside --include-root.

An include names another file, so it is confined as images are (generator/media.py): the real
path, after decoding and following links, must lie inside one of the include roots. Without a
root, or when the file is not there, the include is left out and the report says so: the reader
never sees import machinery.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from generator import media

INCLUDE = re.compile(r"\[!INCLUDE\s*\[([^\]]*)\]\(([^)]*)\)\]", re.I)
MAX_BYTES = 256 * 1024  # as a record file: an include is a snippet, not a page
MAX_DEPTH = 3  # an include may include another, this deep
FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)


@dataclass
class Includes:
    """Resolves the includes of one page; remembers what it could not, as `path:line: message`."""

    roots: list[Path]
    warnings: list[str] = field(default_factory=list)
    missing: list[int] = field(default_factory=list)  # lines of the page whose include was left out

    def expand(self, text: str, page: Path, line: int, depth: int = 0) -> str:
        """`text` with each include replaced by the file's text, or by nothing."""
        def replace(match: re.Match[str]) -> str:
            at = line + text.count("\n", 0, match.start())
            body = self._read(match.group(2), page, at, depth)
            return "" if body is None else body
        return INCLUDE.sub(replace, text)

    def _read(self, target: str, page: Path, line: int, depth: int) -> str | None:
        """The text of an include (its own includes expanded), or None with a warning."""
        why = "no --include-root given"
        for root in self.roots:
            try:
                path = media.local_file(target, page.parent, root)
            except media.Refused as refused:
                why = str(refused).replace("(or --media-root)", "(--include-root)")
                continue
            data = path.read_bytes()
            if len(data) > MAX_BYTES or depth >= MAX_DEPTH:
                why = "too large" if len(data) > MAX_BYTES else "includes nested too deep"
                break
            try:
                body = FRONT.sub("", data.decode("utf-8-sig").replace("\r\n", "\n")).strip()
            except UnicodeDecodeError:
                why = "not UTF-8 text"
                break
            return self.expand(body, path, 1, depth + 1)
        self.warnings.append(f"{page}:{line}: include left out ({why}): {target}")
        self.missing.append(line)
        return None
