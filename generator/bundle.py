"""The offline bundle: the whole site in one zip that opens from disk, stamped with its age."""
from __future__ import annotations

import datetime
import json
import tempfile
import zipfile
from pathlib import Path

from generator.build import build
from generator.records import KnowledgeBase
from generator.stamp import Stamp, make_stamp

BUNDLE_JSON = "bundle.json"
# What only a web server or a crawler uses: left out of the bundle.
SERVER_ONLY = ("redirects.nginx.conf", "robots.txt", "sitemap.xml", "*/sitemap.xml",
               "*/sitemap.xml.gz")


def bundle(content: Path, out: Path | None, mkdocs_file: Path, stamp: Stamp | None = None) -> tuple[Path, KnowledgeBase]:
    """Build the site into a temporary folder and zip it; return the zip's path and the content."""
    stamp = stamp or make_stamp(content)
    name = f"remedykb-{stamp.date}"
    out = out or Path("dist") / f"{name}.zip"
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        kb = build(content, site, Path(tmp) / "docs", mkdocs_file, stamp)
        for pattern in SERVER_ONLY:
            for path in site.glob(pattern):
                path.unlink()
        (site / BUNDLE_JSON).write_text(json.dumps({
            "built": stamp.date, "content_version": stamp.version, "languages": list(kb.languages),
            "remedies": len(kb.remedies), "open": "index.html"}, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        write_zip(site, out, name, stamp.date)
    return out, kb


def write_zip(folder: Path, out: Path, top: str, date: str) -> None:
    """Zip `folder` as `top/...`: sorted, with fixed times, so the same input gives the same bytes."""
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    when = datetime.date.fromisoformat(date).timetuple()[:6]
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(folder).as_posix()}", when)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    partial.replace(out)  # a failed bundle never leaves half a zip under the final name


def unpack(zip_path: Path, dest: Path) -> Path:
    """Unzip a bundle; return the folder holding its index.html."""
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(dest)
        top = archive.namelist()[0].split("/")[0]
    return dest / top
