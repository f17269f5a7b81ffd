"""kb import on real page pairs: what each pair becomes, imported one after another into one folder
and as one --pair batch.

    python -m bench.import_pairs                          # ../shared/reference/pairs
    python -m bench.import_pairs --pairs DIR [--json FILE]

Per pair: records, words kept / repeated / added in each language, the share of sections both
languages have that were paired, codes, ids that are a bare number or end in a clash number, and
what the review queue lists first. Prints figures; passes or fails nothing.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAIRS = REPO.parent / "shared" / "reference" / "pairs"


def kb(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=600)


def one_by_one(pairs: Path, names: list[str], folder: Path) -> dict[str, dict]:
    """Import each pair in turn into one content folder; the report of each."""
    content = folder / "content_src"
    shutil.copytree(REPO / "tests" / "roots" / "basic" / "content_src", content)
    reports = {}
    for name in names:
        out = folder / f"{name}.json"
        result = kb("import", pairs / f"{name}.en-US.md", pairs / f"{name}.nl-NL.md", "--content", content,
                    "--report", out, cwd=folder)
        if result.returncode != 0:
            print(f"{name}: import failed (exit {result.returncode})\n{result.stderr[-2000:]}")
            continue
        reports[name] = json.loads(out.read_text(encoding="utf-8"))
    return reports


def batch(pairs: Path, names: list[str], folder: Path) -> dict:
    """Import every pair as one --pair tree; the report."""
    for lang, sub in (("en-US", "en"), ("nl-NL", "nl")):
        (folder / sub).mkdir(parents=True)
        for name in names:
            shutil.copyfile(pairs / f"{name}.{lang}.md", folder / sub / f"{name}.md")
    content = folder / "content_src"
    shutil.copytree(REPO / "tests" / "roots" / "basic" / "content_src", content)
    result = kb("import", "--pair", folder / "en", folder / "nl", "--content", content, "--report",
                folder / "report.json", cwd=folder)
    if result.returncode != 0:
        print(f"batch import failed (exit {result.returncode})\n{result.stderr[-2000:]}")
        return {}
    return json.loads((folder / "report.json").read_text(encoding="utf-8"))


def bad_ids(ids: list[str]) -> list[str]:
    """Ids that are only a number, or another id with a number after it (a clash suffix)."""
    return [i for i in ids if re.fullmatch(r"\d+", i) or re.sub(r"-\d+$", "", i) in set(ids) - {i}]


def row(name: str, report: dict) -> dict:
    """The figures of one pair's report."""
    pages = {p["lang"]: p for p in report["pages"]}
    counts = {lang: sum(p["shapes"].values()) for lang, p in pages.items()}
    both = min(counts.values()) if len(counts) > 1 else 0
    ids = list(report["records"])
    first = report["review"][0] if report["review"] else None
    return {
        "pair": name,
        "records": len(ids),
        "kept": {lang: p["kept"] for lang, p in pages.items()},
        "repeated": {lang: p["repeated"] for lang, p in pages.items()},
        "added": {lang: p["added"] for lang, p in pages.items()},
        "paired": f"{report['paired']}/{both}",
        "paired_share": report["paired"] / both if both else 1.0,
        "codes": len({c for r in report["records"].values() for c in r["codes"]}),
        "bad_ids": bad_ids(ids),
        "review": len(report["review"]),
        "review_first": f"{first['id']}: {', '.join(first['reasons'])}" if first else "",
        "reasons": dict(Counter(r for item in report["review"] for r in item["reasons"])),
    }


def show(rows: list[dict]) -> None:
    """One line per pair, then the totals."""
    print(f"{'pair':58} {'rec':>4} {'kept en/nl':>13} {'rep en/nl':>11} {'add':>5} {'paired':>8} {'codes':>5} "
          f"{'review':>6}  first in the review queue")
    for r in rows:
        kept = "/".join(f"{r['kept'].get(lang, 0):.1%}" for lang in ("en", "nl"))
        rep = "/".join(f"{r['repeated'].get(lang, 0):.1%}" for lang in ("en", "nl"))
        added = sum(r["added"].values())
        print(f"{r['pair'][:58]:58} {r['records']:4} {kept:>13} {rep:>11} {added:5} {r['paired']:>8} {r['codes']:5} "
              f"{r['review']:6}  {r['review_first'][:70]}")
        if r["bad_ids"]:
            print(f"    ids that are a number or end in a clash suffix: {', '.join(r['bad_ids'])}")
    total = Counter()
    for r in rows:
        total.update(r["reasons"])
    print(f"records: {sum(r['records'] for r in rows)}; lowest kept: "
          f"{min(min(r['kept'].values()) for r in rows):.1%}; highest repeated: "
          f"{max(max(r['repeated'].values()) for r in rows):.1%}; added: {sum(sum(r['added'].values()) for r in rows)}; "
          f"lowest paired share: {min(r['paired_share'] for r in rows):.1%}; review reasons: {dict(total)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    parser.add_argument("--json", type=Path, help="write the rows as JSON too")
    args = parser.parse_args()
    names = sorted(p.name.removesuffix(".en-US.md") for p in args.pairs.glob("*.en-US.md"))
    with tempfile.TemporaryDirectory(prefix="kb-import-bench-") as tmp:
        reports = one_by_one(args.pairs, names, Path(tmp) / "one")
        print("one pair after another, into one folder:")
        rows = [row(name, report) for name, report in reports.items()]
        show(rows)
        whole = batch(args.pairs, names, Path(tmp) / "batch")
        if whole:
            print("\nas one --pair batch:")
            pages = {(Path(p["path"]).name, p["lang"]): p for p in whole["pages"]}
            worst = [min(p["kept"] for p in pages.values()), max(p["repeated"] for p in pages.values()),
                     sum(p["added"] for p in pages.values())]
            print(f"records: {len(whole['records'])}; lowest kept {worst[0]:.1%}; highest repeated {worst[1]:.1%}; "
                  f"added {worst[2]}; paired {whole['paired']}; unpaired {len(whole['unpaired'])}; "
                  f"review queue {len(whole['review'])}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
