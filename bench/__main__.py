"""python -m bench --remedies 200 1000 [--runs 5]: remedykb against plain MkDocs Material, same content.

For each size N it writes N deterministic synthetic remedies per language (bench/synthetic.py),
builds them with `kb build` and, as a team would by hand, as Markdown with plain Material and
mkdocs-static-i18n (bench/plain.py), in the same run. It prints build wall time and ratio, peak
memory of each build's process tree, site bytes, the largest remedy page, the offline bundle's
zip, search index bytes, and the time from navigation start to the first search result in
headless Chromium on 127.0.0.1 (median of --runs cold loads).
"""
from __future__ import annotations

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

import psutil
from playwright.sync_api import Browser, sync_playwright

from bench import plain, synthetic
from bench.serve import serve
from generator.bundle import write_zip

REPO = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WORDS = {"en": "passwords", "nl": "wachtwoorden"}
TWO_WORDS = {"en": "new passwords", "nl": "nieuwe wachtwoorden"}  # both common: their tails may be needed
LANGS = ("en", "nl")  # the order of synthetic.COMMON's pairs
DISTRIBUTION = "default"  # set by --distribution


def queries(lang: str, code: str) -> tuple[tuple[str, str], ...]:
    """(kind, query) measured against the sharded index and Pagefind: a code, a common word, two."""
    if DISTRIBUTION == "common":
        word, other = (pair[LANGS.index(lang)] for pair in synthetic.COMMON)
        return ("code", code), ("word", word), ("two words", f"{word} {other}")
    return ("code", code), ("word", WORDS[lang]), ("two words", TWO_WORDS[lang])
# Material's search renders result items into .md-search-result__list; note when the first appears.
FIRST_RESULT = """
new MutationObserver((changes, observer) => {
  if (document.querySelector('.md-search-result__item')) {
    performance.mark('kb-search-first-result'); observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""


def run_measured(command: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, peak MB of the whole process tree) of a command, sampled every 20 ms."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    process = psutil.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0

    def sample() -> None:
        nonlocal peak
        while process.poll() is None:
            try:
                tree = [process, *process.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, err = process.communicate()
    sampler.join()
    if process.returncode:
        raise RuntimeError(f"{command} failed: {err.decode()[-2000:]}")
    return time.perf_counter() - started, peak / 2**20


# Bytes the page had loaded when the first result appeared: the page and every resource (served
# without compression, so encodedBodySize is the raw size).
LOADED_BYTES = """() => {
  const mark = performance.getEntriesByName('kb-search-first-result')[0].startTime;
  return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
    .filter(e => e.responseEnd <= mark).reduce((sum, e) => sum + e.encodedBodySize, 0);
}"""
# Pagefind's own search, on a page of its own in the same site: the first result's data loaded.
PAGEFIND_PAGE = """<!doctype html><meta charset="utf-8"><title>pagefind</title><script type="module">
const q = new URLSearchParams(location.search).get('q'), lang = new URLSearchParams(location.search).get('lang');
const pagefind = await import(`./${lang}/pagefind/pagefind.js`);
const found = await pagefind.search(q);
if (found.results.length) { await found.results[0].data(); performance.mark('kb-search-first-result'); }
</script>"""


def first_result(browser: Browser, url: str) -> tuple[float, float]:
    """(ms from navigation start to the first rendered result, KB loaded by then), in a cold context."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(FIRST_RESULT)
    page.goto(url)
    page.wait_for_function("performance.getEntriesByName('kb-search-first-result').length > 0", timeout=60000)
    ms = float(page.evaluate("performance.getEntriesByName('kb-search-first-result')[0].startTime"))
    loaded = float(page.evaluate(LOADED_BYTES)) / 1024
    context.close()
    return ms, loaded


def first_result_ms(browser: Browser, url: str) -> float:
    """Milliseconds from navigation start to the first rendered result, in a cold context."""
    return first_result(browser, url)[0]


def medians(browser: Browser, url: str, runs: int) -> tuple[float, float]:
    """Median ms and KB of the first result over `runs` cold loads."""
    measured = [first_result(browser, url) for _ in range(runs)]
    return statistics.median(m for m, _ in measured), statistics.median(k for _, k in measured)


