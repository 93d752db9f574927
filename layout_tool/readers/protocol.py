"""What every reader of data files offers, whatever the form (CSV, fixed-width, XML).

    reader = open_reader(path, ReadOptions(area=spec, file=fspec))   # readers.registry
    for section in reader.sections():      # one per file of the area the input holds
        section.file, section.positions    # which file; item name → column c<k>
        for batch in section.batches:      # io.batch.Batch: __row + c0..c{n-1}
            ...
    reader.findings, reader.notes, reader.sha256   # once the sections are read

A CSV or fixed-width file is one section; an XML document has one per file element. A
reader's batches are the reader's own: an adapter adds nothing per row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from layout_tool.findings import Finding
from layout_tool.io.batch import Batch
from layout_tool.io.digest import Hasher as Hasher
from layout_tool.spec.model import AreaSpec, FileSpec


@dataclass(frozen=True)
class ReadOptions:
    """How to read one input. ``area``/``file``: the spec, when known (``file`` pins it)."""

    encoding: str = "auto"
    has_header: bool = True
    area: AreaSpec | None = None
    file: FileSpec | None = None
    label: str | None = None
    batch_bytes: int | None = None  # None: the reader's own default
    delimiter: str = ","
    hashed: bool = True  # compute the file's SHA-256 while reading
    layout: object | None = None  # fixed-width: io.fixedwidth.Layout (required there)
    columns: tuple[str, ...] | None = None  # without a spec file: the fields, in order


@dataclass
class Section:
    """One file's records in an input: consume ``batches`` before asking for the next one."""

    file: FileSpec | None  # None: a file read without a spec (columns by header)
    positions: dict[str, int]  # item (or, without a spec, header) name → column index
    names: list[str]  # per column the item it holds, "" where none
    labels: list[str]  # the columns as the input names them (header, or item names)
    batches: Iterator[Batch]
    line: int | None = None  # XML: where the file element starts


@dataclass
class Recognised:
    """Which file of an area an input is (``file`` None: not recognised, ``reason`` says why).

    ``read_anyway``: the reader can still tell its content apart (an XML document names its
    file elements), so a command that checks structure reads it even when not recognised.
    """

    file: FileSpec | None
    reason: str | None = None
    read_anyway: bool = False


class Reader(Protocol):
    format: str
    path: Path
    label: str
    encoding: str | None
    detected_by: str | None
    size: int
    findings: list[Finding]  # about the input as a whole (header, structure)
    notes: list[str]

    def sections(self, digest: Hasher | None = None) -> Iterator[Section]:
        """The input's sections in order. ``digest``: fed every byte of the file as it is
        read, instead of the reader's own hash (an XML reader always hashes on its own)."""
        ...

    @property
    def sha256(self) -> str | None: ...  # once every section has been read


@dataclass(frozen=True)
class Format:
    """A form of input: its suffixes, how to open a file of it, how to recognise one.

    ``by_suffix``: files found in folders are read in this form by their suffix (fixed-width
    has no suffix of its own: a mapping declares it). ``sniffed``: files of it are refused
    when their first bytes say they are no text (a workbook, an archive, UTF-16).
    """

    name: str
    suffixes: frozenset[str]
    open: Callable[[Path, ReadOptions], Reader]
    recognise: Callable[[AreaSpec, Path, str], Recognised]
    by_suffix: bool = True
    sniffed: bool = True


def file_by_name(spec: AreaSpec, path: Path) -> FileSpec | None:
    """The file of ``spec`` that ``path`` is named after (its id, filename or name)."""
    stem = path.stem.upper()
    for f in spec.files:
        names = {f.id.upper(), (f.filename or "").upper(), f.name.upper()}
        if stem in names or any(n and stem.startswith(n) for n in names if len(n) > 3):
            return f
    return None
