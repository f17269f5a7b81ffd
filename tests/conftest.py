"""Shared fixtures: fixture knowledge bases, built sites, a local server and headless Chromium."""
from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path
from typing import Iterator
from unittest import mock

import pytest
from playwright.sync_api import Browser, sync_playwright

from generator import search, shards
from generator.build import build
from generator.records import KnowledgeBase
from generator.problems import ContentError
from generator.validation import load

REPO = Path(__file__).resolve().parent.parent
ROOTS = Path(__file__).resolve().parent / "roots"
MKDOCS = REPO / "mkdocs.yml"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def copy_root(name: str, dest: Path) -> Path:
    """A writable copy of tests/roots/<name>/content_src."""
    target = dest / "content_src"
    shutil.copytree(ROOTS / name / "content_src", target)
    return target


def problems_of(content: Path) -> list[str]:
    """The problem lines `load` reports for `content`, or [] when it is clean."""
    try:
        load(content)
    except ContentError as err:
        return [str(p) for p in err.problems]
    return []


def content_here(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of tests/roots/<name>, as the relative path content_src (messages name it so)."""
    copy_root(name, tmp_path)
    monkeypatch.chdir(tmp_path)
    return Path("content_src")


def resharded(site: Path, folder: Path, kb: KnowledgeBase, **sizes: int) -> Path:
    """A copy of `site` in folder/site whose search index is `kb`'s, cut with other shard sizes
    (generator/shards.py constants, such as HEAD_POSTINGS=1)."""
    copy = folder / "site"
    shutil.copytree(site, copy)
    with mock.patch.multiple(shards, **sizes):
        for lang in kb.languages:
            search.write_search(copy, lang, shards.files(kb, lang))
    return copy


def build_into(content: Path, folder: Path) -> Path:
    """Build `content` into folder/site (Markdown in folder/docs); return the site path.

    Content from outside `folder` is copied in first: a build writes its ledger of published
    ids into the content folder, and tests must not change the repository.
    """
    if folder not in content.parents:
        shutil.copytree(content, folder / "content_src")
        content = folder / "content_src"
    build(content, folder / "site", folder / "docs", MKDOCS)
    return folder / "site"


@pytest.fixture(scope="session")
def basic_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `basic` fixture knowledge base, built once per test run."""
    folder = tmp_path_factory.mktemp("basic")
    return build_into(ROOTS / "basic" / "content_src", folder)


@pytest.fixture(scope="session")
def links_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `links` fixture: aliases, a code shared by two remedies, and a site_url."""
    return build_into(ROOTS / "links" / "content_src", tmp_path_factory.mktemp("links"))


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example knowledge base of content_src/, built once per test run."""
    return build_into(REPO / "content_src", tmp_path_factory.mktemp("example"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def serve() -> Iterator:
    """serve(folder) -> base URL of a static server for `folder` on 127.0.0.1."""
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}"

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright. Never skipped: a missing browser fails."""
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium)"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()
