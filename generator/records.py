"""The record schema, declared once as types, and the loaded knowledge base."""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Annotated, Any

from pydantic import (AfterValidator, BaseModel, ConfigDict, Discriminator, Field, RootModel, StringConstraints, Tag,
                      create_model, model_validator)

from generator.media import MediaFile

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
CODE_PATTERN = r"^[A-Za-z0-9]+([_.-][A-Za-z0-9]+)*$"

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Code = Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
Hash = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{12}$")]


class Strict(BaseModel):
    """Base for content models: unknown fields are errors, values are not coerced."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Localized(Strict):
    """A model with one field per language, added by `remedy_model` or `area_model`."""

    def text(self, lang: str) -> Any:
        """The content in `lang`."""
        return getattr(self, lang)


SECTION_ANCHOR = re.compile(r"(symptom|solutions|related|guide|cause-[0-9]+)(-|$)")


def _not_a_section(value: str) -> str:
    """A pinned step's id must not take an anchor the page already gives a section or a step."""
    if SECTION_ANCHOR.match(value):
        raise ValueError(f"expected an id of its own, received '{value}', the anchor of a section or a step")
    return value


StepId = Annotated[str, StringConstraints(pattern=ID_PATTERN), AfterValidator(_not_a_section)]


class PinnedStep(Strict):
    """A step with its own anchor, which stays the same when steps are inserted above it."""

    id: StepId = Field(description="The step's anchor (#id), the same in every language; not a section's "
                                    "(symptom, solutions, related, guide, cause-N...).")
    text: Text = Field(description="Markdown: what to do.")


# A step is text, or a mapping that pins its id; told apart by shape, so a mistake in one gets
# that kind's message only (the tags are left out of the messages, see validation.py).
STEP_TAGS = ("step-text", "step-pinned")
Step = Annotated[Annotated[Text, Tag(STEP_TAGS[0])] | Annotated[PinnedStep, Tag(STEP_TAGS[1])],
                 Discriminator(lambda value: STEP_TAGS[isinstance(value, (dict, PinnedStep))])]


def step_text(step: Step) -> str:
    """A step's Markdown."""
    return step.text if isinstance(step, PinnedStep) else step


def step_anchor(cause: int, number: int) -> str:
    """The anchor every step has by its place: cause-2-step-3 (1-based), the same in every language."""
    return f"cause-{cause}-step-{number}"


SOLUTION_PARTS = ("cause", "text", "steps", "note")  # a solution has at least one of them


class Solution(Strict):
    """One way out: why it happens (when known), what to do, the steps, and what follows them.

    Every part is optional, as real pages do not always say each; a solution says at least one.
    """

    model_config = ConfigDict(json_schema_extra={"anyOf": [{"required": [part]} for part in SOLUTION_PARTS]})

    cause: Text | None = Field(None, description="Markdown: why the symptom happens, when the source says.")
    responsible: Text | None = Field(None, description="Who must act, when not the reader.")
    text: Text | None = Field(None, description="Markdown: what to do, as prose, shown before the steps.")
    steps: list[Step] = Field([], description="Markdown, one step each, in order; a step may be "
                                              "{id, text} to pin its anchor.")
    note: Text | None = Field(None, description="Markdown shown after the steps: notes, tips, what to do if "
                                                "they did not help.")

    def markdown(self, cause: bool = True) -> list[str]:
        """Its Markdown parts in page order: cause (unless left out), text, each step, note."""
        parts = [self.cause if cause else None, self.text, *map(step_text, self.steps), self.note]
        return [part for part in parts if part]

    @model_validator(mode="after")
    def _says_something(self) -> Solution:
        if not any(getattr(self, part) for part in SOLUTION_PARTS):
            raise ValueError("expected at least one of cause, text, steps or note, received none")
        return self


LATER_PARTS = ("text", "note")  # solution parts that records written before them do not have


class Translation(Strict):
    """A remedy's text in one language."""

    title: Text = Field(description="Short title: what the user sees.")
    symptom: Text | None = Field(None, description="Markdown: what the user sees, when the title does not say "
                                                   "it all.")
    solutions: list[Solution] = Field(min_length=1, description="Simplest first.")
    machine: bool = Field(False, description="Machine-translated, not yet reviewed by a translator.")
    source_hash: Hash | None = Field(None, description="Written by `kb translated`: the source text "
                                                       "this translation was made from.")

    def lead(self) -> str:
        """What describes the remedy best, for summaries: the symptom, else the first thing a solution says."""
        parts = [self.symptom] + [part for s in self.solutions for part in s.markdown()]
        return next((part for part in parts if part), self.title)

    def content(self) -> dict[str, Any]:
        """The text itself, without translation bookkeeping: what a source hash covers.

        The parts added later (no symptom, a solution's text and note) count only when present, so
        translations stamped before they existed keep their hashes.
        """
        data = self.model_dump(mode="json", include={"title", "symptom", "solutions"})
        for holder, key in [(data, "symptom")] + [(s, k) for s in data["solutions"] for k in LATER_PARTS]:
            if holder[key] is None:
                del holder[key]
        return data


