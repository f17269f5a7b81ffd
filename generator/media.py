"""Media: which files may become part of a site, whether an importer brings them or an author does.

One rule for both doors. A file is published only when it lies inside the folder it was named
from (real paths, so `..`, symbolic links and encodings cannot lead out), its bytes are a PNG,
JPEG, GIF or WebP image, and it is no larger than the site's limit. SVG is refused: it is a
document that can run script on the site's origin.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from generator.problems import Problem

MEDIA_DIR = "media"
KINDS = "PNG, JPEG, GIF or WebP"
# The extension decides the type a web server sends: a PNG named .html would be opened as a page.
EXTENSIONS = {"png": (".png",), "jpeg": (".jpg", ".jpeg"), "gif": (".gif",), "webp": (".webp",)}
SVG_REASON = "SVG is not published, because an SVG file can run scripts on the site: save it as PNG"
SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")


class Refused(Exception):
    """A file that must not be copied or published; the message says why."""


def image_kind(data: bytes) -> str | None:
    """'png', 'jpeg', 'gif' or 'webp' when the bytes start like one; the extension does not count."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def _is_svg(name: str, data: bytes) -> bool:
    """An SVG by its name or its first element (after any BOM, XML declaration, comments, doctype)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return name.lower().endswith((".svg", ".svgz")) or re.match(rb"(<\?xml[^>]*>|<!--.*?-->|<!doctype[^>]*>|\s)*<svg",
                                                                head, re.S) is not None


def read_image(path: Path, limit_mb: float) -> bytes:
    """The bytes of an image file that may be published, whatever its name; raise Refused naming the reason."""
    limit = int(limit_mb * 1024 * 1024)
    with path.open("rb") as handle:  # read one byte past the limit: enough to know, never the whole of a huge file
        data = handle.read(limit + 1)
    if _is_svg(path.name, data):
        raise Refused(SVG_REASON)
    if image_kind(data) is None:
        raise Refused(f"not an image: its content is not {KINDS}, whatever its name says")
    if len(data) > limit:
        size = path.stat().st_size / 1024 / 1024
        raise Refused(f"the image is {size:.1f} MB; the limit is {limit_mb:g} MB (max_image_mb in site.yaml)")
    return data


def image_name(name: str, data: bytes) -> str:
    """`name`, with the extension of the image's real kind added when it has another one."""
    kind = image_kind(data) or ""
    return name if name.lower().endswith(EXTENSIONS.get(kind, ("",))) else f"{name}{EXTENSIONS[kind][0]}"


def local_file(target: str, base: Path, root: Path) -> Path:
    """The real path of a page's relative `target`, which must stay inside `root`; raise Refused if not.

    The target is decoded as a browser would (percent-escapes, backslashes as separators), then
    resolved with every symbolic link followed; only the resolved path is compared with the root.
    """
    name = unquote(target.split("#")[0].split("?")[0]).replace("\\", "/")
    if "\x00" in name or not name:
        raise Refused("not a file name")
    if SCHEME.match(name) or name.startswith("/"):
        raise Refused("an absolute path or an address that is not http(s); only files in the page's folder are copied")
    real, top = Path(os.path.realpath(base / name)), Path(os.path.realpath(root))
    if not real.is_relative_to(top):
        raise Refused(f"outside {root}; only files in the page's folder (or --media-root) are copied")
    if not real.is_file():
        raise Refused("not found")
    return real


@dataclass(frozen=True)
class MediaFile:
    """A checked file of content/media: where it is read from, and its path below media/."""

    source: Path
    name: str  # posix path below media/


def scan(content: Path, limit_mb: float) -> tuple[list[MediaFile], list[Problem]]:
    """Every publishable file under content/media, and a problem for each file that is not.

    Hidden files (".DS_Store") are neither checked nor published.
    """
    folder, found, problems = content / MEDIA_DIR, [], []
    top = Path(os.path.realpath(content))
    for dirpath, dirnames, filenames in os.walk(folder):  # never into linked folders
        here = Path(dirpath)
        for name in sorted(dirnames):
            if (here / name).is_symlink():
                problems.append(Problem(str(here / name), 1, f"media: symbolic link to a folder "
                                        f"({os.path.realpath(here / name)}): copy the files in instead"))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not (here / d).is_symlink())
        for name in sorted(f for f in filenames if not f.startswith(".")):
            path = here / name
            try:
                real = Path(os.path.realpath(path))
                if not real.is_relative_to(top):
                    raise Refused(f"symbolic link to {real}, outside the content folder: copy the file in instead")
                data = read_image(real, limit_mb)
                if image_name(name, data) != name:
                    raise Refused(f"its content is {image_kind(data).upper()} but its name does not end in "
                                  f"{' or '.join(EXTENSIONS[image_kind(data)])}: rename it")
            except Refused as why:
                problems.append(Problem(str(path), 1, f"media: {why}"))
                continue
            found.append(MediaFile(real, path.relative_to(folder).as_posix()))
    return found, problems
