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

import polars as pl

from layout_tool.i18n import Msg
from layout_tool.io.batch import ROW, col
from layout_tool.io.encoding import BOM

SENTINEL = "\x01"
BROKEN = "\x02"  # first character of a fallback record that could not be parsed
UNTERMINATED = "unterminated quote"
BROKEN_QUOTING = "broken quoting: "
MAX_RECORD_LINES = 1000  # a quoted field spanning more lines is taken as an unterminated quote

csv.field_size_limit(1 << 30)


def chunks(fh: io.BufferedIOBase, size: int) -> Iterator[bytes]:
    """Chunks of the stream that end on a record boundary (outside quotes).

    The file is read into one reusable buffer and each chunk is copied out of it once; the
    partial record after the boundary moves to the front of the buffer for the next read.
    A buffer that holds no boundary at all (a record longer than ``size``) grows.
    """
    buf = bytearray(size)
    filled = 0
    while True:
        if filled == len(buf):
            buf.extend(bytes(size))
        with memoryview(buf) as view:
            got = fh.readinto(view[filled:])
            if not got:
                if filled:
                    yield bytes(view[:filled])
                return
        filled += got
        cut = split_point(buf, end=filled)
        if cut < 0:
            continue
        with memoryview(buf) as view:
            chunk = bytes(view[:cut])
        buf[: filled - cut] = buf[cut:filled]
        filled -= cut
        yield chunk


def split_point(buf: bytes | bytearray, first: bool = False, end: int | None = None) -> int:
    """Index just after the last (or first) newline not inside a quoted field; -1 if none.

    Only ``buf[:end]`` is searched.
    """
    end = len(buf) if end is None else end
    pos = buf.find(b"\n", 0, end) if first else buf.rfind(b"\n", 0, end)
    if pos >= 0 and buf.find(b'"', 0, end) < 0:
        return pos + 1
    steps = 0
    while pos >= 0 and steps < 64:
        if buf.count(b'"', 0, pos) % 2 == 0:
            return pos + 1
        pos = buf.find(b"\n", pos + 1, end) if first else buf.rfind(b"\n", 0, pos)
        steps += 1
    return -1


def read_regular(data: bytes, n: int, delimiter: str) -> pl.DataFrame | None:
    """The common case, without sentinels: no quotes, and exactly n-1 separators a line.

    polars makes one row of every line (a blank one too: tests/unit/test_csvparse_regular_batches.py
    holds it to that) and refuses a line with too many fields, so when the separators add up
    to n-1 per row, no line can have too few either. Anything else (quotes, ragged rows)
    returns None and takes the sentinel path, which locates each bad record. Without quotes
    an empty field is polars' null already. The frame has the n value columns only.
    """
    sep = delimiter.encode()
    if n < 2 or b'"' in data or len(sep) != 1 or data.startswith(BOM):
        return None  # (polars drops a leading BOM, which the field-byte proof would miss)
    if not data.endswith(b"\n"):
        data += b"\n"
    try:
        frame = pl.read_csv(
            data,
            has_header=False,
            schema={col(i): pl.String for i in range(n)},
            truncate_ragged_lines=False,
            quote_char=None,
            separator=delimiter,
            encoding="utf8",
        )
    except (pl.exceptions.ComputeError, pl.exceptions.PolarsError):
        return None
    if not _all_fields_read(frame, data, sep, n):
        return None
    return frame


def _all_fields_read(frame: pl.DataFrame, data: bytes, sep: bytes, n: int) -> bool:
    """Whether every line of ``data`` (no quotes, ending in LF) had exactly n-1 separators.

    Without a CR, every byte of the data is a field's, a separator or a line's LF, so the
    field bytes polars read add up to ``len(data) - n·rows`` exactly when each row had its
    n-1 separators: a short line's missing fields are nulls (0 bytes), and a line with too
    many was refused already. That sum is polars' work, off the GIL, in well under a
    millisecond a batch; counting the separators in Python (``bytes.count``, 6.6 ms per
    8 MB of 住民 個人, holding the GIL) is left for data with a CR in it, where a CR before
    the LF may or may not be a field's byte.
    """
    if b"\r" in data:
        return data.count(sep) == (n - 1) * frame.height
    # Per-column sums (a null counts 0) added up here: half the time of a row-wise sum.
    read = sum(frame.select(pl.all().str.len_bytes().cast(pl.Int64).sum()).row(0))
    return int(read) + n * frame.height == len(data)


