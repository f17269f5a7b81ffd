"""The stamp of an offline copy: the day it was made and the version of its content."""
from __future__ import annotations

import datetime
import hashlib
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.catalogues import catalogue


@dataclass(frozen=True)
class Stamp:
    """When the copy was made and from which content, shown on every page of the bundle."""

    date: str  # YYYY-MM-DD
    version: str  # git commit of the content, or a hash of its files

    def text(self, lang: str) -> str:
        """The stamp as readers see it, in `lang`."""
        return catalogue(lang).strings["stamp"].format(date=self.date, version=self.version)


def make_stamp(content: Path) -> Stamp:
    """Today's date (or SOURCE_DATE_EPOCH, for reproducible bundles) and the content version."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch
              else datetime.datetime.now(datetime.timezone.utc))
    return Stamp(moment.date().isoformat(), git_version(content) or content_hash(content))


def git_version(content: Path) -> str | None:
    """Short commit of the content folder, marked "+changes" when it has uncommitted edits."""
    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", "-C", str(content), *args], capture_output=True, text=True, timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return done.stdout.strip() if done.returncode == 0 else None

    commit = git("rev-parse", "--short=12", "HEAD")
    if not commit:
        return None
    return commit + ("+changes" if git("status", "--porcelain", "--", ".") else "")


def content_hash(content: Path) -> str:
    """A hash of every content file, for content outside git."""
    digest = hashlib.sha256()
    for path in sorted(p for p in content.rglob("*") if p.is_file()):
        digest.update(path.relative_to(content).as_posix().encode() + b"\0" + path.read_bytes())
    return "sha256:" + digest.hexdigest()[:12]
