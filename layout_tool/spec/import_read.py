"""Read item tables (.xlsx sheets or a .csv) as rows of text, and find their header rows.

Official workbooks put a title, the 移行ファイル name and notes above the header, so the
header is found by scanning the first rows for known column names rather than assumed to
be row 1. Cells become text here once, so the rest of the importer never sees Excel types.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from layout_tool.errors import LayoutToolError
from layout_tool.io.encoding import BOM, decode_reporting, detect
from layout_tool.io.workbook import calamine_sheets, is_strict
from layout_tool.safety.workbook import check_cell, check_rows, check_workbook
from layout_tool.spec.import_words import heading_keys, normalise, synonym_index

HEADER_SCAN_ROWS = 12
# A sheet's "used range" can run to a million formatted but empty rows: stop after this many.
MAX_EMPTY_RUN = 1000
_ZERO_FORMAT = re.compile(r"^0+$")


@dataclass(frozen=True)
class Table:
    """One sheet (or one CSV file) as rows of cell text."""

    source: str
    sheet: str | None
    rows: list[list[str]]

    @property
    def title(self) -> str:
        return self.sheet if self.sheet is not None else Path(self.source).stem

    def where(self, index: int) -> str:
        """A place people can find in Excel: sheet and 1-based row."""
        sheet = f"sheet {self.sheet} " if self.sheet is not None else f"{self.source} "
        return f"{sheet}row {index + 1}"

    def cell(self, index: int, column: int) -> str:
        row = self.rows[index]
        return row[column] if column < len(row) else ""


@dataclass(frozen=True)
class Header:
    """Where a table's header row is and which column holds each canonical field."""

    row: int
    columns: dict[str, list[int]]
    cells: list[str] = field(default_factory=list)

    def first(self, name: str) -> int | None:
        cols = self.columns.get(name)
        return cols[0] if cols else None


def read_tables(path: Path, encoding: str = "auto") -> list[Table]:
    """Every sheet of a workbook, or the one table of a CSV file."""
    if not path.is_file():
        raise LayoutToolError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        return _read_workbook(path)
    if suffix in {".csv", ".txt", ".tsv"}:
        return [_read_csv(path, encoding)]
    if suffix == ".xls":
        raise LayoutToolError(f"{path}: old .xls workbooks are not read; save it as .xlsx")
    raise LayoutToolError(f"{path}: expected an .xlsx workbook or a .csv table")


def _read_workbook(path: Path) -> list[Table]:
    """Transitional workbooks through openpyxl (it keeps ``00`` number formats); Strict
    Open XML, which openpyxl reads as having no sheets, through calamine."""
    if is_strict(path):
        return [Table(path.name, name, _trimmed(rows)) for name, rows in calamine_sheets(path)]
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    check_workbook(path)  # size, unpacked size, DTDs: before any XML is parsed
    broken = (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError,
              TypeError, IndexError, ElementTree.ParseError, EOFError)  # fmt: skip
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except broken as exc:
        raise LayoutToolError(f"{path}: not a readable .xlsx workbook ({_first(exc)})") from None
    try:
        tables = []
        for sheet in book.worksheets:
            rows = _trimmed(_sheet_rows(path, sheet))
            tables.append(Table(path.name, sheet.title, rows))
        return tables
    except broken as exc:
        raise LayoutToolError(f"{path}: not a readable .xlsx workbook ({_first(exc)})") from None
    finally:
        book.close()


def _sheet_rows(path: Path, sheet: Any) -> Iterator[list[str]]:
    """A sheet's rows as text, within the row and cell limits (``safety.limits``)."""
    for n, row in enumerate(sheet.iter_rows(), start=1):
        check_rows(path, sheet.title, n)
        cells = [_cell_text(c.value, getattr(c, "number_format", None)) for c in row]
        for text in cells:
            check_cell(path, sheet.title, n, text)
        yield cells


def _first(exc: BaseException) -> str:
    return str(exc).split("\n", 1)[0][:200]


def _read_csv(path: Path, encoding: str) -> Table:
    data = path.read_bytes()
    enc = detect(data[: 1 << 20], encoding).encoding
    text, bad = decode_reporting(data.removeprefix(BOM), enc)
    if bad:
        raise LayoutToolError(
            f"{path}: bytes at offset {bad[0].offset} do not decode as {enc}; use --encoding"
        )
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return Table(path.name, None, _trimmed(reader))


def _trimmed(rows: Iterable[list[str]]) -> list[list[str]]:
    out: list[list[str]] = []
    empty_run = 0
    for row in rows:
        cells = list(row)
        while cells and not cells[-1].strip():
            cells.pop()
        empty_run = 0 if cells else empty_run + 1
        if empty_run > MAX_EMPTY_RUN:
            break
        out.append(cells)
    while out and not out[-1]:
        out.pop()
    return out


def _cell_text(value: object, number_format: str | None) -> str:
    """Excel values as the text a person sees; ``01`` kept where the cell is formatted ``00``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        text = str(value)
        if number_format and _ZERO_FORMAT.match(number_format) and value >= 0:
            text = text.zfill(len(number_format))
        return text
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def find_header(
    table: Table,
    fields: Mapping[str, tuple[str, ...]],
    required: tuple[str, ...],
    overrides: Mapping[str, str] | None = None,
) -> Header | None:
    """The first of the top rows that names every required field (None if none does).

    ``overrides`` maps a canonical field to the (normalised) heading the user named for it;
    that heading wins over any synonym.
    """
    for index, row in enumerate(table.rows[:HEADER_SCAN_ROWS]):
        columns = match_row(row, fields, overrides or {})
        if all(name in columns for name in required):
            return Header(index, columns, list(row))
    return None


def match_row(
    row: list[str], fields: Mapping[str, tuple[str, ...]], overrides: Mapping[str, str]
) -> dict[str, list[int]]:
    """Canonical field → the columns whose heading names it."""
    index = synonym_index(fields)
    by_heading = {heading: name for name, heading in overrides.items()}
    columns: dict[str, list[int]] = {}
    for col, cell in enumerate(row):
        keys = heading_keys(cell) if cell.strip() else []
        named = next((by_heading[k] for k in keys if k in by_heading), None)
        if named is None:
            named = next((index[k] for k in keys if k in index), None)
            if named in overrides:  # the user said another column holds this field
                named = None
        if named is not None:
            columns.setdefault(named, []).append(col)
    return columns


def best_guess_row(table: Table) -> list[str]:
    """The top row with the most filled cells: what an unrecognised header probably is."""
    rows = table.rows[:HEADER_SCAN_ROWS]
    if not rows:
        return []
    best = max(rows, key=lambda r: sum(1 for c in r if c.strip()))
    return [c.strip() for c in best if c.strip()]


def label_value(table: Table, before: int, labels: tuple[str, ...]) -> str | None:
    """A value written beside a label above the header (``移行ファイル名：個人`` or two cells)."""
    wanted = {normalise(label) for label in labels}
    for row in table.rows[:before]:
        for col, cell in enumerate(row):
            parts = re.split(r"[:：]", cell, maxsplit=1)
            if len(parts) == 2 and normalise(parts[0]) in wanted and parts[1].strip():
                return parts[1].strip()
            if normalise(cell) in wanted:
                rest = [c.strip() for c in row[col + 1 :] if c.strip()]
                if rest:
                    return rest[0]
    return None
