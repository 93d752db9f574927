"""Fixed-width CP932 records, the legacy and mainframe-style export: fields by byte position.

Reading: a chunk of whole records is split into records (bytes) and cut into fields with
polars' binary ``slice`` at their byte positions. A field whose values are all ASCII is its
own text; the others are decoded from CP932 field by field: the field's values, joined by
line feeds (a byte CP932 never uses inside a character), go through Python's codec in one
call and come back as one column. Records back to back (``newline: none``) are cut by their
length, and any byte may be in them, line feeds too. Every byte that is no CP932 character
(including a lead byte alone, 0x80, and a character cut in two by a field boundary) becomes
U+FFFD in the value, as in the CSV reader, and an ``encoding`` finding with its byte offset
and field. Every record ends up either in the batch frame (with its 1-based row number) or
as a ``row-shape`` finding (wrong length).

Writing: each field is padded to its byte width (or found too long, or not encodable in
CP932), the fields are concatenated, and the records are encoded in one call.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

import polars as pl

from layout_tool.io.cp932 import byte_length, decode, decode_text, unencodable
from layout_tool.io.csvsource import ROW, Batch, _prefetch, col
from layout_tool.report.finding import Finding

BATCH_BYTES = 8 << 20
NEWLINES = {"crlf": b"\r\n", "lf": b"\n", "none": b""}
LINE = "__line"


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
        self.wide: set[int] = set()  # fields that held double-byte bytes in the last batch
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

    def _records(self, chunk: bytes) -> tuple[pl.Series, bool]:
        """The chunk's records (bytes), and whether one may end in a CR that is no data.

        Records back to back are cut by their length: their bytes are all data, a CR or an
        LF among them too (the last record may be short: a ``row-shape`` finding).
        """
        if self.layout.newline != "none":
            return binary_lines(chunk), b"\r" in chunk
        size = self.layout.record_length
        cut = [chunk[i : i + size] for i in range(0, len(chunk), size)]
        return pl.Series(LINE, cut, dtype=pl.Binary), False

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
        cut, crs = self._records(chunk)
        records = pl.DataFrame([cut]).with_row_index(ROW, offset=row0 + 1)
        count = records.height
        size = self.layout.record_length
        length = line_length(crs)
        findings = [
            self._shape(r, n, size)
            for r, n in records.filter(length != size).select(ROW, length).iter_rows()
        ]
        if findings:
            records = records.filter(length == size)
        fields = self.layout.fields
        raw = records.select(
            *[pl.col(LINE).bin.slice(f.start, f.length).alias(col(i)) for i, f in enumerate(fields)]
        )
        columns = self._ascii(raw)
        wide = [i for i, c in enumerate(columns) if c is None]
        self.wide = set(wide)
        decoded = decode_fields([raw.get_column(col(i)).to_list() for i in wide])
        for i, values in zip(wide, decoded, strict=True):
            columns[i] = values.alias(col(i))
        frame = pl.DataFrame([records.get_column(ROW), *columns])
        if wide:  # only double-byte fields can hold U+FFFD (ASCII decodes the same anyway)
            bad = pl.any_horizontal(
                pl.col(col(i)).str.contains("\ufffd", literal=True) for i in wide
            )
            suspect = frame.select(pl.arg_where(bad)).to_series()
            if suspect.len():
                starts = self._starts(chunk)
                rows = frame.get_column(ROW).gather(suspect).to_list()
                lines = records.get_column(LINE).gather(suspect).to_list()
                for row, line in zip(rows, lines, strict=True):
                    findings += self._findings(line, row, wide, starts, offset, row0)
                findings.sort(key=lambda f: f.row or 0)
        return Batch(frame=frame, findings=findings, records=count)

    def _ascii(self, raw: pl.DataFrame) -> list[pl.Series | None]:
        """Each field as text where all its values are ASCII (their bytes are their text).

        Binary to text checks UTF-8, all of a frame at once; CP932 bytes above 0x7F fail it
        (one field at a time, then), and what passes by accident (half-width kana such as
        ﾂｱ are C2 B1) has more bytes than characters. The fields found double-byte in the
        previous batch are not tried again: decoding ASCII as CP932 gives the same text.
        """
        names = [c for i, c in enumerate(raw.columns) if i not in self.wide]
        try:
            texts = raw.select(pl.col(names).cast(pl.String)).get_columns()
        except pl.exceptions.PolarsError:
            texts = [t for t in (_utf8(raw.get_column(n)) for n in names) if t is not None]
        if not texts:
            return [None] * raw.width
        frame = pl.DataFrame(texts)
        same = frame.select(pl.all().str.len_bytes().sum() == pl.all().str.len_chars().sum())
        ascii = {t.name: t for t, ok in zip(texts, same.row(0), strict=True) if ok}
        return [ascii.get(c) for c in raw.columns]

    def _findings(
        self, record: bytes, row: int, wide: list[int], starts: list[int], offset: int, row0: int
    ) -> list[Finding]:
        """Where exactly the bytes of a suspect record fail to decode: one finding a byte."""
        out = []
        base = offset + starts[row - row0 - 1]
        fields = self.layout.fields
        for i in wide:
            f = fields[i]
            end = f.start + f.length
            value, bad = decode(record[f.start : end])
            for b in bad:
                cut = b.offset == f.length - 1 and _one_character(record[end - 1 : end + 1])
                after = fields[i + 1].name if cut and i + 1 < len(fields) else None
                at = base + f.start + b.offset
                out.append(self._undecodable(row, i, f, b.sample, at, value, after))
        return out

    def _undecodable(
        self,
        row: int,
        i: int,
        f: FixedField,
        sample: bytes,
        at: int,
        value: str,
        after: str | None,
    ) -> Finding:
        cut = f": a double-byte character cut by the boundary of field {after}" if after else ""
        return Finding(
            "encoding",
            "error",
            f"bytes {sample.hex(' ')} in field {f.name} (bytes {f.start + 1}-{f.start + f.length})"
            f" do not decode as cp932{cut}",
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


def binary_lines(data: bytes) -> pl.Series:
    """Lines cut at LF as ``polars.read_lines`` cuts them, as bytes, with any CR before the LF.

    ``read_lines`` would drop that CR; the fields are cut from the start, so it is only
    subtracted from the record's length (see ``line_length``) instead of cut off.
    """
    lines = data.split(b"\n") if data else []
    if data.endswith(b"\n"):
        lines.pop()
    return pl.Series(LINE, lines, dtype=pl.Binary)


def line_length(crs: bool) -> pl.Expr:
    """The length of a record of ``binary_lines`` without its CR (if ``crs`` may be there)."""
    line = pl.col(LINE)
    if not crs:
        return line.bin.size()
    return line.bin.size() - line.bin.ends_with(b"\r").cast(pl.UInt32)


def decode_fields(fields: list[list[bytes]]) -> list[pl.Series]:
    """Fields (each a list of values) decoded from CP932, one codec call per field.

    A field's values are joined by line feeds (a byte CP932 never uses inside a character:
    a lead byte before it is one bad byte, and the line feed stays), decoded, and split
    again. Values that hold line feeds themselves (records back to back) are decoded one
    by one. Every byte that is no CP932 character reads as U+FFFD (``cp932.decode_text``),
    so a value holds U+FFFD exactly where ``cp932.decode`` finds bad bytes.
    """
    out = []
    for values in fields:
        joined = b"\n".join(values)
        if joined.count(b"\n") == len(values) - 1:
            out.append(_split(decode_text(joined), len(values)))
        else:
            out.append(pl.Series([decode_text(v) for v in values], dtype=pl.String))
    return out


def _utf8(raw: pl.Series) -> pl.Series | None:
    try:
        return raw.cast(pl.String)
    except pl.exceptions.PolarsError:
        return None


def _split(text: str, count: int) -> pl.Series:
    """Values joined by line feeds, as a column (one polars split, no Python list)."""
    if count == 0:
        return pl.Series([], dtype=pl.String)
    return pl.Series([text], dtype=pl.String).str.split("\n").explode()


def _one_character(pair: bytes) -> bool:
    """True if two bytes are one CP932 character (a lead byte and its trail)."""
    if len(pair) != 2:
        return False
    try:
        return len(pair.decode("cp932")) == 1
    except UnicodeDecodeError:
        return False


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
