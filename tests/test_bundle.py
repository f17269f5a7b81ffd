"""The offline bundle: one zip, opened from disk, with no request leaving it."""
from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Route
from pypdf import PdfReader

from generator.bundle import unpack
from generator.validation import load
from tests.conftest import MKDOCS, REPO
from tests.firefox import FIREFOX, Firefox, free_port

EXAMPLE = load(REPO / "content_src")
EPOCH = "1768435200"  # 2026-01-15, fixed so the bundle's name and stamp are known
DATE = "2026-01-15"


def kb_bundle(content: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", "bundle", "--content", str(content),
                           "--out", str(out), "--mkdocs", str(MKDOCS)], capture_output=True, text=True,
                          timeout=300, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, subprocess.CompletedProcess[str]]:
    """(zip, unpacked folder, kb output) for the example content."""
    tmp = tmp_path_factory.mktemp("bundle")
    content = shutil.copytree(REPO / "content_src", tmp / "content_src")
    result = kb_bundle(content, tmp / "dist" / "kb.zip")
    assert result.returncode == 0, result.stderr
    return tmp / "dist" / "kb.zip", unpack(tmp / "dist" / "kb.zip", tmp / "unpacked"), result


def test_zip_unpacks_to_one_folder_with_index(made) -> None:
    zip_path, folder, result = made
    names = zipfile.ZipFile(zip_path).namelist()
    assert {n.split("/")[0] for n in names} == {f"remedykb-{DATE}"}
    assert (folder / "index.html").is_file() and folder.name == f"remedykb-{DATE}"
    assert re.fullmatch(rf"wrote {re.escape(str(zip_path))} \(\d+ KB\): 13 remedies in en, nl\n", result.stdout)


def test_bundle_json(made) -> None:
    _, folder, _ = made
    data = json.loads((folder / "bundle.json").read_text())
    assert data == {"built": DATE, "content_version": data["content_version"], "languages": ["en", "nl"],
                    "remedies": 13, "open": "index.html"}
    assert re.fullmatch(r"sha256:[0-9a-f]{12}", data["content_version"])  # a copy outside git


def test_stamp_on_every_page(made) -> None:
    _, folder, _ = made
    version = json.loads((folder / "bundle.json").read_text())["content_version"]
    stamps = {"en": f"Offline copy made {DATE} from content {version}",
              "nl": f"Offline kopie van {DATE}, inhoud {version}"}
    former = {f"{alias}.html" for alias in EXAMPLE.aliases()}
    for lang, stamp in stamps.items():
        pages = [p for p in (folder / lang).rglob("*.html") if p.name not in former]
        assert len(pages) > 15 and [p for p in pages if stamp not in p.read_text(encoding="utf-8")] == []
    assert all(s in (folder / "index.html").read_text(encoding="utf-8") for s in stamps.values())


