"""Deterministic synthetic knowledge bases: N remedies in English and Dutch, realistic lengths."""
from __future__ import annotations

import random
from pathlib import Path

import yaml

# (English singular, English plural, Dutch singular, Dutch plural): inflections for search.
NOUNS = [
    ("password", "passwords", "wachtwoord", "wachtwoorden"),
    ("user", "users", "gebruiker", "gebruikers"),
    ("invitation", "invitations", "uitnodiging", "uitnodigingen"),
    ("group", "groups", "groep", "groepen"),
    ("tenant", "tenants", "tenant", "tenants"),
    ("printer", "printers", "printer", "printers"),
    ("certificate", "certificates", "certificaat", "certificaten"),
    ("mailbox", "mailboxes", "postvak", "postvakken"),
    ("connection", "connections", "verbinding", "verbindingen"),
    ("device", "devices", "apparaat", "apparaten"),
    ("license", "licenses", "licentie", "licenties"),
    ("policy", "policies", "beleid", "beleidsregels"),
    ("account", "accounts", "account", "accounts"),
    ("setting", "settings", "instelling", "instellingen"),
    ("message", "messages", "bericht", "berichten"),
    ("folder", "folders", "map", "mappen"),
    ("domain", "domains", "domein", "domeinen"),
    ("role", "roles", "rol", "rollen"),
    ("update", "updates", "update", "updates"),
    ("meeting", "meetings", "vergadering", "vergaderingen"),
]
# (English, Dutch present, Dutch participle)
VERBS = [
    ("fails", "mislukt", "mislukte"),
    ("is blocked", "wordt geblokkeerd", "geblokkeerde"),
    ("does not sync", "synchroniseert niet", "gesynchroniseerde"),
    ("is missing", "ontbreekt", "ontbrekende"),
    ("expires", "verloopt", "verlopen"),
    ("is rejected", "wordt geweigerd", "geweigerde"),
    ("stops", "stopt", "gestopte"),
    ("is not delivered", "wordt niet bezorgd", "bezorgde"),
]
ADJECTIVES = [("new", "nieuwe"), ("external", "externe"), ("shared", "gedeelde"), ("old", "oude"),
              ("local", "lokale"), ("synchronized", "gesynchroniseerde"), ("guest", "gast")]
FILLER_EN = "after the change the same screen appears again and the help desk cannot see why".split()
FILLER_NL = "na de wijziging verschijnt hetzelfde scherm opnieuw en de helpdesk ziet niet waarom".split()
SYLLABLES = "ka lo mi ne ru sa te vo bri dex fen gal hor jin kor lum mar nis por quin ros sul tor vek".split()
# Product and component names: real content keeps adding new terms as it grows.
JARGON = sorted({"".join(random.Random(k).choices(SYLLABLES, k=3)) for k in range(6000)})
# The "common" distribution: each of these words stands once in the symptom of about 95% of
# remedies (each word drawn on its own), the spread that makes a word's postings as long as the
# knowledge base while every remedy scores nearly the same for it.
COMMON = (("portal", "portaal"), ("dashboard", "dashboard"))
COMMON_SHARE = 0.95
AREAS = {"access": ("Access", "Toegang"), "mail": ("Mail", "E-mail"), "devices": ("Devices", "Apparaten"),
         "identity": ("Identity", "Identiteit"), "collaboration": ("Collaboration", "Samenwerking")}


def _sentence(rng: random.Random, lang: int, words: int) -> str:
    noun = rng.choice(NOUNS)
    adj = rng.choice(ADJECTIVES)
    verb = rng.choice(VERBS)
    filler = FILLER_EN if lang == 0 else FILLER_NL
    head = (f"The {adj[0]} {noun[rng.choice([0, 1])]} {verb[0]}" if lang == 0
            else f"De {adj[1]} {noun[rng.choice([2, 3])]} {verb[1]}")
    rest = max(0, words - len(head.split()))
    tail = " ".join(rng.choice(filler) if rng.random() < 0.8 else _jargon(rng) for _ in range(rest))
    return f"{head} {tail}.".replace(" .", ".")


def _jargon(rng: random.Random) -> str:
    """A name from the jargon list, common ones more often (a Zipf-like spread)."""
    return JARGON[min(len(JARGON) - 1, int(rng.paretovariate(0.8)) - 1)]


def _text(rng: random.Random, lang: int, low: int, high: int) -> str:
    target, out = rng.randint(low, high), []
    while sum(len(s.split()) for s in out) < target:
        out.append(_sentence(rng, lang, rng.randint(8, 16)))
    return " ".join(out)


def _with_common(text: str, rng: random.Random, lang: int) -> str:
    """`text` with each COMMON word put once at a random word boundary, in COMMON_SHARE of cases."""
    words = text.split(" ")
    for pair in COMMON:
        if rng.random() < COMMON_SHARE:
            words.insert(rng.randint(1, len(words) - 1), pair[lang])
    return " ".join(words)


def remedy(i: int, distribution: str = "default") -> dict:
    """The i-th synthetic remedy of a distribution ("default" or "common"), the same every time."""
    rng = random.Random(i)
    noun, verb, adj = rng.choice(NOUNS), rng.choice(VERBS), rng.choice(ADJECTIVES)
    code = rng.choice([f"AADSTS{50000 + i}", f"0x8007{i:04x}", f"KB-{1000 + i}"])
    solutions = [rng.randint(2, 6) for _ in range(rng.randint(1, 3))]
    langs = {}
    for lang, key in ((0, "en"), (1, "nl")):
        title = (f"{adj[0].capitalize()} {noun[0]} {verb[0]} ({code})" if lang == 0
                 else f"{adj[1].capitalize()} {noun[2]} {verb[1]} ({code})")
        sub = random.Random(i * 7919 + lang)
        symptom = _text(sub, lang, 25, 60)
        if distribution == "common":
            symptom = _with_common(symptom, random.Random(f"common-{i}"), lang)
        langs[key] = {
            "title": title,
            "symptom": symptom,
            "solutions": [{"cause": _text(sub, lang, 15, 40),
                           "steps": [_text(sub, lang, 8, 15) for _ in range(steps)]} for steps in solutions],
        }
    return {"id": f"synthetic-{i:05d}", "area": rng.choice(sorted(AREAS)), "codes": [code],
            "tags": [noun[0]], "updated": "2024-01-01", **langs}


def write(folder: Path, n: int, distribution: str = "default") -> Path:
    """Write a content folder with `n` synthetic remedies of a distribution; return its path."""
    (folder / "remedies").mkdir(parents=True, exist_ok=True)
    (folder / "site.yaml").write_text(yaml.safe_dump(
        {"languages": ["en", "nl"], "title": {"en": "Synthetic help", "nl": "Synthetische hulp"}}), encoding="utf-8")
    areas = {k: {"en": {"title": en}, "nl": {"title": nl}} for k, (en, nl) in AREAS.items()}
    (folder / "areas.yaml").write_text(yaml.safe_dump(areas, allow_unicode=True), encoding="utf-8")
    for i in range(n):
        data = remedy(i, distribution)
        (folder / "remedies" / f"{data['id']}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder
