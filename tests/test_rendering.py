"""Rendering records to Markdown: what each page says, per language."""
from __future__ import annotations

from generator.rendering import environment, pages
from generator.validation import load
from tests.conftest import ROOTS

KB = load(ROOTS / "basic" / "content_src")


def page(lang: str, path: str) -> str:
    return dict(pages(KB, lang, environment()))[path]


def test_one_page_per_remedy_and_area_plus_home_and_search() -> None:
    assert sorted(path for path, _ in pages(KB, "nl", environment())) == [
        "areas/network.md", "areas/printing.md", "codes.md", "index.md",
        "remedies/printer-offline.md", "remedies/vpn-drops-after-sleep.md", "remedies/wifi-password-rejected.md",
        "search.md"]


def test_remedy_page_has_every_part_in_its_language() -> None:
    text = page("nl", "remedies/vpn-drops-after-sleep.md")
    assert text.startswith('---\nkb_id: vpn-drops-after-sleep\ndescription: "Na het ontwaken toont de VPN-client Verbroken."\n'
                           '---\n# VPN\\-verbinding valt weg na slaapstand\n')
    assert "**Onderwerp:** [Netwerk](../areas/network.md) · **Foutcodes:** `VPN809`, `0x80070005`" in text
    assert ('## Symptoom { #symptom }\n\n<div class="kb-text">\n<p>Na het ontwaken toont de VPN-client '
            "<strong>Verbroken</strong>.</p>\n</div>") in text
    assert '### Oorzaak 1 { #cause-1 }\n\n<div class="kb-text">\n<p>De netwerkadapter wordt uitgeschakeld' in text
    assert "### Oorzaak 2 { #cause-2 }" in text
    assert "**Wie moet handelen:** Werkplekondersteuning" in text
    assert ('<ol class="kb-steps" data-cause="1">\n'
            '<li id="cause-1-step-1"><p>Open <strong>Apparaatbeheer</strong>.</p></li>\n'
            '<li id="cause-1-step-2"><p>Zet <em>Computer mag dit apparaat '
            "uitschakelen</em> uit.</p></li>\n</ol>") in text
    assert "- [Printer staat offline](printer-offline.md)" in text
    assert 'Laatst bijgewerkt: <time datetime="2024-05-01">1 mei 2024</time>' in text
    assert ('<a href="../../en/remedies/vpn-drops-after-sleep.html" hreflang="en" lang="en">'
            "This remedy in English</a>") in text


def test_responsible_only_when_given() -> None:
    text = page("en", "remedies/vpn-drops-after-sleep.md")
    assert text.count("**Who must act:**") == 1


def test_multiline_step_stays_inside_its_list_item() -> None:
    kb = load(ROOTS / "basic" / "content_src")
    remedy = kb.remedy("printer-offline")
    solution = remedy.en.solutions[0].model_copy(update={"steps": ["Run:\n\n    ipconfig /all", "Done."]})
    en = remedy.en.model_copy(update={"solutions": [solution]})
    patched = kb.__class__(kb.site, kb.areas, (remedy.model_copy(update={"en": en}),))
    text = dict(pages(patched, "en", environment()))["remedies/printer-offline.md"]
    assert ('<li id="cause-1-step-1"><p>Run:</p>\n<pre><code tabindex="0">ipconfig /all\n</code></pre></li>\n'
            '<li id="cause-1-step-2"><p>Done.</p></li>') in text


def test_area_page_lists_its_remedies_with_codes() -> None:
    text = page("en", "areas/network.md")
    assert text.startswith('---\nkb_area: network\ndescription: "Connections that fail."\n---\n# Network\n\n'
                           '<div class="kb-text">\n<p>Connections that fail.</p>')
    assert "- [VPN connection drops after sleep](../remedies/vpn-drops-after-sleep.md) · `VPN809`, `0x80070005`" in text
    assert "- [Wi\\-Fi rejects a correct password](../remedies/wifi-password-rejected.md) · `WLAN-4021`" in text
    assert "printer-offline" not in text


def test_home_page_lists_areas_not_remedies() -> None:
    text = page("nl", "index.md")
    assert "- [Netwerk](areas/network.md) · 2 oplossingen" in text
    assert "- [Afdrukken](areas/printing.md) · 1 oplossing" in text
    assert "remedies/" not in text.split("## Onderwerpen")[1].split("\n## ")[0]  # remedies only under "Onlangs bijgewerkt"


def test_long_area_is_split_into_pages(monkeypatch) -> None:
    from generator import rendering
    monkeypatch.setattr(rendering, "AREA_PAGE_SIZE", 1)
    all_pages = dict(pages(KB, "nl", environment()))
    first, second = all_pages["areas/network.md"], all_pages["areas/network-page-2.md"]
    assert "vpn-drops-after-sleep" in first and "wifi-password-rejected" not in first
    body = second.split("\n---\n", 1)[1]  # the front matter's description repeats the intro, for search engines
    assert "wifi-password-rejected" in second and "Verbindingen die mislukken." not in body  # intro once
    assert '<span>Pagina 1 van 2</span>' in first and '<a href="network-page-2.html" rel="next">Volgende</a>' in first
    assert "Vorige" not in first and "Volgende" not in second
    assert '<a href="network.html" rel="prev">Vorige</a>' in second and '<span>Pagina 2 van 2</span>' in second
    assert 'href="../../en/areas/network-page-2.html" hreflang="en"' in second
