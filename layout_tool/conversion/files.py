"""The files of a conversion: which input is which source, how to read it, how to write.

Inputs are matched and opened (headers read and checked) before anything is written, so a
wrong file or layout is a usage error (exit 2) with nothing left behind. Writers append
batch by batch to temporary files that the caller renames when everything is done.
"""

from __future__ import annotations

import fnmatch
import io
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO, Literal

import polars as pl

from layout_tool.errors import LayoutToolError
from layout_tool.i18n import Msg, t
from layout_tool.io.csvsource import ROW, Batch, col
from layout_tool.io.digest import Hasher
from layout_tool.io.encoding import BOM
from layout_tool.io.fixedwidth import FixedField, Layout, write_records
from layout_tool.io.inputs import shown
from layout_tool.mapping.model import NEWLINES, Mapping, Source, Target
from layout_tool.readers.csv_reader import CsvReader
from layout_tool.readers.inputs import find, recognition
from layout_tool.readers.protocol import ReadOptions
from layout_tool.readers.registry import open_reader, suffixes_of

QuoteStyle = Literal["necessary", "always", "never"]
QUOTE_STYLES: dict[str, QuoteStyle] = {"minimal": "necessary", "all": "always", "none": "never"}
VENDOR_SUFFIXES = suffixes_of("csv", "fixed") | {""}  # a mapping says each source's form
STANDARD_SUFFIXES = frozenset({".csv", ".xml"})  # what --reverse reads (standard files)
CSV_BATCH_BYTES = 16 << 20
"""CSV read per batch by ``convert`` (``validate`` reads 8 MB): each batch costs the plan's
tens of expressions once, so fewer, larger batches convert a little faster; peak memory
stays near 400 MB (bench/bench_convert.py)."""
CSV_BATCH_VALUES = 1_400_000
"""Values (rows × fields) a vendor CSV batch holds at most. A batch costs polars 16 bytes a
value (a string view) however short the text, the plan's columns grow with its rows, and
the reader holds two or three batches ahead, so a wide file (the 101-field export: 520
bytes a record, about 3 bytes of views per byte of CSV) is read in smaller batches than a
narrow one: 6.9 MB (13,861 rows) of the export, which converts 1M rows in 380 MB instead of
570 MB at about 2 % more CPU (docs/scale.md); the 16-field kaso-systems export still reads
16 MB. Fewer values cost CPU: every batch pays the plan's fixed cost (about 30 ms for the
77 items of 住民 個人; 1.2 million values: 7 % more CPU)."""
HEAD_BYTES = 1 << 20
MIN_BATCH_BYTES = 1 << 20


@dataclass(frozen=True)
class Job:
    """One input file and the target it feeds (or, reversed, is read for)."""

    path: Path
    target: Target
    source: Source


def _files(
    paths: list[Path], suffixes: frozenset[str], notes: list[str] | None = None
) -> list[tuple[Path, bool]]:
    """Every input file (``readers.inputs.find``), and whether it was named explicitly (not
    found in a folder). Files that are not text (a workbook, an archive, a PDF) are refused,
    one line each."""
    out: list[tuple[Path, bool]] = []
    found = find(paths, suffixes=suffixes)
    if notes is not None:
        notes += found.notes
    for entry in found.entries:
        if entry.refused is not None:
            raise LayoutToolError(f"{shown(entry.path)}: {entry.refused}")
        out.append((entry.path, entry.explicit))
    return out


def matches(source: Source, path: Path) -> bool:
    name = path.name.upper()
    patterns = [source.file, *source.match]
    return any(name == p.upper() or fnmatch.fnmatch(name, p.upper()) for p in patterns)


def assign_forward(
    mapping: Mapping, paths: list[Path], notes: list[str]
) -> tuple[list[Job], dict[str, Path]]:
    """Which source each vendor file is; every looked-up source must be given too."""
    found: dict[str, Path] = {}
    for path, explicit in _files(paths, VENDOR_SUFFIXES, notes):
        hits = [s for s in mapping.sources if matches(s, path)]
        if not hits and explicit and len(mapping.sources) == 1:
            hits = list(mapping.sources)
        if len(hits) != 1:
            if explicit:
                names = ", ".join(f"{s.id} ({s.file})" for s in mapping.sources)
                raise LayoutToolError(Msg("files.which-source", path=shown(path), names=names))
            notes.append(t("files.not-ours", path=shown(path)))
            continue
        source = hits[0]
        if source.id in found:
            first, second = shown(found[source.id]), shown(path)
            raise LayoutToolError(
                Msg("files.two-inputs", source=source.id, first=first, second=second)
            )
        found[source.id] = path
    if not found:
        raise LayoutToolError(Msg("files.none"))
    jobs = []
    for target in mapping.targets:
        if target.source not in found:
            continue
        for rule in target.rules:
            if rule.lookup is not None and rule.lookup.source not in found:
                file = mapping.source(rule.lookup.source).file
                raise LayoutToolError(
                    Msg("files.lookup", target=target.file.id, item=rule.item.name,
                        source=rule.lookup.source, file=file)
                )  # fmt: skip
        jobs.append(Job(found[target.source], target, mapping.source(target.source)))
    return jobs, found


