"""Targets that filter (``where``) or merge (``distinct``) their source's rows.

A target's accounting is exact: every source row is written, rejected, filtered out by
``where``, or merged into another row of its ``distinct`` group (``Counts``). Rows the reader
already found broken are never filtered or merged: they go on to be rejected with their
findings. A ``where`` target streams batch by batch; a ``distinct`` target holds the whole
source in memory (groups span batches), picks one row per group (the first that satisfies
the first ``pick`` preference that any row of the group satisfies) and adds the group's
``count`` aggregates as columns ``__ag<rule>`` for the plan to read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
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

POS, RANK, SIZE = "__pos", "__rank", "__size"


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
    frames, findings, records = [], [], 0
    for batch in batches:
        frames.append(batch.frame)
        findings += batch.findings
        records += batch.records
    if not frames:
        return
    whole = Batch(pl.concat(frames, how="diagonal_relaxed"), findings, records)
    yield _grouped(_filtered(whole, target, source, counts), target, source, counts)


def _filtered(batch: Batch, target: Target, source: Source, counts: Counts) -> Batch:
    if not target.where or batch.frame.height == 0:
        return batch
    (keep,) = evaluate(batch.frame, [target.where], target, source)
    frame = batch.frame.with_columns(keep.alias("__keep"))
    kept = frame.filter(pl.col("__keep") | _broken(batch)).drop("__keep")
    counts.filtered += batch.frame.height - kept.height
    return Batch(kept, batch.findings, batch.records)


def _grouped(batch: Batch, target: Target, source: Source, counts: Counts) -> Batch:
    frame = batch.frame
    broken = frame.filter(_broken(batch))
    good = frame.filter(~_broken(batch))
    keys = [col(source.field_names.index(f)) for f in target.distinct]
    wanted: list[Condition] = [p for p in target.pick if p is not None]
    counted = [(j, r.count_where) for j, r in enumerate(target.rules) if r.kind == "count"]
    tests = evaluate(good, wanted + [c for _, c in counted], target, source)
    picks, flags = tests[: len(wanted)], tests[len(wanted) :]
    rank: list[pl.Expr] = []
    n = 0
    for p, pref in enumerate(target.pick):
        if pref is None:
            rank.append(pl.lit(p, pl.Int64))
        else:
            rank.append(pl.when(pl.lit(picks[n])).then(pl.lit(p, pl.Int64)))
            n += 1
    pairs = zip(counted, flags, strict=True)
    flagged = [pl.lit(f).cast(pl.Int64).alias(aggregate(j)) for (j, _), f in pairs]
    good = good.with_row_index(POS).with_columns(pl.coalesce(rank).alias(RANK), *flagged)
    sums = [pl.col(aggregate(j)).sum().cast(pl.String) for j, _ in counted]
    others = [c for c in good.columns if c not in keys and not c.startswith("__ag")]
    picked = (
        good.sort(RANK, POS, nulls_last=True)
        .group_by(keys, maintain_order=True)
        .agg(*[pl.col(c).first() for c in others], pl.len().alias(SIZE), *sums)
        .sort(POS)
    )
    counts.merged += good.height - picked.height
    names = ", ".join(target.distinct)
    unpicked = picked.filter(pl.col(RANK).is_null())
    findings = list(batch.findings)
    for row in unpicked.get_column(ROW).cast(pl.Int64).to_list():
        findings.append(
            Finding(
                "rule",
                "error",
                Msg("rule.unpicked", names=names),
                row=row,
            )
        )
    out = picked.select(*frame.columns, *[aggregate(j) for j, _ in counted])
    if broken.height:
        out = pl.concat([out, broken], how="diagonal_relaxed").sort(pl.col(ROW).cast(pl.Int64))
    return Batch(out, findings, batch.records)


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
