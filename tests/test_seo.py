"""What search engines and link previews read: descriptions, canonical and hreflang, Open Graph,
JSON-LD (schema.org TechArticle and BreadcrumbList), noindex, and link texts that make sense alone."""
from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import seo
from generator.validation import load
from tests.conftest import REPO, ROOTS

LINKS = load(ROOTS / "links" / "content_src")
ROOT = "https://help.example.com/kb/"


class Head(HTMLParser):
    """The meta and link tags of a page, its JSON-LD blocks and its link texts."""

    def __init__(self, html: str):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict[str, str]] = []
        self.jsonld: list[str] = []
        self.texts: list[str] = []
        self._in: str | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("name" in a or "property" in a):
            self.meta.setdefault(a.get("name") or a["property"], []).append(a.get("content", ""))
        elif tag == "link":
            self.links.append(a)
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in = "jsonld"
            self.jsonld.append("")
        elif tag == "a":
            self._in = "a"
            self.texts.append(a.get("aria-label", ""))

    def handle_endtag(self, tag: str) -> None:
        self._in = None if tag in ("script", "a") else self._in

    def handle_data(self, data: str) -> None:
        if self._in == "jsonld":
            self.jsonld[-1] += data
        elif self._in == "a":
            self.texts[-1] += data

    def one(self, key: str) -> str:
        values = self.meta.get(key, [])
        assert len(values) == 1, (key, values)
        return values[0]

    def alternates(self) -> dict[str, str]:
        return {link["hreflang"]: link["href"] for link in self.links if link.get("rel") == "alternate"}


def head(site: Path, path: str) -> Head:
    return Head((site / path).read_text(encoding="utf-8"))


def test_description_is_plain_and_cut_at_a_word() -> None:
    assert seo.description("A **bold** `code` and a [link](x.md).") == "A bold code and a link."
    long = " ".join(["word"] * 60)
    cut = seo.description(long)
    assert len(cut) <= seo.DESCRIPTION_CHARS and cut.endswith("word…") and "wor…" not in cut


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_remedy_page_with_site_url(links_site: Path, lang: str) -> None:
    remedy = LINKS.remedy("vpn-drops-after-sleep")
    page = head(links_site, f"{lang}/remedies/vpn-drops-after-sleep.html")
    url = f"{ROOT}{lang}/remedies/vpn-drops-after-sleep.html"
    described = seo.description(remedy.text(lang).symptom)
    assert page.one("description") == described == page.one("og:description")
    assert [link["href"] for link in page.links if link.get("rel") == "canonical"] == [url]
    assert page.alternates() == {"en": f"{ROOT}en/remedies/vpn-drops-after-sleep.html",
                                 "nl": f"{ROOT}nl/remedies/vpn-drops-after-sleep.html",
                                 "x-default": f"{ROOT}en/remedies/vpn-drops-after-sleep.html"}
    assert page.one("og:type") == "article" and page.one("og:title") == remedy.text(lang).title
    assert page.one("og:url") == url and page.one("og:site_name") == LINKS.site.title[lang]
    assert page.one("og:locale") == {"en": "en_US", "nl": "nl_NL"}[lang]
    assert page.meta["og:locale:alternate"] == [{"en": "nl_NL", "nl": "en_US"}[lang]]
    assert page.one("og:image") == f"{ROOT}{lang}/assets/images/favicon.png"
    assert (links_site / lang / "assets/images/favicon.png").is_file()
    assert page.one("twitter:card") == "summary" and "robots" not in page.meta


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_structured_data_is_a_tech_article_and_its_breadcrumbs(links_site: Path, lang: str) -> None:
    remedy = LINKS.remedy("vpn-drops-after-sleep")
    blocks = head(links_site, f"{lang}/remedies/vpn-drops-after-sleep.html").jsonld
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@context"] == "https://schema.org"
    article, crumbs = data["@graph"]
    # schema.org TechArticle (an Article): headline, inLanguage, dateModified, about the codes, url
    assert article == {"@type": "TechArticle", "headline": remedy.text(lang).title, "inLanguage": lang,
                       "dateModified": "2024-05-01", "url": f"{ROOT}{lang}/remedies/vpn-drops-after-sleep.html",
                       "about": [{"@type": "Thing", "name": code} for code in remedy.codes]}
    # BreadcrumbList: ListItems with position, name and item, home > area > remedy
    assert crumbs["@type"] == "BreadcrumbList"
    assert [(i["@type"], i["position"], i["item"]) for i in crumbs["itemListElement"]] == [
        ("ListItem", 1, f"{ROOT}{lang}/index.html"), ("ListItem", 2, f"{ROOT}{lang}/areas/network.html"),
        ("ListItem", 3, article["url"])]
    assert [i["name"] for i in crumbs["itemListElement"]] == [
        LINKS.site.title[lang], LINKS.areas["network"].text(lang).title, remedy.text(lang).title]


def test_area_home_and_search_pages(links_site: Path) -> None:
    area = head(links_site, "nl/areas/network.html")
    intro = LINKS.areas["network"].text("nl").intro
    assert area.one("description") == (seo.description(intro) if intro else "Oplossingen voor problemen met Netwerk.")
    assert area.one("og:type") == "website"
    assert head(links_site, "en/index.html").one("description").startswith("Find the remedy for what you see.")
    search = head(links_site, "en/search.html")
    assert search.one("robots") == "noindex" and search.one("description")
    for path in ("r/printer-offline/index.html", "code/NET-42/index.html", "nl/remedies/printer-not-printing.html"):
        assert head(links_site, path).one("robots") == "noindex", path


def test_without_site_url_nothing_claims_to_be_absolute(example_site: Path) -> None:
    page = head(example_site, "en/remedies/viral-tenant-password-reset.html")
    assert not [link for link in page.links if link.get("rel") == "canonical"]
    assert page.alternates() == {"en": "../../en/remedies/viral-tenant-password-reset.html",
                                 "nl": "../../nl/remedies/viral-tenant-password-reset.html"}
    assert "og:url" not in page.meta and "og:image" not in page.meta and page.one("og:description")
    crumbs = json.loads(page.jsonld[0])["@graph"][1]["itemListElement"]
    assert crumbs[0]["item"] == "../index.html"  # relative: JSON-LD resolves it against the page


GENERIC = {"here", "click here", "more", "read more", "link", "hier", "klik hier", "meer", "lees meer", "start"}


@pytest.mark.parametrize("path", ["en/index.html", "nl/index.html", "en/remedies/aadsts65005-unmanaged-tenant.html",
                                  "nl/remedies/aadsts65005-unmanaged-tenant.html", "nl/areas/invitations.html"])
def test_link_texts_make_sense_out_of_context(example_site: Path, path: str) -> None:
    texts = [" ".join(t.split()) for t in head(example_site, path).texts]
    assert texts and [t for t in texts if not t or t.lower() in GENERIC] == []
    assert {"This remedy in English", "Deze oplossing in het Nederlands", "This page in English",
            "Deze pagina in het Nederlands", "This area in English"} & set(texts)


def test_example_content_is_not_the_test_of_a_missing_site_url() -> None:
    assert load(REPO / "content_src").site.site_url is None  # example_site above is built without one