def assign_reverse(
    mapping: Mapping, paths: list[Path], encoding: str, notes: list[str]
) -> list[Job]:
    """Which standard file each input is (by name or header), and so which target."""
    by_file = {t.file.id: t for t in mapping.targets}
    derived = {t.file.id for t in mapping.targets if not t.primary}
    jobs: dict[str, Job] = {}
    for path, explicit in _files(paths, STANDARD_SUFFIXES, notes):
        got = recognition(mapping.area, path, encoding)
        spec = got.file
        if spec is None and got.reason is not None:  # an XML document says why not
            if explicit:
                raise LayoutToolError(f"{shown(path)}: {got.reason}")
            notes.append(f"{shown(path)}: {got.reason}; skipped")
            continue
        target = by_file.get(spec.id) if spec is not None else None
        if spec is not None and spec.id in derived:
            notes.append(
                f"{path}: {spec.id} is derived from source {by_file[spec.id].source} (where,"
                " distinct or a second target of it); --reverse rebuilds the source from its"
                " primary target, so this file is not read"
            )
            continue
        if target is None:
            if explicit:
                known = ", ".join(
                    f"{t.file.id} ({t.file.filename or t.file.id}.csv)"
                    for t in mapping.targets
                    if t.primary
                )
                raise LayoutToolError(Msg("files.not-standard", path=shown(path), known=known))
            notes.append(t("files.not-standard-skipped", path=shown(path)))
            continue
        if target.file.id in jobs:
            first, second = shown(jobs[target.file.id].path), shown(path)
            raise LayoutToolError(
                Msg("files.two-standard", file=target.file.id, first=first, second=second)
            )
        jobs[target.file.id] = Job(path, target, mapping.source(target.source))
    if not jobs:
        primary = ", ".join(f"{t.file.id} ({t.file.filename or t.file.id})" for t in mapping.targets
                            if t.primary)  # fmt: skip
        raise LayoutToolError(Msg("files.no-standard", primary=primary))
    return list(jobs.values())


class VendorReader:
    """A vendor file of a source, opened and checked; batches have ``c0``… per field."""

    def __init__(self, source: Source, path: Path, encoding: str, batch_bytes: int | None) -> None:
        self.source = source
        self.path = path
        label = shown(path)
        if source.format == "fixed":
            fields, start = [], 0
            for f in source.fields:
                fields.append(FixedField(f.name, start, f.length or 0))
                start += f.length or 0
            options = ReadOptions(
                encoding=encoding, label=label, batch_bytes=batch_bytes, hashed=False,
                layout=Layout(tuple(fields), source.newline),
            )  # fmt: skip
            self.reader = open_reader(path, options, "fixed")
            self.encoding, self.detected_by = self.reader.encoding, self.reader.detected_by
            return
        declared = source.encoding if encoding == "auto" else encoding
        options = ReadOptions(
            encoding=declared, has_header=source.header, label=label, hashed=False,
            batch_bytes=batch_bytes or vendor_batch_bytes(path, len(source.fields)),
            delimiter=source.delimiter, columns=tuple(source.field_names),
        )  # fmt: skip
        reader = open_reader(path, options, "csv")
        assert isinstance(reader, CsvReader)
        self.reader = reader
        self.encoding, self.detected_by = reader.encoding, reader.detected_by
        if reader.massive:
            raise LayoutToolError(
                f"{shown(path)}: "
                f"{reader.source.encoding_summary(Msg('frag.not-converted')).message}"
            )
        if reader.findings:
            raise LayoutToolError(f"{shown(path)}: {reader.findings[0].text()}")
        if source.header and reader.header != source.field_names:
            raise LayoutToolError(
                f"{shown(path)}: {_header_difference(source.field_names, reader.header or [])}"
            )

    def batches(self, digest: Hasher | None = None) -> Iterator[Batch]:
        for section in self.reader.sections(digest):
            yield from section.batches


