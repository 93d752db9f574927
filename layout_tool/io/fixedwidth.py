"""Fixed-width CP932 records, the legacy and mainframe-style export: fields by byte position.

Reading: a chunk of whole records is decoded as latin-1 (one character per byte), split
into records by polars, and cut into fields with ``str.slice`` at their byte positions.
Fields that hold any byte above 0x7F are decoded from CP932 column by column: the column's
values, joined by line feeds (a byte CP932 never uses inside a character), go through
Python's codec in one call and come back as lines. Bytes that do not decode (including a
character cut in two by a field boundary) become U+FFFD in the value, as in the CSV reader,
and an ``encoding`` finding with the byte offset. Every record ends up either in the batch
frame (with its 1-based row number) or as a ``row-shape`` finding (wrong length).

Writing: each field is padded to its byte width (or found too long, or not encodable in
CP932), the fields are concatenated, and the records are encoded in one call.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, Protocol

import polars as pl

from layout_tool.io.cp932 import byte_length, unencodable
from layout_tool.io.csvsource import ROW, Batch, _prefetch, col
from layout_tool.io.encoding import decode_reporting
from layout_tool.report.finding import Finding

BATCH_BYTES = 8 << 20
NEWLINES = {"crlf": b"\r\n", "lf": b"\n", "none": b""}
LINE = "__line"
UNIT = "\x1f"  # joins fields for one decoding call
LEAD = "[\x80-\xa0\xe0-\xff]"  # a byte that starts a double-byte character (or is no character)


class _Hasher(Protocol):
    def update(self, data: bytes, /) -> None: ...


@dataclass(frozen=True)
class FixedField:
    name: str
    start: int  # 0-based byte offset in the record
    length: int  # bytes


@dataclass(frozen=True)
class Layout:
    fields: tuple[FixedField, ...]
    newline: str = "crlf"  # crlf | lf | none

    @property
    def record_length(self) -> int:
        return sum(f.length for f in self.fields)


class FixedWidthSource:
    """One fixed-width CP932 file and a stream of record batches (columns ``c0``…)."""

    encoding = "cp932"

    def __init__(
        self,
        path: Path,
        layout: Layout,
        *,
        label: str | None = None,
        file_id: str | None = None,
        batch_bytes: int = BATCH_BYTES,
    ) -> None:
        self.path = path
        self.layout = layout
        self.label = label or str(path)
        self.file_id = file_id
        self.batch_bytes = max(batch_bytes, layout.record_length + 2)
        self.size = path.stat().st_size

    def batches(self, digest: _Hasher | None = None) -> Iterator[Batch]:
        """Record batches, the next one read and decoded in a thread meanwhile."""
        return _prefetch(self._batches(digest))

    def _batches(self, digest: _Hasher | None = None) -> Iterator[Batch]:
        row, offset = 0, 0
        with self.path.open("rb") as fh:
            for chunk in self._chunks(fh):
                if digest is not None:
                    digest.update(chunk)
                batch = self._parse(chunk, offset, row)
                row += batch.records
                offset += len(chunk)
                yield batch

    def _chunks(self, fh: BinaryIO) -> Iterator[bytes]:
        if self.layout.newline == "none":
            size = self.layout.record_length
            step = max(size, self.batch_bytes // size * size)
            while block := fh.read(step):
                yield block
            return
        carry = b""
        while True:
            block = fh.read(self.batch_bytes)
            if not block:
                if carry:
                    yield carry
                return
            buf = carry + block
            cut = buf.rfind(b"\n") + 1
            if cut == 0:
                carry = buf
                continue
            yield buf[:cut]
            carry = buf[cut:]

    def _lines(self, chunk: bytes) -> bytes:
        """The chunk with records separated by LF (records back to back get one)."""
        if self.layout.newline != "none":
            return chunk
        size = self.layout.record_length
        return b"\n".join(chunk[i : i + size] for i in range(0, len(chunk), size)) + b"\n"

    def _starts(self, chunk: bytes) -> list[int]:
        """Each record's byte offset in the chunk (only wanted for findings)."""
        if self.layout.newline == "none":
            return list(range(0, len(chunk), self.layout.record_length))
        starts, at = [0], chunk.find(b"\n")
        while 0 <= at < len(chunk) - 1:
            starts.append(at + 1)
            at = chunk.find(b"\n", at + 1)
        return starts

    def _parse(self, chunk: bytes, offset: int, row0: int) -> Batch:
        lines = self._lines(chunk).decode("latin-1").encode("utf-8")
        records = pl.read_lines(lines, name=LINE).with_row_index(ROW, offset=row0 + 1)
        size = self.layout.record_length
        length = pl.col(LINE).str.len_chars()
        findings = [
            self._shape(r, n, size)
            for r, n in records.filter(length != size).select(ROW, length).iter_rows()
        ]
        fields = self.layout.fields
        good = records.filter(length == size) if findings else records
        frame = good.select(
            ROW,
            *[
                pl.col(LINE).str.slice(f.start, f.length).alias(col(i))
                for i, f in enumerate(fields)
            ],
        )
        if frame.height:
            n = len(fields)
            # A byte above 0x7F is two UTF-8 bytes in the latin-1 spelling: cheap to spot.
            high = frame.select(
                (pl.col(col(i)).str.len_bytes() > pl.col(col(i)).str.len_chars()).any()
                for i in range(n)
            ).row(0)
            some = [i for i in range(n) if high[i]]
            lead = (
                frame.select(pl.col(col(i)).str.contains(LEAD).any() for i in some).row(0)
                if some
                else ()
            )
            kana = [i for i, flag in zip(some, lead, strict=True) if not flag]
            wide = [i for i, flag in zip(some, lead, strict=True) if flag]
            if kana:  # only ASCII and half-width katakana bytes: one character each
                table = _kana_table()
                frame = frame.with_columns(
                    pl.col(col(i)).str.replace_many(list(table), list(table.values())) for i in kana
                )
            if wide:
                raw = frame.select(ROW, *[col(i) for i in wide])
                frame = frame.with_columns(_decode_many(raw.drop(ROW)))
                bad = pl.any_horizontal(
                    pl.col(col(i)).str.contains("\ufffd", literal=True) for i in wide
                )
                suspect = raw.filter(frame.select(bad).to_series())
                if suspect.height:
                    findings += self._findings(suspect, wide, self._starts(chunk), offset, row0)
                    findings.sort(key=lambda f: f.row or 0)
        return Batch(frame=frame, findings=findings, records=records.height)

    def _findings(
        self, suspect: pl.DataFrame, wide: list[int], starts: list[int], offset: int, row0: int
    ) -> list[Finding]:
        """Where exactly the bytes of suspect records fail to decode."""
        out = []
        for rec in suspect.iter_rows(named=True):
            row = rec[ROW]
            for i in wide:
                f = self.layout.fields[i]
                value, bad = decode_reporting(rec[col(i)].encode("latin-1"), "cp932")
                if bad:
                    at = offset + starts[row - row0 - 1] + f.start + bad[0].offset
                    out.append(self._undecodable(row, i, f, bad[0].sample, at, value))
        return out

    def _undecodable(
        self, row: int, i: int, f: FixedField, sample: bytes, at: int, value: str
    ) -> Finding:
        return Finding(
            "encoding",
            "error",
            f"bytes {sample.hex(' ')} in field {f.name} (bytes {f.start + 1}-{f.start + f.length})"
            " do not decode as cp932",
            file=self.label,
            file_id=self.file_id,
            row=row,
            item=f.name,
            column=i + 1,
            value=value,
            offset=at,
        )

    def _shape(self, row: int, got: int, size: int) -> Finding:
        message = "empty line" if got == 0 else f"record is {got} bytes, expected {size}"
        return Finding(
            "row-shape", "error", message, file=self.label, file_id=self.file_id, row=row
        )


