"""Read a CSV handover file in batches of whole records, as string columns.

Every record ends up either in a batch frame (with its 1-based data row number) or as a
``row-shape`` finding. The field count of each record is made visible to polars by
appending a sentinel field to every physical line: a record whose sentinel is not in
column ``n`` has the wrong number of fields. Quoted newlines get the sentinel too; it is
removed from values again. Undecodable bytes become ``encoding`` findings with their
byte offset (and, once parsed, their row, item and column).
"""

from __future__ import annotations

import csv
import io
import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Protocol

import polars as pl

from layout_tool.io.encoding import BOM, BadBytes, Detected, decode_reporting, detect
from layout_tool.report.finding import Finding

SENTINEL = "\x01"
BROKEN = "\x02"  # first character of a fallback record that could not be parsed
ROW = "__row"
BATCH_BYTES = 8 << 20
MAX_HEADER_BYTES = 64 << 20
MAX_RECORD_LINES = 1000  # a quoted field spanning more lines is taken as an unterminated quote


class _Hasher(Protocol):
    def update(self, data: bytes, /) -> None: ...


csv.field_size_limit(1 << 30)


def col(i: int) -> str:
    return f"c{i}"


@dataclass
class Batch:
    frame: pl.DataFrame  # c0..c{n-1} (String, null when empty) and __row (UInt32/Int64)
    findings: list[Finding] = field(default_factory=list)
    records: int = 0  # every record read, good or bad


class CsvSource:
    """One CSV file: encoding, header, and a stream of record batches."""

    def __init__(
        self,
        path: Path,
        *,
        encoding: str = "auto",
        has_header: bool = True,
        label: str | None = None,
        file_id: str | None = None,
        batch_bytes: int = BATCH_BYTES,
        delimiter: str = ",",
    ) -> None:
        self.path = path
        self.label = label or str(path)
        self.file_id = file_id
        self.batch_bytes = batch_bytes
        self.delimiter = delimiter
        with path.open("rb") as fh:
            head = fh.read(1 << 20)
        self.detected: Detected = detect(head, encoding)
        self.encoding = self.detected.encoding
        self.size = path.stat().st_size
        self.crlf = b"\r\n" in head.split(b"\n", 1)[0] + b"\n" if b"\n" in head else False
        self.header: list[str] | None = None
        self.data_start = len(BOM) if head.startswith(BOM) else 0
        self.header_findings: list[Finding] = []
        if has_header:
            self._read_header(head)

    def _read_header(self, head: bytes) -> None:
        start = self.data_start
        end = _split_point(head[start:], first=True)
        if end < 0 and len(head) < self.size:
            head = _read_until_boundary(self.path, start, MAX_HEADER_BYTES)
            end = _split_point(head[start:], first=True)
            if end < 0 and len(head) < self.size:
                self.header = []
                self.data_start = self.size
                self.header_findings.append(
                    self.header_problem(
                        f"no header: first line longer than {MAX_HEADER_BYTES:,} bytes"
                    )
                )
                return
        raw = head[start:] if end < 0 else head[start : start + end]
        text, bad = decode_reporting(raw, self.encoding)
        for b in bad:
            self.header_findings.append(self._encoding_finding(b, start, 0, None, None))
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=self.delimiter))
        self.header = [h.strip("\ufeff") for h in rows[0]] if rows else []
        self.data_start = start + len(raw)
        if not self.header:
            self.header_findings.append(self.header_problem("no header row: the file is empty"))

    def header_problem(self, message: str) -> Finding:
        return Finding("header", "error", message, file=self.label, file_id=self.file_id)

    def _encoding_finding(
        self, bad: BadBytes, base: int, row: int, item: str | None, column: int | None
    ) -> Finding:
        return Finding(
            code="encoding",
            severity="error",
            message=f"bytes {bad.sample.hex(' ')} do not decode as {self.encoding}",
            file=self.label,
            file_id=self.file_id,
            row=row or None,
            item=item,
            column=column,
            offset=base + bad.offset,
        )

    def row_shape(self, row: int, message: str, severity: str = "error") -> Finding:
        return Finding(
            code="row-shape",
            severity="error" if severity == "error" else "warning",
            message=message,
            file=self.label,
            file_id=self.file_id,
            row=row,
        )

    def batches(
        self, ncols: int, names: list[str] | None = None, digest: _Hasher | None = None
    ) -> Iterator[Batch]:
        """Record batches with ``ncols`` string columns; ``names`` label encoding findings.

        ``digest`` (e.g. ``hashlib.sha256()``) is fed every data byte as it is read.
        """
        return _prefetch(self._batches(ncols, names or [], digest))

    def _batches(self, ncols: int, names: list[str], digest: _Hasher | None) -> Iterator[Batch]:
        row = 0
        with self.path.open("rb") as fh:
            fh.seek(self.data_start)
            offset = self.data_start
            for chunk in _chunks(fh, self.batch_bytes):
                if digest is not None:
                    digest.update(chunk)
                batch = self._parse(chunk, offset, row, ncols, names)
                row += batch.records
                offset += len(chunk)
                yield batch

    def _parse(self, data: bytes, offset: int, row0: int, n: int, names: list[str]) -> Batch:
        findings: list[Finding] = []
        bad: list[BadBytes] = []
        if self.encoding == "cp932":
            text, bad = decode_reporting(data, "cp932")
            utf8 = text.encode("utf-8")
        else:
            utf8 = data
        frame = None
        if not bad:
            frame = _read_regular(utf8, n, self.delimiter)
        if frame is None and not bad:
            frame = _read(self._mark(utf8), n, self.delimiter)
            if frame is None and self.encoding != "cp932":
                text, bad = decode_reporting(data, "utf-8")
                if bad:
                    utf8 = text.encode("utf-8")
        if frame is None and bad:
            frame = _read(self._mark(utf8), n, self.delimiter)
        if frame is None:
            frame = _fallback(utf8.decode("utf-8", errors="replace"), n, self.delimiter)
        frame = frame.with_row_index(ROW, offset=row0 + 1)
        records = frame.height
        frame = _unmark(frame, n, b'"' in utf8, self.delimiter)
        frame, shape = _shape_check(frame, n, self)
        findings += shape
        if b"\x00" in utf8:
            frame, nul = _nul_check(frame, n, self)
            findings += nul
        if bad:
            findings += self._locate_bad(frame, bad, offset, n, names)
        if findings and findings[0].row is None:
            findings.sort(key=lambda f: f.row or 0)
        return Batch(frame=frame, findings=findings, records=records)

    def _mark(self, data: bytes) -> bytes:
        if not data.endswith(b"\n"):
            data += b"\r\n" if self.crlf else b"\n"
        if self.crlf:
            return data.replace(b"\r\n", self.delimiter.encode() + SENTINEL.encode() + b"\r\n")
        return data.replace(b"\n", self.delimiter.encode() + SENTINEL.encode() + b"\n")

    def _locate_bad(
        self, frame: pl.DataFrame, bad: list[BadBytes], offset: int, n: int, names: list[str]
    ) -> list[Finding]:
        """Pair each undecodable span with the cell holding its U+FFFD, in file order."""
        hits = (
            frame.select(
                pl.col(ROW),
                *[
                    pl.col(col(i)).str.count_matches("\ufffd", literal=True).alias(col(i))
                    for i in range(n)
                ],
            )
            .unpivot(index=ROW, variable_name="c", value_name="k")
            .filter(pl.col("k") > 0)
            .with_columns(pl.col("c").str.slice(1).cast(pl.Int64).alias("i"))
            .sort(ROW, "i")
        )
        cells: list[tuple[int, int]] = []
        for r, i, k in hits.select(ROW, "i", "k").iter_rows():
            cells += [(r, i)] * k
        if len(cells) != len(bad):
            cells = [(0, -1)] * len(bad)
        out = []
        for b, (r, i) in zip(bad, cells, strict=True):
            item = names[i] if 0 <= i < len(names) else None
            out.append(self._encoding_finding(b, offset, r, item, i + 1 if i >= 0 else None))
        return out


