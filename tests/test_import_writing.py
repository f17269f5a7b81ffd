"""The write stage of `kb import`: all or nothing, never a broken areas.yaml, never outside the content folder."""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.importing.writing import Outcome, Plan, apply
from generator.problems import ContentError
from generator.validation import load
from tests.conftest import ROOTS, content_here, copy_root

RECORD = (ROOTS / "basic" / "content_src" / "remedies" / "printer-offline.yaml").read_text()
JAMS = RECORD.replace("printer-offline", "printer-jams").replace("shows as offline", "jams")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
HEADER = "# yaml-language-server: $schema=../schema/areas.schema.json\n"
ENGLISH_ONLY = HEADER + """\
# Areas of the test site.
network:
  en:
    title: Network
    intro: Connections that fail.
  nl:
    title: Netwerk
printing:
  en:
    title: Printing  # as on the printers
# more areas below
"""


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The `basic` content as the relative path content_src, as a user passes it."""
    return content_here("basic", tmp_path, monkeypatch)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def outcome(**kinds: list[str]) -> Outcome:
    return Outcome(**{name: kinds.get(name, []) for name in Outcome.__dataclass_fields__})


def test_new_record_is_written_and_validates(content: Path) -> None:
    assert apply(content, Plan({"printer-jams": JAMS})) == outcome(written=["printer-jams"])
    assert (content / "remedies" / "printer-jams.yaml").read_text() == JAMS
    assert sorted(os.listdir(content / "remedies")) == ["printer-jams.yaml", "printer-offline.yaml",
                                                        "vpn-drops-after-sleep.yaml", "wifi-password-rejected.yaml"]
    assert load(content).remedy("printer-jams").en.title == "Printer jams"


def test_reapplying_the_same_plan_leaves_the_file_alone(content: Path) -> None:
    path = content / "remedies" / "printer-jams.yaml"
    apply(content, Plan({"printer-jams": JAMS}))
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    assert apply(content, Plan({"printer-jams": JAMS})) == outcome(unchanged=["printer-jams"])
    assert (path.stat().st_mtime_ns, path.read_text()) == (1_000_000_000, JAMS)


def test_hand_edited_record_is_kept_unless_forced(content: Path) -> None:
    path = content / "remedies" / "printer-offline.yaml"
    edited = RECORD.replace("Printer shows as offline", "Printer offline (edited)")
    path.write_text(edited)
    assert apply(content, Plan({"printer-offline": RECORD})) == outcome(kept=["printer-offline"])
    assert path.read_text() == edited
    assert apply(content, Plan({"printer-offline": RECORD}), force=True) == outcome(updated=["printer-offline"])
    assert path.read_text() == RECORD


def test_record_moved_into_a_subfolder_is_compared_there(content: Path) -> None:
    (content / "remedies" / "printing").mkdir()
    (content / "remedies" / "printer-offline.yaml").rename(content / "remedies" / "printing" / "printer-offline.yaml")
    assert apply(content, Plan({"printer-offline": RECORD})) == outcome(unchanged=["printer-offline"])
    assert not (content / "remedies" / "printer-offline.yaml").exists()


@pytest.mark.parametrize("plan, problem", [
    (Plan({"printer-jams": JAMS.replace("area: printing", "area: nowhere")}),
     "content_src/remedies/printer-jams.yaml:2: area: unknown area 'nowhere'"),
    (Plan({"printer-jams": "id: printer-jams\narea: [printing\n"}),
     "content_src/remedies/printer-jams.yaml:2: invalid YAML: while parsing a flow sequence did not find "
     "expected ',' or ']'"),
    (Plan({}, media={"notes/readme.png": b"just text"}),
     "content_src/media/notes/readme.png:1: media: not an image: its content is not PNG, JPEG, GIF or WebP, "
     "whatever its name says"),
])
def test_invalid_plan_names_the_real_file_and_writes_nothing(content: Path, tmp_path: Path, plan: Plan,
                                                             problem: str) -> None:
    plan.areas = {"scanning": {"en": {"title": "Scanning"}}}
    plan.media = plan.media or {"printer.png": PNG}
    plan.records["wifi-password-rejected"] = "changed by hand"  # with force this would replace a file
    before = snapshot(tmp_path)
    for dry_run in (False, True):
        with pytest.raises(ContentError) as err:
            apply(content, plan, dry_run=dry_run, force=True)
        assert [str(p) for p in err.value.problems if "wifi" not in p.path] == [problem]
    assert snapshot(tmp_path) == before


def test_intros_ending_in_blank_lines_keep_areas_valid(content: Path) -> None:
    path = content / "areas.yaml"
    path.write_text(ENGLISH_ONLY)
    for key in ("scanning", "email", "phones"):
        area = {"en": {"title": f"{key.title()}: help", "intro": f"# {key}\n\nFirst 'one'.\n\n  Second\t#2.\n\n\n"}}
        assert apply(content, Plan({}, {key: area})) == outcome(areas_added=[key])
    text = path.read_text()
    assert text == ENGLISH_ONLY + "".join(f"""\
{key}:
  en:
    title: "{key.title()}: help"
    intro: |
      # {key}

      First 'one'.

        Second\t#2.
