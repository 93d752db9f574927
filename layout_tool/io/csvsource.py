"""Read a CSV handover file in batches of whole records, as string columns.

Every record ends up either in a batch frame (with its 1-based data row number) or as a
``row-shape`` finding (see ``csvparse``). Undecodable bytes become ``encoding`` findings with
their byte offset (and, once parsed, their row, item and column).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import polars as pl

from layout_tool.findings import Finding
from layout_tool.i18n import Msg, Text, t
from layout_tool.io.batch import ROW, Batch, col, signs_absent
from layout_tool.io.cp932 import cp932_to_utf8
from layout_tool.io.csvparse import (
    SENTINEL,
    chunks,
    fallback,
    nul_check,
    read_marked,
    read_regular,
    record_texts,
    shape_check,
    split_point,
    unmark,
)
from layout_tool.io.digest import Hasher
from layout_tool.io.encoding import (
    BOM,
    CANDIDATES,
    SAMPLE_BYTES,
    BadBytes,
    Detected,
    decode_reporting,
    detect,
    failing_lines,
    failures,
)
from layout_tool.io.prefetch import prefetch

NOT_CHECKED = Msg("frag.not-checked")
BATCH_BYTES = 8 << 20
MAX_HEADER_BYTES = 64 << 20
# More undecodable sequences than this in the sample: the file is in another encoding.
MASSIVE_FAILURES = 100
MASSIVE_LINES = 10  # … on this many lines at least, a tenth of the sample's
_STRAYS = re.compile("[\x80\uf8f0-\uf8f3]")  # CP932 bytes Python decodes but never valid

__all__ = ["BATCH_BYTES", "ROW", "Batch", "CsvSource", "col"]


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
        bad = self.detected.failures.get(self.encoding)
        self.sample_failures = failures(head, self.encoding) if bad is None else bad
        # Wrong encoding (declared or the best there is): one summary finding, not a flood.
        # Not for a few records in another encoding (one CP932 record of 60 kanji in a UTF-8
        # export fails 100 times): those are read, each bad byte an ``encoding`` finding.
        self.massive = self.sample_failures > MASSIVE_FAILURES and failing_lines(
            head, self.encoding
        ) >= max(MASSIVE_LINES, head.count(b"\n") // 10)
        self.size = path.stat().st_size
        # Old Mac line ends (CR only): read as LF, byte for byte, so offsets stay true.
        self.cr_only = b"\r" in head and b"\n" not in head
        if self.cr_only:
            head = head.replace(b"\r", b"\n")
        self.crlf = b"\r\n" in head.split(b"\n", 1)[0] + b"\n" if b"\n" in head else False
        self.header: list[str] | None = None
        self.data_start = len(BOM) if head.startswith(BOM) else 0
        self.header_findings: list[Finding] = []
        if has_header:
            self._read_header(head)
        # Blank lines after the last record (an export's extra line end) are no records.
        self.data_end, blank = _trailing_blank(path, self.size, self.cr_only)
        self.data_end = max(self.data_end, self.data_start)
        if blank:
            self.header_findings.append(
                Finding(
                    "row-shape",
                    "warning",
                    Msg("row-shape.trailing-blank", n=blank),
                    file=self.label,
                    file_id=self.file_id,
                )
            )

    def _read_header(self, head: bytes) -> None:
        start = self.data_start
        end = split_point(head[start:], first=True)
        if end < 0 and len(head) < self.size:
            head = _read_until_boundary(self.path, start, MAX_HEADER_BYTES)
            if self.cr_only:
                head = head.replace(b"\r", b"\n")
            end = split_point(head[start:], first=True)
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
            self.header_findings.append(self.header_problem(Msg("header.empty")))

    def encoding_summary(self, consequence: Text = NOT_CHECKED) -> Finding:
        """The one ``encoding`` finding of a file that fails massively in its encoding."""
        count, first = _count_failures(self.path, self.encoding)
        where = ", ".join(f"{o:,}" for o in first)
        said = Msg("encoding.massive", count=count, encoding=self.encoding, where=where,
                   consequence=consequence)  # fmt: skip
        message = said.render()
        head = _head(self.path)
        others = {
            enc: failures(head, enc)
            for enc in CANDIDATES
            if enc != self.encoding.removesuffix("-sig")
        }
        best = min(others, key=lambda enc: others[enc]) if others else None
        if best is not None and others[best] == 0:
            message += t(self._advice("frag.clean-as"), best=best)
        elif best is not None and others[best] * 10 < self.sample_failures:
            message += t(self._advice("frag.better-as"), best=best, n=others[best])
        else:
            message += t("frag.none-better")
        return Finding(
            code="encoding",
            severity="error",
            message=message,
            file=self.label,
            file_id=self.file_id,
            offset=first[0] if first else None,
        )

    def _advice(self, key: str) -> str:
        """``--encoding auto or X`` where the encoding was declared; ``--encoding X`` where
        auto chose it (a BOM, or the sample), since auto would choose the same again."""
        return key if self.detected.how == "declared" else key + "-only"

    def header_problem(self, message: Text) -> Finding:
        return Finding("header", "error", message, file=self.label, file_id=self.file_id)

    def _encoding_finding(
        self, bad: BadBytes, base: int, row: int, item: str | None, column: int | None
    ) -> Finding:
        return Finding(
            code="encoding",
            severity="error",
            message=Msg("encoding.bytes", bytes=bad.sample.hex(" "), encoding=self.encoding),
            file=self.label,
            file_id=self.file_id,
            row=row or None,
            item=item,
            column=column,
            offset=base + bad.offset,
        )

    def row_shape(self, row: int, message: Text, severity: str = "error") -> Finding:
        return Finding(
            code="row-shape",
            severity="error" if severity == "error" else "warning",
            message=message,
            file=self.label,
            file_id=self.file_id,
            row=row,
        )

    def batches(
        self, ncols: int, names: list[str] | None = None, digest: Hasher | None = None
    ) -> Iterator[Batch]:
        """Record batches with ``ncols`` string columns; ``names`` label encoding findings.

        ``digest`` (e.g. ``hashlib.sha256()``) is fed every data byte as it is read.
        Two threads read ahead of the caller: one reads, hashes and decodes the next chunk
        while the other parses this one (a CP932 decode holds the GIL, polars' parse does
        not, so on two cores they overlap instead of adding up).
        """
        return prefetch(self._batches(ncols, names or [], digest), ahead=1)

    def _batches(self, ncols: int, names: list[str], digest: Hasher | None) -> Iterator[Batch]:
        row = 0
        for data, offset, bad in prefetch(self._chunks(digest), ahead=1):
            batch = self._parse(data, offset, row, ncols, names, bad)
            row += batch.records
            yield batch

    def _chunks(self, digest: Hasher | None) -> Iterator[tuple[bytes, int, list[BadBytes] | None]]:
        """(chunk, its byte offset, None) or, in CP932, (its UTF-8 form, offset, bad bytes):
        the raw chunk is not kept once decoded."""
        with self.path.open("rb") as raw:
            raw.seek(self.data_start)
            offset = self.data_start
            fh: io.BufferedIOBase = raw
            if self.cr_only:
                fh, digest = _CrAsLf(raw, digest), None
            for chunk in chunks(fh, self.batch_bytes):
                if digest is not None:
                    digest.update(chunk)
                size = len(chunk)
                if offset + size > self.data_end:  # the blank lines at the end: hashed only
                    chunk = chunk[: max(0, self.data_end - offset)]
                    if not chunk:
                        offset += size
                        continue
                if self.encoding == "cp932":
                    utf8, bad = cp932_to_utf8(chunk)
                    del chunk
                    yield utf8, offset, bad
                    del utf8
                else:
                    yield chunk, offset, None
                offset += size

    def _parse(
        self,
        data: bytes,
        offset: int,
        row0: int,
        n: int,
        names: list[str],
        decoded: list[BadBytes] | None,
    ) -> Batch:
        """Parse one chunk from ``_chunks``: ``data`` is UTF-8 (a CP932 chunk already
        decoded, ``decoded`` its bad bytes; None for a chunk read as it is)."""
        findings: list[Finding] = []
        bad: list[BadBytes] = decoded or []
        utf8 = data
        frame = None if bad else read_regular(utf8, n, self.delimiter)
        regular = frame is not None
        if frame is None and not bad:
            frame = read_marked(self._mark(utf8), n, self.delimiter)
            if frame is None and self.encoding != "cp932":
                text, bad = decode_reporting(data, "utf-8")
                if bad:
                    utf8 = text.encode("utf-8")
        if frame is None and bad:
            frame = read_marked(self._mark(utf8), n, self.delimiter)
        if frame is None:
            frame = fallback(utf8.decode("utf-8", errors="replace"), n, self.delimiter)
        frame = frame.with_row_index(ROW, offset=row0 + 1)
        records = frame.height
        if not regular:  # sentinels mark each record's field count: check and drop them
            frame = unmark(frame, n, b'"' in utf8, self.delimiter)
            frame, shape = shape_check(frame, n)
            findings += [self.row_shape(row, message) for row, message in shape]
        if b"\x00" in utf8:
            frame, nul = nul_check(frame, n)
            findings += [self.row_shape(row, message) for row, message in nul]
        if bad:
            findings += self._locate_bad(frame, bad, offset, n, names)
        if findings and findings[0].row is None:
            findings.sort(key=lambda f: f.row or 0)
        shaped = {f.row for f in findings if f.code == "row-shape" and f.row is not None}
        raw = record_texts(utf8, row0, shaped, self.delimiter) if shaped else {}
        return Batch(
            frame=frame,
            findings=findings,
            records=records,
            raw=raw,
            signs_absent=signs_absent(utf8),
        )

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


class _CrAsLf(io.BufferedIOBase):
    """A byte stream that reads CR as LF (same length), feeding ``digest`` the true bytes."""

    def __init__(self, raw: io.BufferedIOBase, digest: Hasher | None) -> None:
        self.raw, self.digest = raw, digest

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        got = self.raw.readinto(buffer)
        if got:
            data = bytes(buffer[:got])
            if self.digest is not None:
                self.digest.update(data)
            buffer[:got] = data.replace(b"\r", b"\n")
        return got


def _trailing_blank(path: Path, size: int, cr_only: bool, tail: int = 1 << 16) -> tuple[int, int]:
    """Where the data ends, before the blank lines that end the file, and how many there are.

    The line end of the last record stays with it; every line end after it is a blank line.
    """
    with path.open("rb") as fh:
        fh.seek(max(0, size - tail))
        end = fh.read()
    body = end.rstrip(b"\r\n")
    ends = end[len(body) :]
    if len(body) == 0 and size > tail:  # more than ``tail`` bytes of line ends: left as read
        return size, 0
    count = ends.count(b"\r") if cr_only else ends.count(b"\n")
    if count < 2:
        return size, 0
    first = 2 if ends.startswith(b"\r\n") else 1
    return size - len(ends) + first, count - 1


def _head(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(SAMPLE_BYTES)


def _count_failures(path: Path, encoding: str, shown: int = 5) -> tuple[int, list[int]]:
    """Undecodable sequences in the whole file, and the byte offsets of the first few."""
    part = _head(path)[: 1 << 16]
    _, bad = decode_reporting(part, encoding)
    first = [b.offset for b in bad if b.offset < len(part) - 3][:shown]  # not a cut character
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    decoder = codecs.getincrementaldecoder(codec)(errors="replace")
    count = 0
    with path.open("rb") as fh:
        while block := fh.read(8 << 20):
            text = decoder.decode(block)
            count += text.count("\ufffd") + (len(_STRAYS.findall(text)) if codec == "cp932" else 0)
        tail = decoder.decode(b"", final=True)
        count += tail.count("\ufffd")
    return count, first


def _read_until_boundary(path: Path, start: int, limit: int) -> bytes:
    with path.open("rb") as fh:
        return fh.read(start + limit)
