"""kb import on the real page pairs of ../shared/reference/pairs: every word kept once, valid, built, linkable."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator import links
from generator.importing import shapes, slugify
from generator.validation import load
from tests.conftest import REPO, build_into, copy_root

PAIRS = REPO.parent / "shared" / "reference" / "pairs"
NAMES = sorted(p.name.removesuffix(".en-US.md") for p in PAIRS.glob("*.en-US.md"))


def kb(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


def test_the_pairs_are_there() -> None:
    assert len(NAMES) >= 8, f"{PAIRS} is missing: the importer is checked against the real pages in it"


def check_report(report: dict) -> None:
    """At least 99% of every page's words kept, at most 1% repeated, in both languages."""
    pages = {(Path(p["path"]).name, p["lang"]): (p["kept"], p["repeated"]) for p in report["pages"]}
    assert {lang for _, lang in pages} == {"en", "nl"}
    low = {page: shares for page, shares in pages.items() if shares[0] < 0.99 or shares[1] > 0.01}
    assert low == {}


@pytest.fixture(scope="module")
def one_by_one(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    """Every pair imported into one content folder, one pair after another, as a new user would."""
    folder = tmp_path_factory.mktemp("pairs")
    content = copy_root("basic", folder)
    reports = []
    for name in NAMES:
        out = folder / f"{name}.json"
        result = kb("import", PAIRS / f"{name}.en-US.md", PAIRS / f"{name}.nl-NL.md", "--content", content,
                    "--report", out, cwd=folder)
        assert result.returncode == 0 and "Traceback" not in result.stdout + result.stderr, result.stderr
        reports.append(json.loads(out.read_text(encoding="utf-8")))
    return content, reports


def test_every_pair_keeps_every_word_once(one_by_one) -> None:
    _, reports = one_by_one
    for report in reports:
        check_report(report)


def test_one_after_another_stays_valid_and_builds(one_by_one, tmp_path: Path) -> None:
    content, reports = one_by_one
    kb_ = load(content)
    assert yaml.safe_load((content / "areas.yaml").read_text(encoding="utf-8"))  # still one valid document
    imported = [r for r in kb_.remedies if r.imported_from]
    assert len(imported) == sum(len(r["written"]) for r in reports) > 150
    site = build_into(content, tmp_path)
    assert all((site / lang / "remedies" / f"{r.id}.html").is_file() for r in imported for lang in ("en", "nl"))
    for page in site.rglob("*.html"):
        assert "Traceback" not in page.read_text(encoding="utf-8")


def test_old_section_links_resolve_per_page(one_by_one) -> None:
    content, _ = one_by_one
    kb_ = load(content)
    for name in NAMES:  # every ## heading of every English page leads to a remedy of that page
        for line in (PAIRS / f"{name}.en-US.md").read_text(encoding="utf-8").splitlines():
            anchor = slugify(line[3:])
            if line.startswith("## ") and anchor not in shapes.SKIP:
                target = links.resolve(kb_, f"{name}.en-US.md#{anchor}")
                assert target is not None, (name, anchor)
                assert any(o.startswith(f"{name}.md#") for o in target.remedies[0].imported_from)


def test_codes_from_real_pages(one_by_one) -> None:
    content, _ = one_by_one
    codes = load(content).codes()
    for code in ["Error-13", "Error-1045", "0xC004F074", "HTTP-401", "CLIENT_CERT_INSTALL_ERROR", "0x80c8603e"]:
        assert code in codes, code


def test_importing_again_changes_nothing(one_by_one, tmp_path: Path) -> None:
    content, _ = one_by_one
    before = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    name = NAMES[0]
    result = kb("import", PAIRS / f"{name}.en-US.md", PAIRS / f"{name}.nl-NL.md", "--content", content, cwd=tmp_path)
    assert result.returncode == 0 and "records written: 0\nrecords unchanged:" in result.stdout
    assert {p: p.read_bytes() for p in content.rglob("*") if p.is_file()} == before


def test_a_tree_in_one_batch(tmp_path: Path) -> None:
    for lang, folder in (("en-US", "en"), ("nl-NL", "nl")):
        for name in NAMES:  # a docs tree and its translation: the same relative paths
            target = tmp_path / folder / "articles" / f"{name}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(PAIRS / f"{name}.{lang}.md", target)
    content = copy_root("basic", tmp_path)
    result = kb("import", "--pair", tmp_path / "en", tmp_path / "nl", "--content", content, "--report",
                tmp_path / "report.json", cwd=tmp_path)
    assert result.returncode == 0 and "Traceback" not in result.stdout + result.stderr, result.stderr
    assert f"kb: [{len(NAMES) + 1}/{len(NAMES) + 1}]" in result.stderr  # one progress display for the batch
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    check_report(report)
    assert len(report["pages"]) == 2 * len(NAMES)
    assert {r["shape"] for r in report["records"].values()} == {"A", "B", "C", "E"}
    areas = yaml.safe_load((content / "areas.yaml").read_text(encoding="utf-8"))
    assert len(areas) == 2 + len(NAMES)  # each page's area from the page itself
    kb_ = load(content)
    assert links.resolve(kb_, "articles/troubleshoot-specific-rdp-errors.md#rdplicense") is not None
    site = build_into(content, tmp_path / "built")
    assert all((site / "nl" / "remedies" / f"{rid}.html").is_file() for rid in report["written"])
