"""One side of a comparison read as frames of item columns, with the readers validate uses.

A side is files or folders of one area, CSV (any supported encoding) or XML. Each chunk
holds ``__row`` (the 1-based data row in its file) and one String column per item the
file carries, named by the item; empty values are null. Rows a reader could not take
(``row-shape``, ``encoding``) are counted, and the first few named in the notes.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from layout_tool.checks.header import map_columns
from layout_tool.io.batch import ROW, col
from layout_tool.io.csvsource import CsvSource
from layout_tool.report.finding import Finding
from layout_tool.spec.model import AreaSpec
from layout_tool.validate.inputs import resolve
from layout_tool.xml.reader import XmlSource
from layout_tool.xml.shape import Shape
from layout_tool.xml.validate import split_inputs

NOTED_FINDINGS = 5
BATCH_BYTES = 4 << 20  # both sides are read at once: half the batch validate reads


@dataclass
class Chunk:
    file_id: str
    label: str
    frame: pl.DataFrame
    findings: int = 0


@dataclass
class Side:
    """What was seen while reading one side (besides the chunks)."""

    name: str
    labels: dict[str, list[str]] = field(default_factory=dict)  # file_id → paths
    items: dict[str, set[str]] = field(default_factory=dict)  # file_id → items with a column
    notes: list[str] = field(default_factory=list)
    noted: int = 0

    def note_findings(self, findings: list[Finding]) -> None:
        for f in findings:
            if f.severity != "error":
                continue
            self.noted += 1
            if self.noted <= NOTED_FINDINGS:
                where = f"{f.file}:{f.row}" if f.row is not None else f"{f.file}"
                self.notes.append(f"{self.name}: {where}: {f.code}: {f.message}")


def sizes(spec: AreaSpec, paths: list[Path], encoding: str) -> dict[str, int]:
    """Input bytes per file of the area (an XML document counts for each of its files)."""
    out: dict[str, int] = {}
    xml, other = split_inputs(paths)
    for entry in resolve(spec, other, None, encoding).inputs if other else []:
        if entry.spec is not None:
            out[entry.spec.id] = out.get(entry.spec.id, 0) + entry.path.stat().st_size
    for path in xml:
        for f in spec.files:
            out[f.id] = out.get(f.id, 0) + path.stat().st_size
    return out


def read_side(
    spec: AreaSpec, paths: list[Path], side: Side, encoding: str, has_header: bool
) -> Generator[Chunk, None, None]:
    """Every record of the side, file by file, batch by batch."""
    xml, other = split_inputs(paths)
    for entry in resolve(spec, other, None, encoding).inputs if other else []:
        label = str(entry.path)
        if entry.spec is None:
            side.notes.append(f"{side.name}: {label}: not a file of {spec.id}; not compared")
            continue
        fspec = entry.spec
        src = CsvSource(
            entry.path,
            encoding=encoding,
            has_header=has_header,
            label=label,
            batch_bytes=BATCH_BYTES,
        )
        cmap = map_columns(fspec, src.header, label)
        side.note_findings([*src.header_findings, *[f for f in cmap.findings if not f.item]])
        positions = cmap.positions
        side.labels.setdefault(fspec.id, []).append(label)
        side.items.setdefault(fspec.id, set()).update(positions)
        names = [""] * cmap.ncols
        for name, pos in positions.items():
            names[pos] = name
        columns = [pl.col(col(pos)).alias(name) for name, pos in positions.items()]
        for batch in src.batches(cmap.ncols, names):
            side.note_findings(batch.findings)
            frame = batch.frame.select(pl.col(ROW).cast(pl.Int64), *columns)
            yield Chunk(fspec.id, label, frame, len(batch.findings))
    shape = Shape(spec) if xml else None
    for path in xml:
        label = str(path)
        source = XmlSource(spec, path, label=label, shape=shape)
        for section in source.sections():
            fspec = section.file
            side.labels.setdefault(fspec.id, []).append(label)
            side.items.setdefault(fspec.id, set()).update(fspec.item_names)
            columns = [pl.col(col(i)).alias(item.name) for i, item in enumerate(fspec.items)]
            for batch in section.batches:
                side.note_findings(batch.findings)
                frame = batch.frame.select(pl.col(ROW).cast(pl.Int64), *columns)
                yield Chunk(fspec.id, label, frame, len(batch.findings))
        side.note_findings(source.findings)
        side.notes.extend(f"{side.name}: {n}" for n in source.notes)
