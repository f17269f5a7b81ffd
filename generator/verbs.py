"""Separable verbs: a particle written apart from its verb, put back so that every form finds the others.

Dutch writes inschakelen as "in te schakelen", "ingeschakeld" and "Schakel MFA in."; a stemmer
sees three other words. A language's catalogue names its particles and the words and endings
around them (`search: separable`); for each such form this gives the verb with its particle in
front, which the stemmer takes to the infinitive's term (inschakel). Languages without the entry
have no separable verbs. kb-analyzer.js does the same, step for step.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

CLAUSE_END = re.compile(r"[.;:!?,)][\W_]*$")  # a chunk that ends a clause: "Schakel MFA in."
MIN_STEM = 3  # a verb form shorter than this with its ending taken off is no verb form


@dataclass(frozen=True)
class Separable:
    """The particles of a language's separable verbs and the words and endings around them."""

    particles: tuple[str, ...]  # "in", "op", "aan", ... in catalogue order
    infinitive: str  # the word between particle and verb in an infinitive: "in te schakelen"
    participle: str  # what stands between particle and verb in a participle: "in-ge-schakeld"
    endings: tuple[str, ...]  # what a verb form may add to its stem: "schakel-t", "geschakel-d"

    @classmethod
    def of(cls, data: dict[str, Any] | None) -> Separable | None:
        """From a catalogue's `search: separable` entry, or None when it has none."""
        if not data:
            return None
        return cls(tuple(data["particles"]), data["infinitive"], data["participle"], tuple(data["endings"]))

    def manifest(self) -> dict[str, Any]:
        """What the browser's analyzer needs (the search manifest)."""
        return {"particles": list(self.particles), "infinitive": self.infinitive,
                "participle": self.participle, "endings": list(self.endings)}

    def rejoined(self, parts: list[str], ends: set[int], skip: frozenset[str]) -> dict[int, list[str]]:
        """Position of a verb's part -> that verb with its particle put back, unstemmed: "in te
        schakelen" and "ingeschakeld" give inschakel(en) at the verb, and so does a clause that ends in
        a particle ("Schakel MFA in.") at its first two words that are not in `skip` (stop words)."""
        found: dict[int, list[str]] = {}
        start = 0
        for i, part in enumerate(parts):
            if (part in self.particles and i + 2 < len(parts) and parts[i + 1] == self.infinitive
                    and i not in ends and i + 1 not in ends):
                found.setdefault(i + 2, []).append(part + parts[i + 2])
            for particle in self.particles:
                prefix = particle + self.participle
                if part.startswith(prefix) and len(part) - len(prefix) >= MIN_STEM + 1:
                    found.setdefault(i, []).extend(particle + form for form in self.forms(part[len(prefix):]))
            if i in ends or i == len(parts) - 1:
                if part in self.particles:
                    verbs = [j for j in range(start, i) if parts[j] not in skip and parts[j].isalpha()
                             and parts[j] not in self.particles][:2]
                    for j in verbs:
                        found.setdefault(j, []).extend(part + form for form in self.forms(parts[j]))
                start = i + 1
        return found

    def forms(self, verb: str) -> list[str]:
        """A verb form, and its stem without each ending it may have added (schakelt: schakelt, schakel)."""
        return [verb] + [verb[:-len(e)] for e in self.endings if verb.endswith(e) and len(verb) - len(e) >= MIN_STEM]
