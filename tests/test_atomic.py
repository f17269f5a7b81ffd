"""Builds are atomic and reproducible: a killed build leaves the old site; the same content, the same bytes."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.sitebuild import exchange
from tests.conftest import MKDOCS, REPO, build_into, copy_root


def tree(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_same_content_builds_to_the_same_bytes(tmp_path: Path) -> None:
    first = build_into(REPO / "content_src", tmp_path / "one")
    second = build_into(REPO / "content_src", tmp_path / "two")
    one, two = tree(first), tree(second)
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []


def test_exchange_swaps_two_folders(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "f").write_text("a")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "f").write_text("b")
    assert exchange(tmp_path / "a", tmp_path / "b")  # Linux: one atomic step
    assert ((tmp_path / "a" / "f").read_text(), (tmp_path / "b" / "f").read_text()) == ("b", "a")


@pytest.mark.parametrize("delay", [0.2, 0.5, 0.9, 1.4])
def test_build_killed_during_mkdocs_keeps_the_previous_site(tmp_path: Path, delay: float) -> None:
    content = copy_root("basic", tmp_path)
    site = build_into(content, tmp_path)
    before = tree(site)
    remedy = content / "remedies" / "printer-offline.yaml"
    remedy.write_text(remedy.read_text().replace("Printer shows as offline", "Printer went offline"))
    build = subprocess.Popen([sys.executable, "-m", "generator", "build", "--mkdocs", str(MKDOCS)], cwd=tmp_path,
                             stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 30
    while not (tmp_path / ".site.new").exists() and time.monotonic() < deadline:  # MkDocs is under way
        time.sleep(0.01)
    time.sleep(delay)
    os.killpg(build.pid, signal.SIGKILL)  # the build and its workers, at once
    build.wait()
    after = tree(site)
    assert after == before or "Printer went offline" in after["en/remedies/printer-offline.html"].decode()
    assert sorted(after) == sorted(before)  # complete either way: old site, or the new one swapped in whole
    rebuilt = subprocess.run([sys.executable, "-m", "generator", "build", "--mkdocs", str(MKDOCS)], cwd=tmp_path,
                             capture_output=True, text=True, timeout=120)
    assert rebuilt.returncode == 0 and not (tmp_path / ".site.new").exists()
