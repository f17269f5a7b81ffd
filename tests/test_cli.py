"""The `kb` command as a user runs it: output, exit codes, and what it leaves on disk."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import MKDOCS, ROOTS, copy_root


def kb(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_validate_clean(tmp_path: Path) -> None:
    copy_root("basic", tmp_path)
    result = kb("validate", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "content_src: 3 remedies in en, nl: no problems\n")


def test_validate_reports_every_problem_and_exits_1(tmp_path: Path) -> None:
    content = copy_root("basic", tmp_path)
    for name in ("unknown-area.yaml", "empty-solution.yaml"):
        shutil.copy(ROOTS / "invalid" / name, content / "remedies")
    result = kb("validate", "--content", "content_src", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content_src/remedies/empty-solution.yaml:13: nl.solutions[0]: expected at least one of cause, text, steps or "
        "note, received none",
        "content_src/remedies/unknown-area.yaml:2: area: unknown area 'netwerk'; did you mean 'network'?",
        "kb: 2 problem(s); nothing was written",
    ]


def test_build_then_failed_build_keeps_site(tmp_path: Path) -> None:
    content = copy_root("basic", tmp_path)
    ok = kb("build", "--mkdocs", str(MKDOCS), cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout == "built 3 remedies in en, nl into site/\n"
    page = tmp_path / "site/en/remedies/printer-offline.html"
    before = page.read_bytes()
    # A link to a missing page passes the schema but not the link check.
    remedy = content / "remedies" / "printer-offline.yaml"
    remedy.write_text(remedy.read_text().replace("Jobs stay", "See [the guide](missing.md). Jobs stay"))
    broken = kb("build", "--mkdocs", str(MKDOCS), cwd=tmp_path)
    assert broken.returncode == 1
    assert broken.stderr == (
        "content_src/remedies/printer-offline.yaml:6: en.symptom: link to 'missing.md' leads to no remedy "
        "(<id>.md) and no file in media/ (../media/...)\nkb: 1 problem(s); nothing was written\n")
    assert page.read_bytes() == before
    assert not list(tmp_path.glob(".site*"))


def test_build_without_mkdocs_config_is_a_usage_error(tmp_path: Path) -> None:
    copy_root("basic", tmp_path)
    result = kb("build", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "kb: mkdocs.yml: not found; run kb from the project folder or pass --mkdocs\n"
    assert not (tmp_path / "site").exists()


def test_unknown_option_is_a_usage_error(tmp_path: Path) -> None:
    result = kb("build", "--nope", cwd=tmp_path)
    assert result.returncode == 2 and "Error: No such option '--nope'." in result.stderr
    assert result.stderr.startswith("Usage: kb build")
