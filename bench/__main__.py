"""python -m bench --remedies 1000 [2000 ...]: build synthetic knowledge bases and print figures.

Per size: kb build wall time, the size of the offline bundle's zip, search index bytes (raw and gzip) per language, and the time from
navigation start to the first result on the search page in headless Chromium on 127.0.0.1
(median of --runs cold page loads, for a code query and a word query).
"""
from __future__ import annotations

import argparse
import gzip
import os
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import Browser, sync_playwright

from bench import synthetic
from bench.serve import serve
from generator.build import build
from generator.bundle import write_zip

REPO = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WORDS = {"en": "passwords", "nl": "wachtwoorden"}


def first_result_ms(browser: Browser, url: str) -> float:
    """Milliseconds from navigation start to the first rendered result, in a cold context."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    page.wait_for_function("performance.getEntriesByName('kb-search-first-result').length > 0", timeout=30000)
    ms = float(page.evaluate("performance.getEntriesByName('kb-search-first-result')[0].startTime"))
    context.close()
    return ms


def measure(n: int, runs: int, browser: Browser, work: Path) -> dict[str, object]:
    """Build n synthetic remedies per language and measure them."""
    content = synthetic.write(work / f"content-{n}", n)
    site = work / f"site-{n}"
    started = time.perf_counter()
    build(content, site, work / f"docs-{n}", REPO / "mkdocs.yml")
    row: dict[str, object] = {"remedies": n, "build_s": time.perf_counter() - started}
    write_zip(site, work / f"bundle-{n}.zip", "remedykb", "2026-01-01")  # what kb bundle zips
    row["bundle_zip_kb"] = (work / f"bundle-{n}.zip").stat().st_size / 1024
    with serve(site) as base:
        for lang in ("en", "nl"):
            raw = (site / lang / "search" / "index.js").read_bytes()
            row[f"{lang}_index_kb"] = len(raw) / 1024
            row[f"{lang}_index_gzip_kb"] = len(gzip.compress(raw, 6)) / 1024
            for kind, query in (("code", synthetic.remedy(n // 2)["codes"][0]), ("word", WORDS[lang])):
                url = f"{base}/{lang}/search.html?q={quote(query)}"
                row[f"{lang}_first_result_{kind}_ms"] = statistics.median(
                    first_result_ms(browser, url) for _ in range(runs))
    return row


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--remedies", type=int, nargs="+", default=[1000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
        rows = [measure(n, args.runs, browser, Path(tmp)) for n in args.remedies]
        browser.close()
    print(f"machine: {os.cpu_count()} cores; medians of {args.runs} cold page loads")
    for key in rows[0]:
        print(f"{key:>28} " + " ".join(f"{row[key]:>10.1f}" if isinstance(row[key], float)
                                       else f"{row[key]:>10}" for row in rows))


if __name__ == "__main__":
    main()