@lru_cache(maxsize=1)
def _kana_table() -> dict[str, str]:
    return {chr(b): bytes((b,)).decode("cp932") for b in range(0xA1, 0xE0)}


def _decode_many(latin: pl.DataFrame) -> list[pl.Series]:
    """Several latin-1-spelled CP932 columns, decoded in one codec call (U+FFFD if bad).

    Each record's fields are joined by U+001F and the records by line feeds (neither byte
    occurs inside a CP932 character); the decoded text is read back as a CSV. Anything odd
    (those bytes in the data) falls back to decoding column by column.
    """
    names = latin.columns
    joined = latin.select(pl.concat_str(pl.all(), separator=UNIT).str.join("\n")).item()
    if "\r" not in joined:
        text = _decode_text(joined.encode("latin-1"))
        try:
            out = pl.read_csv(
                text.encode("utf-8"),
                has_header=False,
                separator=UNIT,
                quote_char=None,
                schema={n: pl.String for n in names},
            )
        except pl.exceptions.PolarsError:
            out = None
        odd = latin.select(
            pl.any_horizontal(pl.col(n).str.contains(UNIT, literal=True) for n in names).any()
        ).item()
        if out is not None and out.height == latin.height and not odd:
            return out.get_columns()
    return [_decode(latin[n]) for n in names]


