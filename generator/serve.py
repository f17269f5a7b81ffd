"""`kb serve`: a live preview for authors on 127.0.0.1 that rebuilds only what a change touches."""
from __future__ import annotations

import functools
import http.server
import signal
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator import links, redirects, rendering, search, sitebuild, sitemaps, validation
from generator.build import build
from generator.problems import ContentError
from generator.sitebuild import SiteBuildError

DEBOUNCE = 0.2  # editors write a file in several steps; wait for them to finish


@dataclass
class Rebuilt:
    """What one rebuild did."""

    seconds: float
    pages: int  # Markdown pages that changed
    problems: list[str]


class Preview:
    """A site in a work folder, rebuilt in place when the content changes."""

    def __init__(self, content: Path, mkdocs_file: Path, work: Path):
        self.content, self.mkdocs_file = content, mkdocs_file
        self.site, self.docs = work / "site", work / "docs"
        self.lock = threading.Lock()
        self.pool = sitebuild.worker_pool(4)  # kept between rebuilds: warm workers answer faster

    def close(self) -> None:
        """Stop the worker processes."""
        self.pool.shutdown(cancel_futures=True)

    def full(self) -> None:
        """The first build: everything."""
        build(self.content, self.site, self.docs, self.mkdocs_file)

    def rebuild(self) -> Rebuilt:
        """Re-read the content; regenerate changed pages and the search indexes only."""
        started = time.perf_counter()
        with self.lock:
            try:
                kb = validation.load(self.content)
                changed = rendering.render_docs(kb, self.docs)
                rendering.copy_media(kb, self.docs)
                indexes = sitebuild.build_languages(kb, self.content, self.mkdocs_file, self.docs, self.site,
                                                    dirty=True, pool=self.pool)
            except ContentError as err:
                return Rebuilt(time.perf_counter() - started, 0, [str(p) for p in err.problems])
            except SiteBuildError as err:
                return Rebuilt(time.perf_counter() - started, 0, [str(err)])
            for lang, script in indexes.items():
                search.write_search(self.site, lang, script)
            sitebuild.write_root_index(kb, self.site)
            links.write_manifest(kb, self.site)
            redirects.write_redirects(kb, self.site)
            sitemaps.write_sitemaps(kb, self.site)
        return Rebuilt(time.perf_counter() - started, changed, [])


class _OnChange(FileSystemEventHandler):
    def __init__(self, changed: threading.Event):
        self.changed = changed

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory and not str(event.src_path).endswith("published.txt"):
            self.changed.set()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # SIGTERM ends the preview like Ctrl-C: threads stopped, folder removed


def serve(content: Path, mkdocs_file: Path, port: int, say: Callable[[str], None]) -> None:
    """Build, serve on 127.0.0.1:port, and rebuild on every change until interrupted."""
    signal.signal(signal.SIGTERM, _stop)
    with tempfile.TemporaryDirectory(prefix="kb-serve-") as work:
        preview = Preview(content, mkdocs_file, Path(work))
        preview.full()
        handler = functools.partial(_Quiet, directory=str(preview.site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        changed = threading.Event()
        observer = Observer()
        observer.schedule(_OnChange(changed), str(content), recursive=True)
        observer.start()
        say(f"serving http://127.0.0.1:{server.server_port}/ ; edit {content}/ and reload the page")
        try:
            while True:
                changed.wait()
                time.sleep(DEBOUNCE)
                changed.clear()
                done = preview.rebuild()
                for problem in done.problems:
                    say(problem)
                say(f"rebuilt in {done.seconds:.1f} s: {done.pages} page(s) changed"
                    if not done.problems else "not rebuilt: the site shows the last good version")
        except KeyboardInterrupt:
            pass
        finally:
            observer.stop()
            server.shutdown()
            preview.close()
