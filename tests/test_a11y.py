"""WCAG 2.2 AA: axe-core (axe-playwright-python) in Chromium finds no violation on any page kind, in
both languages and both colour schemes: the example content, notices, former ids, and the real
page pairs of ../shared/reference/pairs imported and built."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Route

from generator.validation import load
from tests.conftest import REPO, ROOTS, build_into, copy_root

PAIRS = REPO.parent / "shared" / "reference" / "pairs"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
SCHEMES = ["light", "dark"]
LANGS = ["en", "nl"]
AXE = Axe()
# Pages that send the reader on at once (root, short links, codes, former ids) are checked as
# they are before they redirect: their scripts and refresh are taken out on the way.
REDIRECTING = re.compile(r"<script\b.*?</script>|<meta http-equiv=\"refresh\"[^>]*>", re.S)


def violations(page: Page) -> list[str]:
    """axe's WCAG A/AA violations on the page: rule id and the elements, one line each."""
    found = AXE.run(page, options={"runOnly": {"type": "tag", "values": TAGS}}).response["violations"]
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in found]


def still(route: Route) -> None:
    response = route.fetch()
    route.fulfill(response=response, body=REDIRECTING.sub("", response.text()))


def check(browser: Browser, base: str, paths: list[str], scheme: str, stay: bool = False) -> dict[str, list[str]]:
    """Violations per page path (none listed when a page has none)."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    if stay:
        page.route("**/*.html", still)
    found = {}
    for path in paths:
        page.goto(f"{base}/{path}")
        if "search.html?q=" in path:
            page.wait_for_selector("[data-kb-search-meta][data-kb-query]", state="attached")
        if problems := violations(page):
            found[path] = problems
    context.close()
    return found


@pytest.fixture(scope="module")
def example_base(example_site: Path, serve: Callable[[Path], str]) -> str:
    return serve(example_site)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("lang", LANGS)
def test_example_pages(browser: Browser, example_base: str, lang: str, scheme: str) -> None:
    """Home, an area, remedies (one with a code block), the code index, search with and without results."""
    paths = [f"{lang}/index.html", f"{lang}/areas/invitations.html", f"{lang}/remedies/aadsts65005-unmanaged-tenant.html",
             f"{lang}/remedies/viral-tenant-password-reset.html", f"{lang}/codes.html",
             f"{lang}/search.html?q=AADSTS65005", f"{lang}/search.html?q=xyzzy", f"{lang}/search.html"]
    assert check(browser, example_base, paths, scheme) == {}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_pages_that_redirect(browser: Browser, example_base: str, scheme: str) -> None:
    """The root language choice, a short link and a code shared by two remedies (a list)."""
    paths = ["index.html", "r/aadsts65005-guest-sign-in/index.html", "code/AADSTS65005/index.html"]
    assert check(browser, example_base, paths, scheme, stay=True) == {}


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("lang", LANGS)
def test_header_search_open(browser: Browser, example_base: str, lang: str, scheme: str) -> None:
    """The header box with its list of results open and one chosen by the arrow keys."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{example_base}/{lang}/remedies/viral-tenant-password-reset.html")
    box = page.get_by_role("combobox")
    box.click()
    box.press_sequentially("guest")
    page.get_by_role("option").nth(1).wait_for()
    box.press("ArrowDown")
    assert page.get_by_role("listbox").is_visible()
    # Material fades the list in: contrast is what the reader sees once it is there.
    page.wait_for_function("getComputedStyle(document.querySelector('.md-search__output')).opacity === '1'")
    assert violations(page) == []
    context.close()


@pytest.fixture(scope="module")
def translation_base(tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path], str]) -> str:
    return serve(build_into(ROOTS / "translation" / "content_src", tmp_path_factory.mktemp("a11y-translation")))


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("lang", LANGS)
def test_remedies_with_notices(browser: Browser, translation_base: str, lang: str, scheme: str) -> None:
    kb = load(ROOTS / "translation" / "content_src")
    paths = [f"{lang}/remedies/{r.id}.html" for r in kb.remedies] + [f"{lang}/index.html"]
    assert check(browser, translation_base, paths, scheme) == {}


@pytest.fixture(scope="module")
def links_base(tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path], str]) -> str:
    return serve(build_into(ROOTS / "links" / "content_src", tmp_path_factory.mktemp("a11y-links")))


@pytest.mark.parametrize("scheme", SCHEMES)
def test_former_id_pages(browser: Browser, links_base: str, scheme: str) -> None:
    paths = [f"{lang}/remedies/printer-not-printing.html" for lang in LANGS] + ["r/old-printer-page/index.html"]
    assert check(browser, links_base, paths, scheme, stay=True) == {}


@pytest.fixture(scope="module")
def pairs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every real page pair imported in one batch into the basic root, and built."""
    folder = tmp_path_factory.mktemp("a11y-pairs")
    for lang, sub in (("en-US", "en"), ("nl-NL", "nl")):
        for page in PAIRS.glob(f"*.{lang}.md"):
            target = folder / sub / page.name.replace(f".{lang}", "")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(page, target)
    content = copy_root("basic", folder)
    result = subprocess.run([sys.executable, "-m", "generator", "import", "--pair", folder / "en", folder / "nl",
                             "--content", content], cwd=folder, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return build_into(content, folder)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("lang", LANGS)
def test_real_pages(browser: Browser, pairs_site: Path, serve: Callable[[Path], str], lang: str, scheme: str) -> None:
    """Every area page of the imported pairs (later pages of a long area too) and the first and
    last remedy each lists: tables, code, notes and long lists as real pages have them."""
    areas = sorted(p.relative_to(pairs_site).as_posix() for p in (pairs_site / lang / "areas").glob("*.html"))
    assert any("-page-2" in a for a in areas)
    remedies = []
    for area in areas:
        listed = re.findall(r'href="\.\./remedies/([^"#]+)\.html"', (pairs_site / area).read_text(encoding="utf-8"))
        remedies += [f"{lang}/remedies/{rid}.html" for rid in dict.fromkeys(listed[:1] + listed[-1:])]
    assert check(browser, serve(pairs_site), areas + remedies + [f"{lang}/codes.html"], scheme) == {}
