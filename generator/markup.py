"""Authors' Markdown to HTML that cannot run: raw HTML shows as text, links are checked.

Content fields (symptom, causes, steps, area intros) are rendered here, not by MkDocs, so the
page templates may use HTML and attribute lists while content may not: `<script>`, `on*=`
attributes, `{: onclick=...}` and `javascript:` links all reach the reader as plain text.
"""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from functools import cache, lru_cache

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

SAFE_SCHEMES = ("http", "https", "mailto")
LINK_ATTRIBUTES = ("href", "src")


def safe_url(url: str) -> bool:
    """Relative, or http(s)/mailto; what browsers decode (entities, control characters) counts."""
    decoded = re.sub(r"[\x00-\x20]", "", html.unescape(url))
    scheme = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", decoded)
    return scheme is None or scheme.group(1).lower() in SAFE_SCHEMES


class _Links(Treeprocessor):
    """Drop unsafe link targets; point links to remedy pages (x.md) at their HTML (x.html)."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for name in LINK_ATTRIBUTES:
                value = element.get(name)
                if value is None:
                    continue
                if not safe_url(value):
                    del element.attrib[name]
                elif name == "href" and re.match(r"[^:/?#]+\.md(#|$)", value):
                    element.set(name, re.sub(r"\.md(?=#|$)", ".html", value, count=1))


class _NoRawHtml(Extension):
    """Raw HTML is text: no HTML blocks, no inline tags."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - the Markdown API's name
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_Links(md), "kb_links", 1)


@cache
def _parser() -> markdown.Markdown:
    return markdown.Markdown(extensions=["fenced_code", "tables", "admonition", "sane_lists", _NoRawHtml()])


@lru_cache(maxsize=65536)  # kb serve renders every page on each edit; unchanged texts come from here
def to_html(text: str) -> str:
    """One content field as safe HTML; a code block, which may scroll sideways, can take keyboard focus."""
    return _parser().reset().convert(text).replace("<pre><code", '<pre><code tabindex="0"')


def block(text: str, lang: str | None = None, css: str = "kb-text") -> str:
    """A content field as a raw HTML block in a page's Markdown (MkDocs leaves it as it is)."""
    attrs = f' class="{css}"' + (f' lang="{lang}"' if lang else "")
    return f"<div{attrs}>\n{to_html(text)}\n</div>"


def links(text: str) -> list[str]:
    """Targets of the Markdown links and images in a text, for checks."""
    return re.findall(r"\]\(\s*<?([^)\s>]+)", text)
