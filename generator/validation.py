"""Load content_src/ and validate it into a KnowledgeBase, reporting every problem at once."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from pydantic import BaseModel, RootModel, ValidationError

from generator import catalogues, media
from generator.links import LEDGER
from generator.messages import bad_slug, is_slug, schema_message
from generator.problems import ContentError, Problem
from generator.reading import Document, read_yaml
from generator.records import KnowledgeBase, RemedyBase, SiteConfig, SynonymsFile, area_model, remedy_model
from generator.rules import check_aliases, check_links, check_remedies, check_step_ids

SITE_FILE = "site.yaml"
AREAS_FILE = "areas.yaml"
REMEDY_DIR = "remedies"
SYNONYMS_FILE = "synonyms.yaml"


def load(content: Path) -> KnowledgeBase:
    """Read and validate a content folder; raise ContentError listing every problem."""
    problems: list[Problem] = []
    site = _load_site(content, problems)
    if site is None:
        raise ContentError(problems)
    langs = tuple(site.languages)
    areas = _load_areas(content, langs, problems)
    docs = _read_all(sorted((content / REMEDY_DIR).rglob("*.yaml")), problems, content)
    remedies = {doc.path: r for doc in docs if (r := _validate(doc, remedy_model(langs), problems))}
    remedies = _with_sources(docs, remedies, site, problems)
    problems += check_remedies(docs, remedies, areas)
    problems += check_aliases(docs, remedies)
    problems += check_step_ids(docs, remedies)
    files, refused = media.scan(content, site.max_image_mb)
    problems += refused + check_links(docs, remedies, {f.name for f in files})
    published = _load_ledger(content / LEDGER, remedies.values(), problems)
    synonyms = _load_synonyms(content, langs, problems)
    if problems:
        raise ContentError(problems)
    return KnowledgeBase(site, areas, tuple(sorted(remedies.values(), key=lambda r: r.id)), published, tuple(files),
                         synonyms)


def site_config(content: Path) -> SiteConfig:
    """site.yaml alone, validated; raise ContentError listing its problems."""
    problems: list[Problem] = []
    site = _load_site(content, problems)
    if site is None:
        raise ContentError(problems)
    return site


def remedy_file(content: Path, remedy_id: str) -> Path:
    """The file of a remedy (its name is its id)."""
    return next((content / REMEDY_DIR).rglob(f"{remedy_id}.yaml"))


def _load_site(content: Path, problems: list[Problem]) -> SiteConfig | None:
    """site.yaml, checked against the languages that have a UI catalogue."""
    doc = _read(content / SITE_FILE, problems, content)
    site = doc and _validate(doc, SiteConfig, problems)
    if not site:
        return None
    before = len(problems)
    known = catalogues.available()
    for i, lang in enumerate(site.languages):
        if lang not in known:
            problems.append(Problem(doc.path, doc.line(("languages", i)),
                                    f"languages: no UI catalogue for '{lang}'; available: {', '.join(known)}"))
    for lang in site.languages:
        if lang not in site.title:
            problems.append(Problem(doc.path, doc.line(("title",)), f"title: missing the title in '{lang}'"))
    return site if len(problems) == before else None


def _load_areas(content: Path, langs: tuple[str, ...], problems: list[Problem]) -> dict[str, Any]:
    """areas.yaml: area key -> names per language."""
    doc = _read(content / AREAS_FILE, problems, content)
    areas = doc and _validate(doc, RootModel[dict[str, area_model(langs)]], problems)
    if not areas:
        return {}
    for key, area in areas.root.items():
        if not is_slug(key):
            problems.append(Problem(doc.path, doc.line((key,)), bad_slug("area", key)))
        if area.source is None:
            problems.append(Problem(doc.path, doc.line((key,)), f"{key}: expected the title in at least one "
                                    f"language ({', '.join(langs)}), received none"))
    return dict(areas.root)


def _load_synonyms(content: Path, langs: tuple[str, ...], problems: list[Problem]) -> dict[str, list[list[str]]]:
    """synonyms.yaml, when there is one: groups of words per language of the site."""
    if not (content / SYNONYMS_FILE).exists():
        return {}
    doc = _read(content / SYNONYMS_FILE, problems, content)
    for lang in doc.data if doc and isinstance(doc.data, dict) else []:
        if lang not in langs:
            problems.append(Problem(doc.path, doc.line((lang,)), f"'{lang}' is not one of the site's languages "
                                                                 f"({', '.join(langs)})"))
    groups = doc and _validate(doc, SynonymsFile, problems)
    return {lang: [list(g) for g in found] for lang, found in groups.root.items()} if groups else {}


def _read_all(paths: list[Path], problems: list[Problem], content: Path) -> list[Document]:
    """Parse each file; collect the problems of those that fail."""
    return [doc for path in paths if (doc := _read(path, problems, content))]


def _read(path: Path, problems: list[Problem], content: Path) -> Document | None:
    """Parse one file, or collect why it cannot be read."""
    if not path.is_file():
        problems.append(Problem(str(path), 1, "missing file"))
        return None
    if content.resolve() not in path.resolve().parents:  # a symbolic link leading out
        problems.append(Problem(str(path), 1, f"symbolic link to {path.resolve()}, outside the content "
                                              "folder: copy the file in instead"))
        return None
    try:
        return read_yaml(path, str(path))
    except ContentError as err:
        problems += err.problems
        return None


def _validate(doc: Document, model: type[BaseModel], problems: list[Problem]) -> Any:
    """The document as `model`, or None with its problems collected."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as err:
        problems += [Problem(doc.path, doc.line(e["loc"]), schema_message(e, model)) for e in err.errors()]
        return None


def _with_sources(docs: list[Document], remedies: dict[str, RemedyBase], site: SiteConfig,
                  problems: list[Problem]) -> dict[str, RemedyBase]:
    """Give each remedy its source language; it must be published and have the remedy's text."""
    out = {}
    for doc in docs:
        remedy = remedies.get(doc.path)
        if remedy is None:
            continue
        source = remedy.source or site.source
        if source not in site.languages:
            problems.append(Problem(doc.path, doc.line(("source",)), f"source: '{source}' is not one of the "
                                    f"site's languages ({', '.join(site.languages)})"))
        elif not remedy.has(source):
            problems.append(Problem(doc.path, 1, f"missing the text in the source language '{source}'"))
        out[doc.path] = remedy.model_copy(update={"source": source})  # kept for the checks across files
    return out


def _load_ledger(path: Path, remedies: Iterable[RemedyBase], problems: list[Problem]) -> tuple[str, ...]:
    """published.txt: every id ever published must still be a remedy or an alias."""
    if not path.is_file():
        return ()
    live = {key for r in remedies for key in (r.id, *r.aliases)}
    ledger = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        key = line.strip()
        if not key or key.startswith("#"):
            continue
        ledger.append(key)
        if not is_slug(key):
            problems.append(Problem(str(path), number, bad_slug("published id", key)))
        elif key not in live:
            problems.append(Problem(str(path), number, f"'{key}' was published but is no longer a remedy "
                                    "or an alias: add it to the aliases of the remedy that replaces it, "
                                    "so its links keep working"))
    return tuple(ledger)
