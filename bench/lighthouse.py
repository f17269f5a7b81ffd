"""python -m bench.lighthouse [--preset desktop|mobile]: Lighthouse scores, remedykb against plain Material.

Builds the example content (content_src) with `kb build` and, from the same remedies, a plain
MkDocs Material site with mkdocs-static-i18n (bench/plain.py), both with `site_url` set to the
local server that serves them on 127.0.0.1. It runs Lighthouse 12 (npm `lighthouse@12.2.3`,
installed on first use into ~/.cache/remedykb-bench/lighthouse, never into the repository) once
per page in Debian's headless Chromium: for en and nl, remedykb's remedy, area, home and search
page, and plain Material's home and remedy page. It prints the four category scores
(performance, accessibility, best practices, SEO) as 0-100 per page, then the SEO and
accessibility audits each page fails (score below 1, not "not applicable" and not manual).
One run per page, no medians: the machine is shared, so read performance as a rough figure.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import plain
from bench.serve import serve

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content_src"
LIGHTHOUSE = "lighthouse@12.2.3"
CACHE = Path.home() / ".cache" / "remedykb-bench" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FAILURES_OF = ("seo", "accessibility")
LANGS = ("en", "nl")
REMEDY = "viral-tenant-password-reset"
AREA = "invitations"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m bench.lighthouse", description=__doc__.splitlines()[0])
    parser.add_argument("--preset", choices=("desktop", "mobile"), default="desktop",
                        help="Lighthouse's desktop preset, or its default mobile emulation and throttling")
    parser.add_argument("--cache", type=Path, default=CACHE, help="where npm installs Lighthouse")
    return parser.parse_args(argv)


def lighthouse_cli(cache: Path) -> Path:
    """The pinned Lighthouse CLI, installed with npm into `cache` unless it is already there."""
    cli = cache / "node_modules" / ".bin" / "lighthouse"
    if not cli.exists():
        cache.mkdir(parents=True, exist_ok=True)
        print(f"installing {LIGHTHOUSE} into {cache}", file=sys.stderr)
        subprocess.run(["npm", "install", "--prefix", str(cache), "--no-audit", "--no-fund", LIGHTHOUSE],
                       check=True, stdout=subprocess.DEVNULL)
    return cli


def lighthouse_version(cache: Path) -> str:
    """The installed Lighthouse's version, from its package.json."""
    package = cache / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"]


def run(command: list[str], cwd: Path) -> None:
    """Run a build command quietly; raise with its stderr tail if it fails."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    done = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode:
        raise RuntimeError(f"{command} failed: {done.stderr[-2000:]}")


def build_kb(work: Path, base: str, site: Path) -> None:
    """Build a copy of the example content with site_url = base into `site`."""
    content = work / "content"
    shutil.copytree(CONTENT, content)
    with (content / "site.yaml").open("a", encoding="utf-8") as out:
        out.write(f"\nsite_url: {base}\n")
    run([sys.executable, "-m", "generator", "build", "--content", str(content), "--out", str(site),
         "--docs", str(work / "kb-docs"), "--mkdocs", str(REPO / "mkdocs.yml")], work)


def build_plain(work: Path, base: str, site: Path) -> None:
    """Build the example remedies as plain Material + mkdocs-static-i18n, site_url = base, into `site`."""
    config = plain.write(CONTENT, work / "plain")
    with config.open("a", encoding="utf-8") as out:
        out.write(f"site_url: {base}/\nsite_dir: {site}\n")
    run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], work)


def kb_pages() -> list[tuple[str, str]]:
    """(label, path) of the remedykb pages measured, per language."""
    pages = []
    for lang in LANGS:
        pages += [(f"remedykb {lang} remedy", f"{lang}/remedies/{REMEDY}.html"),
                  (f"remedykb {lang} area", f"{lang}/areas/{AREA}.html"),
                  (f"remedykb {lang} home", f"{lang}/index.html"),
                  (f"remedykb {lang} search", f"{lang}/search.html?q=password")]
    return pages


def plain_pages(site: Path) -> list[tuple[str, str]]:
    """(label, path) of the plain site's home and remedy page per language, as found in the build."""
    pages = []
    for lang in LANGS:
        homes = [p for p in (site / lang / "index.html", site / "index.html") if p.exists()]
        remedies = sorted(site.glob(f"**/remedies/{REMEDY}/index.html"), key=lambda p: len(p.parts))
        remedies = [p for p in remedies if p.relative_to(site).parts[0] == lang] or remedies[:1]
        for kind, found in (("home", homes), ("remedy", remedies)):
            if not found:
                raise RuntimeError(f"plain site has no {lang} {kind} page")
            path = found[0].relative_to(site).parent.as_posix()
            pages.append((f"plain {lang} {kind}", "" if path == "." else f"{path}/"))
    return pages


