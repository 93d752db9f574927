"""Parsing CSV bytes into string frames, with every malformed record located.

The field count of each record is made visible to polars by appending a sentinel field to
every physical line: a record whose sentinel is not in column ``n`` has the wrong number of
fields. Quoted newlines get the sentinel too; it is removed from values again. Batches polars
cannot parse at all (broken quoting) go record by record through the csv module.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import BinaryIO

import polars as pl

from layout_tool.io.batch import ROW, col

SENTINEL = "\x01"
BROKEN = "\x02"  # first character of a fallback record that could not be parsed
MAX_RECORD_LINES = 1000  # a quoted field spanning more lines is taken as an unterminated quote

csv.field_size_limit(1 << 30)


def chunks(fh: BinaryIO, size: int) -> Iterator[bytes]:
    """Chunks of the stream that end on a record boundary (outside quotes)."""
    carry = b""
    while True:
        block = fh.read(size)
        if not block:
            if carry:
                yield carry
            return
        buf = carry + block
        cut = split_point(buf)
        if cut < 0:
            carry = buf
            continue
        yield buf[:cut]
        carry = buf[cut:]


def split_point(buf: bytes, first: bool = False) -> int:
    """Index just after the last (or first) newline not inside a quoted field; -1 if none."""
    pos = buf.find(b"\n") if first else buf.rfind(b"\n")
    if pos >= 0 and b'"' not in buf:
        return pos + 1
    steps = 0
    while pos >= 0 and steps < 64:
        if buf.count(b'"', 0, pos) % 2 == 0:
            return pos + 1
        pos = buf.find(b"\n", pos + 1) if first else buf.rfind(b"\n", 0, pos)
        steps += 1
    return -1


def read_regular(data: bytes, n: int, delimiter: str) -> pl.DataFrame | None:
    """The common case, without sentinels: no quotes, and exactly n-1 separators a line.

    If the separators add up and polars finds no line with too many fields, no line can have
    too few either. Anything else (quotes, blank lines, ragged rows) returns None and takes
    the sentinel path, which locates each bad record.
    """
    sep = delimiter.encode()
    if n < 2 or b'"' in data or len(sep) != 1:
        return None
    if not data.endswith(b"\n"):
        data += b"\n"
    if data.count(sep) != (n - 1) * data.count(b"\n"):
        return None
    try:
        frame = pl.read_csv(
            data,
            has_header=False,
            schema={col(i): pl.String for i in range(n)},
            truncate_ragged_lines=False,
            quote_char=None,
            separator=delimiter,
            null_values=[""],
            encoding="utf8",
        )
    except (pl.exceptions.ComputeError, pl.exceptions.PolarsError):
        return None
    return frame.with_columns(pl.lit(SENTINEL).alias(col(n)))


def read_marked(data: bytes, n: int, delimiter: str = ",") -> pl.DataFrame | None:
    """Parse with polars; None when the bytes are not valid UTF-8 or the quoting is broken."""
    schema = {col(i): pl.String for i in range(n + 2)}
    try:
        return pl.read_csv(
            data,
            has_header=False,
            schema=schema,
            truncate_ragged_lines=True,
            missing_columns="insert",
            quote_char='"',
            separator=delimiter,
            null_values=[""],
            encoding="utf8",
        )
    except (pl.exceptions.ComputeError, pl.exceptions.PolarsError):
        return None


def unmark(frame: pl.DataFrame, n: int, quoted: bool, delimiter: str = ",") -> pl.DataFrame:
    """Remove sentinels that landed inside quoted multi-line values."""
    if not quoted:
        return frame
    cols = [col(i) for i in range(n)]
    marked = frame.select(
        pl.any_horizontal(pl.col(c).str.contains(SENTINEL, literal=True) for c in cols)
    ).to_series()
    if not marked.any():
        return frame
    return frame.with_columns(
        pl.col(c)
        .str.replace_all(delimiter + SENTINEL + "\r\n", "\r\n", literal=True)
        .str.replace_all(delimiter + SENTINEL + "\n", "\n", literal=True)
        for c in cols
    )


def shape_check(frame: pl.DataFrame, n: int) -> tuple[pl.DataFrame, list[tuple[int, str]]]:
    """Keep the records with exactly ``n`` fields; (row, message) for every other one."""
    ok = (pl.col(col(n)) == SENTINEL).fill_null(False)
    bad = frame.filter(~ok)
    if bad.height == 0:
        return frame.select(ROW, *[col(i) for i in range(n)]), []
    findings: list[tuple[int, str]] = []
    for rec in bad.iter_rows(named=True):
        fields = next((i for i in range(n + 2) if rec[col(i)] == SENTINEL), None)
        first = rec[col(0)]
        if isinstance(first, str) and first.startswith(BROKEN):
            msg = first[1:]
        elif fields is None:
            msg = f"more than {n + 1} fields, expected {n}"
        elif fields == 1 and rec[col(0)] is None:
            msg = "empty line"
        else:
            msg = f"{fields} field{'s' if fields != 1 else ''}, expected {n}"
        findings.append((rec[ROW], msg))
    return frame.filter(ok).select(ROW, *[col(i) for i in range(n)]), findings


def nul_check(frame: pl.DataFrame, n: int) -> tuple[pl.DataFrame, list[tuple[int, str]]]:
    """Drop records holding a NUL byte; (row, message) for each."""
    has_nul = pl.any_horizontal(
        pl.col(col(i)).str.contains("\x00", literal=True) for i in range(n)
    ).fill_null(False)
    rows = frame.filter(has_nul)[ROW].to_list()
    findings = [(r, "embedded NUL byte") for r in rows]
    return frame.filter(~has_nul), findings


def fallback(text: str, n: int, delimiter: str = ",") -> pl.DataFrame:
    """Record by record with the csv module, for batches polars cannot parse (broken quoting)."""
    lines = text.splitlines(keepends=True)
    records: list[list[str | None]] = []
    i = 0
    while i < len(lines):
        group = lines[i]
        j = i + 1
        while group.count('"') % 2 and j < len(lines) and j - i < MAX_RECORD_LINES:
            group += lines[j]
            j += 1
        if group.count('"') % 2:
            records.append([BROKEN + "unterminated quote"])
            i += 1
            continue
        try:
            reader = csv.reader(io.StringIO(group, newline=""), strict=True, delimiter=delimiter)
            parsed = next(reader, [])
        except csv.Error as exc:
            records.append([BROKEN + f"broken quoting: {exc}"])
        else:
            records.append([v if v != "" else None for v in parsed] + [SENTINEL])
        i = j
    width = n + 2
    rows = [(r + [None] * width)[:width] for r in records]
    frame = pl.DataFrame(rows, schema={col(k): pl.String for k in range(width)}, orient="row")
    return frame
