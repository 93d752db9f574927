"""Targets that filter (``where``) or merge (``distinct``) their source's rows.

A target's accounting is exact: every source row is written, rejected, filtered out by
``where``, or merged into another row of its ``distinct`` group (``Counts``). Rows the reader
already found broken are never filtered or merged: they go on to be rejected with their
findings. A ``where`` target streams batch by batch. A ``distinct`` target picks one row per
group (the first that satisfies the first ``pick`` preference that any row of the group
satisfies) and adds the group's ``count`` aggregates as columns ``__ag<rule>`` for the plan
to read. Groups span batches, yet the source is never held: each batch is spilled to disk
(Arrow IPC) while only per-group aggregates stay in memory, then read back batch by batch;
the batches the plan sees, and so the outputs and reports, are the same whatever the size.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from layout_tool.conversion.conditions import evaluate
from layout_tool.findings import Finding
from layout_tool.i18n import Msg
from layout_tool.io.csvsource import ROW, Batch, col
from layout_tool.mapping.model import Condition, Source, Target

if TYPE_CHECKING:
    from layout_tool.conversion.files import Job
    from layout_tool.conversion.gaiji import GaijiStep
    from layout_tool.conversion.options import ConvertOptions
    from layout_tool.conversion.report import FileConversion

POS, RANK, BROKEN, UNPICKED = "__pos", "__rank", "__broken", "__unpicked"
# A row's order within its group, one integer: its pick rank (no preference satisfied: after
# every rank) in the high bits, its position among the good rows in the low 32.
UNRANKED = 1 << 15
FOLD_ROWS = 100_000  # group rows waiting before they are folded into the running groups


@dataclass
class Counts:
    filtered: int = 0
    merged: int = 0


def aggregate(j: int) -> str:
    """The column a ``count`` rule (index ``j`` in the target's rules) reads."""
    return f"__ag{j}"


def _broken(batch: Batch) -> pl.Expr:
    rows = sorted({f.row for f in batch.findings if f.row is not None and f.severity == "error"})
    return pl.col(ROW).cast(pl.Int64).is_in(rows) if rows else pl.lit(False)


def derive(
    batches: Iterator[Batch], target: Target, source: Source, counts: Counts
) -> Iterator[Batch]:
    """The batches ``target``'s plan converts; ``records`` stays the rows read."""
    if not target.distinct:
        for batch in batches:
            yield _filtered(batch, target, source, counts)
        return
    with tempfile.TemporaryDirectory(prefix="layout-tool-distinct-") as spill:
        yield from _grouped(batches, target, source, counts, Path(spill))


def _filtered(batch: Batch, target: Target, source: Source, counts: Counts) -> Batch:
    if not target.where or batch.frame.height == 0:
        return batch
    (keep,) = evaluate(batch.frame, [target.where], target, source)
    frame = batch.frame.with_columns(keep.alias("__keep"))
    kept = frame.filter(pl.col("__keep") | _broken(batch)).drop("__keep")
    counts.filtered += batch.frame.height - kept.height
    return Batch(kept, batch.findings, batch.records, batch.raw)


@dataclass
class _Spilled:
    """One batch as read (after ``where``), on disk; only its narrow columns stay in memory."""

    path: Path
    findings: list[Finding]
    records: int
    first: int  # the __pos of its first good row
    good: int  # its good rows
    raw: dict[int, str]  # the records the reader could not split (row-shape), as read


def _narrow(framed: pl.DataFrame, target: Target, source: Source, first: int) -> pl.DataFrame:
    """The good rows' group keys, order in their group (``__rank``) and count flags."""
    good = framed.filter(~pl.col(BROKEN)).drop(BROKEN)
    keys = [col(source.field_names.index(f)) for f in target.distinct]
    wanted: list[Condition] = [p for p in target.pick if p is not None]
    counted = [(j, r.count_where) for j, r in enumerate(target.rules) if r.kind == "count"]
    tests = evaluate(good, wanted + [c for _, c in counted], target, source)
    picks, flags = tests[: len(wanted)], tests[len(wanted) :]
    rank: list[pl.Expr] = []
    n = 0
    for p, pref in enumerate(target.pick):
        if pref is None:
            rank.append(pl.lit(p, pl.Int16))
        else:
            rank.append(pl.when(pl.lit(picks[n])).then(pl.lit(p, pl.Int16)))
            n += 1
    pairs = zip(counted, flags, strict=True)
    flagged = [pl.lit(f).cast(pl.UInt8).alias(aggregate(j)) for (j, _), f in pairs]
    return good.select(
        *keys,
        (
            (pl.coalesce(rank) if rank else pl.lit(None, pl.Int16))
            .fill_null(UNRANKED)
            .cast(pl.Int64)
            * (1 << 32)
            + pl.int_range(first, first + good.height, dtype=pl.Int64)
        ).alias(RANK),
        *flagged,
    )


def _grouped(
    batches: Iterator[Batch], target: Target, source: Source, counts: Counts, spill: Path
) -> Iterator[Batch]:
    """Pass 1 spills each batch and keeps its narrow columns; the groups are chosen on
    those; pass 2 reads the batches back and keeps each one's picked and broken rows."""
    keys = [col(source.field_names.index(f)) for f in target.distinct]
    counted = [j for j, r in enumerate(target.rules) if r.kind == "count"]
    spilled: list[_Spilled] = []
    # one row per group: its best order and its counts, folded in as batches come
    groups = pl.DataFrame()
    pending: list[pl.DataFrame] = []
    waiting = 0

    def fold(parts: list[pl.DataFrame]) -> pl.DataFrame:
        sums = [pl.col(aggregate(j)).cast(pl.Int64).sum() for j in counted]
        whole = pl.concat(parts, how="vertical_relaxed")
        return whole.group_by(keys).agg(pl.col(RANK).min(), *sums)

    loose: list[Finding] = []  # findings without a row: the first batch's, as if one batch
    pos = 0
    for batch in batches:
        batch = _filtered(batch, target, source, counts)
        framed = batch.frame.with_columns(_broken(batch).alias(BROKEN))
        narrow = _narrow(framed, target, source, pos)
        path = spill / f"{len(spilled)}.arrow"
        framed.write_ipc(path, compression="lz4")
        loose += [f for f in batch.findings if f.row is None]
        found = [f for f in batch.findings if f.row is not None]
        spilled.append(_Spilled(path, found, batch.records, pos, narrow.height, batch.raw))
        pending.append(fold([narrow]))
        waiting += pending[-1].height
        pos += narrow.height
        del batch, framed, narrow
        if waiting > max(groups.height, FOLD_ROWS):  # amortised: each row folded a few times
            groups, pending, waiting = fold([groups, *pending] if groups.width else pending), [], 0
    if not spilled:
        return
    groups = fold([groups, *pending] if groups.width else pending)
    picked = groups.select(
        (pl.col(RANK) % (1 << 32)).cast(pl.UInt32).alias(POS),
        (pl.col(RANK) >= UNRANKED * (1 << 32)).alias(UNPICKED),
        *[pl.col(aggregate(j)).cast(pl.String) for j in counted],
    ).sort(POS)
    counts.merged += pos - picked.height
    del groups, pending
    names = ", ".join(target.distinct)
    chosen = picked.select(POS, UNPICKED, *[aggregate(j) for j in counted])
    at = chosen.get_column(POS)
    del picked
    for n, part in enumerate(spilled):
        frame = pl.read_ipc(part.path)
        part.path.unlink()
        columns = [c for c in frame.columns if c != BROKEN]
        start = int(at.search_sorted(part.first, "left"))
        ours = chosen.slice(start, int(at.search_sorted(part.first + part.good, "left")) - start)
        whole = part.good == frame.height  # no broken rows: the good rows are the frame
        good = frame if whole else frame.filter(~pl.col(BROKEN))
        # only the picked rows are gathered (by their position among the good rows), not
        # the whole batch copied and joined
        at_rows = ours.get_column(POS) - part.first
        picked = good.select(columns).gather(at_rows).hstack(ours.drop(POS))
        del good
        findings = (loose if n == 0 else []) + part.findings
        for row in picked.filter(UNPICKED).get_column(ROW).cast(pl.Int64).to_list():
            findings.append(Finding("rule", "error", Msg("rule.unpicked", names=names), row=row))
        out = picked.select(*columns, *[aggregate(j) for j in counted])
        if not whole:
            broken = frame.filter(pl.col(BROKEN)).select(columns)
            out = pl.concat([out, broken], how="diagonal_relaxed").sort(pl.col(ROW).cast(pl.Int64))
        del frame, picked
        yield Batch(out, findings, part.records, part.raw)


def derived_batches(
    batches: Iterator[Batch],
    job: Job,
    gaiji: GaijiStep | None,
    result: FileConversion,
    counts: Counts,
    options: ConvertOptions,
) -> Iterator[Batch]:
    """The batches of one job as read (外字 table applied), then filtered and grouped for a
    derived target (forward only)."""

    def mapped() -> Iterator[Batch]:
        for batch in batches:
            if gaiji is not None:
                gaiji.apply(batch, result)
            yield batch

    if options.reverse or not job.target.derived:
        return mapped()
    return derive(mapped(), job.target, job.source, counts)