def read_marked(data: bytes, n: int, delimiter: str = ",") -> pl.DataFrame | None:
    """Parse with polars; None when the bytes are not valid UTF-8 or the quoting is broken.

    A BOM that starts the data is a value's (the file's own was skipped with the header):
    polars would drop it, so the data is read behind a blank line, whose row is dropped.
    """
    schema = {col(i): pl.String for i in range(n + 2)}
    lead = data.startswith(BOM)
    try:
        frame = pl.read_csv(
            b"\n" + data if lead else data,
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
    return frame.slice(1) if lead else frame


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


def shape_check(frame: pl.DataFrame, n: int) -> tuple[pl.DataFrame, list[tuple[int, Msg]]]:
    """Keep the records with exactly ``n`` fields; (row, message) for every other one."""
    ok = (pl.col(col(n)) == SENTINEL).fill_null(False)
    bad = frame.filter(~ok)
    if bad.height == 0:
        return frame.select(ROW, *[col(i) for i in range(n)]), []
    findings: list[tuple[int, Msg]] = []
    for rec in bad.iter_rows(named=True):
        fields = next((i for i in range(n + 2) if rec[col(i)] == SENTINEL), None)
        first = rec[col(0)]
        msg: Msg
        if isinstance(first, str) and first.startswith(BROKEN):
            detail = first[1:]
            msg = (
                Msg("row-shape.unterminated")
                if detail == UNTERMINATED
                else Msg("row-shape.broken", detail=detail.removeprefix(BROKEN_QUOTING))
            )
        elif fields is None:
            msg = Msg("row-shape.too-many", max=n + 1, n=n)
        elif fields == 1 and rec[col(0)] is None:
            msg = Msg("row-shape.empty-line")
        else:
            msg = Msg("row-shape.fields", fields=fields, n=n)
        findings.append((rec[ROW], msg))
    return frame.filter(ok).select(ROW, *[col(i) for i in range(n)]), findings


def nul_check(frame: pl.DataFrame, n: int) -> tuple[pl.DataFrame, list[tuple[int, Msg]]]:
    """Drop records holding a NUL byte; (row, message) for each."""
    has_nul = pl.any_horizontal(
        pl.col(col(i)).str.contains("\x00", literal=True) for i in range(n)
    ).fill_null(False)
    rows = frame.filter(has_nul)[ROW].to_list()
    findings = [(r, Msg("row-shape.nul")) for r in rows]
    return frame.filter(~has_nul), findings


def open_quote(text: str, delimiter: str = ",", inside: bool = False) -> bool:
    """Whether ``text`` ends inside a quoted field, reading quotes as the csv module does:
    a quote opens a field only where the field starts; elsewhere (``5'2"``, ``a"b``) it
    is the value's own character. ``inside``: the text starts inside a quoted field."""
    i = 0
    while (q := text.find('"', i)) >= 0:
        if inside:
            if text.startswith('"', q + 1):  # a doubled quote is one quote of the value
                i = q + 2
                continue
            inside = False
        elif q == 0 or text[q - 1] in (delimiter, "\r", "\n"):
            inside = True
        i = q + 1
    return inside


def _records(lines: list[str], joiner: str, delimiter: str) -> Iterator[tuple[str, bool]]:
    """The records of ``lines``: (text, closed), lines joined while a quoted field is open
    (``open_quote``), at most ``MAX_RECORD_LINES``; a record whose quote never closes is its
    first line alone, and ``closed`` is False."""
    i = 0
    while i < len(lines):
        group, j = lines[i], i + 1
        inside = open_quote(group, delimiter)
        while inside and j < len(lines) and j - i < MAX_RECORD_LINES:
            inside = open_quote(joiner + lines[j], delimiter, inside)
            group += joiner + lines[j]
            j += 1
        if inside:
            yield lines[i], False
            i += 1
        else:
            yield group, True
            i = j


def fallback(text: str, n: int, delimiter: str = ",") -> pl.DataFrame:
    """Record by record with the csv module, for batches polars cannot parse (broken quoting).

    Every record of the text is a row: one the csv module cannot read is a ``BROKEN`` row,
    and should a record read as several (a lone CR ends a record for the csv module), each
    is a row, so none is dropped.
    """
    records: list[list[str | None]] = []
    for group, closed in _records(text.splitlines(keepends=True), "", delimiter):
        if not closed:
            records.append([BROKEN + UNTERMINATED])
            continue
        try:
            reader = csv.reader(io.StringIO(group, newline=""), strict=True, delimiter=delimiter)
            parsed = list(reader) or [[]]
        except csv.Error as exc:
            records.append([BROKEN + BROKEN_QUOTING + str(exc)])
        else:
            records += [[v if v != "" else None for v in rec] + [SENTINEL] for rec in parsed]
    width = n + 2
    rows = [(r + [None] * width)[:width] for r in records]
    frame = pl.DataFrame(rows, schema={col(k): pl.String for k in range(width)}, orient="row")
    return frame


def record_texts(data: bytes, row0: int, rows: set[int], delimiter: str = ",") -> dict[int, str]:
    """The text of the records ``rows`` (1-based, the batch starting after ``row0``).

    Records are the batch's lines, joined while a quote is open (as the parsers count
    them); the line end is not part of the text. Lines are cut at LF as polars cuts them,
    and, for rows that leaves out, at every line break as ``fallback`` cuts them. Only the
    rows asked for are kept, so the rejects file can hold a record the reader could not
    split into fields.
    """
    text = data.decode("utf-8", errors="replace")
    lf = text.split("\n")
    if lf and lf[-1] == "":
        lf.pop()
    out = _grouped(lf, "\n", row0, rows, delimiter)
    missing = rows - set(out)
    if missing:
        out.update(_grouped(text.splitlines(), "\n", row0, missing, delimiter))
    return out


def _grouped(
    lines: list[str], joiner: str, row0: int, rows: set[int], delimiter: str
) -> dict[int, str]:
    out: dict[int, str] = {}
    row, last = row0, max(rows)
    for group, _ in _records(lines, joiner, delimiter):
        row += 1
        if row in rows:
            out[row] = group[:-1] if group.endswith("\r") else group
        if row >= last:
            break
    return out
