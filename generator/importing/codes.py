"""Find the error codes of one troubleshooting problem (its heading and Markdown body), English or Dutch.

Codes come out in order of first appearance, without duplicates, each matching `records.CODE_PATTERN`:

- a number of five digits or more in parentheses at the end of a heading ("... failed (151196)") becomes
  `Error-<n>`, as the number is the code the heading names;
- a number after "error"/"fout" (any case; "errors", "fouten", "error code:", "foutcode", "Mount
  error(13)", lists such as "errors 18456, 40531") becomes `Error-<n>` in every language, so both
  languages of a record agree; `Mount error(13)` gives plain `Error-13`;
- an HTTP status 4xx/5xx after "HTTP"/"status (code)", before its phrase ("502 Bad Gateway",
  "502-ongeldige gateway") or after "error"/"fout" ("error 503") becomes `HTTP-<n>`;
- `0x` + 8 hex digits stays as written; alone (not after "error") only with the high bit set, as
  HRESULT/NTSTATUS failures have it, since `0x0000009D` is rather a character or a flag;
- identifiers of 3+ capitals then 3+ digits (`AADSTS50126`, `WLAN4021`) stay as written;
- uppercase snake codes (`CLIENT_CERT_INSTALL_ERROR`) count in bold, in a code span, alone in a
  table cell, or anywhere in the heading, since elsewhere capitals are often just emphasis.

Not codes: negative decimals (`-2134375898`, the pattern has no leading `-`), bare numbers (years,
versions, ports, steps, sizes), CamelCase names (the table importer's job), HTML tags (DocFX
anchors repeat the English heading), and in code blocks or spans any number or hex not introduced by
"error"/"fout" (identifiers still count there, a code span holding exactly one code counts whole).
"""
from __future__ import annotations

import re

from generator.records import CODE_PATTERN

# "(?![.,]\d)": a version such as 3.0 or 1,2 is no code; "8007026f" after "error" is an HRESULT without its 0x
_NUM = r"(?:0x[0-9A-Fa-f]{8}|(?=[0-9A-Fa-f]{0,7}[A-Fa-f])[89A-Fa-f][0-9A-Fa-f]{7}|\d+)\b(?![.,]\d)"
NUMBER = re.compile(_NUM)
# "Error 798", "(fout 809)", "Mount error(13)", "Foutcode: 0x...", "errors 18456, 40531"; a "-" stops it.
NUMBERED = re.compile(rf"\b(?:error|fout)(?:s|en)?(?:[ \t]*codes?)?[ \t]*[:=(]?[ \t]*"
                      rf"({_NUM}(?:[ \t]*(?:,|/|and|or|en|of)[ \t]*{_NUM})*)", re.I)
# Only statuses HTTP defines, so "HTTP 443" (a port) is not one.
STATUS = r"(?:4[0-2]\d|43[01]|451|50\d|51[01])"
HTTP_NUMBER = re.compile(STATUS)
HTTP_CUED = re.compile(rf"\b(?:HTTP(?:[ \t-]*status)?|status)(?:[ \t-]*codes?)?[ \t:]*({STATUS})\b(?![.,]\d)", re.I)
HTTP_PHRASED = re.compile(
    rf"\b({STATUS})[ \t-]+(?:bad request|unauthorized|forbidden|not found|method not allowed|conflict|"
    r"too many requests|internal server error|bad gateway|service unavailable|gateway time-?out|"
    r"ongeldige (?:aanvraag|gateway)|niet geautoriseerd|verboden|niet gevonden|interne serverfout|"
    r"service (?:is )?niet beschikbaar)\b", re.I)
