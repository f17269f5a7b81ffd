"""Runs of words: which terms follow one another anywhere in a remedy, as a small Bloom filter.

A pasted part of a message is a run of words the record holds somewhere, often in a step or a
note far from its summary. Each remedy's summary shard carries a filter of its adjacent term
pairs, so the phrase check (query.py, kb-query.js) can ask "does b follow a in this remedy?"
without shipping the text. The browser mirrors the hashing exactly (kb-query.js).
"""
from __future__ import annotations

import base64
import math
import zlib
from collections.abc import Callable, Iterable

from generator.analysis import Analyzer

BITS_PER_PAIR = 12
HASHES = 5  # with 12 bits a pair, about 1 in 200 pairs a remedy lacks reads as present
SEED = 0x9E3779B9  # the second hash: the first one's CRC, mixed again after this


def mix(h: int) -> int:
    """murmur3's 32-bit finalizer: every bit of a CRC spread over every bit of the result."""
    h = ((h ^ h >> 16) * 0x85EBCA6B) & 0xFFFFFFFF
    h = ((h ^ h >> 13) * 0xC2B2AE35) & 0xFFFFFFFF
    return h ^ h >> 16


def positions(first: str, second: str, bits: int) -> list[int]:
    """The filter bits of the pair (first, second): CRC-32 of its UTF-8, mixed twice, double hashing."""
    crc = zlib.crc32(f"{first} {second}".encode())
    h1, h2 = mix(crc), mix(crc ^ SEED) | 1  # odd: the positions differ
    return [(h1 + i * h2) % bits for i in range(HASHES)]


def pairs(analyze: Analyzer, texts: Iterable[str]) -> set[tuple[str, str]]:
    """Adjacent word terms in each text (a run never spans two texts: title, symptom, a step...)."""
    found: set[tuple[str, str]] = set()
    for text in texts:
        terms = analyze.terms_plain(text)
        found.update(zip(terms, terms[1:]))
    return found


def bloom(found: set[tuple[str, str]]) -> str:
    """The filter of a set of pairs, base64: BITS_PER_PAIR bits a pair, whole bytes."""
    size = math.ceil(len(found) * BITS_PER_PAIR / 8)
    bits = bytearray(size)
    for first, second in found:
        for p in positions(first, second, size * 8):
            bits[p >> 3] |= 1 << (p & 7)
    return base64.b64encode(bytes(bits)).decode("ascii")


def follows(encoded: str) -> Callable[[str, str], bool]:
    """A test for one remedy's filter: whether `second` follows `first` somewhere in it."""
    bits = base64.b64decode(encoded)
    size = len(bits) * 8
    return lambda first, second: bool(size) and all(
        bits[p >> 3] >> (p & 7) & 1 for p in positions(first, second, size))


def longest_run(terms: list[str], adjacent: Callable[[str, str], bool]) -> int:
    """The most consecutive query terms that follow one another in the remedy (1 for any single term)."""
    longest = run = min(len(terms), 1)
    for first, second in zip(terms, terms[1:]):
        run = run + 1 if adjacent(first, second) else 1
        longest = max(longest, run)
    return longest
