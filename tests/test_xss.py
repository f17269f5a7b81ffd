"""Content never runs code in a reader's browser: known XSS payloads in every text field."""
from __future__ import annotations

import copy
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from playwright.sync_api import Browser, Page

from generator.problems import ContentError
from generator.validation import load
from tests.conftest import build_into, copy_root

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "<svg onload=alert(3)>",
    '<iframe src="javascript:alert(4)"></iframe>',
    "<body onload=alert(5)>",
    '<a href="javascript:alert(6)">click</a>',
    "[click](javascript:alert(7))",
    "![pic](javascript:alert(8))",
    "<details open ontoggle=alert(9)>",
    "<input autofocus onfocus=alert(10)>",
    '"><script>alert(11)</script>',
    "'><img src=x onerror=alert(12)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(13)>",
    "<video><source onerror=alert(14)>",
    "<audio src=x onerror=alert(15)>",
    '<object data="javascript:alert(16)">',
    '<embed src="javascript:alert(17)">',
    "<marquee onstart=alert(18)>",
    '<div style="background:url(javascript:alert(19))">x</div>',
    '<form action="javascript:alert(20)"><button>go</button></form>',
    "<img/src=x/onerror=alert(21)>",
    "<svg><script>alert(22)</script></svg>",
    "[click](JaVaScRiPt:alert(23))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgyNCk8L3NjcmlwdD4=)",
    '<a href="data:text/html,<script>alert(25)</script>">x</a>',
    'Paragraph\n{: onclick="alert(26)" }',
    "<style>@import 'javascript:alert(27)';</style>",
    "</title><script>alert(28)</script>",
    "</textarea><script>alert(29)</script>",
    '<!--<img src="--><img src=x onerror=alert(30)//">',
    "<scr<script>ipt>alert(31)</scr</script>ipt>",
    '<base href="javascript:alert(32)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(33)">',
    "[click](vbscript:alert(34))",
    '<a href="&#106;avascript:alert(35)">x</a>',
]

# In the page's DOM after loading: nothing a payload could have planted.
PLANTED = """(ours) => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) bad.push(el.tagName + ' ' + attr.name);
      if (/^(href|src|action|data|formaction)$/i.test(attr.name) && /^\\s*(javascript|vbscript|data):/i.test(attr.value))
        bad.push(el.tagName + ' ' + attr.name + '=' + attr.value);
    }
  }
  const planted = 'iframe, object, embed, base, meta[http-equiv], style:not(head style), '
    + 'form:not([data-kb-search]):not([data-kb-search-page])';
  for (const el of document.querySelectorAll(planted)) bad.push(el.tagName);
  for (const el of document.querySelectorAll('script[type="application/ld+json"]')) {
    try { JSON.parse(el.textContent); } catch (err) { bad.push('structured data broken: ' + el.textContent.slice(0, 60)); }
  }
  const inline = 'script:not([src]):not([type="application/json"]):not([type="application/ld+json"])';
  for (const el of document.querySelectorAll(inline)) {
    if (!ours.includes(el.textContent)) bad.push('inline script: ' + el.textContent.slice(0, 60));
  }
  return bad;
}"""
INLINE = "() => [...document.querySelectorAll('script:not([src]):not([type=\"application/json\"])')].map(s => s.textContent)"


def remedy(i: int, payload: str) -> dict:
    text = {"title": f"Case {i} {payload}", "symptom": f"Symptom {i}: {payload}",
            "solutions": [{"cause": f"Cause {i} {payload}", "responsible": f"Team {payload}",
                           "steps": [f"Step {i} {payload}", payload]}]}
    return {"id": f"xss-{i:02d}", "area": "network", "updated": "2024-01-01", "tags": [f"tag {payload}"],
            "en": text, "nl": copy.deepcopy(text)}  # a shared object would be written as a YAML alias


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("xss")
    content = copy_root("basic", folder)
    for i, payload in enumerate(PAYLOADS, start=1):
        path = content / "remedies" / f"xss-{i:02d}.yaml"
        path.write_text(yaml.safe_dump(remedy(i, payload), allow_unicode=True), encoding="utf-8")
    return build_into(content, folder)


def watched(browser: Browser) -> tuple[Page, list[str]]:
    page = browser.new_page()
    fired: list[str] = []
    page.on("dialog", lambda d: (fired.append(d.message), d.dismiss()))
    return page, fired


def test_payloads_are_many() -> None:
    assert len(PAYLOADS) >= 30


def our_scripts(page: Page, site: Path) -> list[str]:
    """The inline scripts of pages without payloads, at every depth: the theme's and ours."""
    found: list[str] = []
    for path in ("remedies/printer-offline.html", "search.html", "areas/printing.html"):
        for lang in ("en", "nl"):
            page.goto(f"{site.as_uri()}/{lang}/{path}")
            found += page.evaluate(INLINE)
    return found


def test_pages_show_payloads_as_text_and_run_nothing(browser: Browser, xss_site: Path) -> None:
    page, fired = watched(browser)
    ours = our_scripts(page, xss_site)
    for i, payload in enumerate(PAYLOADS, start=1):
        for lang in ("en", "nl"):
            page.goto(f"{xss_site.as_uri()}/{lang}/remedies/xss-{i:02d}.html")
            assert page.evaluate(PLANTED, ours) == [], payload
            assert page.locator("h1").inner_text().startswith(f"Case {i} "), payload
            assert page.evaluate("window.__kbXss") is None
    page.goto(f"{xss_site.as_uri()}/en/areas/network.html")
    assert page.evaluate(PLANTED, ours) == []
    page.close()
    assert fired == []


def test_visible_text_survives(browser: Browser, xss_site: Path) -> None:
    page, fired = watched(browser)
    page.goto(f"{xss_site.as_uri()}/en/remedies/xss-01.html")
    assert "<script>alert(1)</script>" in page.locator(".md-content").inner_text()
    page.close()
    assert fired == []


def test_search_results_for_payloads_run_nothing(browser: Browser, xss_site: Path) -> None:
    page, fired = watched(browser)
    ours = our_scripts(page, xss_site)
    for i, payload in enumerate(PAYLOADS, start=1):
        page.goto(f"{xss_site.as_uri()}/en/search.html?q={quote(f'Case {i} ' + payload)}")
        page.wait_for_selector(".kb-search-page__results a[data-remedy-id]")
        assert page.evaluate(PLANTED, ours) == [], payload
    box = page.locator(".md-search__input")
    box.fill("<img src=x onerror=alert(99)> Case")
    page.wait_for_selector("#kb-search-list [data-remedy-id]")
    assert page.evaluate(PLANTED, ours) == []
    page.close()
    assert fired == []


def test_codes_with_markup_are_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = copy_root("basic", tmp_path)
    monkeypatch.chdir(tmp_path)
    data = remedy(1, "x") | {"codes": ["<script>alert(1)</script>"]}
    (content / "remedies" / "xss-01.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ContentError) as failed:
        load(Path("content_src"))
    assert [str(p) for p in failed.value.problems] == [
        "content_src/remedies/xss-01.yaml:3: codes[0]: '<script>alert(1)</script>' is not an error code: "
        "use letters and digits, joined by '-', '_' or '.'"]
