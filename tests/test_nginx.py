"""The nginx include: Debian's nginx on 127.0.0.1 answers short links, code links and former ids with 301s."""
from __future__ import annotations

import http.client
import os
import socket
import subprocess
import time
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

from generator.validation import load
from tests.conftest import REPO

NGINX = "/usr/sbin/nginx"
EXAMPLE = load(REPO / "content_src")
LOCALES = {"nl-NL,nl;q=0.9,en;q=0.8": "nl", "en-US,en;q=0.9": "en", "de-DE,nl;q=0.8": "nl", "de-DE": "en", "": "en"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def nginx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[Path, str], int]]:
    """start(site, prefix) -> port of an nginx serving `site` at `prefix`, with its include."""
    assert Path(NGINX).exists(), f"{NGINX} is missing: run `make test` (it installs Debian's nginx)"
    running = []

    def start(site: Path, prefix: str = "") -> int:
        work = tmp_path_factory.mktemp("nginx")
        root = work / "root"
        if prefix:  # the site lives at root/<prefix>
            root.mkdir()
            (root / prefix.strip("/")).symlink_to(site)
        else:
            root.symlink_to(site)
        port = _free_port()
        user = "user root;" if os.geteuid() == 0 else ""  # workers must read the test's private temp folder
        (work / "nginx.conf").write_text(f"""
{user}
daemon off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {work}/tmp;
    proxy_temp_path {work}/tmp;
    fastcgi_temp_path {work}/tmp;
    uwsgi_temp_path {work}/tmp;
    scgi_temp_path {work}/tmp;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        include {site}/redirects.nginx.conf;
    }}
}}
""", encoding="utf-8")
        process = subprocess.Popen([NGINX, "-p", str(work), "-c", str(work / "nginx.conf"), "-e", str(work / "error.log")],
                                   stderr=subprocess.PIPE)
        running.append(process)
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    return port
            assert process.poll() is None, process.stderr.read().decode()
            time.sleep(0.05)
        raise AssertionError("nginx did not start")

    yield start
    for process in running:
        process.terminate()
        process.wait(timeout=10)


def get(port: int, path: str, language: str = "") -> tuple[int, str]:
    """(status, path of the Location header) of one request, redirects not followed."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Accept-Language": language} if language else {})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, urlsplit(response.getheader("Location") or "").path


def test_short_links_follow_accept_language(nginx, example_site: Path) -> None:
    port = nginx(example_site)
    for remedy in EXAMPLE.remedies:
        for form in (f"/r/{remedy.id}", f"/r/{remedy.id}/", f"/r/{remedy.id}/index.html"):
            for language, lang in LOCALES.items():
                assert get(port, form, language) == (301, f"/{lang}/remedies/{remedy.id}.html"), (form, language)
        assert get(port, f"/nl/remedies/{remedy.id}.html")[0] == 200


def test_former_ids_and_codes(nginx, example_site: Path) -> None:
    port = nginx(example_site)
    aliases = EXAMPLE.aliases()
    assert aliases and EXAMPLE.codes()
    for alias, remedy in aliases.items():
        assert get(port, f"/r/{alias}", "nl-NL") == (301, f"/nl/remedies/{remedy.id}.html")
        for lang in ("en", "nl"):
            assert get(port, f"/{lang}/remedies/{alias}.html") == (301, f"/{lang}/remedies/{remedy.id}.html")
    for code, remedies in EXAMPLE.codes().items():
        assert get(port, f"/code/{code}", "nl") == (301, f"/nl/remedies/{remedies[0].id}.html")
        assert get(port, f"/code/{code}/", "en-GB") == (301, f"/en/remedies/{remedies[0].id}.html")


def test_site_below_a_path_with_a_shared_code(nginx, links_site: Path) -> None:
    port = nginx(links_site, "/kb")  # links fixture: site_url https://help.example.com/kb
    assert get(port, "/kb/r/old-printer-page", "nl-BE") == (301, "/kb/nl/remedies/printer-offline.html")
    assert get(port, "/kb/code/NET-42") == (301, "/kb/code/NET-42/")
    assert get(port, "/kb/code/NET-42/") == (200, "")
    assert get(port, "/kb/code/VPN809") == (301, "/kb/en/remedies/vpn-drops-after-sleep.html")
    assert get(port, "/kb/en/remedies/no-such-page.html")[0] == 404


@pytest.mark.parametrize("locale, lang", [("nl-NL", "nl"), ("en-US", "en")])
def test_step_fragments_survive_the_301s(nginx, links_site: Path, browser: Browser, locale: str, lang: str) -> None:
    """A 301 carries no fragment: the browser keeps the one of the link, and the page marks the step."""
    port = nginx(links_site, "/kb")
    context = browser.new_context(locale=locale)
    page = context.new_page()
    for link, (rid, step) in {"/kb/r/printer-offline#update-port": ("printer-offline", "update-port"),
                              "/kb/r/old-printer-page#cause-1-step-1": ("printer-offline", "cause-1-step-1"),
                              f"/kb/{lang}/remedies/printer-not-printing.html#cause-1-step-2": (
                                  "printer-offline", "update-port"),
                              "/kb/code/VPN809#cause-2-step-1": ("vpn-drops-after-sleep", "cause-2-step-1")}.items():
        page.goto(f"http://127.0.0.1:{port}{link}")
        page.wait_for_url(f"**/kb/{lang}/remedies/{rid}.html#{link.split('#')[1]}")
        assert page.locator(".kb-step--target").get_attribute("id") == step, link
    context.close()
