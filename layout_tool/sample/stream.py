"""Write sample files from a plan made block by block (``blocks``): memory bounded by a block.

``sample_to_dir`` comes here first (without faults). Each file is written by walking the
blocks once more, planning each block's rows of the files up to it and rendering its own in
batches of ``writer.batch_rows_for`` rows. The bytes are those of the whole-file plan
(``plan_for`` + ``write_plan``), which tests/unit/test_sample_blocks.py proves for every
bundled area and file. Which areas and files stream is ``shapes.shape``'s call; those that
do not (a small lookup asked for alone, a main file with rules but not one group) are
planned whole by the caller, as before.

Passes over the blocks: a census of the main file (planning only), for ``--file`` of a file
other than the main one a count of its rows at the scale ``plan_for`` would choose, for a
progress display that shows the rows to come a count of every file's rows, then one pass a
file written. Planning is a few per cent of the time; rendering is the rest.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import BinaryIO

import polars as pl

from layout_tool.progress import Planned, Progress
from layout_tool.progress import plan as planned
from layout_tool.sample.blocks import BLOCK_ENTITIES, Census, census, plan_blocks, usable
from layout_tool.sample.model import AreaPlan
from layout_tool.sample.plan import plan_area
from layout_tool.sample.render import render
from layout_tool.sample.shapes import shape
from layout_tool.sample.structure import analyse
from layout_tool.sample.writer import _csv, atomic_write, batch_rows_for, file_name
from layout_tool.spec.model import AreaSpec

PROBE_ROWS = 1000
"""Rows of the small plan that tells the scale for ``--file`` of a file other than the main."""


def streamable(spec: AreaSpec, stop_at: str | None) -> bool:
    """Whether ``plan_blocks`` can make the plan up to ``stop_at`` (see ``shapes``)."""
    return shape(spec, stop_at) is not None


def probe_scale(spec: AreaSpec, rows: int, seed: int, file_id: str) -> int:
    """The main-file scale first tried for ``rows`` rows of ``file_id``: from a small probe
    plan, 5 % and 10 rows above what its share of the probe promises (doubled by callers
    while it falls short)."""
    probe_rows = min(rows, PROBE_ROWS)
    got = plan_area(spec, probe_rows, seed, stop_at=file_id).files[file_id].rows
    return rows if got == 0 else math.ceil(rows * probe_rows / got * 1.05) + 10


def _cut_scale(
    spec: AreaSpec, rows: int, seed: int, file_id: str, block: int
) -> tuple[int, Census] | None:
    """The scale ``plan_for`` plans at for ``rows`` rows of ``file_id`` (not the main file)."""
    scale = probe_scale(spec, rows, seed, file_id)
    for attempt in range(5):
        facts = census(spec, scale, seed, block)
        if not usable(spec, facts):
            return None
        if attempt == 4 or _count(spec, scale, seed, file_id, block, facts) >= rows:
            return scale, facts
        scale *= 2
    return None  # pragma: no cover - the loop returns


def _count(spec: AreaSpec, scale: int, seed: int, file_id: str, block: int, facts: Census) -> int:
    blocks = plan_blocks(spec, scale, seed, file_id, block, facts)
    return sum(area.files[file_id].frame.height for area in blocks)


def _totals(
    spec: AreaSpec,
    scale: int,
    seed: int,
    file_ids: Sequence[str],
    block: int,
    facts: Census,
    limit: int | None,
) -> dict[str, int]:
    """Each file's row count (a pass that plans but does not render)."""
    st = analyse(spec)
    order = list(st.order)
    main_at = order.index(st.main)
    totals = {f: 0 for f in file_ids}
    resident = [f for f in file_ids if order.index(f) < main_at]
    if resident:
        area = plan_area(spec, scale, seed, stop_at=order[main_at - 1])
        totals.update({f: area.files[f].rows for f in resident})
    others = [f for f in file_ids if f not in resident and f != st.main]
    if st.main in totals:
        totals[st.main] = facts.rows
    if others:
        stop = max(others, key=order.index)
        for area in plan_blocks(spec, scale, seed, stop, block, facts):
            for f in others:
                totals[f] += area.files[f].frame.height
    if limit is not None:
        totals = {f: min(n, limit) for f, n in totals.items()}
    return totals


def _file_blocks(
    spec: AreaSpec, scale: int, seed: int, file_id: str, block: int, facts: Census, total: int
) -> Iterator[tuple[AreaPlan, pl.DataFrame]]:
    """The plan of ``file_id`` a block at a time (whole if it is a lookup), ``total`` rows."""
    st = analyse(spec)
    if st.order.index(file_id) < st.order.index(st.main):
        area = plan_area(spec, scale, seed, stop_at=file_id)
        yield area, area.files[file_id].frame.head(total)
        return
    done = 0
    for area in plan_blocks(spec, scale, seed, file_id, block, facts):
        frame = area.files[file_id].frame.head(total - done)
        done += frame.height
        yield area, frame
        if done >= total:
            return


def write_streamed(
    spec: AreaSpec,
    rows: int,
    seed: int,
    outdir: Path,
    file_id: str | None = None,
    progress: Progress | None = None,
    block: int = BLOCK_ENTITIES,
) -> list[Path] | None:
    """Write what ``write_plan(*plan_for(...))`` writes, block by block; ``None`` where the
    area's shape does not allow it (the caller then plans whole files)."""
    if rows <= 0 or not spec.files:
        return None
    st = analyse(spec)
    if file_id is not None:
        spec.file(file_id)
    if not streamable(spec, file_id):
        return None
    limit: int | None = None
    if file_id is None or file_id == st.main:
        scale = rows
        facts = census(spec, scale, seed, block)
        if not usable(spec, facts):
            return None
    else:
        found = _cut_scale(spec, rows, seed, file_id, block)
        if found is None:
            return None
        scale, facts = found
        limit = rows
    file_ids = [f.id for f in spec.files] if file_id is None else [file_id]
    outdir = Path(outdir)
    if isinstance(progress, Planned):  # a display that shows each file's rows to come
        totals = _totals(spec, scale, seed, file_ids, block, facts, limit)
        planned(progress, {str(outdir / file_name(spec.file(f))): totals[f] for f in file_ids})
    else:  # no pass to count them: a file ends with its blocks (or at ``limit``)
        totals = {f: limit if limit is not None else sys.maxsize for f in file_ids}
    paths: list[Path] = []
    for fid in file_ids:
        path = outdir / file_name(spec.file(fid))
        parts = _file_blocks(spec, scale, seed, fid, block, facts, totals[fid])
        atomic_write(
            path, partial(_write, path=path, file_id=fid, parts=parts, spec=spec, progress=progress)
        )
        paths.append(path)
    return paths


def _write(
    handle: BinaryIO,
    path: Path,
    file_id: str,
    parts: Iterator[tuple[AreaPlan, pl.DataFrame]],
    spec: AreaSpec,
    progress: Progress | None,
) -> None:
    size = batch_rows_for(spec.file(file_id))
    done = 0
    for area, frame in parts:
        for offset in range(0, frame.height, size):
            part = render(area, file_id, frame.slice(offset, size))
            _csv(part, handle, header=done == 0)
            done += part.height
            if progress is not None:
                progress(str(path), done)
    if done == 0:  # no rows: the header alone, as the whole-file writer gives it
        names = spec.file(file_id).item_names
        _csv(pl.DataFrame({n: pl.Series([], dtype=pl.String) for n in names}), handle)
        if progress is not None:
            progress(str(path), 0)
