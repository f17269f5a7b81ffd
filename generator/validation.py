"""Load content_src/ and validate it into a KnowledgeBase, reporting every problem at once."""
from __future__ import annotations

import re
import typing
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import unquote

from pydantic import BaseModel, RootModel, ValidationError
from pydantic_core import ErrorDetails

from generator import catalogues, markup, media
from generator.links import LEDGER
from generator.problems import ContentError, Problem, suggest
from generator.reading import Document, Loc, read_yaml
from generator.records import (CODE_PATTERN, ID_PATTERN, KnowledgeBase, RemedyBase, SiteConfig, SynonymsFile,
                               STEP_TAGS, PinnedStep, Translation, area_model, remedy_model, step_text)

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
        if not _is_slug(key):
            problems.append(Problem(doc.path, doc.line((key,)), _bad_slug("area", key)))
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
        problems += [Problem(doc.path, doc.line(e["loc"]), _message(e, model)) for e in err.errors()]
        return None


def check_remedies(docs: list[Document], remedies: dict[str, RemedyBase],
                   areas: dict[str, Any]) -> list[Problem]:
    """Rules across files: id matches file name, ids unique, areas and related ids exist, review after update."""
    problems = []
    first: dict[str, Document] = {}
    for doc in docs:
        remedy = remedies.get(doc.path)
        if remedy is None:
            continue
        id_line, stem = doc.line(("id",)), Path(doc.path).stem
        if remedy.id != stem:
            problems.append(Problem(doc.path, id_line, f"id: '{remedy.id}' must equal the file name '{stem}'"))
        if remedy.id in first:
            problems.append(Problem(doc.path, id_line,
                                    f"id: duplicate id '{remedy.id}', also in {first[remedy.id].path}"))
        first.setdefault(remedy.id, doc)
        if remedy.review_by and remedy.review_by < remedy.updated:
            problems.append(Problem(doc.path, doc.line(("review_by",)), f"review_by: expected a date on or after "
                                    f"updated ({remedy.updated}), received {remedy.review_by}"))
        if areas and remedy.area not in areas:
            problems.append(Problem(doc.path, doc.line(("area",)),
                                    f"area: unknown area '{remedy.area}'{suggest(remedy.area, areas)}"))
    ids = {r.id for r in remedies.values()}
    for doc in docs:
        remedy = remedies.get(doc.path)
        for i, other in enumerate(remedy.related if remedy else []):
            if other not in ids:
                problems.append(Problem(doc.path, doc.line(("related", i)),
                                        f"related: no remedy has the id '{other}'{suggest(other, ids)}"))
    return problems


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


def check_links(docs: list[Document], remedies: dict[str, RemedyBase], media_names: set[str]) -> list[Problem]:
    """Relative links in Markdown fields must reach a remedy (`<id>.md`) or a published file in media/."""
    ids = {r.id for r in remedies.values()}
    problems = []
    for doc in docs:
        remedy = remedies.get(doc.path)
        for loc, text in _markdown_fields(remedy) if remedy else []:
            for target in markup.links(text):
                path = target.split("#")[0]
                if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", target) or not path:
                    continue  # web links are the reader's business; unsafe schemes are dropped when rendered
                page = re.fullmatch(r"([a-z0-9-]+)\.md", path)
                in_media = path.startswith("../media/") and unquote(path[len("../media/"):]) in media_names
                if not (page and page.group(1) in ids) and not in_media:
                    problems.append(Problem(doc.path, doc.line(loc), f"{_dotted(loc)}: link to '{target}' leads "
                                            "to no remedy (<id>.md) and no file in media/ (../media/...)"))
    return problems


def _markdown_fields(remedy: RemedyBase) -> list[tuple[Loc, str]]:
    """(location, text) of every Markdown field of a remedy."""
    found = []
    for lang in type(remedy).model_fields:
        text = getattr(remedy, lang)
        if not isinstance(text, Translation):
            continue
        found.append(((lang, "symptom"), text.symptom))
        for i, solution in enumerate(text.solutions):
            found.append(((lang, "solutions", i, "cause"), solution.cause))
            found += [((lang, "solutions", i, "steps", j), step_text(step)) for j, step in enumerate(solution.steps)]
    return found


def check_step_ids(docs: list[Document], remedies: dict[str, RemedyBase]) -> list[Problem]:
    """A pinned step's id is unique on its page and pins the same step in every language."""
    problems = []
    for doc in docs:
        if (remedy := remedies.get(doc.path)) is None:
            continue
        pinned = {lang: _pinned(text) for lang in type(remedy).model_fields
                  if isinstance(text := getattr(remedy, lang), Translation)}
        for lang, found in pinned.items():
            seen: dict[str, Loc] = {}
            for loc, step_id in found:
                if step_id in seen:
                    problems.append(Problem(doc.path, doc.line((lang, *loc)), f"{_dotted((lang, *loc))}: '{step_id}' "
                                            f"is already the id of {_dotted((lang, *seen[step_id][:-1]))}"))
                seen.setdefault(step_id, loc)
            source = remedy.source
            if source in pinned and lang != source and set(found) != set(pinned[source]):
                expected = ", ".join(f"{_dotted(loc[:-1])}: {i}" for loc, i in pinned[source]) or "none"
                problems.append(Problem(doc.path, doc.line((lang, "solutions")), f"{lang}.solutions: expected the "
                                        f"step ids the source ({source}) pins, at the same steps: {expected}"))
    return problems


