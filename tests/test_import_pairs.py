"""kb import on the real page pairs of ../shared/reference/pairs: every word kept once, valid, built, linkable."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator import links
from generator.importing import slugify, words
from generator.importing.report import REASONS
from generator.validation import load
from tests.conftest import REPO, build_into, copy_root

PAIRS = REPO.parent / "shared" / "reference" / "pairs"
NAMES = sorted(p.name.removesuffix(".en-US.md") for p in PAIRS.glob("*.en-US.md"))


def kb(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


def test_the_pairs_are_there() -> None:
    assert len(NAMES) >= 20, f"{PAIRS} is missing: the importer is checked against the real pages in it"


def check_report(report: dict) -> None:
    """Every page: at least 99% of its words kept, at most 1% repeated, none added; ids that mean something;
    at least 95% of the sections both languages have paired."""
    pages = {(Path(p["path"]).name, p["lang"]): (p["kept"], p["repeated"], p["added"]) for p in report["pages"]}
    assert {lang for _, lang in pages} == {"en", "nl"}
    low = {page: shares for page, shares in pages.items() if shares[0] < 0.99 or shares[1] > 0.01 or shares[2]}
    assert low == {}
    ids = set(report["records"])  # no id is a number, or another id with a number after it
    assert [rid for rid in ids if re.fullmatch(r"\d+", rid) or re.sub(r"-\d+$", "", rid) in ids - {rid}] == []
    by_page: dict[str, dict[str, int]] = {}
    for p in report["pages"]:
        by_page.setdefault(Path(p["path"]).name.split(".")[0], {})[p["lang"]] = sum(p["shapes"].values())
    both = sum(min(counts.values()) for counts in by_page.values())
    assert report["paired"] >= 0.95 * both, (report["paired"], both, report["unpaired"])


def words_of(record: dict, lang: str) -> str:
    return json.dumps(record[lang], ensure_ascii=False)


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
    content, reports = one_by_one
    kb_ = load(content)
    left_out = {m.group(1) for r in reports for w in r["warnings"]
                if (m := re.search(r":\d+: '(.*)' (?:says|has) .*; not imported$", w))}
    for name in NAMES:  # every ## heading of every English page but overviews (and those the report says it
        for line in (PAIRS / f"{name}.en-US.md").read_text(encoding="utf-8").splitlines():  # left out) leads to
            anchor = slugify(line[3:])  # a remedy of that page
            heading = line[3:].strip()
            if line.startswith("## ") and not words.is_skipped(heading, "en") and not words.is_overview(heading, "en") \
                    and heading not in left_out:
                target = links.resolve(kb_, f"{name}.en-US.md#{anchor}")
                assert target is not None, (name, anchor)
                assert any(o.startswith(f"{name}.md#") for o in target.remedies[0].imported_from)


def test_no_text_that_no_page_wrote(one_by_one) -> None:
    content, reports = one_by_one
    for report in reports:
        assert [(Path(p["path"]).name, p["added_words"]) for p in report["pages"] if p["added"]] == []
    texts = [p.read_text(encoding="utf-8") for p in (content / "remedies").glob("*.yaml")]
    for phrase in ("does not say", "vermeldt dit niet", "Not imported", "INCLUDE"):
        assert not any(phrase in text for text in texts), phrase


def test_procedures_stay_whole(one_by_one) -> None:
    content, reports = one_by_one
    kb_ = load(content)
    for name, steps in (("vpn-gateway-troubleshoot-site-to-site-disconnected-intermittently", 8),
                        ("virtual-network-troubleshoot-connectivity-problem-between-vms", 9)):
        report = reports[NAMES.index(name)]
        assert len(report["written"]) == 1, report["written"]  # one remedy for the page's problem
        remedy = kb_.remedy(report["written"][0])
        assert len(remedy.en.solutions) == len(remedy.nl.solutions) == 1
        assert len(remedy.en.solutions[0].steps) == len(remedy.nl.solutions[0].steps) == steps
        assert remedy.en.solutions[0].cause is None  # checks, not "Cause N"
    assert not [r.id for r in kb_.remedies if re.match(r"(step|stap)-\d", r.id)]


def test_tables_by_their_header(one_by_one) -> None:
    content, _ = one_by_one
    kb_ = load(content)
    row = next(r for r in kb_.remedies if "13" in r.codes and r.area.startswith("troubleshoot-common-issues"))
    assert row.codes == ["13", "Unauthorized"]  # the code column, and the error name beside it
    assert row.en.title == "Code 13: Unauthorized"
    assert row.en.symptom == "The request lacks the permissions to complete."  # the description column
    assert row.en.solutions[0].text.startswith("Ensure that the proper permissions are set")  # the solution column
    per_item = kb_.codes()["0x80c8603e"]  # a five-column table: HRESULT | decimal | error string | issue | remediation
    assert any("**HRESULT (decimal):** -2134351810" in (r.en.symptom or "") for r in per_item)


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
    assert {r["shape"] for r in report["records"].values()} == {"A", "B", "C", "D", "E", "G", "H"}
    queue = report["review"]  # the records to look at first, most telling reasons first
    assert queue and set(queue[0]) == {"id", "page", "line", "reasons"}
    weights = [sum(REASONS[r] for r in item["reasons"]) for item in queue]
    assert weights == sorted(weights, reverse=True) and {r for i in queue for r in i["reasons"]} <= set(REASONS)
    areas = yaml.safe_load((content / "areas.yaml").read_text(encoding="utf-8"))
    assert len(areas) == 2 + len(NAMES)  # each page's area from the page itself
    kb_ = load(content)
    assert links.resolve(kb_, "articles/troubleshoot-specific-rdp-errors.md#rdplicense") is not None
    site = build_into(content, tmp_path / "built")
    assert all((site / "nl" / "remedies" / f"{rid}.html").is_file() for rid in report["written"])
