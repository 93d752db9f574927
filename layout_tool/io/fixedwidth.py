"""Fixed-width CP932 records, the legacy and mainframe-style export: fields by byte position.

Reading: a file is read in pieces of whole records, two pieces at a time (one waits on
polars or on Python's codec much of its time), joined into batches. When every record of a
piece has the layout's length and the same end (CR LF, LF, or none, back to back), the
piece is, byte for byte, the data block of an Avro container of records ``{record, end}``
as ``fixed`` values, and ``polars.read_avro`` cuts the records in one call; any other piece
(a record of another length, an empty line, a CR as a line's last data byte) is split at
its line feeds. Fields are cut from the records with polars' binary ``slice``. A field
whose values are all ASCII is its own text; the others are decoded from CP932 field by
field: the field's values, joined by line feeds (a byte CP932 never uses inside a
character), go through Python's codec in one call and come back as one column. Records
back to back (``newline: none``) are cut by their length, and any byte may be in them, line
feeds too. Every byte that is no CP932 character (including a lead byte alone, 0x80, and a
character cut in two by a field boundary) becomes U+FFFD in the value, as in the CSV
reader, and an ``encoding`` finding with its byte offset and field. Every record ends up
either in the batch frame (with its 1-based row number) or as a ``row-shape`` finding
(wrong length).

Writing: each field is padded to its byte width (or found too long, or not encodable in
CP932), the fields are concatenated, and the records are encoded in one call.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import polars as pl

from layout_tool.findings import Finding
from layout_tool.i18n import Msg
from layout_tool.io.cp932 import byte_length, decode, decode_field, one_character, unencodable
from layout_tool.io.csvsource import ROW, Batch, col
from layout_tool.io.digest import Hasher
from layout_tool.io.prefetch import prefetch

BATCH_BYTES = 16 << 20
"""Read per batch: each batch costs the conversion plan's tens of expressions once, so
batches of about as many records as the CSV reader's 16 MB convert faster than smaller ones
(bench/bench_convert.py). A batch is cut and decoded in pieces of ``PIECE_BYTES``, whose
copies stay in the processor's cache (larger pieces read markedly slower)."""
PIECE_BYTES = 4 << 20
NEWLINES = {"crlf": b"\r\n", "lf": b"\n", "none": b""}
LINE = "__line"
SYNC = bytes(16)  # the Avro container's sync marker (any 16 bytes)


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
        self._avro: dict[int, bytes] = {}  # Avro container headers by record stride

    def batches(self, digest: Hasher | None = None) -> Iterator[Batch]:
        """Record batches, the next one read and decoded in a thread meanwhile."""
        return prefetch(self._batches(digest))

    def _batches(self, digest: Hasher | None = None) -> Iterator[Batch]:
        """Pieces of ``PIECE_BYTES`` cut and decoded two at a time, joined into batches.

        One piece waits on polars' threads or on the GIL (decoding) much of its time; two
        keep both cores busy. The next piece is started before a batch is handed over.
        """
        with ThreadPoolExecutor(2, thread_name_prefix="fixed-width") as pool:
            group: list[Future[Batch]] = []
            ready: list[Future[Batch]] = []
            size, first = 0, True
            for chunk, offset, row, records in self._located(digest):
                group.append(pool.submit(self._parse, chunk, offset, row, records))
                size += len(chunk)
                if ready:
                    yield _joined([f.result() for f in ready])
                if size >= self.batch_bytes or first:  # the first piece at once: sooner started
                    ready, group, size, first = group, [], 0, False
                else:
                    ready = []
            for last in (ready, group):
                if last:
                    yield _joined([f.result() for f in last])

    def _located(self, digest: Hasher | None) -> Iterator[tuple[bytes, int, int, int]]:
        """Each chunk, its byte offset in the file, its first row (0-based), its records."""
        row, offset = 0, 0
        size = self.layout.record_length
        with self.path.open("rb") as fh:
            for chunk in self._chunks(fh):
                if digest is not None:
                    digest.update(chunk)
                if self.layout.newline == "none":
                    records = -(-len(chunk) // size)
                else:  # as ``binary_lines`` cuts them
                    records = chunk.count(b"\n") + (not chunk.endswith(b"\n"))
                yield chunk, offset, row, records
                row += records
                offset += len(chunk)

    def _chunks(self, fh: BinaryIO) -> Iterator[bytes]:
        """Chunks of whole lines (whole records back to back), read in multiples of a record
        with its line end, so that a regular file's chunk is the block read, not a copy."""
        size = self.layout.record_length
        if self.layout.newline == "none":
            step = max(size, min(self.batch_bytes, PIECE_BYTES) // size * size)
            while block := fh.read(step):
                yield block
            return
        line = size + len(NEWLINES[self.layout.newline])
        step = max(line, min(self.batch_bytes, PIECE_BYTES) // line * line)
        carry = b""
        while True:
            block = fh.read(step)
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

    def _uniform(self, chunk: bytes, records: int) -> tuple[int, int] | None:
        """The number of records and their stride (with the line end) when every record of
        the chunk has the layout's length and the same line end; else None.

        These are the chunks whose records ``_records`` would cut at every stride bytes,
        each of the right length: no LF within a record, and no CR as the last data byte
        of a record ended by LF alone (``read_lines`` drops it: the record is short).
        """
        size = self.layout.record_length
        if size == 0 or not chunk:  # Avro's fixed values have a length
            return None
        if self.layout.newline == "none":
            return (len(chunk) // size, size) if len(chunk) % size == 0 else None
        for cr in (True, False):
            stride = size + 1 + cr
            count, rest = divmod(len(chunk), stride)
            if rest or chunk[stride - 1 :: stride] != b"\n" * count:
                continue
            if cr and chunk[size::stride] != b"\r" * count:
                continue
            if not cr and b"\r" in chunk[size - 1 :: stride]:
                return None
            return (count, stride) if records == count else None  # no LF within a record
        return None

    def _cut(self, chunk: bytes, count: int, stride: int) -> pl.Series:
        """The records (bytes, without their line ends) of a chunk of ``count`` records of
        ``stride`` bytes: the chunk is the data block of an Avro container (see the top)."""
        if stride not in self._avro:
            self._avro[stride] = _avro_header(self.layout.record_length, stride)
        doc = b"".join((self._avro[stride], _long(count), _long(len(chunk)), chunk, SYNC))
        return pl.read_avro(io.BytesIO(doc), columns=[LINE]).to_series()

    def _parse(self, chunk: bytes, offset: int, row0: int, records: int) -> Batch:
        """A chunk of ``records`` records, the first of them row ``row0 + 1`` of the file."""
        size = self.layout.record_length
        uniform = self._uniform(chunk, records)
        findings: list[Finding] = []
        kept: dict[int, str] = {}
        if uniform is not None:
            lines = self._cut(chunk, *uniform).to_frame().with_row_index(ROW, offset=row0 + 1)
        else:
            cut, crs = self._records(chunk)
            lines = pl.DataFrame([cut]).with_row_index(ROW, offset=row0 + 1)
            length = line_length(crs)
            short = lines.filter(length != size)
            findings = [self._shape(r, n, size) for r, n in short.select(ROW, length).iter_rows()]
            kept = {  # the record as read, for the rejects file (CR/LF not included)
                r: b.rstrip(b"\r").decode("cp932", errors="replace")
                for r, b in short.select(ROW, LINE).iter_rows()
            }
            if findings:
                lines = lines.filter(length == size)
        raw = lines.select(
            ROW,
            *[
                pl.col(LINE).bin.slice(f.start, f.length).alias(col(i))
                for i, f in enumerate(self.layout.fields)
            ],
        )
        rows = raw.get_column(ROW)
        raw = raw.drop(ROW)
        columns = self._ascii(raw)
        wide = [i for i, c in enumerate(columns) if c is None]
        self.wide = set(wide)
        lf = self.layout.newline == "none"  # only records back to back hold line feeds
        garbled = []
        for i in wide:
            values, bad = decode_field(raw.get_column(col(i)).to_list(), lf)
            columns[i] = values.alias(col(i))
            if bad:
                garbled.append(i)
        frame = pl.DataFrame([rows, *columns])
        if garbled:  # only double-byte fields can hold U+FFFD (ASCII decodes the same anyway)
            bad_rows = pl.any_horizontal(
                pl.col(col(i)).str.contains("\ufffd", literal=True) for i in garbled
            )
            starts = self._starts(chunk)
            for row in frame.filter(bad_rows).get_column(ROW).to_list():
                at = starts[row - row0 - 1]
                line = chunk[at : at + size]
                findings += self._findings(line, row, garbled, offset + at)
            findings.sort(key=lambda f: f.row or 0)
        return Batch(frame=frame, findings=findings, records=records, raw=kept)

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

    def _findings(self, record: bytes, row: int, wide: list[int], base: int) -> list[Finding]:
        """Where exactly the bytes of a suspect record (at ``base`` in the file) fail to
        decode: one finding a byte."""
        out = []
        fields = self.layout.fields
        for i in wide:
            f = fields[i]
            end = f.start + f.length
            value, bad = decode(record[f.start : end])
            for b in bad:
                cut = b.offset == f.length - 1 and one_character(record[end - 1 : end + 1])
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
        where = {"bytes": sample.hex(" "), "field": f.name, "start": f.start + 1}
        end = f.start + f.length
        return Finding(
            "encoding",
            "error",
            Msg("encoding.field-cut", **where, end=end, after=after)
            if after
            else Msg("encoding.field", **where, end=end),
            file=self.label,
            file_id=self.file_id,
            row=row,
            item=f.name,
            column=i + 1,
            value=value,
            offset=at,
        )

    def _shape(self, row: int, got: int, size: int) -> Finding:
        message = (
            Msg("row-shape.empty-line")
            if got == 0
            else Msg("row-shape.record-size", got=got, size=size)
        )
        return Finding(
            "row-shape", "error", message, file=self.label, file_id=self.file_id, row=row
        )


def _joined(pieces: list[Batch]) -> Batch:
    if len(pieces) == 1:
        return pieces[0]
    frame = pl.concat([p.frame for p in pieces], rechunk=True)
    findings = [f for p in pieces for f in p.findings]
    raw = {r: t for p in pieces for r, t in p.raw.items()}
    return Batch(frame=frame, findings=findings, records=sum(p.records for p in pieces), raw=raw)


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


def _utf8(raw: pl.Series) -> pl.Series | None:
    try:
        return raw.cast(pl.String)
    except pl.exceptions.PolarsError:
        return None


def _avro_header(size: int, stride: int) -> bytes:
    """An Avro container's header: records of ``size`` bytes and their line ends."""
    fields = [{"name": LINE, "type": {"type": "fixed", "name": "record", "size": size}}]
    if stride > size:
        fields.append(
            {"name": "end", "type": {"type": "fixed", "name": "end", "size": stride - size}}
        )
    schema = json.dumps({"type": "record", "name": "line", "fields": fields}).encode()
    meta = _bytes(b"avro.schema") + _bytes(schema)
    return b"Obj\x01" + _long(1) + meta + _long(0) + SYNC


def _long(n: int) -> bytes:
    """An Avro long (zig-zag, then 7 bits a byte, lowest first); here never negative."""
    n <<= 1
    out = bytearray()
    while n > 0x7F:
        out.append(n & 0x7F | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def _bytes(data: bytes) -> bytes:
    return _long(len(data)) + data


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
