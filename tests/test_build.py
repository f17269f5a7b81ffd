"""End to end: a small knowledge base built into a temporary folder, checked page by page."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.problems import ContentError
from tests.conftest import build_into, copy_root

IDS = ["printer-offline", "vpn-drops-after-sleep", "wifi-password-rejected"]


class Tags(HTMLParser):
    """Collects (tag, attributes) of every start tag of a page."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def find(self, tag: str, **want: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in want.items())]


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_every_remedy_in_every_language(basic_site: Path) -> None:
    for lang in ("en", "nl"):
        assert sorted(p.stem for p in (basic_site / lang / "remedies").glob("*.html")) == IDS
        assert sorted(p.stem for p in (basic_site / lang / "areas").glob("*.html")) == ["network", "printing"]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_html_lang_matches_language(basic_site: Path, lang: str) -> None:
    for page in (basic_site / lang).rglob("*.html"):
        assert f'<html lang="{lang}"' in page.read_text(encoding="utf-8"), page


def test_remedy_page_shows_its_parts(basic_site: Path) -> None:
    html = read(basic_site, "nl/remedies/vpn-drops-after-sleep.html")
    assert "<h1" in html and "VPN-verbinding valt weg na slaapstand" in html
    assert '<a href="../areas/network.html">Netwerk</a>' in html
    assert "<code>VPN809</code>, <code>0x80070005</code>" in html
    assert re.search(r'<h3 id="cause-1">Oorzaak 1', html) and re.search(r'<h3 id="cause-2">Oorzaak 2', html)
    assert "<strong>Wie moet handelen:</strong> Werkplekondersteuning" in html
    assert re.search(r'<ol class="kb-steps" data-cause="1">\s*<li id="cause-1-step-1"><p>Open '
                     r'<strong>Apparaatbeheer</strong>.</p></li>\s*<li id="cause-1-step-2"><p>Zet', html)
    assert '<a href="printer-offline.html">Printer staat offline</a>' in html
    assert '<time datetime="2024-05-01">1 mei 2024</time>' in html


def test_remedy_links_to_other_language_in_body_and_head(basic_site: Path) -> None:
    tags = Tags(read(basic_site, "nl/remedies/printer-offline.html"))
    target = "../../en/remedies/printer-offline.html"
    assert tags.find("a", hreflang="en", href=target)
    assert tags.find("link", rel="alternate", hreflang="en", href=target)
    assert tags.find("link", rel="alternate", hreflang="nl", href="../../nl/remedies/printer-offline.html")
    assert (basic_site / "nl/remedies" / target).resolve() == (basic_site / "en/remedies/printer-offline.html")


def test_area_page_language_switch_stays_on_the_area(basic_site: Path) -> None:
    tags = Tags(read(basic_site, "en/areas/network.html"))
    assert tags.find("a", hreflang="nl", href="../../nl/areas/network.html")


def test_area_page_lists_its_remedies(basic_site: Path) -> None:
    html = read(basic_site, "en/areas/network.html")
    assert '<a href="../remedies/vpn-drops-after-sleep.html">VPN connection drops after sleep</a>' in html
    assert '<a href="../remedies/wifi-password-rejected.html">Wi-Fi rejects a correct password</a>' in html
    assert "printer-offline.html" not in html.split('class="md-content"')[1]


def test_navigation_lists_areas_not_remedies(basic_site: Path) -> None:
    nav = read(basic_site, "en/remedies/printer-offline.html").split('class="md-nav md-nav--primary"')[1]
    nav = nav.split("</nav>")[0]
    assert "../areas/network.html" in nav and "../areas/printing.html" in nav
    assert "remedies/" not in nav


def test_links_manifest(basic_site: Path) -> None:
    manifest = json.loads(read(basic_site, "links.json"))
    assert manifest == {
        "base_url": None,
        "languages": ["en", "nl"],
        "search": {"en": "en/search.html?q={q}", "nl": "nl/search.html?q={q}"},
        "codes": {"0x80070005": "code/0x80070005/index.html", "VPN809": "code/VPN809/index.html",
                  "WLAN-4021": "code/WLAN-4021/index.html"},
        "remedies": [
            {"id": "printer-offline", "area": "printing", "codes": [], "aliases": [],
             "short": "r/printer-offline/index.html",
             "urls": {"en": "en/remedies/printer-offline.html", "nl": "nl/remedies/printer-offline.html"}},
            {"id": "vpn-drops-after-sleep", "area": "network", "codes": ["VPN809", "0x80070005"], "aliases": [],
             "short": "r/vpn-drops-after-sleep/index.html",
             "urls": {"en": "en/remedies/vpn-drops-after-sleep.html", "nl": "nl/remedies/vpn-drops-after-sleep.html"}},
            {"id": "wifi-password-rejected", "area": "network", "codes": ["WLAN-4021"], "aliases": [],
             "short": "r/wifi-password-rejected/index.html",
             "urls": {"en": "en/remedies/wifi-password-rejected.html", "nl": "nl/remedies/wifi-password-rejected.html"}},
        ],
    }
    for remedy in manifest["remedies"]:
        assert all((basic_site / url).is_file() for url in remedy["urls"].values())


def test_root_index_offers_every_language(basic_site: Path) -> None:
    tags = Tags(read(basic_site, "index.html"))
    assert tags.find("a", hreflang="en", href="en/index.html")
    assert tags.find("a", hreflang="nl", href="nl/index.html")


def test_no_request_leaves_the_site(basic_site: Path) -> None:
    # Anything a browser loads by itself (scripts, styles, images, icons, frames) stays inside.
    for page in basic_site.rglob("*.html"):
        tags = Tags(page.read_text(encoding="utf-8"))
        loaded = [a.get("src") for t, a in tags.tags if t in ("script", "img", "iframe", "source")]
        loaded += [a.get("href") for t, a in tags.tags if t == "link" and a.get("rel") != "alternate"]
        assert not [u for u in loaded if u and re.match(r"(https?:)?//", u)], page
    css = "".join(p.read_text(encoding="utf-8") for p in basic_site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_failed_build_leaves_previous_site_untouched(tmp_path: Path) -> None:
    content = copy_root("basic", tmp_path)
    site = build_into(content, tmp_path)
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (content / "remedies" / "printer-offline.yaml").write_text("id: printer-offline\narea: [", encoding="utf-8")
    with pytest.raises(ContentError):
        build_into(content, tmp_path)
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
