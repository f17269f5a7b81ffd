"""The `kb` command: a thin layer over the library. Exit 0 ok, 1 content problems, 2 usage or environment."""
from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path

import click
from rich.console import Console

from generator import build as pipeline
from generator import bundle, importing, links, progress, review, schema, serve, translation, validation, vocabulary
from generator.problems import ContentError, suggest
from generator.sitebuild import SiteBuildError

MKDOCS = click.option("--mkdocs", "mkdocs_file", type=click.Path(path_type=Path), default=Path("mkdocs.yml"),
                      show_default=True, help="Shared MkDocs settings.")
CONTENT = click.option("--content", type=click.Path(path_type=Path), default=Path("content_src"),
                       show_default=True, help="Folder with site.yaml, areas.yaml and remedies/.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """remedykb: troubleshooting records to a bilingual static help site."""


@cli.command()
@CONTENT
def validate(content: Path) -> None:
    """Check the content; list every problem as path:line: message."""
    kb = _or_exit(validation.load, content)
    click.echo(f"{content}: {len(kb.remedies)} remedies in {', '.join(kb.languages)}: no problems")
    for line in vocabulary.conflicts(kb):  # search can do without them; the content stays valid
        click.echo(f"warning: {line}")


@cli.command()
@CONTENT
@click.option("--out", type=click.Path(path_type=Path), default=Path("site"), show_default=True,
              help="Site folder; replaced only when the whole build succeeds.")
@click.option("--docs", type=click.Path(path_type=Path), default=Path("docs"), show_default=True,
              help="Folder for the generated Markdown.")
@MKDOCS
def build(content: Path, out: Path, docs: Path, mkdocs_file: Path) -> None:
    """Validate, render Markdown per language and build the site with MkDocs."""
    _require(mkdocs_file)
    bar = progress.reporter()
    try:
        kb = _or_exit(pipeline.build, content, out, docs, mkdocs_file, None, bar)
    finally:
        bar.close()
    click.echo(f"built {len(kb.remedies)} remedies in {', '.join(kb.languages)} into {out}/")


@cli.command("serve")
@CONTENT
@click.option("--port", type=int, default=8000, show_default=True, help="Port on 127.0.0.1.")
@MKDOCS
def serve_command(content: Path, port: int, mkdocs_file: Path) -> None:
    """Preview the site on 127.0.0.1 and rebuild what changes as you edit."""
    _require(mkdocs_file)
    _or_exit(serve.serve, content, mkdocs_file, port, lambda line: click.echo(line, err=True))


@cli.command("bundle")
@CONTENT
@click.option("--out", type=click.Path(path_type=Path), help="Zip to write  [default: dist/remedykb-<date>.zip]")
@MKDOCS
def bundle_command(content: Path, out: Path | None, mkdocs_file: Path) -> None:
    """Build the site into one zip that helpdesks unzip and open from disk."""
    _require(mkdocs_file)
    path, kb = _or_exit(bundle.bundle, content, out, mkdocs_file)
    size = path.stat().st_size / 1024
    click.echo(f"wrote {path} ({size:.0f} KB): {len(kb.remedies)} remedies in {', '.join(kb.languages)}")


@cli.command("link")
@click.argument("key")
@CONTENT
@click.option("--lang", help="Link to the page in this language instead of the short link.")
@click.option("--base", help="Public address of the site; default: site_url of site.yaml; '' for a link relative to the site root.")
@click.option("--json", "as_json", is_flag=True, help="Print all addresses as JSON.")
def link_command(key: str, content: Path, lang: str | None, base: str | None, as_json: bool) -> None:
    """Print the URL to paste in a ticket for a remedy id, a former id or an error code, with
    #cause-2-step-3 (or another place on the page) to point at a step."""
    kb = _or_exit(validation.load, content)
    if lang and lang not in kb.languages:
        _fail(f"--lang: expected one of {', '.join(kb.languages)}, received '{lang}'", 2)
    target = links.resolve(kb, key)
    head, _, fragment = key.partition("#")
    if target is None and fragment and (page := links.resolve(kb, head)):
        places = ", ".join(sorted(links.anchors(page.remedies[0])))
        _fail(f"'{head}' has no place '#{fragment}'; expected one of: {places}", 1)
    if target is None:
        hint = links.closest(kb, key)
        _fail(f"no remedy, former id or error code '{key}'" + (f"; closest: {', '.join(hint)}" if hint else ""), 1)
    base = links.base_url(kb) if base is None else (base.rstrip("/") + "/" if base else None)
    if not as_json:
        click.echo(links.link(target, lang, base))
        return
    click.echo(json.dumps({
        "key": key, "kind": target.kind, "ids": [r.id for r in target.remedies],
        "url": links.link(target, lang, base),
        "short": links.link(target, None, base),
        "urls": {code: links.link(target, code, base) for code in kb.languages} if len(target.remedies) == 1 else {},
    }, indent=2, sort_keys=True))


@cli.command("translated")
@click.argument("remedy_id")
@click.option("--lang", required=True, help="The language whose translation is finished.")
@click.option("--machine", is_flag=True, help="The translation is a machine translation.")
@CONTENT
def translated_command(remedy_id: str, lang: str, machine: bool, content: Path) -> None:
    """Record that a translation matches the current source text (editors never compute hashes)."""
    kb = _or_exit(validation.load, content)
    remedy = next((r for r in kb.remedies if r.id == remedy_id), None)
    if remedy is None:
        _fail(f"no remedy '{remedy_id}'{suggest(remedy_id, [r.id for r in kb.remedies])}", 1)
    if lang not in kb.languages or lang == remedy.source:
        others = [code for code in kb.languages if code != remedy.source]
        _fail(f"--lang: expected a translation language of '{remedy_id}' ({', '.join(others)}), received '{lang}'", 2)
    if not remedy.has(lang):
        _fail(f"'{remedy_id}' has no '{lang}' text yet: write it under '{lang}:' first", 1)
    path = validation.remedy_file(content, remedy_id)
    digest = translation.stamp(path, remedy, lang, machine)
    _or_exit(validation.load, content)  # the edited file must still be valid
    kind = "machine translation" if machine else "translation"
    click.echo(f"{path}: '{lang}' recorded as a {kind} of source text {digest}")


@cli.command("status")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--due", is_flag=True, help="List the remedies due for review instead, oldest first.")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), help="With --due: the date to compare "
              "with, YYYY-MM-DD  [default: today]")
