"""python -m bench.serve_latency --remedies 1000: how fast `kb serve` shows an edited record.

Starts `kb serve` on a synthetic knowledge base, edits one record's English title, and times
until the served page on 127.0.0.1 carries the new title; also counts the HTML files rewritten.
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench import synthetic

REPO = Path(__file__).resolve().parent.parent


def wait_for(url: str, text: str, timeout: float = 120) -> float:
    """Seconds until `url` serves a page containing `text`."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return time.perf_counter() - started
        except OSError:
            pass
        time.sleep(0.05)
    raise TimeoutError(url)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.serve_latency", description=__doc__.splitlines()[0])
    parser.add_argument("--remedies", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        content = synthetic.write(Path(tmp) / "content", args.remedies)
        server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--content", str(content),
                                   "--port", str(port), "--mkdocs", str(REPO / "mkdocs.yml")],
                                  stderr=subprocess.PIPE, text=True, env={**os.environ, "CI": "true"})
        try:
            target = f"http://127.0.0.1:{port}/en/remedies/synthetic-00007.html"
            first = wait_for(target, "synthetic")  # the first, full build
            record = content / "remedies" / "synthetic-00007.yaml"
            latencies = []
            for edit in range(args.edits):
                marker = f"Edited title {edit}"
                text = record.read_text(encoding="utf-8")
                record.write_text(text.replace("  title: ", f"  title: {marker} ", 1), encoding="utf-8")
                latencies.append(wait_for(target, marker))
                time.sleep(1)
        finally:
            server.terminate()
            try:
                log = server.communicate(timeout=60)[1]
            except subprocess.TimeoutExpired:
                server.kill()
                log = server.communicate()[1]
    print(f"machine: {os.cpu_count()} cores; {args.remedies} remedies per language")
    print(f"first build served after {first:.1f} s")
    print(f"edit -> served page updated: median {statistics.median(latencies):.2f} s "
          f"(each: {', '.join(f'{x:.2f}' for x in latencies)})")
    print("\n".join(line for line in log.splitlines() if line.startswith("rebuilt")))


if __name__ == "__main__":
    main()