""" for key in ("scanning", "email", "phones"))
    assert "\n..." not in text and "|+" not in text and "|-" not in text
    assert yaml.safe_load(text)["phones"]["en"]["intro"] == "# phones\n\nFirst 'one'.\n\n  Second\t#2.\n"
    assert sorted(load(content).areas) == ["email", "network", "phones", "printing", "scanning"]


def test_dutch_is_added_to_an_english_only_area(content: Path) -> None:
    path = content / "areas.yaml"
    path.write_text(ENGLISH_ONLY)
    plan = Plan({}, {"printing": {"en": {"title": "Printers", "intro": ""}, "nl": {"title": "Afdrukken", "intro": ""}},
                     "network": {"en": {"title": "Changed"}, "nl": {"title": "Changed"}}})
    assert apply(content, plan) == outcome(areas_added=["printing"])
    assert path.read_text() == ENGLISH_ONLY.replace("  # as on the printers\n",
                                                    "  # as on the printers\n  nl:\n    title: Afdrukken\n")
    assert load(content).areas["printing"].text("nl").title == "Afdrukken"


def test_areas_file_of_the_old_importer_is_repaired(content: Path) -> None:
    path = content / "areas.yaml"
    path.write_text(path.read_text() + "\nscanning:\n  en:\n    title: Scanning\n    intro: |+\n      Scan.\n\n...\n")
    apply(content, Plan({}, {"email": {"en": {"title": "Email"}}}))
    assert path.read_text().endswith("    intro: |+\n      Scan.\n\nemail:\n  en:\n    title: Email\n")
    assert sorted(load(content).areas) == ["email", "network", "printing", "scanning"]


def test_missing_areas_file_is_created(content: Path) -> None:
    (content / "areas.yaml").unlink()
    areas = {"network": {"en": {"title": "Network"}}, "printing": {"nl": {"title": "Afdrukken"}}}
    assert apply(content, Plan({}, areas)) == outcome(areas_added=["network", "printing"])
    assert (content / "areas.yaml").read_text() == HEADER + """\
network:
  en:
    title: Network
printing:
  nl:
    title: Afdrukken
