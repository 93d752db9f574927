"""CP932 as polars expressions: byte widths, what can be encoded, and decoding by table.

Fixed-width records are cut at byte positions. Read as latin-1 (one character per byte), a
record can be sliced with polars' string functions at exactly those positions; each field is
then decoded from CP932 by one ``replace_many`` over a table of every CP932 code, built once
from Python's own codec (so both sides agree on every character, 外字 in the user area
F040–F9FC ⇄ U+E000–U+E757 included). Writing needs the reverse facts: how many bytes a value
takes (2 for everything but ASCII and half-width katakana) and which characters CP932 has.
"""

from __future__ import annotations

from functools import lru_cache

import polars as pl

LEADS = [*range(0x81, 0xA0), *range(0xE0, 0xFD)]
TRAILS = [*range(0x40, 0x7F), *range(0x80, 0xFD)]

SINGLE_CLASS = "\x00-\x7f\uff61-\uff9f"
"""Characters CP932 writes in one byte (every other encodable character takes two)."""

# A field's bytes (as latin-1 text) that are a sequence of whole CP932 characters.
_STRUCTURE = "^(?:[\x00-\x7f\xa1-\xdf]|[\x81-\x9f\xe0-\xfc][\x40-\x7e\x80-\xfc])*$"
# Python's codec decodes the lone bytes 0x80, 0xA0, 0xFD-0xFF to U+0080 and U+F8F0-U+F8F3.
# Neither is a character of Shift_JIS: they are treated as undecodable and unencodable.
_STRAYS = "\x80\uf8f0-\uf8f3"


@lru_cache(maxsize=1)
def decode_table() -> dict[str, str]:
    """Latin-1 spelling of every CP932 code (two bytes, or one half-width kana) → character."""
    table: dict[str, str] = {}
    for lead in LEADS:
        for trail in TRAILS:
            raw = bytes((lead, trail))
            try:
                table[raw.decode("latin-1")] = raw.decode("cp932")
            except UnicodeDecodeError:
                continue
    for kana in range(0xA1, 0xE0):
        raw = bytes((kana,))
        table[raw.decode("latin-1")] = raw.decode("cp932")
    return table


@lru_cache(maxsize=1)
def _leftover_class() -> str:
    """Latin-1 characters that cannot remain after decoding (non-character bytes)."""
    legit = {ch for ch in decode_table().values() if "\x80" <= ch <= "\xff"}
    bad = "".join(chr(c) for c in range(0x80, 0x100) if chr(c) not in legit)
    return f"[{_escape_class(bad)}]"


def decode_latin1(value: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """Decode CP932 bytes spelled as latin-1 text: (text, undecodable?)."""
    table = decode_table()
    decoded = value.str.replace_many(list(table), list(table.values()), leftmost=True)
    bad = ~value.str.contains(_STRUCTURE) | decoded.str.contains(_leftover_class())
    return decoded, bad.fill_null(False)


def has_high_bytes(value: pl.Expr) -> pl.Expr:
    return value.str.contains("[\x80-\xff]")


def byte_length(value: pl.Expr) -> pl.Expr:
    """How many bytes CP932 writes for the value (assuming it can be encoded)."""
    return value.str.len_chars() + value.str.count_matches(f"[^{SINGLE_CLASS}]")


@lru_cache(maxsize=1)
def _unencodable_class() -> str:
    """A regex class of every character CP932 cannot write (BMP and beyond)."""
    chars = sorted({ord(c) for c in decode_table().values()} | set(range(0x80)))
    chars = [c for c in chars if not (c == 0x80 or 0xF8F0 <= c <= 0xF8F3)]
    ranges: list[tuple[int, int]] = []
    for c in chars:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1] = (ranges[-1][0], c)
        else:
            ranges.append((c, c))
    body = "".join(
        _escape_char(a) if a == b else f"{_escape_char(a)}-{_escape_char(b)}" for a, b in ranges
    )
    return f"[^{body}]"


def unencodable(value: pl.Expr) -> pl.Expr:
    """True where the value holds a character CP932 cannot write (e.g. 〜 U+301C, 𠮷)."""
    return value.str.contains(_unencodable_class()).fill_null(False)


def _escape_char(code: int) -> str:
    return f"\\x{{{code:x}}}"


def _escape_class(chars: str) -> str:
    return "".join(_escape_char(ord(c)) for c in chars)


__all__ = [
    "SINGLE_CLASS",
    "byte_length",
    "decode_latin1",
    "decode_table",
    "has_high_bytes",
    "unencodable",
]
