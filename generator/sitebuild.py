"""Build the static site: one MkDocs build per language, in parallel, swapped in when all succeed."""
from __future__ import annotations

import calendar
import contextlib
import ctypes
import datetime
import json
import logging
import multiprocessing
import os
import re
import shutil
import threading
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any, Iterator

import yaml
from markupsafe import escape

from generator import analysis, darkmode, search, seo, shards
from generator.catalogues import catalogue
from generator.links import area_page
from generator.progress import Reporter, Silent
from generator.records import KnowledgeBase
from generator.rendering import html_environment, language_name
from generator.stamp import Stamp


class SiteBuildError(Exception):
    """MkDocs refused to build a language; the previous site is untouched."""


def language_config(kb: KnowledgeBase, lang: str, base: Path, docs: Path, site: Path,
                    stamp: Stamp | None = None) -> dict[str, Any]:
    """MkDocs settings for one language, on top of the shared `base` mkdocs.yml."""
    shared = yaml.safe_load(base.read_text(encoding="utf-8")) or {}
    theme = dict(shared.get("theme", {}), language=catalogue(lang).theme_language)
    if "custom_dir" in theme:  # relative to mkdocs.yml, wherever the build runs from
        theme["custom_dir"] = str((base.parent / theme["custom_dir"]).resolve())
    home = catalogue(lang).strings["home"]
    alternate = [{"name": catalogue(code).name, "lang": code, "link": f"../{code}/"} for code in kb.languages]
    return {
        "site_name": kb.site.title[lang],
        "site_url": f"{kb.site.site_url.rstrip('/')}/{lang}/" if kb.site.site_url else None,
        "docs_dir": str(docs.resolve()),
        "site_dir": str(site.resolve()),
        # Material prints nav titles as they are: escape them, they are text.
        "nav": [{home: "index.md"}] + [{str(escape(a.text(lang).title)): area_page(k)} for k, a in kb.areas.items()],
        "theme": theme,
        "extra": {**shared.get("extra", {}), "alternate": alternate, "kb_search": search_config(lang, kb.languages),
                  "kb_seo": seo.settings(kb, lang)},
        "copyright": stamp.text(lang) if stamp else shared.get("copyright"),  # Material's footer line
    }


def search_config(lang: str, languages: list[str]) -> dict[str, Any]:
    """What the page's search script needs: scripts to load, lunr namespace, UI strings, other languages."""
    strings = catalogue(lang).strings
    return {
        "scripts": search.scripts(lang),
        "namespace": analysis.settings(lang).namespace,
        "strings": {key: strings[f"search_{key}"] for key in ("label", "placeholder", "hint", "none", "results",
                                                              "suggest", "list")},
        "others": [{"code": other, "label": strings["search_in_language"].format(
            language=language_name(other, lang))} for other in languages if other != lang],
    }


def build_languages(kb: KnowledgeBase, content: Path, base: Path, docs: Path, site: Path,
                    stamp: Stamp | None = None, progress: Reporter | None = None,
                    dirty: bool = False, pool: Executor | None = None) -> dict[str, dict[str, str]]:
    """Run one MkDocs build per language and compute each search index, in parallel processes.

    Both kinds of work are CPU-bound and independent, so one pool keeps every core busy.
    Returns the index shards of each language (written once MkDocs has filled the site).
    `dirty` rebuilds only pages whose Markdown changed, into the existing site (`kb serve`).
    `pool` lets `kb serve` keep its workers warm between rebuilds; by default a pool is made.
    """
    configs = [language_config(kb, lang, base, docs / lang, site / lang, stamp) for lang in kb.languages]
    with contextlib.nullcontext(pool) if pool else worker_pool(2 * len(configs)) as pool:
        builds = {pool.submit(_build_one, base, config, dirty, build_date(kb)): f"built the {lang} site"
                  for lang, config in zip(kb.languages, configs)}
        indexes = {pool.submit(_index_one, content, lang): f"indexed {lang}" for lang in kb.languages}
        for done in as_completed([*builds, *indexes]):
            (progress or Silent()).advance(builds.get(done) or indexes[done])
        errors = [e for e in (b.result() for b in builds) if e]
        scripts = {label.split()[-1]: future.result() for future, label in indexes.items()}
    if errors:
        raise SiteBuildError("\n".join(errors))
    for lang in kb.languages:
        prune_theme_assets(site / lang)
        darkmode.write_dark_css(site / lang)  # Material's slate scheme, for systems that prefer dark
        write_strings(site / lang, lang)
        compact_pages(site / lang)
    if not kb.site.site_url:
        # MkDocs links a 404 page from the server root ("/assets/..."), which is wrong for
        # site/<lang>/ unless site_url gives the real path; without it, ship no broken page.
        for lang in kb.languages:
            (site / lang / "404.html").unlink(missing_ok=True)
    return scripts


