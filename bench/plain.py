"""The same content as a team would write it by hand: Markdown pages, one MkDocs Material site with
mkdocs-static-i18n, every remedy in the navigation, and Material's own search."""
from __future__ import annotations

from pathlib import Path

import yaml

from generator.validation import load

CONFIG = """\
site_name: Plain help
theme:
  name: material
  font: false  # no web fonts: nothing may leave this machine
  features: [navigation.sections]
plugins:
  - search
  - i18n:
      docs_structure: folder
      languages:
        - {locale: en, name: English, default: true, build: true}
        - {locale: nl, name: Nederlands, build: true}
markdown_extensions: [attr_list, admonition, toc]
"""


def write(content: Path, folder: Path) -> Path:
    """Write the plain site's sources for a content folder; return its mkdocs.yml."""
    kb = load(content)
    for lang in kb.languages:
        for remedy in kb.remedies:
            text = remedy.text(lang)
            parts = [f"# {text.title}", "", f"**Codes:** {', '.join(remedy.codes)}", "", "## Symptom", "",
                     text.symptom]
            for n, solution in enumerate(text.solutions, start=1):
                parts += ["", f"## Cause {n}", "", solution.cause, ""]
                parts += [f"{i}. {step}" for i, step in enumerate(solution.steps, start=1)]
            page = folder / "docs" / lang / "remedies" / f"{remedy.id}.md"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text("\n".join(parts) + "\n", encoding="utf-8")
        (folder / "docs" / lang / "index.md").write_text(f"# {kb.site.title[lang]}\n", encoding="utf-8")
    nav = [{"Home": "index.md"}] + [
        {area.text("en").title: [f"remedies/{r.id}.md" for r in kb.remedies_in(key)]}
        for key, area in kb.areas.items()]
    config = folder / "mkdocs.yml"
    config.write_text(CONFIG + yaml.safe_dump({"nav": nav}, allow_unicode=True), encoding="utf-8")
    return config
