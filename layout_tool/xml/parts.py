"""What one pass over (part of) a document yields, in document order."""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

import polars as pl

from layout_tool.findings import Finding
from layout_tool.xml.shape import Problem

BATCH_RECORDS = 20_000


@dataclass
class FilePart:
    """A file element begins (``file_id`` None: its records are not read)."""

    file_id: str | None
    line: int | None


@dataclass
class RecordsPart:
    """A batch of one file's records: item texts by column, record lines, problems."""

    file_id: str
    first_row: int  # row number of the batch's first record (1-based, within the file)
    frame: pl.DataFrame  # c0..c{n-1}, String, null where absent or empty
    lines: array[int]
    problems: list[Problem]


@dataclass
class NotePart:
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class EndPart:
    """The pass ended: cleanly, on a parse error (``stopped``) or, for a segment, on
    something a segment cannot judge alone (``irregular``)."""

    stopped: bool = False
    irregular: bool = False


Part = FilePart | RecordsPart | NotePart | EndPart


@dataclass(frozen=True)
class Context:
    """Where a pass starts in its document, and what is already open there."""

    label: str
    select: str | None = None  # only this file id (``--file``)
    line0: int = 1  # file line of the first real byte
    at_start: bool = True  # the pass begins at the document's first byte
    segment: bool = False  # stop as irregular at a second file element instead of reading on
    open_file: str | None = None  # the file id the synthetic prefix opens
    rows_before: int = 0  # records of ``open_file`` before this pass
    seen: tuple[str, ...] = ()  # file ids begun before this pass, in order
    batch: int = BATCH_RECORDS
