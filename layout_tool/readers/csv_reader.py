"""The CSV reader (``io.csvsource``) behind the reader protocol, and CSV recognition.

A CSV file is one section. With a spec file its columns are matched to items by header
(``checks.header.map_columns``: the header findings are the reader's ``findings``), or by
position without a header; without one, the header names them. The batches are
``CsvSource.batches`` as they come: nothing is added per row.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from pathlib import Path

from layout_tool.checks.header import map_columns
from layout_tool.findings import Finding
from layout_tool.io.batch import Batch
from layout_tool.io.csvsource import BATCH_BYTES, CsvSource
from layout_tool.io.encoding import BOM, decode_reporting, detect
from layout_tool.io.inputs import shown
from layout_tool.readers.protocol import (
    Format,
    Hasher,
    ReadOptions,
    Recognised,
    Section,
    file_by_name,
)
from layout_tool.spec.model import AreaSpec, FileSpec

SUFFIXES = frozenset({".csv", ".txt", ".tsv", ".dat"})
HEAD_BYTES = 64 << 10
MATCH = 0.5  # share of a file's items a header must name to be recognised as that file


class CsvReader:
    format = "csv"

    def __init__(self, path: Path, options: ReadOptions) -> None:
        self.path = path
        self.label = options.label or shown(path)
        self.file = options.file
        self.source = CsvSource(
            path,
            encoding=options.encoding,
            has_header=options.has_header,
            label=self.label,
            file_id=self.file.id if self.file else None,
            batch_bytes=options.batch_bytes or BATCH_BYTES,
            delimiter=options.delimiter,
        )
        src = self.source
        self.encoding: str | None = src.encoding
        self.detected_by: str | None = src.detected.how
        self.size = src.size
        self.header = src.header
        self.massive = src.massive  # the file does not decode in its encoding at all
        self.findings: list[Finding] = list(src.header_findings)
        self.notes: list[str] = []
        self.hashed = options.hashed
        self._sha256: str | None = None
        if self.file is not None:
            cmap = map_columns(self.file, self.header, self.label)
            self.findings += cmap.findings
            self.positions, self.ncols = cmap.positions, cmap.ncols
            self.names = [""] * cmap.ncols
            for name, pos in cmap.positions.items():
                self.names[pos] = name
            self.labels = self.file.item_names[: self.ncols]
        elif options.columns is not None:  # a vendor layout's fields, in order
            self.ncols = len(options.columns)
            self.names = list(options.columns)
            self.positions = {name: i for i, name in enumerate(self.names)}
            self.labels = list(self.names)
        else:  # columns named by the header, or unnamed (as many as the first record has)
            width = len(self.header) if self.header is not None else _first_width(src)
            self.ncols = max(width, 1)
            self.names = [] if self.massive else list(self.header or [])
            self.positions = {name: i for i, name in enumerate(self.header or [])}
            self.labels = [""] * width
        if self.header is not None:
            self.labels = list(self.header)

    @property
    def sha256(self) -> str | None:
        return self._sha256

    def sections(self, digest: Hasher | None = None) -> Iterator[Section]:
        yield Section(self.file, self.positions, self.names, self.labels, self._batches(digest))

    def _batches(self, given: Hasher | None) -> Iterator[Batch]:
        own = hashlib.sha256() if self.hashed and given is None else None
        digest = given if given is not None else own
        if digest is not None:
            with self.path.open("rb") as fh:
                digest.update(fh.read(self.source.data_start))
        yield from self.source.batches(self.ncols, self.names, digest)
        if own is not None:
            self._sha256 = own.hexdigest()


def recognise(spec: AreaSpec, path: Path, encoding: str) -> Recognised:
    """Which file of ``spec`` a CSV file is: by its name, else by the items its header names."""
    found = file_by_name(spec, path) or by_header(spec, header(path, encoding))
    return Recognised(found)


def by_header(spec: AreaSpec, names: list[str]) -> FileSpec | None:
    best, score = None, 0.0
    for f in spec.files:
        if not names:
            break
        overlap = len(set(names) & set(f.item_names)) / max(len(f.items), 1)
        if overlap > score:
            best, score = f, overlap
    return best if score >= MATCH else None


def header(path: Path, encoding: str) -> list[str]:
    """The first line of a CSV file as names (sniffed: the reader proper reads it again)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError:
        return []
    enc = detect(head, encoding).encoding
    first = head.removeprefix(BOM).replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    text, _ = decode_reporting(first.split(b"\n", 1)[0], enc)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        return []
    return [c.strip() for c in rows[0]] if rows else []


def encoding_of(path: Path, encoding: str) -> str:
    with path.open("rb") as fh:
        return detect(fh.read(HEAD_BYTES), encoding).encoding


def _first_width(src: CsvSource) -> int:
    """Fields in the first record of a file without a header (names then are 列1…)."""
    with src.path.open("rb") as fh:
        head = fh.read(1 << 20)
    text, _ = decode_reporting(head.removeprefix(BOM), src.encoding)
    first = next(csv.reader(io.StringIO(text, newline=""), delimiter=src.delimiter), [])
    return len(first)


FORMAT = Format("csv", SUFFIXES, CsvReader, recognise)
