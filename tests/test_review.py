"""Review dates: review_by and its default, the check, `kb status --due`, and the notice readers see
once the date has passed (decided in the browser, so builds stay reproducible)."""
from __future__ import annotations

import datetime
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from generator import review
from generator.validation import load
from tests.conftest import ROOTS, build_into, content_here, problems_of

REVIEW = ROOTS / "review" / "content_src"  # review_after_days: 180; vpn-drops-after-sleep has review_by
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
NOTICE = "[data-kb-notice=review-due]"
TEXTS = {
    "en": "This remedy was due for review on July 1, 2024. It may be out of date.",
    "nl": "Deze oplossing had op 1 juli 2024 opnieuw nagekeken moeten worden en is mogelijk verouderd.",
}


def kb(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def noon(day: str) -> datetime.datetime:
    """Midday UTC of a YYYY-MM-DD date: the same local date in Europe."""
    return datetime.datetime.fromisoformat(f"{day}T12:00:00+00:00")


# The effective review date


def test_review_date_default_explicit_and_custom_period() -> None:
    knowledge = load(REVIEW)
    assert knowledge.site.review_after_days == 180
    printer, vpn = knowledge.remedy("printer-offline"), knowledge.remedy("vpn-drops-after-sleep")
    assert (printer.review_by, printer.review_date(180)) == (None, datetime.date(2024, 9, 29))
    assert printer.review_date(365) == datetime.date(2025, 4, 2)  # another period
    assert vpn.review_by == vpn.review_date(180) == vpn.review_date(365) == datetime.date(2024, 7, 1)


def test_site_default_period_is_a_year() -> None:
    knowledge = load(ROOTS / "basic" / "content_src")
    assert knowledge.site.review_after_days == 365
    assert review.due(knowledge, datetime.date(2024, 11, 20)) == [
        {"id": "wifi-password-rejected", "area": "network", "review_by": "2024-11-19", "days_overdue": 1}]


def test_due_on_the_review_date_itself() -> None:
    rows = review.due(load(REVIEW), datetime.date(2024, 7, 1))
    assert rows == [{"id": "wifi-password-rejected", "area": "network", "review_by": "2024-05-18", "days_overdue": 44},
                    {"id": "vpn-drops-after-sleep", "area": "network", "review_by": "2024-07-01", "days_overdue": 0}]
    assert review.due(load(REVIEW), datetime.date(2024, 5, 17)) == []


# Validation


def test_review_by_before_updated_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = content_here("review", tmp_path, monkeypatch)
    path = content / "remedies" / "printer-offline.yaml"
    path.write_text(path.read_text().replace("updated: 2024-04-02\n", "updated: 2024-04-02\nreview_by: 2024-04-01\n"))
    assert problems_of(content) == [
        "content_src/remedies/printer-offline.yaml:4: review_by: expected a date on or after updated (2024-04-02), "
        "received 2024-04-01"]


def test_review_by_on_updated_and_bad_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = content_here("review", tmp_path, monkeypatch)
    path = content / "remedies" / "wifi-password-rejected.yaml"  # no other remedy relates to it
    text = path.read_text()
    path.write_text(text.replace("updated: 2023-11-20\n", "updated: 2023-11-20\nreview_by: 2023-11-20\n"))
    assert problems_of(content) == []
    path.write_text(text.replace("updated: 2023-11-20\n", "updated: 2023-11-20\nreview_by: 2024-02-30\n"))
    assert problems_of(content) == [
        "content_src/remedies/wifi-password-rejected.yaml:5: review_by: expected a date as YYYY-MM-DD, "
        "received text '2024-02-30'"]


# kb status --due


def test_kb_status_due_table(tmp_path: Path) -> None:
    result = kb("status", "--due", "--today", "2024-08-01", "--content", str(REVIEW), cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    rows = [re.sub(r"\s+", " ", line.strip("│┃ ")) for line in result.stdout.splitlines()]
    assert [row for row in rows if "│" in row or "┃" in row] == [
        "remedy ┃ area ┃ review by ┃ days overdue",
        "wifi-password-rejected │ network │ 2024-05-18 │ 75",
        "vpn-drops-after-sleep │ network │ 2024-07-01 │ 31",
    ]
    assert len({len(line) for line in result.stdout.splitlines()}) == 1  # aligned


def test_kb_status_due_json(tmp_path: Path) -> None:
    result = kb("status", "--due", "--today", "2024-10-01", "--format", "json", "--content", str(REVIEW), cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout) == [
        {"id": "wifi-password-rejected", "area": "network", "review_by": "2024-05-18", "days_overdue": 136},
        {"id": "vpn-drops-after-sleep", "area": "network", "review_by": "2024-07-01", "days_overdue": 92},
        {"id": "printer-offline", "area": "printing", "review_by": "2024-09-29", "days_overdue": 2},
    ]


def test_kb_status_due_rejects_a_bad_date(tmp_path: Path) -> None:
    result = kb("status", "--due", "--today", "1-8-2024", "--content", str(REVIEW), cwd=tmp_path)
    assert result.returncode == 2 and "--today" in result.stderr


# The notice in the browser


@pytest.fixture(scope="module")
def review_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_into(REVIEW, tmp_path_factory.mktemp("review"))


@pytest.fixture(scope="module", params=["http", "file"])
def site_url(request: pytest.FixtureRequest, review_site: Path, serve: Callable[[Path], str]) -> str:
    return serve(review_site) if request.param == "http" else review_site.as_uri()


def open_at(browser: Browser, url: str, when: datetime.datetime, zone: str = "Europe/Amsterdam",
            **context: object) -> Page:
    """A page opened at `url` by a reader in time zone `zone` whose clock says `when`."""
    page = browser.new_context(timezone_id=zone, **context).new_page()
    page.clock.set_fixed_time(when)
    page.goto(url)
    return page


def test_page_carries_its_review_date(review_site: Path) -> None:
    html = (review_site / "en/remedies/printer-offline.html").read_text(encoding="utf-8")
    assert re.search(r'<div class="admonition warning kb-notice kb-review" data-kb-notice="review-due" '
                     r'data-kb-review-by="2024-09-29" hidden>\s*<p class="admonition-title">This remedy was due for '
                     r'review on <time datetime="2024-09-29">September 29, 2024</time>\. It may be out of date\.</p>',
                     html)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_notice_shows_once_the_review_date_has_come(browser: Browser, site_url: str, lang: str) -> None:
    vpn = f"{site_url}/{lang}/remedies/vpn-drops-after-sleep.html"
    for day, shown in [("2024-06-30", False), ("2024-07-01", True), ("2025-01-15", True)]:
        page = open_at(browser, vpn, noon(day), locale=lang)
        notice = page.locator(NOTICE)
        assert notice.is_visible() is shown, day
        if shown:
            assert notice.inner_text().strip() == TEXTS[lang]
        page.context.close()
    page = open_at(browser, f"{site_url}/{lang}/remedies/printer-offline.html", noon("2024-07-01"))
    assert not page.locator(NOTICE).is_visible()  # due on 2024-09-29
    page.context.close()


def test_notice_follows_the_readers_local_date(browser: Browser, site_url: str) -> None:
    url = f"{site_url}/en/remedies/vpn-drops-after-sleep.html"
    late = datetime.datetime.fromisoformat("2024-06-30T23:30:00+00:00")  # 1 July, 01:30 in Amsterdam
    page = open_at(browser, url, late)
    assert page.locator(NOTICE).is_visible()
    page.context.close()
    page = open_at(browser, url, late, zone="America/New_York")  # still 30 June there
    assert not page.locator(NOTICE).is_visible()
    page.context.close()


def test_notice_stays_in_print_and_needs_scripts(browser: Browser, site_url: str) -> None:
    url = f"{site_url}/en/remedies/vpn-drops-after-sleep.html"
    page = open_at(browser, url, noon("2024-08-01"))
    page.emulate_media(media="print")
    assert page.locator(NOTICE).is_visible()
    page.context.close()
    page = open_at(browser, url, noon("2024-08-01"), java_script_enabled=False)
    assert not page.locator(NOTICE).is_visible()
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_shown_notice_is_accessible(browser: Browser, site_url: str, scheme: str) -> None:
    for lang in ["en", "nl"]:
        page = open_at(browser, f"{site_url}/{lang}/remedies/vpn-drops-after-sleep.html", noon("2024-08-01"),
                       color_scheme=scheme)
        assert page.locator(NOTICE).is_visible()
        found = Axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS}}).response["violations"]
        assert [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in found] == []
        page.context.close()


def test_two_builds_give_identical_remedy_pages(review_site: Path, tmp_path: Path) -> None:
    again = build_into(REVIEW, tmp_path)
    pages = sorted(p.relative_to(review_site) for p in review_site.glob("*/remedies/*.html"))
    assert len(pages) == 6
    for path in pages:
        assert (again / path).read_bytes() == (review_site / path).read_bytes(), path