def vendor_batch_bytes(path: Path, fields: int) -> int:
    """CSV bytes a batch of ``path`` reads: ``CSV_BATCH_BYTES``, or, for a file whose
    records (measured on its first MB) hold more than ``CSV_BATCH_VALUES`` values in that
    many bytes, as many bytes as hold that many values (1 MB at least)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError:  # the reader says what is wrong with the file
        return CSV_BATCH_BYTES
    lines = head.count(b"\n")
    if lines < 2:
        return CSV_BATCH_BYTES
    wanted = CSV_BATCH_VALUES // max(fields, 1) * len(head) // lines
    return max(MIN_BATCH_BYTES, min(CSV_BATCH_BYTES, wanted))


def _header_difference(expected: list[str], found: list[str]) -> str:
    missing = [n for n in expected if n not in found]
    extra = [n for n in found if n not in expected]
    if missing or extra:
        parts = [
            f"missing {', '.join(missing)}" if missing else "",
            f"unknown {', '.join(extra)}" if extra else "",
        ]
        return "header does not match the mapping's fields: " + "; ".join(p for p in parts if p)
    return "header has the mapping's fields in another order: " + ", ".join(found)


class StandardReader:
    """A standard CSV file for ``--reverse``; batches have ``__s<k>`` per item of the file."""

    def __init__(self, target: Target, path: Path, encoding: str, batch_bytes: int | None) -> None:
        self.target = target
        self.path = path
        options = ReadOptions(
            encoding=encoding, file=target.file, label=shown(path), hashed=False,
            batch_bytes=batch_bytes or CSV_BATCH_BYTES,
        )  # fmt: skip
        self.reader = open_reader(path, options, "csv")
        self.encoding, self.detected_by = self.reader.encoding, self.reader.detected_by
        errors = [f for f in self.reader.findings if f.severity == "error"]
        needed = {target.rules[j].item.name for r in target.restorers for j in r.rules}
        blocking = [
            f
            for f in errors
            if f.item is None or f.item in needed or f.msg_id == "header.duplicate"
        ]
        if blocking:
            raise LayoutToolError(f"{shown(path)}: {blocking[0].text()}")

    def batches(self, digest: Hasher | None = None) -> Iterator[Batch]:
        items = self.target.file.items
        for section in self.reader.sections(digest):
            positions = section.positions
            for batch in section.batches:
                frame = batch.frame.select(
                    ROW,
                    *[
                        pl.col(col(positions[it.name])).alias(f"__s{k}")
                        if it.name in positions
                        else pl.lit(None, pl.String).alias(f"__s{k}")
                        for k, it in enumerate(items)
                    ],
                )
                yield Batch(
                    frame=frame, findings=batch.findings, records=batch.records, raw=batch.raw
                )


class StandardWriter:
    """Standard CSV: UTF-8 without BOM, LF, a header of item names (as the generator writes)."""

    def __init__(self, fh: BinaryIO, names: list[str]) -> None:
        self.fh = fh
        pl.DataFrame(schema={n: pl.String for n in names}).write_csv(fh, line_terminator="\n")

    def write(self, frame: pl.DataFrame) -> None:
        if frame.height:
            frame.write_csv(self.fh, include_header=False, line_terminator="\n", null_value="")


class VendorWriter:
    """The vendor's own layout: CSV (delimiter, quoting, encoding, BOM) or fixed-width."""

    def __init__(self, fh: BinaryIO, source: Source) -> None:
        self.fh = fh
        self.source = source
        self.encoding = "utf-8-sig" if source.encoding == "auto" else source.encoding
        if source.format == "csv":
            if self.encoding == "utf-8-sig":
                fh.write(BOM)
            if source.header:
                empty = pl.DataFrame(schema={n: pl.String for n in source.field_names})
                self._csv(empty, header=True)

    def write(self, frame: pl.DataFrame) -> None:
        if self.source.format == "fixed":
            write_records(frame, frame.columns, self.source.newline, self.fh)
        elif frame.height:
            self._csv(frame, header=False)

    def _csv(self, frame: pl.DataFrame, header: bool) -> None:
        buf = io.BytesIO()
        frame.write_csv(
            buf,
            include_header=header,
            separator=self.source.delimiter,
            line_terminator=NEWLINES[self.source.newline],
            quote_style=QUOTE_STYLES[self.source.quoting],
            null_value="",
        )
        data = buf.getvalue()
        if self.encoding == "cp932":
            data = data.decode("utf-8").encode("cp932")
        self.fh.write(data)


class Background:
    """Runs writes one at a time in a thread, so writing a batch overlaps converting the next.

    polars releases the GIL while it writes; at most one write is pending (memory stays at
    about two batches), and a failed write is raised at the next submit or on leaving.
    """

    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="writer")
        self.pending: Future[None] | None = None

    def submit(self, fn: Callable[[pl.DataFrame], None], frame: pl.DataFrame) -> None:
        self.wait()
        self.pending = self.pool.submit(fn, frame)

    def wait(self) -> None:
        if self.pending is not None:
            pending, self.pending = self.pending, None
            pending.result()

    def __enter__(self) -> Background:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            if kind is None:
                self.wait()
        finally:
            self.pool.shutdown(wait=True)
