"""CP932 as polars expressions: how many bytes a value takes, and what can be written.

Writing a fixed-width field needs its width in CP932 bytes (2 for everything but ASCII and
half-width katakana) and the knowledge of which characters CP932 has. The repertoire is taken
from Python's own codec (every code it decodes, 外字 in the user area F040–F9FC ⇄
U+E000–U+E757 included), so reading and writing agree on every character. Characters Python
would *encode* but that read back as another (〜 U+301C → 0x8160 → ～ U+FF5E, and −, ‖, ¢,
£, ¬) count as not writable: writing them would change the data without a trace.
"""

from __future__ import annotations

from functools import lru_cache

import polars as pl

LEADS = [*range(0x81, 0xA0), *range(0xE0, 0xFD)]
TRAILS = [*range(0x40, 0x7F), *range(0x80, 0xFD)]

SINGLE_CLASS = "\x00-\x7f\uff61-\uff9f"
"""Characters CP932 writes in one byte (every other encodable character takes two)."""


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


def byte_length(value: pl.Expr) -> pl.Expr:
    """How many bytes CP932 writes for the value (assuming it can be encoded).

    Two per character, less one per single-byte character (counting a small positive class
    is much faster than counting its complement).
    """
    return 2 * value.str.len_chars() - value.str.count_matches(f"[{SINGLE_CLASS}]")


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


__all__ = [
    "SINGLE_CLASS",
    "byte_length",
    "decode_table",
    "unencodable",
]
