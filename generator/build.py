"""The pipeline, top to bottom: load -> validate -> render -> build and index -> links -> swap in."""
from __future__ import annotations

from pathlib import Path

from generator import links, redirects, rendering, search, sitebuild, sitemaps, validation
from generator.progress import Reporter, Silent
from generator.records import KnowledgeBase
from generator.stamp import Stamp


def build(content: Path, out: Path, docs: Path, mkdocs_file: Path, stamp: Stamp | None = None,
          progress: Reporter | None = None) -> KnowledgeBase:
    """Build the site for `content` into `out`; on any failure `out` is left as it was.

    A stamp (offline bundles) is shown on every page: when the copy was made, from what content.
    """
    progress = progress or Silent()
    kb = validation.load(content)
    progress.start(3 + 2 * len(kb.languages))
    progress.advance(f"loaded {len(kb.remedies)} remedies")
    rendering.render_docs(kb, docs)
    rendering.copy_media(kb, docs)
    progress.advance("rendered Markdown")
    with sitebuild.staged(out) as stage:
        indexes = sitebuild.build_languages(kb, content, mkdocs_file, docs, stage, stamp, progress)
        for lang, script in indexes.items():
            search.write_search(stage, lang, script)
        sitebuild.write_root_index(kb, stage, stamp)
        links.write_manifest(kb, stage)
        redirects.write_redirects(kb, stage, stamp)
        sitemaps.write_sitemaps(kb, stage)
    links.write_ledger(kb, content)  # only once the new site is in place
    progress.advance("wrote links and redirects")
    return kb
