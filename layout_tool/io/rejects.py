"""The rejects file: every row a conversion could not deliver, with why, and as it was read.

One writer and one format for every convert mode (``--mapping``, ``--reverse``, ``--spec``,
CSV, fixed-width and XML inputs): ``OUTDIR/conversion/<output>.rejects.csv``, UTF-8 with a
BOM (Excel opens it right), CRLF, with the columns

    row, codes, findings, <the record's fields…>, raw

``codes`` are the row's finding codes in the order found, joined by ``;``; ``findings`` are
``item: code: message`` (``-`` for a finding on the whole row), joined by `` | ``. Cells are
spreadsheet-safe (``safety.cells``); ``raw`` keeps the exact record as a JSON array of its
fields, or as a JSON string of its text when it could not be split into fields.

The file is made when the first row is rejected: a run that rejects nothing leaves none.
"""

from __future__ import annotations

import json
from contextlib import ExitStack
from pathlib import Path
from typing import BinaryIO

import polars as pl

from layout_tool.findings.frame import CODE, ITEM, MESSAGE, ROW
from layout_tool.io.atomic import atomic_path
from layout_tool.io.encoding import BOM
from layout_tool.safety.cells import raw_record, safe_column

CODE_SEPARATOR = ";"
FINDING_SEPARATOR = " | "
CODES = "codes"
FINDINGS = "findings"
RAW = "raw"
HEAD = ("row", CODES, FINDINGS)  # then the record's fields, then RAW


def rejects_path(side: Path, stem: str) -> Path:
    return side / f"{stem}.rejects.csv"


def summarise(long: pl.DataFrame, rows: pl.Series) -> pl.DataFrame:
    """Per rejected row (``ROW``, ``codes``, ``findings``): its findings as the file shows them."""
    errors = long.filter(pl.col(ROW).is_in(rows.cast(pl.Int64).implode()))
    text = pl.concat_str(
        pl.col(ITEM).fill_null("-"), pl.lit(": "), pl.col(CODE), pl.lit(": "), pl.col(MESSAGE)
    )
    return errors.group_by(ROW, maintain_order=True).agg(
        pl.col(CODE).unique(maintain_order=True).str.join(CODE_SEPARATOR).alias(CODES),
        text.str.join(FINDING_SEPARATOR).alias(FINDINGS),
    )


class RejectsWriter:
    """Rejected rows of one output into ``path``, written atomically with ``stack``.

    Nothing is created until a row is rejected; the file is renamed into place when
    ``stack`` closes (with the run's other outputs), and removed if the run fails.
    """

    def __init__(self, path: Path, names: list[str], stack: ExitStack) -> None:
        self.path = path
        self.names = [*HEAD, *[_unclash(n) for n in names], RAW]
        self.stack = stack
        self.rows = 0
        self.fh: BinaryIO | None = None

    @property
    def written(self) -> str | None:
        """The file's path when a row was rejected, else None (and no file)."""
        return str(self.path) if self.rows else None

    def write(self, rejected: pl.DataFrame, raw: dict[int, str] | None = None) -> None:
        """Rows given as (``ROW``, ``codes``, ``findings``, the record's fields…)."""
        if rejected.height == 0:
            return
        frame = rejected.select(pl.all().cast(pl.String))
        records = raw_column(frame, raw or {})
        frame = frame.select(safe_column(pl.col(c)) for c in frame.columns)
        frame = frame.with_columns(pl.Series(RAW, records, dtype=pl.String))
        frame.columns = self.names
        frame.write_csv(self._open(), include_header=False, line_terminator="\r\n", null_value="")
        self.rows += rejected.height

    def write_found(
        self, frame: pl.DataFrame, long: pl.DataFrame, raw: dict[int, str] | None = None
    ) -> None:
        """Rows given as (``ROW``, the record's fields…) with their findings frame."""
        if frame.height == 0:
            return
        summary = summarise(long, frame.get_column(ROW))
        summary = summary.with_columns(pl.col(ROW).cast(frame.schema[ROW]))
        joined = frame.join(summary, on=ROW, how="left", maintain_order="left")
        self.write(joined.select(ROW, CODES, FINDINGS, pl.exclude(ROW, CODES, FINDINGS)), raw)

    def _open(self) -> BinaryIO:
        if self.fh is None:
            tmp = self.stack.enter_context(atomic_path(self.path))
            self.fh = tmp.open("wb")
            self.stack.callback(self.close)  # closed before the rename
            self.fh.write(BOM)
            header = pl.DataFrame(schema={n: pl.String for n in self.names})
            header.write_csv(self.fh, line_terminator="\r\n")
        return self.fh

    def close(self) -> None:
        if self.fh is not None and not self.fh.closed:
            self.fh.close()


def raw_column(frame: pl.DataFrame, raw: dict[int, str]) -> list[str]:
    """Per rejected row (``row``, ``codes``, ``findings``, fields…): the exact record."""
    out = []
    for rec in frame.iter_rows():
        row = int(rec[0]) if rec[0] is not None else 0
        out.append(json.dumps(raw[row], ensure_ascii=False) if row in raw else raw_record(rec[3:]))
    return out


def _unclash(name: str) -> str:
    return f"{name} (input)" if name in (*HEAD, RAW) else name