class Refs(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.refs: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.refs += [v for k, v in attrs if k in ("href", "src") and v and not re.match(r"\w+:|#|//", v)]


def test_every_file_is_used(made) -> None:
    _, folder, _ = made
    used = {folder / "index.html", folder / "bundle.json", folder / "links.json"}  # entry, stamp, manifest
    manifest = json.loads((folder / "links.json").read_text())  # links that tickets hold
    entries = [*manifest["codes"].values(), *(r["short"] for r in manifest["remedies"])]
    for alias in EXAMPLE.aliases():
        entries += [f"r/{alias}/index.html", f"en/remedies/{alias}.html", f"nl/remedies/{alias}.html"]
    used |= {(folder / entry).resolve() for entry in entries}
    for page in folder.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        targets = Refs(html).refs
        config = re.search(r'<script id="kb-search-config"[^>]*data-root="([^"]*)">(.*?)</script>', html)
        if config:  # the search box loads these scripts when it is first used
            targets += [f"{config.group(1)}/{s}" for s in json.loads(config.group(2))["scripts"]]
        for target in targets:
            path = (page.parent / target.split("#")[0].split("?")[0]).resolve()
            used.add(path / "index.html" if path.is_dir() else path)
    for lang in ("en", "nl"):  # the search loads its manifest, and the shards the manifest names
        used |= {(folder / lang / "search" / f"{name}.js").resolve() for name in shard_names(folder / lang / "search")}
    shipped = {p.resolve() for p in folder.rglob("*") if p.is_file()}
    assert sorted(str(p.relative_to(folder.resolve())) for p in shipped - used) == []
    assert not [p for p in shipped if p.suffix == ".map" or "javascripts" in p.parts]
    assert sorted(p.name for p in (folder / "nl" / "search").iterdir()) == sorted(
        ["lunr.js", "lunr.nl.js", "lunr.stemmer.support.js"] + [f"{n}.js" for n in shard_names(folder / "nl" / "search")])


def shard_names(search: Path) -> list[str]:
    """The manifest and every shard it names: term, tail, lexicon, document and summary shards."""
    text = (search / "index.js").read_text(encoding="utf-8")
    manifest = json.loads(json.loads(text[text.index("JSON.parse(") + 11:-len("));\n")]))
    docs = -(-manifest["count"] // manifest["docsPerShard"])
    return ["index", *(f"t{k}" for k in range(len(manifest["terms"]))), *(f"p{k}" for k in range(manifest["tails"])),
            *manifest["lexicon"], *(f"{kind}{k}" for kind in "ds" for k in range(docs))]


def test_same_content_same_bytes(made, tmp_path: Path) -> None:
    zip_path, _, _ = made
    content = shutil.copytree(REPO / "content_src", tmp_path / "content_src")
    assert kb_bundle(content, tmp_path / "again.zip").returncode == 0
    assert (tmp_path / "again.zip").read_bytes() == zip_path.read_bytes()


def test_stamp_names_the_git_commit(tmp_path: Path) -> None:
    content = shutil.copytree(REPO / "content_src", tmp_path / "content_src")
    git = lambda *a: subprocess.run(["git", "-C", str(content), *a], check=True, capture_output=True, text=True)  # noqa: E731
    git("init", "-q")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "content")
    commit = git("rev-parse", "--short=12", "HEAD").stdout.strip()
    assert kb_bundle(content, tmp_path / "a.zip").returncode == 0
    (content / "site.yaml").write_text((content / "site.yaml").read_text() + "# edited\n")
    assert kb_bundle(content, tmp_path / "b.zip").returncode == 0
    versions = [json.loads(zipfile.ZipFile(tmp_path / z).read(f"remedykb-{DATE}/bundle.json"))["content_version"]
                for z in ("a.zip", "b.zip")]
    assert versions == [commit, f"{commit}+changes"]


def test_walk_the_bundle_from_disk_without_network(browser: Browser, made) -> None:
    _, folder, _ = made
    outside, errors = [], []
    context = browser.new_context(locale="en-US")

    def only_files(route: Route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_files)
    page = context.new_page()
    page.on("console", lambda m: m.type in ("error", "warning") and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((folder / "index.html").as_uri())
    page.wait_for_url("**/en/index.html")
    page.locator('.md-content a[hreflang="nl"]').click()  # home -> Dutch
    page.wait_for_url("**/nl/index.html")
    box = page.locator(".md-search__input")
    box.click()
    box.press_sequentially("AADSTS65005")  # search for a code
    result = page.get_by_role("option").locator('[data-remedy-id="aadsts65005-unmanaged-tenant"]')
    result.click()  # result -> remedy
    page.wait_for_url("**/nl/remedies/aadsts65005-unmanaged-tenant.html")
    assert page.locator("h1").inner_text().startswith("Aanmelden als gast")
    page.locator('.md-content a[hreflang="en"]').click()  # remedy -> English
    page.wait_for_url("**/en/remedies/aadsts65005-unmanaged-tenant.html")
    assert page.locator("html").get_attribute("lang") == "en"
    context.close()
    assert (outside, errors) == ([], [])


def test_remedy_prints_cleanly(browser: Browser, made, tmp_path: Path) -> None:
    _, folder, _ = made
    page = browser.new_page()
    page.goto((folder / "nl/remedies/redemption-error-for-invited-user.html").as_uri())
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-search", ".kb-share", ".md-sidebar--primary", ".kb-other-language"):
        assert not page.locator(hidden).first.is_visible(), hidden
    address = f"{folder.as_uri()}/r/redemption-error-for-invited-user/index.html"
    assert page.locator(".kb-print-url").inner_text() == address
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = " ".join(p.extract_text() for p in pdf.pages)
    page.close()
    words = " ".join(text.split())
    assert "Genodigde krijgt een foutmelding" in words and "Oorzaak 2" in words
    assert "redemption-error-for-invited-user/index.html" in words.replace(" ", "")
    for screen_only in ("Link kopiëren", "Kopiëren voor ticket", "Zoeken", "This remedy in English"):
        assert screen_only not in words


def test_walk_the_bundle_in_firefox(made, tmp_path: Path) -> None:
    _, folder, _ = made
    assert Path(FIREFOX).exists(), f"{FIREFOX} is missing: run `make test` (it installs Debian's firefox-esr)"
    firefox = Firefox(tmp_path / "profile")
    try:
        firefox.goto((folder / "index.html").as_uri())
        # the new address is there before the page is: wait for the link itself
        firefox.wait_for("location.pathname.endsWith('/en/index.html') && document.readyState === 'complete'")
        firefox.js("document.querySelector('.md-content a[hreflang=nl]').click()")
        firefox.wait_for("location.pathname.endsWith('/nl/index.html') && document.readyState === 'complete'")
        firefox.js("const box = document.querySelector('.md-search__input'); box.focus();"
                   "box.value = 'AADSTS65005'; box.dispatchEvent(new Event('input'))")
        firefox.wait_for("document.querySelector('#kb-search-list [data-remedy-id]')")
        assert firefox.js("document.querySelector('#kb-search-list [data-remedy-id]').dataset.remedyId") == \
            "aadsts65005-unmanaged-tenant"
        firefox.js("document.querySelector('#kb-search-list [data-remedy-id]').click()")
        firefox.wait_for("location.pathname.endsWith('/nl/remedies/aadsts65005-unmanaged-tenant.html')"
                         " && document.readyState === 'complete'")
        firefox.js("document.querySelector('.md-content a[hreflang=en]').click()")
        firefox.wait_for("location.pathname.endsWith('/en/remedies/aadsts65005-unmanaged-tenant.html')")
        assert firefox.wait_for("document.readyState === 'complete' && document.documentElement.lang") == "en"
        walk = (list(firefox.requests), list(firefox.errors))
        # Control: a request leaving the page is seen (to a loopback port nobody listens on).
        control = f"http://127.0.0.1:{free_port()}/control.png"
        firefox.js(f"new Image().src = '{control}'")
        firefox.wait_for("new Promise(done => setTimeout(() => done(true), 300))")
        assert control in firefox.requests
    finally:
        firefox.close()
    requests, errors = walk  # Firefox reports http(s) and data: requests, not file:// loads
    assert ([u for u in requests if not u.startswith("data:")], errors) == ([], [])


def test_a_bundle_of_2_x_1000_remedies_searches_from_disk(browser: Browser, tmp_path: Path) -> None:
    """The sharded index at scale, opened from disk with every other request refused."""
    from bench import synthetic
    content = synthetic.write(tmp_path / "content_src", 1000)
    result = kb_bundle(content, tmp_path / "kb.zip")
    assert result.returncode == 0, result.stderr
    folder = unpack(tmp_path / "kb.zip", tmp_path / "unpacked")
    assert len(list((folder / "nl" / "search").glob("d*.js"))) == 100  # the index is in shards
    code = synthetic.remedy(500)["codes"][0]
    context = browser.new_context(locale="nl-NL")
    outside, errors = [], []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                  else (outside.append(route.request.url), route.abort()))
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    for query, first in ((code, synthetic.remedy(500)["id"]), ("wachtwoorden", None)):
        page.goto(f"{(folder / 'nl' / 'search.html').as_uri()}?q={query}")
        results = page.locator(".kb-search-page__results a[data-remedy-id]")
        results.first.wait_for()
        assert results.first.is_visible()
        if first:
            assert results.first.get_attribute("data-remedy-id") == first
        else:  # a common word: the first page of results is all there, in one list
            page.wait_for_function("document.querySelectorAll('.kb-search-page__results li').length === 25")
    context.close()
    assert (outside, errors) == ([], [])
