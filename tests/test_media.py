"""Media: only images from inside a page's folder reach content_src/ and site/, through kb import or by hand."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from generator import importing, media
from tests.conftest import ROOTS, build_into, copy_root, problems_of

PAGES = ROOTS / "media-import" / "pages"
PNG = (ROOTS / "import" / "pages" / "media" / "vpn" / "settings.png").read_bytes()
SECRET = PNG + b"secret bytes from outside the page folder"  # a real PNG: only where it lies can refuse it
ESCAPES = ["../outside/secret.png", "media/../../outside/secret.png", "%2e%2e/outside/secret.png",
           "..%2Foutside%2Fsecret.png", "..\\outside\\secret.png", "../pages-evil/secret.png",
           "../PAGES/secret.png", "../pageſ/secret.png"]


@pytest.fixture
def layout(tmp_path: Path) -> Path:
    """tmp/pages (the crafted pages) beside folders a page must never reach: outside, look-alike names."""
    pages = shutil.copytree(PAGES, tmp_path / "pages")
    for name in ["outside", "pages-evil", "PAGES", "pageſ"]:  # ſ is "s" after NFKC, PAGES is "pages" casefolded
        (tmp_path / name).mkdir()
        (tmp_path / name / "secret.png").write_bytes(SECRET)
    os.symlink(tmp_path / "outside" / "secret.png", pages / "media" / "linked.png")
    os.symlink(tmp_path / "outside", pages / "media" / "linked-folder")
    (pages / "media" / "huge.png").write_bytes(PNG + bytes(int(5.5 * 1024 * 1024)))
    return tmp_path


def kb(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def leaked(folder: Path) -> list[str]:
    """Files under `folder` that came from outside the page folders, or could run script."""
    bad = []
    for path in folder.rglob("*"):
        if path.is_file() and (path.read_bytes() == SECRET or path.name in ("hostname", "win.ini")
                               or path.suffix == ".svg" or path.stat().st_size > 5 * 1024 * 1024):
            bad.append(str(path.relative_to(folder)))
    return bad


@pytest.mark.parametrize("target", ESCAPES + ["media/linked.png", "media/linked-folder/secret.png"])
def test_paths_that_lead_out_are_refused(layout: Path, target: str) -> None:
    with pytest.raises(media.Refused, match=r"^outside .*pages; only files in the page's folder"):
        media.local_file(target, layout / "pages", layout / "pages")


@pytest.mark.parametrize("target", ["/etc/hostname", "file:///etc/hostname", "C:\\Windows\\win.ini",
                                    "C:/Windows/win.ini", "//server/share/x.png", "\\\\server\\share\\x.png"])
def test_absolute_paths_are_never_read(layout: Path, target: str) -> None:
    with pytest.raises(media.Refused, match="an absolute path or an address"):
        media.local_file(target, layout / "pages", layout / "pages")


def test_media_root_widens_the_folder_and_no_further(layout: Path) -> None:
    assert media.local_file("../outside/secret.png", layout / "pages", layout) == layout / "outside" / "secret.png"
    with pytest.raises(media.Refused, match="^outside"):
        media.local_file("../../etc/hostname", layout / "pages", layout)


@pytest.mark.parametrize(("head", "kind"), [(b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff\xe0", "jpeg"),
                                            (b"GIF89a", "gif"), (b"GIF87a", "gif"), (b"RIFF\0\0\0\0WEBPVP8 ", "webp"),
                                            (b"<svg", None), (b"PNG", None), (b"RIFF\0\0\0\0WAVE", None)])
def test_image_kind_reads_the_bytes(head: bytes, kind: str | None) -> None:
    assert media.image_kind(head + bytes(16)) == kind


def import_all(layout: Path, content: Path) -> list[str]:
    """Import every crafted page, one after another, into `content`; return the output of each run."""
    outputs = []
    for page in sorted((layout / "pages").glob("*.md")):
        result = kb("import", page, "--content", content, cwd=layout)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Traceback" not in result.stdout + result.stderr
        outputs.append(result.stdout)
    return outputs


def test_importing_every_crafted_page_copies_only_images_from_inside(layout: Path) -> None:
    content = copy_root("basic", layout)
    output = "".join(import_all(layout, content))
    pages = layout / "pages"
    outside = f"(outside {pages}; only files in the page's folder (or --media-root) are copied)"
    expected = [f"{pages / 'escape.en-US.md'}:{18 + i}: image not copied {outside}, kept as text: {target}"
                for i, target in enumerate(ESCAPES)]
    expected += [
        f"{pages / 'escape.en-US.md'}:26: image not copied (not found), kept as text: ．．/outside/secret.png",
        f"{pages / 'escape.en-US.md'}:27: image not copied {outside}, kept as text: ../outside/secret.png",
        f"{pages / 'symlink.en-US.md'}:13: image not copied {outside}, kept as text: media/linked.png",
        f"{pages / 'symlink.en-US.md'}:14: image not copied {outside}, kept as text: media/linked-folder/secret.png",
        f"{pages / 'fake-png.en-US.md'}:13: image not copied (not an image: its content is not PNG, JPEG, GIF or "
        "WebP, whatever its name says), kept as text: media/notes.png",
        f"{pages / 'svg.en-US.md'}:13: image not copied ({media.SVG_REASON}), kept as text: media/diagram.svg",
        f"{pages / 'oversized.en-US.md'}:13: image not copied (the image is 5.5 MB; the limit is 5 MB "
        "(max_image_mb in site.yaml)), kept as text: media/huge.png",
        f"{pages / 'absolute.en-US.md'}:16: image on another site kept as a link: https://example.com/tracker.png",
    ]
    absolute = "an absolute path or an address that is not http(s); only files in the page's folder are copied"
    expected += [f"{pages / 'absolute.en-US.md'}:{13 + i}: image not copied ({absolute}), kept as text: {target}"
                 for i, target in enumerate(["/etc/hostname", "file:///etc/hostname", "C:\\Windows\\win.ini"])]
    warnings = [line.removeprefix("warning: ") for line in output.splitlines() if line.startswith("warning: ")]
    assert sorted(w for w in warnings if "image" in w) == sorted(expected)
    assert sorted(p.name for p in (content / "media").rglob("*")) == ["ok.png"]
    assert (content / "media" / "ok.png").read_bytes() == PNG
    site = build_into(content, layout)
    assert leaked(content) == [] and leaked(site) == [] and leaked(layout / "docs") == []
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("media/*")) == ["en/media/ok.png", "nl/media/ok.png"]


def test_refused_images_stay_on_the_page_as_text(layout: Path) -> None:
    content = copy_root("basic", layout)
    import_all(layout, content)
    site = build_into(content, layout)
    page = (site / "en" / "remedies" / "labels-come-out-blank.html").read_text(encoding="utf-8")
    assert '<img alt="Where the head sits" src="../media/ok.png"' in page
    assert "<em>[one]</em>" in page and "secret.png" not in page
    badge = (site / "en" / "remedies" / "badge-reader-beeps-twice.html").read_text(encoding="utf-8")
    assert '<a href="https://example.com/tracker.png">remote</a>' in badge and 'src="https://' not in badge


def test_site_yaml_sets_the_size_limit(layout: Path) -> None:
    content = copy_root("basic", layout)
    with (content / "site.yaml").open("a", encoding="utf-8") as out:
        out.write("max_image_mb: 6\n")
    report = importing.import_pages([layout / "pages" / "oversized.en-US.md"], content)
    assert report.warnings == [] and (content / "media" / "huge.png").stat().st_size > 5.5 * 1024 * 1024
    assert problems_of(content) == []


def test_a_page_without_its_translation_imports_and_shows_the_notice(layout: Path, browser: Browser) -> None:
    content = copy_root("basic", layout)
    result = kb("import", layout / "pages" / "single.en-US.md", "--content", content, cwd=layout)
    assert result.returncode == 0 and "nothing was written" not in result.stderr, result.stderr
    assert problems_of(content) == []
    site = build_into(content, layout)
    page = browser.new_page()
    try:
        for path in ["nl/areas/locker-problems.html", "nl/remedies/locker-not-open-app.html"]:
            page.goto((site / path).as_uri())
            notice = page.locator('[data-kb-notice="untranslated"]')
            assert notice.is_visible(), path
            assert "Nog niet in het Nederlands vertaald" in notice.inner_text()
            assert page.locator("h1").get_attribute("lang") == "en"
            notice.get_by_role("link").click()
            assert page.url.endswith(path.replace("nl/", "en/", 1))
            assert page.locator('[data-kb-notice]:not([data-kb-notice=review-due])').count() == 0
    finally:
        page.close()


# The same rule for files an author puts in content_src/media by hand.

def test_build_refuses_media_that_is_not_a_safe_image(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    content = copy_root("basic", tmp_path).relative_to(tmp_path)
    folder = content / "media"
    (folder / "sub").mkdir(parents=True)
    (folder / "ok.png").write_bytes(PNG)
    (folder / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")  # hidden: neither checked nor published
    shutil.copyfile(PAGES / "media" / "diagram.svg", folder / "sub" / "diagram.svg")
    (folder / "diagram.png").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    (folder / "notes.png").write_text("plain text\n")
    (folder / "page.html").write_bytes(PNG + b"<script>alert(1)</script>")
    (folder / "huge.gif").write_bytes(b"GIF89a" + bytes(6 * 1024 * 1024))
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.png").write_bytes(SECRET)
    os.symlink(tmp_path / "outside" / "secret.png", folder / "linked.png")
    os.symlink(tmp_path / "outside", folder / "linked-folder")
    m = "content_src/media"
    assert problems_of(content) == [
        f"{m}/diagram.png:1: media: {media.SVG_REASON}",
        f"{m}/huge.gif:1: media: the image is 6.0 MB; the limit is 5 MB (max_image_mb in site.yaml)",
        f"{m}/linked-folder:1: media: symbolic link to a folder ({tmp_path / 'outside'}): copy the files in instead",
        f"{m}/linked.png:1: media: symbolic link to {tmp_path / 'outside' / 'secret.png'}, outside the content "
        "folder: copy the file in instead",
        f"{m}/notes.png:1: media: not an image: its content is not PNG, JPEG, GIF or WebP, whatever its name says",
        f"{m}/page.html:1: media: its content is PNG but its name does not end in .png: rename it",
        f"{m}/sub/diagram.svg:1: media: {media.SVG_REASON}",
    ]
    result = kb("build", "--content", content, "--mkdocs", Path(__file__).parent.parent / "mkdocs.yml",
                cwd=tmp_path)
    assert result.returncode == 1 and "nothing was written" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_build_publishes_exactly_the_checked_media(tmp_path: Path) -> None:
    content = copy_root("basic", tmp_path)
    (content / "media").mkdir()
    (content / "media" / "ok.png").write_bytes(PNG)
    (content / "media" / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    stale = tmp_path / "docs" / "en" / "media" / "left-over.svg"  # from an earlier build, or put there by hand
    stale.parent.mkdir(parents=True)
    stale.write_text("<svg onload='alert(1)'/>")
    site = build_into(content, tmp_path)
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("media/*")) == ["en/media/ok.png", "nl/media/ok.png"]
    assert not stale.exists()
