"""Render the knowledge base to Markdown, one docs/<lang>/ folder per language."""
from __future__ import annotations

import filecmp
import re
import shutil
from functools import cache
from pathlib import Path
from typing import Any, Iterator, Sequence, TypeVar

from babel import Locale
from babel.dates import format_date
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import escape

from generator import markup, seo
from generator.catalogues import catalogue
from generator.links import SEARCH_PAGE, area_page, base_url, code_link, remedy_page
from generator.media import MEDIA_DIR
from generator.records import KnowledgeBase, RemedyBase, step_anchor, step_text
from generator.translation import notices


@cache
def html_environment() -> Environment:
    """Jinja for the HTML pages remedykb writes itself (root index, redirects): autoescaped."""
    return Environment(loader=PackageLoader("generator", "templates"), trim_blocks=True, lstrip_blocks=True,
                       autoescape=select_autoescape(enabled_extensions=("html.j2",)))


def environment() -> Environment:
    """Jinja for Markdown output: no HTML autoescaping, strict about missing values."""
    env = Environment(loader=PackageLoader("generator", "templates"), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["long_date"] = lambda d, lang: format_date(d, format="long", locale=lang)
    env.filters["plural"] = plural
    env.filters["text"] = inline_text
    return env


MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!])")  # the characters Markdown lets you escape


def inline_text(value: str) -> str:
    """Plain text (a title) inside Markdown, shown exactly as written: one line, no markup."""
    return MARKDOWN_SPECIALS.sub(r"\\\1", str(escape(" ".join(value.split()))))


def language_name(code: str, lang: str) -> str:
    """The name of language `code` as written in `lang` (CLDR): "Engels" for en in nl."""
    return Locale.parse(lang).languages[code]


def plural(forms: dict[str, str], n: int, lang: str) -> str:
    """Pick the catalogue's form for `n` by the language's CLDR plural rule."""
    form = Locale.parse(lang).plural_form(n)
    return forms.get(form, forms["other"]).format(n=n)


# Remedies listed on one area page: a long area is split into pages, so no page grows with the
# knowledge base (each stays under 20 KB).
AREA_PAGE_SIZE = 40
# Error codes: the home page shows the first HOME_CODES and links to the code index, whose pages
# hold CODE_PAGE_SIZE each; so neither grows with the knowledge base.
HOME_CODES = 40  # at 2 x 10,000 remedies: home pages of 18.3 and 18.6 KB (18.9 and 19.2 KB with 50)
CODE_PAGE_SIZE = 100  # a page of codes stays under 20 KB, as every page does
RECENT = 10  # remedies listed under "Recently updated" on the home page

T = TypeVar("T")


def render_docs(kb: KnowledgeBase, docs: Path) -> int:
    """Write every page of every language under `docs`; return how many files changed.

    A page whose Markdown is unchanged is left alone, keeping its time, so that an incremental
    MkDocs build (`kb serve`) rebuilds only what changed. Pages no longer produced are removed.
    """
    env, changed = environment(), 0
    for lang in kb.languages:
        folder = docs / lang
        produced = set()
        for path, text in pages(kb, lang, env):
            target = folder / path
            produced.add(target)
            if target.is_file() and target.read_text(encoding="utf-8") == text:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            changed += 1
        for stale in [p for p in folder.rglob("*.md") if p not in produced] if folder.exists() else []:
            stale.unlink()
            changed += 1
    return changed


def copy_media(kb: KnowledgeBase, docs: Path) -> None:
    """Put the checked media files, and nothing else, next to each language's pages.

    MkDocs publishes whatever docs/ holds, so a file that is no longer in content/media (or no
    longer passes the checks) is removed here too.
    """
    for lang in kb.languages:
        folder = docs / lang / MEDIA_DIR
        wanted = {folder / f.name: f.source for f in kb.media}
        for old in [p for p in folder.rglob("*") if p not in wanted and not p.is_dir()] if folder.exists() else []:
            old.unlink()
        for target, source in wanted.items():
            if not target.is_file() or not filecmp.cmp(source, target, shallow=False):
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)


def pages(kb: KnowledgeBase, lang: str, env: Environment) -> Iterator[tuple[str, str]]:
    """(path, Markdown) for every page of `lang`: home, search, areas, code index, remedies."""
    common = {
        "kb": kb,
        "lang": lang,
        "s": catalogue(lang).strings,
        "others": [catalogue(other) for other in kb.languages if other != lang],
        "remedy_page": remedy_page,
        "area_page": area_page,
        "code_link": code_link,
        "base_url": base_url(kb),
        "notices": notices,
        "block": markup.block,
        "to_html": markup.to_html,
        "step_text": step_text,
        "step_anchor": step_anchor,
        "pinned": lambda step: getattr(step, "id", None),
        "language_name": language_name,
        "description": seo.description,
        "jsonld": lambda remedy, lang: seo.remedy_jsonld(kb, remedy, lang),
    }
    codes = sorted_codes(kb)
    yield "index.md", env.get_template("home.md.j2").render(
        common, codes=codes[:HOME_CODES], code_total=len(codes), recent=recently_updated(kb))
    yield SEARCH_PAGE, env.get_template("search.md.j2").render(common)
    yield from area_pages(kb, env, common)
    yield from code_index_pages(codes, env, common)
    remedy_tpl = env.get_template("remedy.md.j2")
    for remedy in kb.remedies:
        yield remedy_page(remedy.id), remedy_tpl.render(common, remedy=remedy, t=remedy.text(lang))


def chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """`items` cut into runs of at most `size`; one empty run when there are none."""
    return [items[i:i + size] for i in range(0, len(items), size)] or [items[:0]]


def area_pages(kb: KnowledgeBase, env: Environment, common: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Each area, in pages of AREA_PAGE_SIZE remedies."""
    area_tpl = env.get_template("area.md.j2")
    for key, area in kb.areas.items():
        parts = chunks(kb.remedies_in(key), AREA_PAGE_SIZE)
        paths = [area_page(key, n) for n in range(1, len(parts) + 1)]
        for n, chunk in enumerate(parts, start=1):
            yield paths[n - 1], area_tpl.render(common, key=key, area=area, listed=chunk, number=n,
                                                 paths=[p.removeprefix("areas/") for p in paths])


def code_order(code: str) -> tuple[str, str]:
    """Sort key of an error code: ignoring case, as a reader looks one up; then as written (stable)."""
    return code.casefold(), code


def sorted_codes(kb: KnowledgeBase) -> list[str]:
    """Every error code of the knowledge base, in reading order."""
    return sorted(kb.codes(), key=code_order)


def code_index_page(number: int) -> str:
    """Source path of page `number` of the error code index inside a language's docs folder."""
    return "codes.md" if number == 1 else f"codes-page-{number}.md"


def code_index_pages(codes: list[str], env: Environment, common: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """The error code index, in pages of CODE_PAGE_SIZE codes; none when no remedy has a code."""
    if not codes:
        return
    tpl = env.get_template("codes.md.j2")
    parts = chunks(codes, CODE_PAGE_SIZE)
    paths = [code_index_page(n) for n in range(1, len(parts) + 1)]
    for n, chunk in enumerate(parts, start=1):
        yield paths[n - 1], tpl.render(common, listed=chunk, number=n, paths=paths)


def recently_updated(kb: KnowledgeBase) -> list[RemedyBase]:
    """The RECENT remedies with the newest `updated` date, newest first; a tie goes by id."""
    return sorted(kb.remedies, key=lambda r: (-r.updated.toordinal(), r.id))[:RECENT]
