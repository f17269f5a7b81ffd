"""Links that outlive renames: short links, error-code links, former ids, and nginx 301s."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit


from generator.catalogues import catalogue
from generator.records import KnowledgeBase
from generator.rendering import html_environment
from generator.stamp import Stamp

NGINX_FILE = "redirects.nginx.conf"
UP_TWO = "../../"  # from r/<id>/ or code/<CODE>/ back to the site root


def first_choice(lang: str, languages: list[str]) -> str:
    """A regex on Accept-Language: `lang` is the first listed language that the site has."""
    others = "|".join(languages)
    return rf"^(?:\s*(?!(?:{others})\b)[^,]*,)*\s*{lang}\b"


def write_redirects(kb: KnowledgeBase, site: Path, stamp: Stamp | None = None) -> None:
    """Write r/<id>/, code/<CODE>/, the pages of former ids, and the nginx include."""
    env = html_environment()
    languages = [catalogue(code) for code in kb.languages]
    redirect = env.get_template("redirect.html.j2")
    short = {r.id: r for r in kb.remedies} | kb.aliases()
    for key, remedy in short.items():
        _write(site, f"r/{key}/index.html", redirect.render(remedy=remedy, languages=languages, prefix=UP_TWO))
    for alias, remedy in kb.aliases().items():
        for lang in kb.languages:
            page = env.get_template("alias.html.j2").render(
                lang=lang, target=f"{remedy.id}.html", title=remedy.text(lang).title)
            _write(site, f"{lang}/remedies/{alias}.html", page)
    for code, remedies in kb.codes().items():
        page = (redirect.render(remedy=remedies[0], languages=languages, prefix=UP_TWO) if len(remedies) == 1
                else env.get_template("code_list.html.j2").render(
                    code=code, remedies=remedies, languages=languages, prefix=UP_TWO, stamp=stamp))
        _write(site, f"code/{code}/index.html", page)
    conf = env.get_template("redirects.nginx.conf.j2").render(
        first_choice=lambda lang: first_choice(lang, kb.languages), languages=kb.languages, short={key: r.id for key, r in short.items()},
        codes=kb.codes(), aliases=kb.aliases(), site_url=kb.site.site_url,
        prefix=urlsplit(kb.site.site_url or "/").path.rstrip("/"))
    _write(site, NGINX_FILE, conf)


def _write(site: Path, relative: str, text: str) -> None:
    """Write a file under `site`, refusing any path that would leave it."""
    target = (site / relative).resolve()
    if site.resolve() not in target.parents:
        raise ValueError(f"refusing to write outside the site: {relative}")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