# Interface strings the page scripts use (copy buttons, step labels, guided mode): one file per
# language, not repeated in every page, which must stay under 20 KB.
SCRIPT_STRINGS = ("copied", "copy_failed", "copy_link", "copy_ticket", "step_label", "step_label_solution",
                  "step_label_single", "steps", "solutions_plain", "guide_heading", "guide_heading_solution",
                  "guide_solved_button", "guide_next", "guide_exit", "guide_exit_plain", "guide_last",
                  "guide_last_solution", "guide_solved_heading", "guide_solved", "guide_solved_solution",
                  "guide_solved_plain")


def write_strings(lang_site: Path, lang: str) -> None:
    """assets/kb-strings.js: window.kbStrings, the SCRIPT_STRINGS of the language's catalogue."""
    strings = {key: catalogue(lang).strings[key] for key in SCRIPT_STRINGS}
    text = json.dumps(strings, ensure_ascii=False, sort_keys=True)
    (lang_site / "assets" / "kb-strings.js").write_text(f"window.kbStrings = {text};\n", encoding="utf-8")


# Material's templates indent every line; a line break and its indentation render as one space,
# as a line break alone does. Dropping the indentation keeps pages under 20 KB (it is 2.8 of a
# 19.5 KB remedy page). Text inside pre, textarea and script keeps its spaces.
KEPT = re.compile(r"(<(pre|textarea|script)\b.*?</\2>)", re.S | re.I)
INDENT = re.compile(r"\n[ \t]+")


def compact(html: str) -> str:
    """A page without indentation after line breaks, outside pre, textarea and script."""
    parts = KEPT.split(html)  # text, kept element, its tag name, text, ...
    return "".join(part if i % 3 else INDENT.sub("\n", part) for i, part in enumerate(parts) if i % 3 != 2)


def compact_pages(lang_site: Path) -> None:
    """Compact every page of one language's built site."""
    for page in lang_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if (short := compact(text)) != text:
            page.write_text(short, encoding="utf-8")


def worker_pool(size: int) -> ProcessPoolExecutor:
    """Processes for builds: forked, or from a fork server in a process that runs threads
    (`kb serve`), where forking could deadlock."""
    method = "forkserver" if threading.active_count() > 1 else "fork"
    workers = max(1, min(size, os.cpu_count() or 1))
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method))


def _index_one(content: Path, lang: str) -> dict[str, str]:
    """One language's search index shards, in a worker; it reads the content itself, since
    content models (types made per site) do not travel between processes."""
    from generator.validation import load

    return shards.files(load(content), lang)


# Theme files no page loads: Material's JavaScript (its bundle, search worker and lunr
# languages; remedykb ships its own scripts) and source maps. Leaving them out keeps sites
# and offline bundles small. The palette stylesheet stays: pages load it for their colours.
UNUSED_THEME_FILES = ("assets/javascripts", "assets/stylesheets/*.map")


def prune_theme_assets(lang_site: Path) -> None:
    """Remove theme files that no page of this language loads."""
    for pattern in UNUSED_THEME_FILES:
        for path in lang_site.glob(pattern):
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def build_date(kb: KnowledgeBase) -> str:
    """SOURCE_DATE_EPOCH for MkDocs (its sitemap dates): as given, else the newest record's date,
    never the clock, so the same content builds to the same bytes."""
    newest = max((r.updated for r in kb.remedies), default=datetime.date(2000, 1, 1))
    return os.environ.get("SOURCE_DATE_EPOCH") or str(calendar.timegm(newest.timetuple()))


def _build_one(base: Path, overrides: dict[str, Any], dirty: bool, epoch: str) -> str | None:
    """Build one language; return an error message instead of raising across processes."""
    os.environ["SOURCE_DATE_EPOCH"] = epoch  # this worker's own environment
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    lang = Path(overrides["docs_dir"]).name
    logging.basicConfig(format=f"mkdocs [{lang}] %(levelname)s: %(message)s",
                        level=logging.ERROR if dirty else logging.WARNING)
    try:
        # MkDocs warns that every dirty build is dirty; strict mode would fail on that warning.
        config = load_config(str(base), **overrides, **({"strict": False} if dirty else {}))
        build(config, dirty=dirty)
    except MkDocsException as err:
        return f"MkDocs build of '{lang}' failed: {err}"
    return None


def write_root_index(kb: KnowledgeBase, site: Path, stamp: Stamp | None = None) -> None:
    """site/index.html: send the reader to their browser's language, with links to all."""
    page = html_environment().get_template("root_index.html.j2").render(
        kb=kb, languages=[catalogue(code) for code in kb.languages], stamp=stamp)
    (site / "index.html").write_text(page, encoding="utf-8")


@contextlib.contextmanager
def staged(out: Path) -> Iterator[Path]:
    """A fresh folder beside `out` that replaces it only when the block succeeds."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = out.with_name(f".{out.name}.new")
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir()
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    if out.exists() and exchange(stage, out):
        shutil.rmtree(stage, ignore_errors=True)  # now holds the previous site
        return
    old = out.with_name(f".{out.name}.old")  # no atomic exchange here: two renames
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    stage.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2 RENAME_EXCHANGE): there is never a moment
    without a complete site, even if the build is killed right then. False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0
