"""Write generated files: CSV, UTF-8 without BOM, LF, header = item names, atomically.

Each file is written to a temporary name in the target folder and renamed when complete, so
an interrupted run never leaves a file that looks finished. Large outputs are rendered from
the plan in batches, which bounds memory by the batch, not by the file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO, cast

import polars as pl

from layout_tool.errors import LayoutToolError
from layout_tool.io.atomic import atomic_open
from layout_tool.progress import Progress
from layout_tool.progress import plan as planned
from layout_tool.sample.model import AreaPlan
from layout_tool.sample.render import render
from layout_tool.spec.model import AreaSpec, FileSpec

BATCH_ROWS = 250_000
BATCH_CELLS = 4_000_000
"""Rows of a wide file are rendered fewer at a time: about this many cells a batch."""


def batch_rows_for(spec: FileSpec) -> int:
    """Rows per rendered batch: ``BATCH_ROWS``, fewer for a wide file (77 items: 51,948)."""
    return max(10_000, min(BATCH_ROWS, BATCH_CELLS // max(len(spec.items), 1)))


FAULTS_NAME = "faults.csv"


def file_name(spec: FileSpec) -> str:
    return f"{spec.filename or spec.id}.csv"


def atomic_write(path: Path, body: Callable[[BinaryIO], None]) -> None:
    """Run ``body`` on a temporary file beside ``path``, renamed into place when complete."""
    try:
        with atomic_open(path) as handle:
            body(cast(BinaryIO, handle))
    except OSError as exc:
        raise LayoutToolError(f"cannot write {path}: {exc.strerror or exc}") from exc


def _csv(frame: pl.DataFrame, handle: BinaryIO, header: bool = True) -> None:
    frame.write_csv(handle, include_header=header, line_terminator="\n", null_value="")


def write(frames: Mapping[str, pl.DataFrame], spec: AreaSpec, outdir: Path) -> list[Path]:
    """Write each frame as ``<filename or id>.csv`` in ``outdir``; returns the paths."""
    paths: list[Path] = []
    for file_id, frame in frames.items():
        path = Path(outdir) / file_name(spec.file(file_id))
        atomic_write(path, lambda handle, frame=frame: _csv(frame, handle))  # type: ignore[misc]
        paths.append(path)
    return paths


def write_plan(
    area: AreaPlan,
    file_ids: Sequence[str],
    outdir: Path,
    batch_rows: int | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """Render and write planned files batch by batch (``batch_rows``: ``batch_rows_for``)."""
    paths: list[Path] = []
    rows = {str(Path(outdir) / file_name(area.files[f].spec)): area.files[f].frame.height
            for f in file_ids}  # fmt: skip
    planned(progress, rows)
    for file_id in file_ids:
        plan = area.files[file_id]
        path = Path(outdir) / file_name(plan.spec)

        size = batch_rows or batch_rows_for(plan.spec)

        def body(
            handle: BinaryIO, file_id: str = file_id, path: Path = path, size: int = size
        ) -> None:
            frame = area.files[file_id].frame
            offsets = range(0, frame.height, size) if frame.height else [0]
            for offset in offsets:
                part = render(area, file_id, frame.slice(offset, size))
                _csv(part, handle, header=offset == 0)
                if progress is not None:
                    progress(str(path), offset + part.height)

        atomic_write(path, body)
        paths.append(path)
    return paths


def write_faults(faults: Sequence[tuple[str, str, int, str]], outdir: Path) -> Path:
    """``faults.csv`` (code,file_id,row,item) beside the data."""
    frame = pl.DataFrame(
        [list(f) for f in faults],
        schema={"code": pl.String, "file_id": pl.String, "row": pl.Int64, "item": pl.String},
        orient="row",
    )
    path = Path(outdir) / FAULTS_NAME
    atomic_write(path, lambda handle: _csv(frame, handle))
    return path