"""


def test_area_written_as_flow_mapping_is_reported(content: Path) -> None:
    (content / "areas.yaml").write_text("network: {en: {title: Network}}\nprinting: {en: {title: Printing}}\n")
    with pytest.raises(ContentError) as err:
        apply(content, Plan({}, {"printing": {"nl": {"title": "Afdrukken"}}}))
    assert [str(p) for p in err.value.problems] == [
        "content_src/areas.yaml:2: written as {...}: write it as an indented block so that kb import can add to it"]


@pytest.mark.parametrize("plan", [Plan({"../x": JAMS}), Plan({"Printer-Jams": JAMS}),
                                  Plan({}, media={"../x.png": PNG}), Plan({}, media={"/tmp/x.png": PNG}),
                                  Plan({}, media={"a/../../remedies/x.png": PNG}), Plan({}, media={"": PNG})])
def test_names_leading_out_are_refused(content: Path, tmp_path: Path, plan: Plan) -> None:
    plan.records["printer-jams"] = JAMS
    before = snapshot(tmp_path)
    with pytest.raises(ValueError, match="refusing to write"):
        apply(content, plan)
    assert snapshot(tmp_path) == before


def test_symbolic_link_leading_out_is_refused(content: Path, tmp_path: Path) -> None:
    (content / "remedies").rename(tmp_path / "elsewhere")
    (content / "remedies").symlink_to(tmp_path / "elsewhere")
    before = snapshot(tmp_path)
    with pytest.raises(ValueError, match="refusing to write content_src/remedies/printer-jams.yaml"):
        apply(content, Plan({"printer-jams": JAMS}))
    assert snapshot(tmp_path) == before


def test_dry_run_reports_and_writes_nothing(content: Path, tmp_path: Path) -> None:
    before = snapshot(tmp_path)
    plan = Plan({"printer-jams": JAMS, "printer-offline": RECORD}, {"scanning": {"en": {"title": "Scanning"}}},
                {"printers/jam.png": PNG})
    expected = outcome(written=["printer-jams"], unchanged=["printer-offline"], areas_added=["scanning"],
                       media_written=["printers/jam.png"])
    assert apply(content, plan, dry_run=True) == expected
    assert snapshot(tmp_path) == before
    assert apply(content, plan) == expected
    assert (content / "media" / "printers" / "jam.png").read_bytes() == PNG


def test_media_are_written_only_when_new_or_different(content: Path) -> None:
    apply(content, Plan({}, media={"a.png": PNG, "b.png": PNG}))
    assert apply(content, Plan({}, media={"a.png": PNG, "b.png": PNG + b"\x01"})) == outcome(media_written=["b.png"])
    assert (content / "media" / "b.png").read_bytes() == PNG + b"\x01"


# Text as imported pages bring it: blank lines, `: `, `#`, quotes, leading spaces, tabs, any letter.
letters = st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Zl", "Zp"], include_characters="\t\n")
page_text = st.text(letters, max_size=40) | st.sampled_from(["a: b", "# h", "'q' \"d\"", "  lead", "x\n\n\n",
                                                          "yes", "=", "~", "\tx\n\n  y\n\n"])
area_text = st.fixed_dictionaries({"title": page_text.filter(str.strip), "intro": page_text})
areas = st.dictionaries(st.sampled_from(["printing", "network", "new-one", "new-two"]),
                        st.dictionaries(st.sampled_from(["en", "nl"]), area_text, min_size=1), max_size=3)


def block_headers(text: str) -> list[str]:
    """The header (`|`, `|2`, `|+`...) of every block scalar in a YAML text."""
    def walk(node: yaml.Node) -> list[str]:
        if isinstance(node, yaml.ScalarNode):
            return [text[node.start_mark.index:].split("\n")[0].split("#")[0].strip()] if node.style in ("|", ">") else []
        return [h for item in node.value for child in (item if isinstance(item, tuple) else (item,))
                for h in walk(child)]
    return walk(yaml.compose(text))


def tidy(text: str) -> str:
    """Text as areas.yaml keeps it: without trailing whitespace on its lines and trailing blank lines."""
    return "\n".join(line.rstrip() for line in text.rstrip().split("\n"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plans=st.lists(areas, min_size=1, max_size=3))
def test_any_sequence_of_applies_keeps_areas_valid(plans: list[dict]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        content = copy_root("basic", Path(tmp))
        (content / "areas.yaml").write_text(ENGLISH_ONLY)
        first: dict[tuple[str, str], dict] = {}  # the text of each area and language: the first one stays
        for plan in plans:
            apply(content, Plan({}, plan))
            first |= {(k, lang): t for k, langs in plan.items() for lang, t in langs.items() if (k, lang) not in first}
            text = (content / "areas.yaml").read_text()
            found = load(content).areas
            assert "\n..." not in text and yaml.safe_load(text)
            assert all(re.fullmatch(r"\|[1-9]?", i) for i in block_headers(text))  # no `|+` or `|-` chomping
            lines = iter(text.splitlines())
            assert all(line in lines for line in ENGLISH_ONLY.splitlines())  # every old line kept, in order
            for (key, lang), written in first.items():
                if (key, lang) not in {("network", "en"), ("network", "nl"), ("printing", "en")}:
                    shown = found[key].text(lang)
                    assert (shown.title, shown.intro.rstrip("\n")) == (tidy(written["title"]).strip(),
                                                                       tidy(written["intro"]))
