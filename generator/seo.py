"""What search engines and link previews read: a description per page, canonical and alternate
addresses, Open Graph tags and, on remedy pages, structured data (JSON-LD, schema.org).

Absolute addresses need `site_url`; without it (the offline bundle) the pages keep relative
alternates and leave out what cannot be absolute (canonical, og:url, og:image, x-default).
"""
from __future__ import annotations

import json
from typing import Any

from generator.catalogues import catalogue
from generator.links import area_page, base_url, remedy_page, url
from generator.records import KnowledgeBase, RemedyBase
from generator.search import plain

DESCRIPTION_CHARS = 155  # what search results show of a description
DEFAULT_IMAGE = "assets/images/favicon.png"  # Material's icon, in every language's site


def description(markdown_text: str) -> str:
    """Plain text of at most DESCRIPTION_CHARS characters, cut at a word."""
    text = " ".join(plain(markdown_text).split())
    if len(text) <= DESCRIPTION_CHARS:
        return text
    return text[:DESCRIPTION_CHARS - 1].rsplit(" ", 1)[0] + "…"


def settings(kb: KnowledgeBase, lang: str) -> dict[str, Any]:
    """What the page template needs for one language: addresses, locales, site name, image."""
    base = base_url(kb)
    image = kb.site.og_image or DEFAULT_IMAGE
    return {
        "lang": lang,
        "root": base,
        "default": kb.languages[0],
        "locale": catalogue(lang).locale,
        "other_locales": [catalogue(other).locale for other in kb.languages if other != lang],
        "site_name": kb.site.title[lang],
        "image": f"{base}{lang}/{image}" if base else None,
    }


def remedy_jsonld(kb: KnowledgeBase, remedy: RemedyBase, lang: str) -> str:
    """A TechArticle and its BreadcrumbList (home > area > remedy), as script-safe JSON."""
    text = remedy.text(lang)
    base = base_url(kb)
    here = f"{base}{lang}/" if base else "../"  # relative: JSON-LD resolves it against the page

    def address(source: str) -> str:
        return here + url(lang, source).split("/", 1)[1]  # the page's path inside its language

    page = address(remedy_page(remedy.id))
    article = {"@type": "TechArticle", "headline": text.title, "inLanguage": lang,
               "dateModified": remedy.updated.isoformat(), "url": page,
               "about": [{"@type": "Thing", "name": code} for code in remedy.codes]}
    area = kb.areas[remedy.area]
    trail = [(kb.site.title[lang], address("index.md")), (area.text(lang).title, address(area_page(remedy.area))),
             (text.title, page)]
    crumbs = {"@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": n, "name": name, "item": url} for n, (name, url) in enumerate(trail, 1)]}
    data = {"@context": "https://schema.org", "@graph": [article, crumbs]}
    text_json = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text_json.replace("</", "<\\/")  # a title with "</script>" stays inside the script
