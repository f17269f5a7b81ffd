"""kb serve: the preview rebuilds what an edit touches, and serves it on 127.0.0.1."""
from __future__ import annotations

import contextlib
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from generator.serve import Preview
from tests.conftest import MKDOCS, copy_root


def test_rebuild_touches_only_what_changed(tmp_path: Path) -> None:
    content = copy_root("basic", tmp_path)
    with contextlib.closing(Preview(content, MKDOCS, tmp_path / "work")) as preview:
        preview.full()
        html = {p: p.stat().st_mtime_ns for p in preview.site.rglob("*.html")}
        time.sleep(0.01)
        record = content / "remedies" / "printer-offline.yaml"
        record.write_text(record.read_text().replace("Printer shows as offline", "Printer appears offline"))
        done = preview.rebuild()
    # The remedy, its area page, a page linking to it, and the home page's recently updated list (en).
    assert done.problems == [] and done.pages == 4
    page = preview.site / "en/remedies/printer-offline.html"
    assert "Printer appears offline" in page.read_text(encoding="utf-8")
    rewritten = sorted(str(p.relative_to(preview.site)) for p, t in html.items()
                       if p.exists() and p.stat().st_mtime_ns != t and p.parts[-2] not in ("r", "code"))
    assert [p for p in rewritten if p.startswith(("en/", "nl/"))] == [
        "en/areas/printing.html", "en/index.html", "en/remedies/printer-offline.html",
        "en/remedies/vpn-drops-after-sleep.html"]
    assert "Printer appears offline" in (preview.site / "en/search/d0.js").read_text(encoding="utf-8")


def test_bad_edit_keeps_the_last_good_site(tmp_path: Path) -> None:
    content = copy_root("basic", tmp_path)
    with contextlib.closing(Preview(content, MKDOCS, tmp_path / "work")) as preview:
        preview.full()
        (content / "remedies" / "printer-offline.yaml").write_text("id: printer-offline\narea: [", encoding="utf-8")
        done = preview.rebuild()
    assert any("invalid YAML" in problem for problem in done.problems)
    assert "Printer shows as offline" in (preview.site / "en/remedies/printer-offline.html").read_text()


def test_kb_serve_shows_an_edit(tmp_path: Path) -> None:
    content = copy_root("basic", tmp_path)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--content", str(content),
                               "--port", str(port), "--mkdocs", str(MKDOCS)], stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/nl/remedies/wifi-password-rejected.html"

    def served(text: str) -> bool:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if text in response.read().decode("utf-8"):
                        return True
            except OSError:
                pass
            time.sleep(0.1)
        return False

    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(server.stderr), daemon=True).start()
    try:
        assert served("Wifi weigert een juist wachtwoord")
        record = content / "remedies" / "wifi-password-rejected.yaml"
        record.write_text(record.read_text().replace("Wifi weigert een juist wachtwoord", "Wifi weigert het wachtwoord"))
        assert served("Wifi weigert het wachtwoord")
        deadline = time.monotonic() + 30  # the page is in place; the rest of the rebuild reports when done
        while not any(line.startswith("rebuilt in") for line in lines) and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert lines[0] == f"serving http://127.0.0.1:{port}/ ; edit {content}/ and reload the page\n"
    rebuilt = r"rebuilt in \d+\.\d s: 3 page\(s\) changed\n"  # the Dutch remedy, its area page and home
    assert any(re.fullmatch(rebuilt, line) for line in lines), lines
