"""Benchmarks for remedykb: they print figures; they are not tests."""
