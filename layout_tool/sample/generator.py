"""The generator's entry points: frames for tests, folders for the CLI."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from layout_tool.errors import LayoutToolError
from layout_tool.progress import Progress
from layout_tool.sample.faults import seed_faults
from layout_tool.sample.model import AreaPlan
from layout_tool.sample.plan import plan_area
from layout_tool.sample.render import render
from layout_tool.sample.stream import probe_scale, write_streamed
from layout_tool.sample.structure import analyse
from layout_tool.sample.writer import BATCH_ROWS, write, write_faults, write_plan
from layout_tool.spec.model import AreaSpec


def plan_for(
    spec: AreaSpec, rows: int, seed: int, file_id: str | None = None
) -> tuple[AreaPlan, list[str]]:
    """The plan and the files to output.

    Without ``file_id``, ``rows`` is the main file's row count. With it, ``rows`` is that
    file's: the area is planned at the scale that gives the file at least ``rows`` rows (from
    a small probe), and the file is cut to exactly ``rows``. A cut keeps every property of the
    file: keys stay unique, its references still resolve, and its rule groups are prefixes.
    """
    if rows < 0:
        raise LayoutToolError(f"rows must be 0 or more, not {rows}")
    if not spec.files:
        raise LayoutToolError(f"area {spec.id} has no files to generate")
    if file_id is None:
        return plan_area(spec, rows, seed), [f.id for f in spec.files]
    spec.file(file_id)
    main = analyse(spec).main
    if file_id == main or rows == 0:
        area = plan_area(spec, rows, seed, stop_at=file_id)
    else:
        scale = probe_scale(spec, rows, seed, file_id)
        area = plan_area(spec, scale, seed, stop_at=file_id)
        for _ in range(4):
            if area.files[file_id].rows >= rows:
                break
            scale *= 2
            area = plan_area(spec, scale, seed, stop_at=file_id)
    plan = area.files[file_id]
    plan.frame = plan.frame.head(rows)
    return area, [file_id]


def generate(
    spec: AreaSpec, rows: int, seed: int, file_id: str | None = None
) -> dict[str, pl.DataFrame]:
    """One DataFrame per file (String columns named by item, empty = null), deterministic."""
    area, file_ids = plan_for(spec, rows, seed, file_id)
    return {fid: _render_all(area, fid) for fid in file_ids}


def _render_all(area: AreaPlan, file_id: str) -> pl.DataFrame:
    """The whole file, rendered in batches so that scratch columns stay batch-sized."""
    frame = area.files[file_id].frame
    if frame.height <= BATCH_ROWS:
        return render(area, file_id, frame)
    parts = [
        render(area, file_id, frame.slice(offset, BATCH_ROWS))
        for offset in range(0, frame.height, BATCH_ROWS)
    ]
    return pl.concat(parts, rechunk=False)


def sample_to_dir(
    spec: AreaSpec,
    rows: int,
    seed: int,
    outdir: Path,
    file_id: str | None = None,
    faults: int = 0,
    progress: Progress | None = None,
) -> list[Path]:
    """Generate and write; with ``faults`` the data is held in memory to seed them. Without,
    the plan is made block by block where the area allows it (``stream``), so memory does
    not grow with ``rows``.
    ``progress(path, rows written)`` is called after each batch."""
    if faults < 0:
        raise LayoutToolError(f"faults must be 0 or more, not {faults}")
    if faults == 0:
        streamed = write_streamed(spec, rows, seed, Path(outdir), file_id, progress)
        if streamed is not None:
            return streamed
        area, file_ids = plan_for(spec, rows, seed, file_id)
        return write_plan(area, file_ids, Path(outdir), progress=progress)
    frames = generate(spec, rows, seed, file_id)
    frames, seeded = seed_faults(frames, spec, faults, seed)
    paths = write(frames, spec, Path(outdir))
    paths.append(write_faults(seeded, Path(outdir)))
    return paths
