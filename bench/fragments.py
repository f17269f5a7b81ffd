"""python -m bench.fragments [--pairs DIR ...]: parts of messages pasted from anywhere in a remedy.

Imports the example content and the page pairs (as bench.search_quality does, without building
the site). For each remedy and language it takes a run of 4 to 6 words from its solutions (cause,
text, steps, note: past the title and symptom a summary shows), one that no other remedy of that
language holds, and searches for it with generator/ranking.py (the browser ranks the same: tests
compare both). Prints, per language, how often that remedy comes first, in the first 5, and the
MRR. The runs are drawn with a fixed seed: the same content gives the same queries.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
from pathlib import Path

from bench import quality
from generator.ranking import Engine
from generator.records import KnowledgeBase
from generator.search import plain
from generator.validation import load

WORDS = (4, 5, 6)
TRIES = 3  # draws per remedy before giving up on finding a run only it holds


def texts(kb: KnowledgeBase, lang: str) -> dict[str, tuple[str, str]]:
    """Remedy id -> (its solutions' plain text, all its plain text), lower case."""
    found = {}
    for remedy in kb.remedies:
        if remedy.has(lang):
            t = remedy.text(lang)
            body = " ".join(plain(part) for s in t.solutions for part in s.markdown()).lower()
            found[remedy.id] = (body, f"{plain(t.title)} {plain(t.symptom or '')} {body}".lower())
    return found


def fragments(kb: KnowledgeBase, lang: str, rng: random.Random) -> list[tuple[str, str]]:
    """(remedy id, pasted run of words) for every remedy with a run no other remedy holds."""
    found, every = [], texts(kb, lang)
    for rid, (body, _) in sorted(every.items()):
        words = [w for w in body.split() if re.search(r"\w", w)]
        for _ in range(TRIES if len(words) > 2 * max(WORDS) else 0):
            start = rng.randrange(len(words) - max(WORDS))
            run = " ".join(words[start:start + rng.choice(WORDS)])
            if sum(run in whole for _, whole in every.values()) == 1:
                found.append((rid, run))
                break
    return found


def measure(content: Path) -> list[str]:
    """One line of figures per language."""
    kb, rng, lines = load(content), random.Random(0), []
    for lang in kb.languages:
        engine, asked = Engine(kb, lang), fragments(kb, lang, rng)
        ranks = [quality.rank_of(rid, engine.find(run)[:quality.DEPTH]) for rid, run in asked]
        s = quality.scores(ranks)
        lines.append(f"{lang}: {len(ranks)} fragments, rank 1 {s.rank1:.2f}, in the first 5 {s.recall5:.2f}, "
                     f"MRR {s.mrr:.2f}")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Import, measure, print; always 0."""
    parser = argparse.ArgumentParser(prog="python -m bench.fragments", description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, nargs="+", default=[quality.PAIRS], help="folders of page pairs")
    args = parser.parse_args(argv)
    for pairs in args.pairs:
        with tempfile.TemporaryDirectory(prefix="kb-fragments-") as tmp:
            print(f"{pairs}:")
            for line in measure(quality.import_kb(Path(tmp), pairs.resolve())):
                print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