class RemedyBase(Localized):
    """Language-neutral fields of a remedy; `remedy_model` adds one field per language."""

    id: Slug = Field(description="Permanent address; equals the file name.")
    area: Slug = Field(description="Key of areas.yaml.")
    codes: list[Code] = Field(default=[], description="Error codes, matched exactly by search.")
    tags: list[Text] = []
    updated: datetime.date = Field(description="Date of the last change, YYYY-MM-DD.")
    review_by: datetime.date | None = Field(None, description="Date by which the remedy must be checked again, "
                                                              "YYYY-MM-DD; default: updated plus "
                                                              "review_after_days of site.yaml.")
    aliases: list[Slug] = Field(default=[], description="Former ids that must keep resolving.")
    related: list[Slug] = Field(default=[], description="Ids of related remedies.")
    source: Slug | None = Field(None, description="Language the remedy is written in; "
                                                  "default: source_language of site.yaml.")
    imported_from: list[Text] = Field(default=[], description="Written by `kb import`: the page and anchor "
                                                              "(page.md#anchor) the remedy came from.")

    def has(self, lang: str) -> bool:
        """Whether the remedy has its own text in `lang`."""
        return getattr(self, lang) is not None

    def review_date(self, after_days: int) -> datetime.date:
        """The date the remedy is due for review: review_by, else `after_days` after updated."""
        return self.review_by or self.updated + datetime.timedelta(days=after_days)

    def text(self, lang: str) -> Translation:
        """The text shown in `lang`: its translation, or the source text while there is none."""
        return getattr(self, lang) or getattr(self, self.source)


class AreaText(Strict):
    """An area's name and introduction in one language."""

    title: Text
    intro: str = ""


class AreaBase(Localized):
    """An area; `area_model` adds one field per language, and any of them may be missing."""

    model_config = ConfigDict(json_schema_extra={"minProperties": 1})  # but not all of them

    def has(self, lang: str) -> bool:
        """Whether the area has its own text in `lang`."""
        return getattr(self, lang) is not None

    @property
    def source(self) -> str | None:
        """The language shown where a translation is missing: the first the area is written in."""
        return next((lang for lang in type(self).model_fields if self.has(lang)), None)

    def text(self, lang: str) -> AreaText:
        """The text shown in `lang`: its own, or the source text while it has none."""
        return getattr(self, lang) or getattr(self, self.source)


class SiteConfig(Strict):
    """content_src/site.yaml: which languages to publish and the site's titles."""

    languages: list[Slug] = Field(min_length=1, description="Language codes, first is default.")
    title: dict[str, Text] = Field(description="Site title per language.")
    site_url: str | None = Field(None, description="Public address of the site, if hosted.")
    source_language: Slug | None = Field(None, description="Language remedies are written in; "
                                                           "default: en, else the first language.")
    og_image: str | None = Field(None, description="Image that link previews show (og:image), a path inside each "
                                                   "language's site, e.g. media/logo.png; default: the site icon.")
    max_image_mb: float = Field(5.0, gt=0, description="Largest image, in MB, that kb import copies and "
                                                       "kb build publishes from media/.")
    review_after_days: int = Field(365, gt=0, description="Days after a remedy's updated date when it is due "
                                                          "for review, unless it sets review_by.")

    @property
    def source(self) -> str:
        """The site's source language."""
        return self.source_language or ("en" if "en" in self.languages else self.languages[0])


Synonym = Annotated[list[Text], Field(min_length=2)]


class SynonymsFile(RootModel[dict[Slug, list[Synonym]]]):
    """content_src/synonyms.yaml: per language, groups of words and phrases that mean the same for search."""


@cache
def remedy_model(languages: tuple[str, ...]) -> type[RemedyBase]:
    """The remedy type for a site publishing `languages`; any language but the source may be missing."""
    fields = {lang: (Translation | None, None) for lang in languages}
    return create_model("Remedy", __base__=RemedyBase, **fields)


@cache
def area_model(languages: tuple[str, ...]) -> type[AreaBase]:
    """The area type for a site publishing `languages`; validation requires at least one of them."""
    fields = {lang: (AreaText | None, None) for lang in languages}
    return create_model("Area", __base__=AreaBase, **fields)


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything a build needs, validated."""

    site: SiteConfig
    areas: dict[str, AreaBase]
    remedies: tuple[RemedyBase, ...]  # sorted by id
    published: tuple[str, ...] = ()  # the ledger: every id ever published
    media: tuple[MediaFile, ...] = ()  # the checked files of media/, by name
    synonyms: dict[str, list[list[str]]] = field(default_factory=dict)  # lang -> groups of words meaning the same

    @property
    def languages(self) -> list[str]:
        return self.site.languages

    def remedies_in(self, area: str) -> list[RemedyBase]:
        """Remedies of one area, by id."""
        return self._by_area.get(area, [])

    def remedy(self, remedy_id: str) -> RemedyBase:
        """The remedy with this id."""
        return self._by_id[remedy_id]

    def aliases(self) -> dict[str, RemedyBase]:
        """Former id -> the remedy it now leads to."""
        return self._aliases

    def codes(self) -> dict[str, list[RemedyBase]]:
        """Error code -> the remedies that list it, sorted by code."""
        return self._codes

    # Built once per knowledge base: pages look these up for every remedy, in every language.
    @cached_property
    def _by_id(self) -> dict[str, RemedyBase]:
        return {r.id: r for r in self.remedies}

    @cached_property
    def _by_area(self) -> dict[str, list[RemedyBase]]:
        found: dict[str, list[RemedyBase]] = {}
        for remedy in self.remedies:
            found.setdefault(remedy.area, []).append(remedy)
        return found

    @cached_property
    def _aliases(self) -> dict[str, RemedyBase]:
        return {alias: r for r in self.remedies for alias in r.aliases}

    @cached_property
    def _codes(self) -> dict[str, list[RemedyBase]]:
        found: dict[str, list[RemedyBase]] = {}
        for remedy in self.remedies:
            for code in remedy.codes:
                found.setdefault(code, []).append(remedy)
        return dict(sorted(found.items()))
