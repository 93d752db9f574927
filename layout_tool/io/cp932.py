"""CP932 as polars expressions (how many bytes a value takes, what can be written), and read.

Writing a fixed-width field needs its width in CP932 bytes (2 for everything but ASCII and
half-width katakana) and the knowledge of which characters CP932 has. The repertoire is taken
from Python's own codec (every code it decodes, 外字 in the user area F040–F9FC ⇄
U+E000–U+E757 included), so reading and writing agree on every character. Characters Python
would *encode* but that read back as another (〜 U+301C → 0x8160 → ～ U+FF5E, and −, ‖, ¢,
£, ¬) count as not writable: writing them would change the data without a trace.

Reading (``decode``, ``decode_text``) turns every byte that is no CP932 character into one
U+FFFD, the single bytes Python's codec lets through as other characters (0x80, 0xA0,
0xFD–0xFF) included, so that a value holds U+FFFD exactly where a bad byte was.
"""

from __future__ import annotations

from functools import lru_cache

import polars as pl

from layout_tool.io.encoding import BadBytes, decode_reporting

LEADS = [*range(0x81, 0xA0), *range(0xE0, 0xFD)]
TRAILS = [*range(0x40, 0x7F), *range(0x80, 0xFD)]

SINGLE_CLASS = "\x00-\x7f\uff61-\uff9f"
"""Characters CP932 writes in one byte (every other encodable character takes two)."""

STRAYS = {0x80: 0xFFFD, 0xF8F0: 0xFFFD, 0xF8F1: 0xFFFD, 0xF8F2: 0xFFFD, 0xF8F3: 0xFFFD}
"""What Python's codec makes of the single bytes 0x80, 0xA0, 0xFD, 0xFE, 0xFF, which are no
CP932 character (``str.translate`` table to U+FFFD). Not 外字: those are F040–F9FC."""
_STRAY_CHARS = "".join(map(chr, STRAYS))  # five ``in`` scans are much faster than a regex


def decode(data: bytes) -> tuple[str, list[BadBytes]]:
    """CP932 text with U+FFFD for every byte that is no character, and those bytes
    (``decode_reporting``: a byte the codec cannot decode, or 0x80, 0xA0, 0xFD–0xFF).
    Each bad byte is one U+FFFD and one ``BadBytes``."""
    return decode_reporting(data, "cp932")


def decode_text(data: bytes) -> str:
    """``decode(data)[0]``, faster: the codec once, the bad bytes U+FFFD but not listed."""
    try:
        out = data.decode("cp932")
    except UnicodeDecodeError:
        out = data.decode("cp932", errors="replace")
    return out.translate(STRAYS) if any(c in out for c in _STRAY_CHARS) else out


DECODE_PIECE = 1 << 20
"""Bytes of CP932 decoded per codec call. The codec holds the GIL for a whole call (28 ms
for 8 MB of 住民 個人, plus 10 ms to encode UTF-8); in pieces of 1 MB the other threads get
the GIL between them, so the parse and the checks do not wait for the whole chunk."""


def cp932_to_utf8(data: bytes, piece: int = DECODE_PIECE) -> tuple[bytes, list[BadBytes]]:
    """``decode_reporting(data, "cp932")`` as UTF-8 bytes, decoded piece by piece.

    Pieces end just after a line feed, a byte CP932 never uses inside a character, so
    each piece decodes as it would within the whole; the bad bytes' offsets are the
    whole's.
    """
    parts: list[bytes] = []
    bad: list[BadBytes] = []
    start = 0
    while start < len(data):
        cut = data.find(b"\n", start + piece) + 1 or len(data)
        text, found = decode_reporting(data[start:cut], "cp932")
        parts.append(text.encode("utf-8"))
        bad += [BadBytes(b.offset + start, b.length, b.sample) for b in found]
        start = cut
    return b"".join(parts), bad


def decode_field(values: list[bytes], lf: bool = True) -> tuple[pl.Series, bool]:
    """A field's values decoded in one codec call, as a column, and whether any holds U+FFFD.

    The values are joined by line feeds (a byte CP932 never uses inside a character: a lead
    byte before it is one bad byte, and the line feed stays), decoded, and cut again.
    Values that may hold line feeds themselves (``lf``: records back to back) and do are
    decoded one by one. Every byte that is no CP932 character reads as U+FFFD
    (``decode_text``), so a value holds U+FFFD exactly where ``decode`` finds bad bytes.
    """
    joined = b"\n".join(values)
    if lf and joined.count(b"\n") != len(values) - 1:
        texts = [decode_text(v) for v in values]
        return pl.Series(texts, dtype=pl.String), any("\ufffd" in t for t in texts)
    text = decode_text(joined)
    return lines(text, len(values)), "\ufffd" in text


def lines(text: str, count: int) -> pl.Series:
    """``count`` values joined by line feeds, as a column.

    polars' CSV reader cuts the lines in its own threads, without holding the GIL, which
    keeps the conversion of the previous batch going meanwhile (a polars ``split`` costs
    about as much but holds up both). It reads a CR as part of a line end and ``\x1f`` is
    its column separator here, so text holding either is split instead; the reader's row
    count is checked anyway (an empty value would read as no line).
    """
    if count and "\r" not in text and "\x1f" not in text:
        data = text.encode()
        column = pl.read_csv(
            data, has_header=False, separator="\x1f", quote_char=None, schema={"v": pl.String}
        ).to_series()
        if column.len() == count and column.null_count() == 0:
            return column.rename("")
    if count == 0:
        return pl.Series([], dtype=pl.String)
    return pl.Series([text], dtype=pl.String).str.split("\n").explode()


def one_character(pair: bytes) -> bool:
    """True if two bytes are one CP932 character (a lead byte and its trail)."""
    if len(pair) != 2:
        return False
    try:
        return len(pair.decode("cp932")) == 1
    except UnicodeDecodeError:
        return False


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
    "DECODE_PIECE",
    "SINGLE_CLASS",
    "STRAYS",
    "byte_length",
    "cp932_to_utf8",
    "decode",
    "decode_field",
    "decode_table",
    "decode_text",
    "lines",
    "one_character",
    "unencodable",
]