def audit(cli: Path, url: str, preset: str, out: Path) -> dict:
    """One Lighthouse run on `url`; its JSON report."""
    command = [str(cli), url, f"--chrome-flags={CHROME_FLAGS}", "--output=json", f"--output-path={out}",
               "--quiet", f"--only-categories={','.join(CATEGORIES)}"]
    if preset == "desktop":
        command.append("--preset=desktop")
    done = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM},
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode or not out.exists():
        raise RuntimeError(f"Lighthouse failed on {url}: {done.stderr[-2000:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse failed on {url}: {report['runtimeError']}")
    return report


def scores(report: dict) -> dict[str, int | None]:
    """The category scores, 0-100 (None if Lighthouse could not score one)."""
    cats = report["categories"]
    return {c: None if cats[c]["score"] is None else round(cats[c]["score"] * 100) for c in CATEGORIES}


def failing(report: dict, category: str) -> list[str]:
    """Ids of the category's audits that score below 1, leaving out not-applicable and manual ones."""
    audits = report["audits"]
    ids = [ref["id"] for ref in report["categories"][category]["auditRefs"]]
    return [i for i in ids if audits[i]["scoreDisplayMode"] not in ("notApplicable", "manual", "informative")
            and audits[i]["score"] is not None and audits[i]["score"] < 1]


def measure(cli: Path, base: str, pages: list[tuple[str, str]], preset: str, work: Path) -> list[tuple[str, dict]]:
    """(label, report) for each page under `base`."""
    reports = []
    for label, path in pages:
        print(f"lighthouse: {label} ({path or '/'})", file=sys.stderr)
        reports.append((label, audit(cli, f"{base}/{path}", preset, work / "report.json")))
    return reports


def table(reports: list[tuple[str, dict]]) -> str:
    """A Markdown table of the category scores, one row per page."""
    lines = ["| page | performance | accessibility | best practices | SEO |", "| --- | ---: | ---: | ---: | ---: |"]
    for label, report in reports:
        row = scores(report)
        lines.append(f"| {label} | " + " | ".join("-" if row[c] is None else str(row[c]) for c in CATEGORIES) + " |")
    return "\n".join(lines)


def failures(reports: list[tuple[str, dict]]) -> str:
    """The failing SEO and accessibility audit ids per page."""
    lines = []
    for label, report in reports:
        for category in FAILURES_OF:
            lines.append(f"- {label}, {category}: {', '.join(failing(report, category)) or 'none'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Build both sites, run Lighthouse on their pages, print the scores and failing audits."""
    args = parse_args(argv)
    cli = lighthouse_cli(args.cache)
    reports: list[tuple[str, dict]] = []
    with tempfile.TemporaryDirectory(prefix="kb-lighthouse-") as tmp:
        work = Path(tmp)
        kb_site, plain_site = work / "kb-site", work / "plain-site"
        kb_site.mkdir()
        plain_site.mkdir()
        with serve(kb_site) as kb_base, serve(plain_site) as plain_base:
            build_kb(work, kb_base, kb_site)
            build_plain(work, plain_base, plain_site)
            reports += measure(cli, kb_base, kb_pages(), args.preset, work)
            reports += measure(cli, plain_base, plain_pages(plain_site), args.preset, work)
    chromium = reports[0][1].get("environment", {}).get("hostUserAgent", "")
    print(f"Lighthouse {lighthouse_version(args.cache)}, preset {args.preset}, {CHROMIUM}, one run per page")
    print(f"({chromium})\n")
    print(table(reports))
    print("\nFailing audits (score < 1, not 'not applicable' or manual):\n")
    print(failures(reports))
    return 0


if __name__ == "__main__":
    sys.exit(main())
