"""Sitemaps and robots.txt: what search engines are told, only when the site has a public address."""
from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from unittest import mock

from generator import rendering, sitemaps
from generator.bundle import bundle
from generator.validation import load
from tests.conftest import MKDOCS, ROOTS, build_into

LINKS = load(ROOTS / "links" / "content_src")
BASE = "https://help.example.com/kb/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def urls(site: Path, lang: str) -> dict[str, ET.Element]:
    """loc -> <url> of a language's sitemap."""
    root = ET.parse(site / lang / "sitemap.xml").getroot()
    assert root.tag == f"{{{NS['s']}}}urlset"
    return {entry.findtext("s:loc", namespaces=NS): entry for entry in root.findall("s:url", NS)}


def test_each_language_lists_home_areas_and_remedies(links_site: Path) -> None:
    for lang in LINKS.languages:
        expected = {f"{BASE}{lang}/index.html",
                    *(f"{BASE}{lang}/areas/{key}.html" for key in LINKS.areas),
                    *(f"{BASE}{lang}/remedies/{r.id}.html" for r in LINKS.remedies)}
        assert set(urls(links_site, lang)) == expected
        assert not (links_site / lang / "sitemap.xml.gz").exists()


def test_no_search_redirect_former_id_or_code_page(links_site: Path) -> None:
    former = set(LINKS.aliases())
    assert former and LINKS.codes()  # the fixture has both, so leaving them out is tested
    for lang in LINKS.languages:
        for loc in urls(links_site, lang):
            page = loc.removeprefix(f"{BASE}{lang}/")
            assert page != "search.html" and not page.startswith(("codes", "r/", "code/"))
            assert "/r/" not in loc and "/code/" not in loc
            assert page.removeprefix("remedies/").removesuffix(".html") not in former


def test_alternates_of_a_remedy(links_site: Path) -> None:
    entry = urls(links_site, "nl")[f"{BASE}nl/remedies/printer-offline.html"]
    links = [(link.get("rel"), link.get("hreflang"), link.get("href")) for link in entry.findall("x:link", NS)]
    assert sorted(links) == sorted([
        ("alternate", "en", f"{BASE}en/remedies/printer-offline.html"),
        ("alternate", "nl", f"{BASE}nl/remedies/printer-offline.html"),
        ("alternate", "x-default", f"{BASE}en/remedies/printer-offline.html")])


def test_lastmod_is_the_records_date(links_site: Path) -> None:
    for lang in LINKS.languages:
        entries = urls(links_site, lang)
        for remedy in LINKS.remedies:
            entry = entries[f"{BASE}{lang}/remedies/{remedy.id}.html"]
            assert entry.findtext("s:lastmod", namespaces=NS) == remedy.updated.isoformat()
        for key in LINKS.areas:
            newest = max(r.updated for r in LINKS.remedies_in(key)).isoformat()
            assert entries[f"{BASE}{lang}/areas/{key}.html"].findtext("s:lastmod", namespaces=NS) == newest
        newest = max(r.updated for r in LINKS.remedies).isoformat()
        assert entries[f"{BASE}{lang}/index.html"].findtext("s:lastmod", namespaces=NS) == newest


def test_index_lists_the_language_sitemaps(links_site: Path) -> None:
    root = ET.parse(links_site / "sitemap.xml").getroot()
    assert root.tag == f"{{{NS['s']}}}sitemapindex"
    assert [loc.text for loc in root.findall("s:sitemap/s:loc", NS)] == [f"{BASE}en/sitemap.xml", f"{BASE}nl/sitemap.xml"]


def test_robots_txt(links_site: Path) -> None:
    assert (links_site / "robots.txt").read_text(encoding="utf-8") == (
        "User-agent: *\nAllow: /\nSitemap: https://help.example.com/kb/sitemap.xml\n")


def test_no_site_url_no_sitemaps_and_no_robots(example_site: Path) -> None:
    assert sorted(example_site.rglob("sitemap.xml*")) == []
    assert not (example_site / "robots.txt").exists()


def test_later_area_pages_are_listed_as_rendering_names_them() -> None:
    with mock.patch.object(rendering, "AREA_PAGE_SIZE", 1):  # every area with 2 remedies gets a page 2
        listed = {page for page, _ in sitemaps.listed_pages(LINKS)}
        rendered = {page for page, _ in rendering.pages(LINKS, "en", rendering.environment())}
    assert "areas/network-page-2.md" in listed
    assert listed == {p for p in rendered if p != "search.md" and not p.startswith("codes")}


def test_same_content_same_bytes(tmp_path: Path) -> None:
    first, second = (build_into(ROOTS / "links" / "content_src", tmp_path / name) for name in ("one", "two"))
    for name in ("sitemap.xml", "en/sitemap.xml", "nl/sitemap.xml", "robots.txt"):
        assert (first / name).read_bytes() == (second / name).read_bytes()


def test_bundle_ships_no_sitemap_or_robots(tmp_path: Path) -> None:
    content = shutil.copytree(ROOTS / "links" / "content_src", tmp_path / "content_src")
    zip_path, _ = bundle(content, tmp_path / "kb.zip", MKDOCS)
    names = [name.split("/", 1)[1] for name in zipfile.ZipFile(zip_path).namelist()]
    assert [n for n in names if n.rsplit("/", 1)[-1].startswith(("sitemap.xml", "robots.txt"))] == []