@CONTENT
def status_command(fmt: str, due: bool, today: datetime.datetime | None, content: Path) -> None:
    """Show the state of every translation (translated, machine, outdated, missing), or with --due
    the remedies due for review."""
    kb = _or_exit(validation.load, content)
    if due:
        rows = review.due(kb, today.date() if today else datetime.date.today())
        if fmt == "json":
            click.echo(json.dumps(rows, indent=2))
        else:
            Console(highlight=False).print(review.table(rows))
        return
    report = translation.status(kb)
    if fmt == "json":
        click.echo(json.dumps(report, indent=2))
        return
    Console(highlight=False).print(translation.table(report, kb.languages))


@cli.command("import")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@CONTENT
@click.option("--pair", nargs=2, type=click.Path(exists=True, file_okay=False, path_type=Path),
              metavar="EN_DIR NL_DIR", help="Import a docs tree and its translation, paired by relative path.")
@click.option("--area", help="Area key for the imported remedies  [default: from each page's title]")
@click.option("--lang", help="Language of the files  [default: ms.contentlocale, else en]")
@click.option("--media-root", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder images may come from  [default: each page's own folder]")
@click.option("--include-root", "include_roots", multiple=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder [!INCLUDE] files may come from (repeatable)  [default: none; includes are left out]")
@click.option("--report", "report_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the report, page by page and record by record, as JSON.")
@click.option("--dry-run", is_flag=True, help="Report what would be imported; write nothing.")
@click.option("--force", is_flag=True, help="Replace records edited since an earlier import of the same page.")
def import_command(files: tuple[Path, ...], content: Path, pair: tuple[Path, Path] | None, area: str | None,
                   lang: str | None, media_root: Path | None, include_roots: tuple[Path, ...],
                   report_file: Path | None, dry_run: bool, force: bool) -> None:
    """Turn troubleshooting pages (Microsoft Docs style Markdown) into remedy records."""
    if bool(files) == bool(pair):
        _fail("give either the files of one page (in its languages) or --pair EN_DIR NL_DIR", 2)
    if pair:
        bar = progress.reporter()
        try:
            report = _or_exit(importing.import_tree, *pair, content, area, dry_run, force, media_root,
                              list(include_roots), bar)
        finally:
            bar.close()
    else:
        report = _or_exit(importing.import_pages, list(files), content, area, lang, dry_run, force, media_root,
                          list(include_roots))
    for line in report.lines():
        click.echo(line)
    if report_file:
        report_file.write_text(report.to_json(), encoding="utf-8")


@cli.command("schema")
@click.option("--out", type=click.Path(path_type=Path), default=Path("schema"), show_default=True)
def schema_command(out: Path) -> None:
    """Write JSON Schemas for remedy files and areas.yaml, for editor completion."""
    for path in schema.write(out):
        click.echo(f"wrote {path}")


def _require(mkdocs_file: Path) -> None:
    """Stop with a usage error when the shared MkDocs settings are not where they should be."""
    if not mkdocs_file.is_file():
        _fail(f"{mkdocs_file}: not found; run kb from the project folder or pass --mkdocs", 2)


def _or_exit(action, *args):
    """Run a library call; turn content and build problems into messages and exit codes."""
    try:
        return action(*args)
    except ContentError as err:
        for problem in err.problems:
            click.echo(str(problem), err=True)
        _fail(f"{len(err.problems)} problem(s); nothing was written", 1)
    except SiteBuildError as err:
        _fail(f"{err}\nthe previous site was left untouched", 1)


def _fail(message: str, code: int) -> None:
    click.echo(f"kb: {message}", err=True)
    sys.exit(code)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="kb")