def measure_pagefind(row: dict[str, float], kb_site: Path, n: int, runs: int, browser: Browser) -> None:
    """Pagefind over the same remedy pages, in the same run: first result and KB loaded by then."""
    from bench.quality import pagefind_index
    for lang in ("en", "nl"):
        pagefind_index(kb_site, lang)
    (kb_site / "pagefind-bench.html").write_text(PAGEFIND_PAGE, encoding="utf-8")
    code = synthetic.remedy(n // 2)["codes"][0]
    with serve(kb_site) as base:
        for lang in ("en", "nl"):
            for kind, query in queries(lang, code):
                ms, kb = medians(browser, f"{base}/pagefind-bench.html?lang={lang}&q={quote(query)}", runs)
                row[f"pagefind first result {lang} {kind} ms"] = ms
                row[f"pagefind loaded {lang} {kind} KB"] = kb


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def largest_kb(pages: list[Path]) -> float:
    return max(p.stat().st_size for p in pages) / 1024


def measure(n: int, runs: int, browser: Browser, work: Path, with_plain: bool = True,
            pagefind: bool = False) -> dict[str, float]:
    """Build n synthetic remedies both ways (or with remedykb only) and measure them."""
    content = synthetic.write(work / f"content-{n}", n, DISTRIBUTION)
    row: dict[str, float] = {"remedies per language": n}
    kb_site, kb_docs = work / f"kb-site-{n}", work / f"kb-docs-{n}"
    row["remedykb build s"], row["remedykb peak MB"] = run_measured(
        [sys.executable, "-m", "generator", "build", "--content", str(content), "--out", str(kb_site),
         "--docs", str(kb_docs), "--mkdocs", str(REPO / "mkdocs.yml")], work)
    if not with_plain:
        measure_kb_only(row, kb_site, n, runs, browser, work)
        if pagefind:
            measure_pagefind(row, kb_site, n, runs, browser)
        return row
    plain_config = plain.write(content, work / f"plain-{n}")
    row["plain build s"], row["plain peak MB"] = run_measured(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(plain_config)], work)
    row["build time ratio (kb/plain)"] = row["remedykb build s"] / row["plain build s"]
    plain_site = plain_config.parent / "site"
    row["remedykb site MB"], row["plain site MB"] = size_mb(kb_site), size_mb(plain_site)
    row["remedykb largest remedy page KB"] = largest_kb(list(kb_site.glob("*/remedies/*.html")))
    row["remedykb largest page of any kind KB"] = largest_kb(list(kb_site.glob("**/*.html")))
    row["plain largest remedy page KB"] = largest_kb(list(plain_site.glob("**/remedies/*/index.html")))
    write_zip(kb_site, work / f"bundle-{n}.zip", "remedykb", "2026-01-01")  # what kb bundle zips
    row["remedykb bundle zip MB"] = (work / f"bundle-{n}.zip").stat().st_size / 2**20
    index_sizes(row, kb_site)
    raw = (plain_site / "search" / "search_index.json").read_bytes()
    row["plain index (both languages) gzip KB"] = len(gzip.compress(raw, 6)) / 1024
    code = synthetic.remedy(n // 2)["codes"][0]
    with serve(kb_site) as kb_base, serve(plain_site) as plain_base:
        for lang in ("en", "nl"):
            prefix = "" if lang == "en" else "nl/"
            for kind, query in queries(lang, code)[:2]:
                kb_ms = statistics.median(first_result_ms(browser, f"{kb_base}/{lang}/search.html?q={quote(query)}")
                                          for _ in range(runs))
                plain_ms = statistics.median(first_result_ms(browser, f"{plain_base}/{prefix}?q={quote(query)}")
                                             for _ in range(runs))
                row[f"remedykb first result {lang} {kind} ms"] = kb_ms
                row[f"plain first result {lang} {kind} ms"] = plain_ms
                row[f"first result ratio {lang} {kind}"] = kb_ms / plain_ms
    return row


def measure_kb_only(row: dict[str, float], kb_site: Path, n: int, runs: int, browser: Browser,
                    work: Path) -> dict[str, float]:
    """The remedykb figures alone, for sizes the plain site cannot reach in reasonable time."""
    row["remedykb site MB"] = size_mb(kb_site)
    row["remedykb largest remedy page KB"] = largest_kb(list(kb_site.glob("*/remedies/*.html")))
    row["remedykb largest page of any kind KB"] = largest_kb(list(kb_site.glob("**/*.html")))
    index_sizes(row, kb_site)
    code = synthetic.remedy(n // 2)["codes"][0]
    with serve(kb_site) as base:
        for lang in ("en", "nl"):
            for kind, query in queries(lang, code):
                ms, kb = medians(browser, f"{base}/{lang}/search.html?q={quote(query)}", runs)
                row[f"remedykb first result {lang} {kind} ms"], row[f"remedykb loaded {lang} {kind} KB"] = ms, kb
    for lang in ("en", "nl"):  # from disk: no server, the offline bundle's case
        row[f"remedykb from file:// {lang} word ms"] = statistics.median(
            first_result_ms(browser, f"{(kb_site / lang / 'search.html').as_uri()}?q={quote(queries(lang, '')[1][1])}")
            for _ in range(runs))
    return row


def index_sizes(row: dict[str, float], kb_site: Path) -> None:
    """The index of each language: its manifest, and all its shards together, raw and gzip."""
    for lang in ("en", "nl"):
        shards = [p for p in (kb_site / lang / "search").glob("*.js") if not p.name.startswith("lunr")]
        raw = b"".join(p.read_bytes() for p in sorted(shards))
        row[f"remedykb {lang} manifest KB"] = (kb_site / lang / "search" / "index.js").stat().st_size / 1024
        row[f"remedykb {lang} index (all shards) KB"] = len(raw) / 1024
        row[f"remedykb {lang} index (all shards) gzip KB"] = len(gzip.compress(raw, 6)) / 1024
        row[f"remedykb {lang} shard files"] = float(len(shards))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--remedies", type=int, nargs="+", default=[1000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--plain-up-to", type=int, default=2000,
                        help="build the plain site only up to this size (it grows with N squared)")
    parser.add_argument("--pagefind", action="store_true",
                        help="also index the remedykb site with Pagefind and measure its first result")
    parser.add_argument("--distribution", choices=("default", "common"), default="default",
                        help='"common": two words stand once in about 95%% of remedies (bench/synthetic.py)')
    args = parser.parse_args()
    global DISTRIBUTION
    DISTRIBUTION = args.distribution
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
        rows = [measure(n, args.runs, browser, Path(tmp), n <= args.plain_up_to, args.pagefind)
                for n in args.remedies]
        browser.close()
    print(f"machine: {os.cpu_count()} cores; browser figures are medians of {args.runs} cold page loads")
    for key in dict.fromkeys(k for row in rows for k in row):
        print(f"{key:>40} " + " ".join(f"{row[key]:>10.2f}" if isinstance(row.get(key), float)
                                       else f"{row.get(key, '-'):>10}" for row in rows))


if __name__ == "__main__":
    main()
