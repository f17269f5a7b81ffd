"""Links that survive: aliases, the ledger of published ids, redirect pages, kb link, and a crawl."""
from __future__ import annotations

import json
import posixpath
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator.problems import ContentError
from tests.conftest import REPO, build_into, content_here, copy_root, problems_of

R = "content_src/remedies"



@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return content_here("links", tmp_path, monkeypatch)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_alias_may_not_be_a_live_id(content: Path) -> None:
    edit(content / "remedies/printer-offline.yaml", "old-printer-page]", "wifi-password-rejected]")
    assert problems_of(content) == [
        f"{R}/printer-offline.yaml:4: aliases: 'wifi-password-rejected' is the id of a live remedy "
        f"({R}/wifi-password-rejected.yaml); an alias must be a former id"]


def test_alias_claimed_twice(content: Path) -> None:
    edit(content / "remedies/wifi-password-rejected.yaml", "updated:", "aliases: [printer-not-printing]\nupdated:")
    assert problems_of(content) == [
        f"{R}/wifi-password-rejected.yaml:4: aliases: 'printer-not-printing' is already an alias of 'printer-offline'"]


def test_build_records_published_ids_and_aliases(content: Path, tmp_path: Path) -> None:
    build_into(content.resolve(), tmp_path)
    assert (content / "published.txt").read_text() == "\n".join([
        "old-printer-page", "printer-not-printing", "printer-offline", "vpn-drops-after-sleep",
        "wifi-password-rejected"]) + "\n"


def test_ledger_id_that_vanished_fails_with_the_fix(content: Path) -> None:
    (content / "published.txt").write_text("# ids ever published\nprinter-offline\nwifi-problem\n", encoding="utf-8")
    assert problems_of(content) == [
        "content_src/published.txt:3: 'wifi-problem' was published but is no longer a remedy or an alias: "
        "add it to the aliases of the remedy that replaces it, so its links keep working"]
    edit(content / "remedies/wifi-password-rejected.yaml", "updated:", "aliases: [wifi-problem]\nupdated:")
    assert problems_of(content) == []


def test_failed_build_leaves_the_ledger_alone(content: Path, tmp_path: Path) -> None:
    (content / "published.txt").write_text("printer-offline\n", encoding="utf-8")
    edit(content / "remedies/printer-offline.yaml", "area: printing", "area: [")
    with pytest.raises(ContentError):
        build_into(content.resolve(), tmp_path)
    assert (content / "published.txt").read_text() == "printer-offline\n"


def test_renamed_example_remedy_keeps_its_links(tmp_path: Path) -> None:
    content = tmp_path / "content_src"
    site = build_into(REPO / "content_src", tmp_path)  # copies the example content, writes its ledger
    old, new = "hash-character-in-upn", "hash-sign-in-synced-upn"
    (content / "remedies" / f"{old}.yaml").rename(content / "remedies" / f"{new}.yaml")
    for path in (content / "remedies").glob("*.yaml"):
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    with pytest.raises(ContentError) as failed:
        build_into(content, tmp_path)
    assert [p.message for p in failed.value.problems] == [
        f"'{old}' was published but is no longer a remedy or an alias: add it to the aliases of the remedy "
        "that replaces it, so its links keep working"]
    edit(content / "remedies" / f"{new}.yaml", "aliases: []", f"aliases: [{old}]")
    build_into(content, tmp_path)
    for lang in ("en", "nl"):
        assert f'url={new}.html' in (site / lang / "remedies" / f"{old}.html").read_text(encoding="utf-8")
    assert f"/remedies/{new}.html" in (site / "r" / old / "index.html").read_text(encoding="utf-8")
    assert f"location = /r/{old} " in (site / "redirects.nginx.conf").read_text(encoding="utf-8")


def test_manifest_links(links_site: Path) -> None:
    manifest = json.loads((links_site / "links.json").read_text(encoding="utf-8"))
    assert manifest["base_url"] == "https://help.example.com/kb/"
    assert manifest["codes"] == {
        "0x80070005": "code/0x80070005/index.html", "NET-42": "code/NET-42/index.html",
        "VPN809": "code/VPN809/index.html", "WLAN-4021": "code/WLAN-4021/index.html"}
    printer = manifest["remedies"][0]
    assert (printer["id"], printer["aliases"], printer["short"]) == (
        "printer-offline", ["printer-not-printing", "old-printer-page"], "r/printer-offline/index.html")
    for path in [*manifest["codes"].values(), *(r["short"] for r in manifest["remedies"])]:
        assert (links_site / path).is_file(), path