def _pinned(text: Translation) -> list[tuple[Loc, str]]:
    """(location of the id, id) of every pinned step of a text."""
    return [(("solutions", i, "steps", j, "id"), step.id) for i, solution in enumerate(text.solutions)
            for j, step in enumerate(solution.steps) if isinstance(step, PinnedStep)]


def check_aliases(docs: list[Document], remedies: dict[str, RemedyBase]) -> list[Problem]:
    """An alias is a former id: never a live id, and claimed by one remedy only."""
    problems = []
    ids = {r.id: doc.path for doc in docs if (r := remedies.get(doc.path))}
    owner: dict[str, str] = {}
    for doc in docs:
        remedy = remedies.get(doc.path)
        for i, alias in enumerate(remedy.aliases if remedy else []):
            at = doc.line(("aliases", i))
            if alias in ids:
                problems.append(Problem(doc.path, at, f"aliases: '{alias}' is the id of a live remedy "
                                                      f"({ids[alias]}); an alias must be a former id"))
            elif alias in owner:
                problems.append(Problem(doc.path, at, f"aliases: '{alias}' is already an alias of '{owner[alias]}'"))
            owner.setdefault(alias, remedy.id)
    return problems


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
        if not _is_slug(key):
            problems.append(Problem(str(path), number, _bad_slug("published id", key)))
        elif key not in live:
            problems.append(Problem(str(path), number, f"'{key}' was published but is no longer a remedy "
                                    "or an alias: add it to the aliases of the remedy that replaces it, "
                                    "so its links keep working"))
    return tuple(ledger)


def _message(err: ErrorDetails, model: type[BaseModel]) -> str:
    """A user-facing message for one schema error: field, what was expected, what was found."""
    loc = tuple(part for part in err["loc"] if part != "[key]" and part not in STEP_TAGS)
    kind, value = err["type"], err.get("input")
    where = _dotted(loc)
    if kind == "missing":
        return f"{_dotted(loc[:-1]) + ': ' if loc[:-1] else ''}missing required field '{loc[-1]}'"
    if kind == "extra_forbidden":
        known = _fields_at(model, loc[:-1])
        return f"{_dotted(loc[:-1]) + ': ' if loc[:-1] else ''}unknown field '{loc[-1]}'{suggest(str(loc[-1]), known)}"
    text = _EXPECTED.get(kind)
    if text:
        found = f"received {_kind(value)}"
    elif kind == "string_pattern_mismatch":
        text, found = _bad_pattern(err), ""
    elif kind == "greater_than":
        text, found = f"expected a number above {err['ctx']['gt']:g}", f"received {_kind(value)}"
    elif kind == "too_short" and err["ctx"]["min_length"] > 1:
        text, found = f"expected at least {err['ctx']['min_length']} items", f"received {err['ctx']['actual_length']}"
    elif kind == "too_short":
        text, found = "expected at least one item", "received none"
    elif kind == "string_too_short":
        text, found = "must not be empty", ""
    elif kind == "value_error":
        text, found = str(err["ctx"]["error"]), ""
    else:
        text, found = err["msg"], ""
    body = ", ".join(filter(None, [text, found]))
    return f"{where}: {body}" if where else body


_EXPECTED = {
    "list_type": "expected a list",
    "string_type": "expected text",
    "model_type": "expected a mapping",
    "model_attributes_type": "expected a mapping",
    "dict_type": "expected a mapping",
    "float_type": "expected a number",
    "float_parsing": "expected a number",
    "date_type": "expected a date as YYYY-MM-DD",
    "date_parsing": "expected a date as YYYY-MM-DD",
    "date_from_datetime_parsing": "expected a date as YYYY-MM-DD",
    "date_from_datetime_inexact": "expected a date as YYYY-MM-DD",
}


def _bad_pattern(err: ErrorDetails) -> str:
    """Explain an id or code that does not match its pattern."""
    if err["ctx"]["pattern"] == CODE_PATTERN:
        return f"'{err['input']}' is not an error code: use letters and digits, joined by '-', '_' or '.'"
    return _bad_slug("id", err["input"])


def _bad_slug(what: str, value: str) -> str:
    return f"'{value}' is not a valid {what}: use lowercase letters, digits and single hyphens"


def _is_slug(value: str) -> bool:
    return re.fullmatch(ID_PATTERN, value) is not None


def _kind(value: Any) -> str:
    """The YAML name of a value's type, for "received ..." messages."""
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"text '{value}'" if len(value) <= 40 else "text"
    names = {bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "a mapping"}
    return names.get(type(value), type(value).__name__)


def _dotted(loc: Loc) -> str:
    """('en', 'solutions', 0, 'steps') -> 'en.solutions[0].steps'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f"{'.' if out else ''}{part}"
    return out


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """Field names of the model found at `loc`, for suggestions."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        current = _model_in(current.model_fields[part].annotation) if part in current.model_fields else None
        if current is None:
            return []
    return list(current.model_fields) if current else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model inside an annotation such as list[Solution] or Solution | None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        if found := _model_in(arg):
            return found
    return None
