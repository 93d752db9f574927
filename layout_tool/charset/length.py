"""How 桁数 is counted: code points (the default), characters with their IVS, or bytes.

A spec, a file or an item declares ``length_count``; the ``length`` finding says which
count was used. ヤマダ　タロウ is 7 code points, 14 CP932 bytes, 21 UTF-8 bytes; 葛󠄀 (U+845B
U+E0100) is 2 code points but one character with its variation selector.
"""

from __future__ import annotations

import polars as pl

from layout_tool.charset.model import IVS_CLASS
from layout_tool.io.cp932 import byte_length

DEFAULT = "codepoints"
# Variation selectors: the IVS block and the standardised variation selectors (U+FE00–FE0F).
SELECTOR = f"(?:{IVS_CLASS}|[\ufe00-\ufe0f])"
UNITS = {
    "codepoints": "characters",
    "characters": "characters (an IVS counted with its base)",
    "bytes:cp932": "CP932 bytes",
    "bytes:utf-8": "UTF-8 bytes",
}
COUNTS = tuple(UNITS)


def size(value: pl.Expr, count: str) -> pl.Expr:
    """The value's length as ``count`` counts it."""
    if count == "characters":
        return value.str.len_chars() - value.str.count_matches(SELECTOR)
    if count == "bytes:cp932":
        return byte_length(value)
    if count == "bytes:utf-8":
        return value.str.len_bytes()
    return value.str.len_chars()


def size_of(text: str, count: str) -> int:
    """The same count for one Python string (tests and messages)."""
    if count == "characters":
        return len(text) - sum(
            1 for c in text if 0xE0100 <= ord(c) <= 0xE01EF or 0xFE00 <= ord(c) <= 0xFE0F
        )
    if count == "bytes:cp932":
        return sum(1 if ord(c) < 0x80 or 0xFF61 <= ord(c) <= 0xFF9F else 2 for c in text)
    if count == "bytes:utf-8":
        return len(text.encode("utf-8"))
    return len(text)
