"""Property-based tests: the loader never crashes, and any valid record renders visibly and safely."""
from __future__ import annotations

import html
import json
import re

import markdown
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.problems import ContentError
from generator.records import KnowledgeBase
from generator.rendering import environment, pages
from generator.validation import load
from tests.conftest import MKDOCS, ROOTS, build_into

BASIC = load(ROOTS / "basic" / "content_src")
MKDOCS_EXTENSIONS = yaml.safe_load(MKDOCS.read_text())["markdown_extensions"]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=60)
yaml_data = st.recursive(st.none() | st.booleans() | st.integers() | text,
                         lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4),
                         max_leaves=20)


def as_html(page: str) -> str:
    """A page's Markdown through MkDocs' Markdown settings (front matter dropped)."""
    body = page.split("---\n", 2)[2]
    extensions = [e if isinstance(e, str) else next(iter(e)) for e in MKDOCS_EXTENSIONS]
    return markdown.markdown(body, extensions=extensions)


@SETTINGS
@given(data=yaml_data)
def test_loader_reports_problems_and_never_crashes(tmp_path_factory, data) -> None:
    folder = tmp_path_factory.mktemp("prop")
    content = folder / "content_src"
    (content / "remedies").mkdir(parents=True)
    for name in ("site.yaml", "areas.yaml"):
        (content / name).write_text((ROOTS / "basic" / "content_src" / name).read_text())
    (content / "remedies" / "fuzzed.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    try:
        load(content)
    except ContentError as err:
        assert err.problems and all(p.path.endswith("fuzzed.yaml") and p.line >= 1 for p in err.problems)


def with_text(title: str, body: str) -> KnowledgeBase:
    remedy = BASIC.remedy("printer-offline")
    solution = remedy.en.solutions[0].model_copy(update={"cause": body, "steps": [body], "responsible": title})
    en = remedy.en.model_copy(update={"title": title, "symptom": body, "solutions": [solution]})
    return KnowledgeBase(BASIC.site, BASIC.areas, (remedy.model_copy(update={"en": en}),))


@SETTINGS
@given(title=text.filter(lambda t: t.strip()), body=text.filter(lambda t: t.strip()))
def test_any_text_is_shown_and_never_becomes_markup(title: str, body: str) -> None:
    page = dict(pages(with_text(title, body), "en", environment()))["remedies/printer-offline.md"]
    out = as_html(page)
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", out, re.S).group(1)
    assert html.unescape(re.sub(r"<[^>]+>", "", heading)) == " ".join(title.split())  # exactly as written
    # Our structured data is the page's one script: it holds the title as data and ends where it should.
    structured = re.findall(r'<script type="application/ld\+json">(.*?)</script>', out, re.S)
    assert len(structured) == 1 and json.loads(structured[0])["@graph"][0]["headline"] == title.strip()
    rest = re.sub(r'<script type="application/ld\+json">.*?</script>', "", out, flags=re.S)
    assert not re.search(r"<(script|iframe|object|embed|style|img|svg)\b|\son\w+\s*=|javascript:", rest, re.I)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=text.filter(lambda t: t.strip()), body=text.filter(lambda t: t.strip()))
def test_any_valid_record_builds(tmp_path_factory, title: str, body: str) -> None:
    folder = tmp_path_factory.mktemp("build")
    content = folder / "content_src"
    (content / "remedies").mkdir(parents=True)
    for name in ("site.yaml", "areas.yaml"):
        (content / name).write_text((ROOTS / "basic" / "content_src" / name).read_text())
    record = {"id": "fuzzed", "area": "network", "updated": "2024-01-01",
              "en": {"title": title, "symptom": body, "solutions": [{"cause": body, "steps": [body]}]}}
    (content / "remedies" / "fuzzed.yaml").write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    try:
        load(content)
    except ContentError:
        return  # only records that validate must build (a body may hold a link to nowhere)
    site = build_into(content, folder)
    assert (site / "en/remedies/fuzzed.html").is_file() and (site / "nl/remedies/fuzzed.html").is_file()
