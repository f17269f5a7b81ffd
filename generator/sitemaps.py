"""Sitemaps and robots.txt for search engines: a sitemap per language, an index, and robots.txt."""
from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Iterable

from generator import rendering
from generator.links import area_page, base_url, remedy_page, url
from generator.records import KnowledgeBase, RemedyBase

SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
HOME = "index.md"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
# What MkDocs writes into each language folder: its own sitemap lists every page (the search
# page too) with no alternates, so ours replaces it, or, without site_url, none is shipped.
MKDOCS_SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")

# Written as search engines' documentation shows them: <urlset xmlns=...> and <xhtml:link>. (ElementTree's
# default_namespace option refuses the link's plain attributes, so the prefixes are registered instead.)
ET.register_namespace("", SITEMAP_NS)
ET.register_namespace("xhtml", XHTML_NS)


def write_sitemaps(kb: KnowledgeBase, site: Path) -> None:
    """Replace MkDocs' sitemaps with ours, and write the index and robots.txt, when site_url is set."""
    for lang in kb.languages:
        for name in MKDOCS_SITEMAPS:
            (site / lang / name).unlink(missing_ok=True)
    base = base_url(kb)
    if not base:  # a sitemap needs absolute URLs: without site_url there is nothing true to list
        return
    for lang in kb.languages:
        _write_xml(site / lang / SITEMAP, language_sitemap(kb, lang, base))
    _write_xml(site / SITEMAP, sitemap_index(kb, base))
    (site / ROBOTS).write_text(robots(base), encoding="utf-8")


def listed_pages(kb: KnowledgeBase) -> list[tuple[str, datetime.date | None]]:
    """(source path, last change) of every page worth indexing: home, area pages, remedies, by path.

    Left out: the search page, the code index (lists of links) and the redirect pages.
    """
    found = [(HOME, newest(kb.remedies))]
    for key in kb.areas:
        remedies = kb.remedies_in(key)
        count = len(rendering.chunks(remedies, rendering.AREA_PAGE_SIZE))  # as rendering.area_pages pages it
        found += [(area_page(key, n), newest(remedies)) for n in range(1, count + 1)]
    found += [(remedy_page(r.id), r.updated) for r in kb.remedies]
    return sorted(found, key=lambda item: item[0])


def newest(remedies: Iterable[RemedyBase]) -> datetime.date | None:
    """The latest `updated` date of `remedies`, or None when there are none."""
    return max((r.updated for r in remedies), default=None)


def language_sitemap(kb: KnowledgeBase, lang: str, base: str) -> ET.Element:
    """<urlset> of `lang`'s pages, each with its alternates in every language and x-default."""
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for page, changed in listed_pages(kb):
        entry = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = base + url(lang, page)
        if changed:
            ET.SubElement(entry, f"{{{SITEMAP_NS}}}lastmod").text = changed.isoformat()
        for code, other in [*((code, code) for code in kb.languages), ("x-default", kb.languages[0])]:
            ET.SubElement(entry, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=code, href=base + url(other, page))
    return urlset


def sitemap_index(kb: KnowledgeBase, base: str) -> ET.Element:
    """<sitemapindex> naming each language's sitemap."""
    index = ET.Element(f"{{{SITEMAP_NS}}}sitemapindex")
    for lang in kb.languages:
        ET.SubElement(ET.SubElement(index, f"{{{SITEMAP_NS}}}sitemap"), f"{{{SITEMAP_NS}}}loc").text = \
            f"{base}{lang}/{SITEMAP}"
    return index


def robots(base: str) -> str:
    """robots.txt: everything may be crawled (redirect pages carry noindex themselves)."""
    return f"User-agent: *\nAllow: /\nSitemap: {base}{SITEMAP}\n"


def _write_xml(path: Path, root: ET.Element) -> None:
    """Write `root` indented, as UTF-8 with a declaration: the same tree gives the same bytes."""
    ET.indent(root)
    path.write_bytes(ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n")
