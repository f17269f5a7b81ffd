"""Build progress: plain lines in CI and logs, a progress bar at an interactive terminal."""
from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import MKDOCS, copy_root


def kb_build(cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "build", "--mkdocs", str(MKDOCS)], cwd=cwd,
                          timeout=120, **kwargs)


def test_ci_gets_one_line_per_step(tmp_path: Path) -> None:
    copy_root("basic", tmp_path)
    result = kb_build(tmp_path, capture_output=True, text=True, env={**os.environ, "CI": "true"})
    lines = [re.fullmatch(r"kb: \[(\d)/7\] (.+) \(\d+\.\d s\)", line) for line in result.stderr.splitlines()]
    assert all(lines) and [int(m.group(1)) for m in lines] == list(range(1, 8))
    steps = [m.group(2) for m in lines]
    assert steps[:2] == ["loaded 3 remedies", "rendered Markdown"]
    assert sorted(steps[2:6]) == ["built the en site", "built the nl site", "indexed en", "indexed nl"]  # as they end
    assert steps[6] == "wrote links and redirects"


def test_terminal_gets_a_progress_bar(tmp_path: Path) -> None:
    copy_root("basic", tmp_path)
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    result = kb_build(tmp_path, stdout=subprocess.PIPE, stderr=follower, env={**env, "TERM": "xterm"})
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert result.returncode == 0
    text = shown.decode("utf-8", "replace")
    assert "━" in text and "kb: [1/7]" not in text  # rich's bar, not the plain lines