HEX = re.compile(r"\b0x[89A-Fa-f][0-9A-Fa-f]{7}\b")
# 3+ capitals: SQLSTATEs such as HY000 are no error codes; hash and standard names are no codes either.
IDENT = re.compile(r"\b(?!(?:SHA|AES|RSA|UTF|ISO|RFC)\d)[A-Z]{3,}\d{3,}\b")
_SNAKE = r"(?!HKEY_)[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+"  # registry hives are paths, not codes
MARKED_SNAKE = re.compile(rf"\*\*({_SNAKE})\*\*|(?<=\|)[ \t]*({_SNAKE})[ \t]*(?=\|)")
BARE_SNAKE = re.compile(rf"\b({_SNAKE})\b")
WHOLE_CODE = re.compile(rf"{HEX.pattern}|{IDENT.pattern}|{_SNAKE}")
# A fenced block (to its closing fence or the end) or an inline code span.
CODE = re.compile(r"^[ \t]*(`{3,}|~{3,}).*?(?:^[ \t]*\1[^\n]*$|\Z)|(`+)([^`\n]+?)\2", re.M | re.S)
TAG = re.compile(r"</?[A-Za-z][^>\n]*>")
VALID = re.compile(CODE_PATTERN)


# "### Issue 1: Site Recovery configuration failed (151196)": a number a heading closes with is its code
CLOSING = re.compile(r"\((\d{5,})\)\s*$")


def find(heading: str, body: str) -> list[str]:
    """Error codes of one troubleshooting problem: its heading text and its Markdown body, in order of first appearance, no duplicates."""
    closing = [f"Error-{m.group(1)}" for m in [CLOSING.search(TAG.sub(" ", heading).strip())] if m]
    found = _markdown(heading, BARE_SNAKE) + closing + _markdown(body, MARKED_SNAKE)
    return [code for code in dict.fromkeys(found) if VALID.match(code)]


def _markdown(text: str, snake: re.Pattern[str]) -> list[str]:
    """Codes of Markdown text: every rule in prose, fewer in code (see `_in_code`), a span that is one code."""
    text = TAG.sub(" ", text)
    found: list[str] = []
    start = 0
    for m in CODE.finditer(text):
        found += _prose(text[start:m.start()], snake)
        span = (m.group(3) or "").strip()
        found += [span] if WHOLE_CODE.fullmatch(span) else _in_code(m.group())
        start = m.end()
    return found + _prose(text[start:], snake)


def _prose(text: str, snake: re.Pattern[str]) -> list[str]:
    """Codes of text outside code, ordered by where each starts."""
    found = [(m.start(), code) for m in NUMBERED.finditer(text) for code in _numbers(m.group(1))]
    found += [(m.start(), f"HTTP-{m.group(1)}") for rx in (HTTP_CUED, HTTP_PHRASED) for m in rx.finditer(text)]
    found += [(m.start(), m.group()) for rx in (HEX, IDENT) for m in rx.finditer(text)]
    found += [(m.start(), m.group(m.lastindex or 0)) for m in snake.finditer(text)]
    return _ordered(found)


def _in_code(text: str) -> list[str]:
    """Codes in code: numbers after "error"/"fout" (others are values, ports, flags) and identifiers."""
    found = [(m.start(), code) for m in NUMBERED.finditer(text) for code in _numbers(m.group(1))]
    found += [(m.start(), m.group()) for m in IDENT.finditer(text)]
    return _ordered(found)


def _ordered(found: list[tuple[int, str]]) -> list[str]:
    """Codes by where they start in the text, as the rules find them out of order."""
    return [code for _, code in sorted(found, key=lambda item: item[0])]


def _numbers(numbers: str) -> list[str]:
    """`Error-<n>` for each number of a list after "error"; hex as written; HTTP statuses as `HTTP-<n>`."""
    return [code for m in NUMBER.finditer(numbers) if (code := number(m.group()))]


def number(number: str) -> str:
    """One number named as an error's (after "error", or in a table's code column): "503" is an HTTP
    status, "0x8007..." a hex code, others `Error-<n>`."""
    if number[:2].lower() == "0x":
        return number
    if number.strip("0") == "":  # "error 0" is success, or a count
        return ""
    if not number.isdigit():  # an HRESULT written without its 0x
        return f"0x{number}"
    return f"HTTP-{number}" if HTTP_NUMBER.fullmatch(number) else f"Error-{number}"
