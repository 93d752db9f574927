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

from layout_tool.findings import Finding
from layout_tool.i18n import t
from layout_tool.io.batch import ROW, col
from layout_tool.readers.inputs import resolve
from layout_tool.readers.protocol import ReadOptions
from layout_tool.readers.registry import open_reader
from layout_tool.spec.model import AreaSpec

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
    for entry in resolve(spec, paths, None, encoding).inputs:
        size = entry.path.stat().st_size
        if entry.form == "xml":
            for f in spec.files:
                out[f.id] = out.get(f.id, 0) + size
        elif entry.spec is not None:
            out[entry.spec.id] = out.get(entry.spec.id, 0) + size
    return out


def read_side(
    spec: AreaSpec, paths: list[Path], side: Side, encoding: str, has_header: bool
) -> Generator[Chunk, None, None]:
    """Every record of the side, file by file, batch by batch (CSV files, then documents)."""
    inputs = resolve(spec, paths, None, encoding).inputs
    for entry in sorted(inputs, key=lambda e: e.form == "xml"):
        label = str(entry.path)
        if entry.spec is None and not entry.read_anyway:
            side.notes.append(t("cmpnote.not-ours", side=side.name, path=label, area=spec.id))
            continue
        pinned = entry.spec if entry.form != "xml" else None
        options = ReadOptions(
            encoding=encoding, has_header=has_header, area=spec, file=pinned, label=label,
            batch_bytes=BATCH_BYTES, hashed=False,
        )  # fmt: skip
        reader = open_reader(entry.path, options, entry.form)
        side.note_findings([f for f in reader.findings if not f.item])
        before = len(reader.findings)
        for section in reader.sections():
            fspec = section.file
            assert fspec is not None
            positions = section.positions
            side.labels.setdefault(fspec.id, []).append(label)
            side.items.setdefault(fspec.id, set()).update(positions)
            columns = [pl.col(col(pos)).alias(name) for name, pos in positions.items()]
            for batch in section.batches:
                side.note_findings(batch.findings)
                frame = batch.frame.select(pl.col(ROW).cast(pl.Int64), *columns)
                yield Chunk(fspec.id, label, frame, len(batch.findings))
        side.note_findings(reader.findings[before:])
        side.notes.extend(f"{side.name}: {n}" for n in reader.notes)