def test_redirect_pages(links_site: Path) -> None:
    for key in ("printer-offline", "printer-not-printing", "old-printer-page"):
        page = (links_site / "r" / key / "index.html").read_text(encoding="utf-8")
        assert '<a href="../../nl/remedies/printer-offline.html" hreflang="nl" lang="nl">' in page
    alias = (links_site / "nl/remedies/printer-not-printing.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=printer-offline.html">' in alias
    shared = (links_site / "code/NET-42/index.html").read_text(encoding="utf-8")
    assert shared.count('data-remedy-id="vpn-drops-after-sleep"') == 2  # once per language
    assert shared.count('data-remedy-id="wifi-password-rejected"') == 2


def test_cause_anchors_are_the_same_in_every_language(links_site: Path) -> None:
    ids = {lang: re.findall(r'id="(cause-\d+)"', (links_site / lang / "remedies/vpn-drops-after-sleep.html")
                            .read_text(encoding="utf-8")) for lang in ("en", "nl")}
    assert ids == {"en": ["cause-1", "cause-2"], "nl": ["cause-1", "cause-2"]}


class Links(HTMLParser):
    """Every href and src of a page, and every id it defines."""

    def __init__(self, html: str):
        super().__init__()
        self.refs: list[str] = []
        self.ids: set[str] = set()
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.refs += [v for k, v in attrs if k in ("href", "src") and v]
        if found.get("id"):
            self.ids.add(found["id"])


def broken_links(site: Path) -> list[str]:
    """Links of every page that do not resolve to a file (and anchor) inside the site."""
    pages = {p: Links(p.read_text(encoding="utf-8")) for p in site.rglob("*.html")}
    # 404 pages link by absolute path, below the path of site_url.
    root = urlsplit(json.loads((site / "links.json").read_text())["base_url"] or "/").path
    broken = []
    for page, links in pages.items():
        for ref in links.refs:
            parts = urlsplit(ref)
            if parts.scheme or ref.startswith("//"):
                continue  # outside links (the theme's credit) are links, not requests
            path = unquote(parts.path)
            if path.startswith("/"):
                path = str(site / posixpath.normpath(path).removeprefix(root.rstrip("/")).lstrip("/"))
            target = (page.parent / path).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            if site.resolve() not in target.parents or not target.is_file():
                broken.append(f"{page.relative_to(site)}: {ref}")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in pages[target].ids:
                broken.append(f"{page.relative_to(site)}: {ref} (no such anchor)")
    return broken


def test_no_broken_internal_link_in_example_site(example_site: Path) -> None:
    assert len(list(example_site.rglob("*.html"))) > 40
    assert broken_links(example_site) == []


def test_no_broken_internal_link_with_aliases_and_shared_codes(links_site: Path) -> None:
    assert broken_links(links_site) == []


def kb_link(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", "link", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("args, out", [
    (["printer-offline", "--base", ""], "r/printer-offline/index.html"),
    (["printer-offline"], "https://help.example.com/kb/r/printer-offline"),
    (["old-printer-page"], "https://help.example.com/kb/r/printer-offline"),
    (["printer-not-printing", "--lang", "nl"], "https://help.example.com/kb/nl/remedies/printer-offline.html"),
    (["vpn809"], "https://help.example.com/kb/code/VPN809"),
    (["VPN809", "--lang", "en"], "https://help.example.com/kb/en/remedies/vpn-drops-after-sleep.html"),
    (["NET-42", "--lang", "en"], "https://help.example.com/kb/code/NET-42"),
    (["wifi-password-rejected", "--base", "https://kb.test"], "https://kb.test/r/wifi-password-rejected"),
])
def test_kb_link(content: Path, args: list[str], out: str) -> None:
    result = kb_link(*args, cwd=content.parent)
    assert (result.returncode, result.stdout, result.stderr) == (0, out + "\n", "")


def test_kb_link_json(content: Path) -> None:
    result = kb_link("old-printer-page", "--json", cwd=content.parent)
    assert json.loads(result.stdout) == {
        "key": "old-printer-page", "kind": "alias", "ids": ["printer-offline"],
        "url": "https://help.example.com/kb/r/printer-offline",
        "short": "https://help.example.com/kb/r/printer-offline",
        "urls": {"en": "https://help.example.com/kb/en/remedies/printer-offline.html",
                 "nl": "https://help.example.com/kb/nl/remedies/printer-offline.html"}}


def test_kb_link_unknown_key_suggests(content: Path) -> None:
    result = kb_link("printer-ofline", cwd=content.parent)
    assert result.returncode == 1
    assert result.stderr == "kb: no remedy, former id or error code 'printer-ofline'; closest: printer-offline, " \
                            "printer-not-printing, old-printer-page\n"


def test_kb_link_unknown_language(content: Path) -> None:
    result = kb_link("printer-offline", "--lang", "de", cwd=content.parent)
    assert (result.returncode, result.stderr) == (2, "kb: --lang: expected one of en, nl, received 'de'\n")


def test_no_broken_internal_link_across_area_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import rendering
    monkeypatch.setattr(rendering, "AREA_PAGE_SIZE", 1)
    site = build_into(copy_root("links", tmp_path), tmp_path)
    assert (site / "nl/areas/network-page-2.html").is_file()
    assert broken_links(site) == []