def _decode_text(data: bytes) -> str:
    """CP932 bytes as text; bad bytes (and the codec's stray single bytes) as U+FFFD."""
    try:
        text = data.decode("cp932")
    except UnicodeDecodeError:
        return decode_reporting(data, "cp932")[0]
    if any(chr(c) in text for c in _STRAYS):  # `in` is a fast scan; a regex is not
        return text.translate(_STRAYS)
    return text


_STRAYS = {0x80: 0xFFFD, 0xF8F0: 0xFFFD, 0xF8F1: 0xFFFD, 0xF8F2: 0xFFFD, 0xF8F3: 0xFFFD}


def _decode(latin: pl.Series) -> pl.Series:
    """A column of latin-1-spelled CP932 bytes, decoded in one codec call (U+FFFD if bad)."""
    joined = latin.str.join("\n").item() if latin.len() else ""
    text, _ = decode_reporting(joined.encode("latin-1"), "cp932")
    out = pl.read_lines(text.encode("utf-8"), name=latin.name).to_series()
    if out.len() == latin.len() and not latin.str.contains("\r", literal=True).any():
        return out
    values = [decode_reporting(v.encode("latin-1"), "cp932")[0] for v in latin.to_list()]
    return pl.Series(latin.name, values, dtype=pl.String)


def fit(value: pl.Expr, width: int) -> tuple[pl.Expr, pl.Expr]:
    """A field value padded with spaces to ``width`` bytes, and its problem (finding code).

    The problem is ``length`` (longer than the field), ``encoding`` (a character CP932
    cannot write, or one that would come back as another: 〜 U+301C reads back as ～), or
    ``row-shape`` (a line break, which would split the record); null when it fits.
    """
    text = value.fill_null("")
    size = byte_length(text).cast(pl.Int64)
    problem = (
        pl.when(unencodable(text))
        .then(pl.lit("encoding"))
        .when(text.str.contains("[\r\n]"))
        .then(pl.lit("row-shape"))
        .when(size > width)
        .then(pl.lit("length"))
        .otherwise(pl.lit(None, pl.String))
    )
    padded = text.str.pad_end(text.str.len_chars() + (width - size).clip(0), " ")
    return padded, problem


def write_records(frame: pl.DataFrame, columns: list[str], newline: str, fh: BinaryIO) -> None:
    """Append records (the already fitted ``columns``, concatenated) to ``fh`` in CP932."""
    if frame.height == 0:
        return
    records = frame.select(pl.concat_str([pl.col(c) for c in columns]).alias(LINE))
    buf = io.BytesIO()
    terminator = NEWLINES[newline].decode()
    records.write_csv(buf, include_header=False, quote_style="never", line_terminator=terminator)
    fh.write(buf.getvalue().decode("utf-8").encode("cp932"))