_DONE = object()


def _prefetch(batches: Iterator[Batch]) -> Iterator[Batch]:
    """Read and parse the next batch in a thread while the caller checks this one.

    polars and hashlib release the GIL, so on two cores reading overlaps checking. The
    queue holds one batch, which bounds memory to about two batches.
    """
    box: queue.Queue[object] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def work() -> None:
        try:
            for batch in batches:
                while not stop.is_set():
                    try:
                        box.put(batch, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
        except BaseException as exc:  # handed to the consumer, raised there
            box.put(exc)
            return
        box.put(_DONE)

    thread = threading.Thread(target=work, name="csv-reader", daemon=True)
    thread.start()
    try:
        while True:
            item = box.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            assert isinstance(item, Batch)
            yield item
    finally:
        stop.set()
        while thread.is_alive():
            try:
                box.get_nowait()
            except queue.Empty:
                thread.join(timeout=0.05)


def _read_until_boundary(path: Path, start: int, limit: int) -> bytes:
    with path.open("rb") as fh:
        return fh.read(start + limit)


def _chunks(fh: BinaryIO, size: int) -> Iterator[bytes]:
    """Chunks of the stream that end on a record boundary (outside quotes)."""
    carry = b""
    while True:
        block = fh.read(size)
        if not block:
            if carry:
                yield carry
            return
        buf = carry + block
        cut = _split_point(buf)
        if cut < 0:
            carry = buf
            continue
        yield buf[:cut]
        carry = buf[cut:]


def _split_point(buf: bytes, first: bool = False) -> int:
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


def _read_regular(data: bytes, n: int, delimiter: str) -> pl.DataFrame | None:
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


def _read(data: bytes, n: int, delimiter: str = ",") -> pl.DataFrame | None:
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


def _unmark(frame: pl.DataFrame, n: int, quoted: bool, delimiter: str = ",") -> pl.DataFrame:
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


def _shape_check(frame: pl.DataFrame, n: int, src: CsvSource) -> tuple[pl.DataFrame, list[Finding]]:
    ok = (pl.col(col(n)) == SENTINEL).fill_null(False)
    bad = frame.filter(~ok)
    if bad.height == 0:
        return frame.select(ROW, *[col(i) for i in range(n)]), []
    findings = []
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
        findings.append(src.row_shape(rec[ROW], msg))
    return frame.filter(ok).select(ROW, *[col(i) for i in range(n)]), findings


def _nul_check(frame: pl.DataFrame, n: int, src: CsvSource) -> tuple[pl.DataFrame, list[Finding]]:
    has_nul = pl.any_horizontal(
        pl.col(col(i)).str.contains("\x00", literal=True) for i in range(n)
    ).fill_null(False)
    rows = frame.filter(has_nul)[ROW].to_list()
    findings = [src.row_shape(r, "embedded NUL byte") for r in rows]
    return frame.filter(~has_nul), findings


def _fallback(text: str, n: int, delimiter: str = ",") -> pl.DataFrame:
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
