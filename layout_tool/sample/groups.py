"""The rules' groups (世帯): formed over the rows that match ``where``, heads first.

docs/checks.md checks two rules per group of matching rows: exactly one row with
``item == value`` (one 世帯主 per 世帯) and ``item`` numbered 1..n (記載順位). The plan makes
both true by construction: matching rows are cut, in order, into groups of 1..6 rows; a row's
group number becomes its group item (世帯番号) and its position the numbered item; the first
row of each group is the head. Rows that do not match join the group of their entity's latest
row, or a random group, so every group number a row carries is one that exists.
"""

from __future__ import annotations

import polars as pl

from layout_tool.sample.model import AreaPlan, FilePlan, Flag, GroupSeq, OneOf, Where
from layout_tool.sample.rand import below, weighted
from layout_tool.sample.render import render
from layout_tool.spec.model import Rule

HOUSEHOLD = (30, 25, 20, 15, 7, 3)
"""Group sizes (1..6) for the rules' groups (世帯)."""
_U32 = pl.UInt32


def rule_roles(
    area: AreaPlan, plan: FilePlan, sig: Rule, rules: list[Rule], versions: bool
) -> None:
    """Roles of the ``where`` items and of the rules' items (unless they already have one).

    A two-valued code item filtered on, in a file with versions, is a latest-version flag
    (最新フラグ): its ``where`` value marks each entity's last version.
    """
    for name, value in sig.where.items():
        if name in plan.roles:
            continue
        item = plan.spec.item(name)
        table = area.spec.codes[item.code].values if item.code is not None else {}
        others = [v for v in table if v != value]
        if item.type == "code" and versions and len(table) == 2 and value in table:
            plan.roles[name] = Flag(value, others[0])
        else:
            plan.roles[name] = Where(value)
    for rule in rules:
        if rule.item is None or rule.item in plan.roles:
            continue
        if rule.rule == "one-per-group" and rule.value is not None:
            plan.roles[rule.item] = OneOf(rule.value)
        elif rule.rule == "sequence-in-group":
            plan.roles[rule.item] = GroupSeq()


def matching(area: AreaPlan, plan: FilePlan, sig: Rule) -> pl.Series:
    """Which rows match the rule's ``where`` (rendered, so the flags are exact)."""
    names = list(sig.where)
    if not names:
        return pl.Series("_match", [True] * plan.rows, dtype=pl.Boolean)
    values = render(area, plan.spec.id, plan.frame, names)
    match = pl.lit(True)
    for name, value in sig.where.items():
        match = match & (pl.col(name) == value).fill_null(False)
    return values.select(match.alias("_match"))["_match"]


def place(
    frame: pl.DataFrame, group: pl.Series, position: pl.Series
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Matching rows get their group (``_g``) and place in it (``_pos``); and the heads."""
    frame = frame.with_columns(
        pl.when(pl.col("_match")).then(pl.lit(group)).alias("_g"),
        pl.when(pl.col("_match")).then(pl.lit(position)).cast(_U32).alias("_pos"),
    )
    return frame, frame.filter(pl.col("_match") & (pl.col("_pos") == 1)).sort("_g")


def assign_groups(frame: pl.DataFrame, salt: int, count: int) -> pl.DataFrame:
    """``_grp`` of every row: its own group, else its entity's latest matching row's, else
    a seeded draw among ``count`` groups (a row outside the rule still belongs somewhere)."""
    latest = (
        frame.filter(pl.col("_match") & pl.col("_last"))
        .select("_anchor", pl.col("_g").alias("_lg"))
        .unique(subset="_anchor", keep="first", maintain_order=True)
    )
    frame = frame.join(latest, on="_anchor", how="left", maintain_order="left")
    stray = below(pl.col("_row"), salt + 1, max(count, 1)).cast(pl.Int64)
    frame = frame.with_columns(pl.coalesce("_g", "_lg", stray).cast(_U32).alias("_grp"))
    return frame.drop("_g", "_lg")


def form_groups(plan: FilePlan, flags: pl.Series, single: bool, salt: int) -> None:
    """Set ``_match``, ``_pos``, ``_grp`` and ``_head`` and the plan's group heads."""
    frame = plan.frame.with_columns(flags.alias("_match"))
    rank = (flags.cast(pl.Int64).cum_sum() - 1).clip(lower_bound=0)
    matched = int(flags.sum())
    if matched == 0 or single:
        group = pl.Series([0] * frame.height, dtype=pl.Int64)
        position = rank + 1
    else:
        draws = weighted(HOUSEHOLD, pl.int_range(matched, dtype=pl.UInt64), salt) + 1
        sizes = pl.select(draws.cast(pl.Int64).alias("s"))["s"]
        ends = sizes.cum_sum()
        group = ends.search_sorted(rank, side="right").cast(pl.Int64)
        position = rank - (ends - sizes).gather(group) + 1
    frame, heads = place(frame, group, position)
    count = heads.height
    frame = assign_groups(frame, salt, count)
    if count:
        last = pl.lit(count - 1, _U32)
        head = pl.lit(heads["_anchor"]).gather(pl.min_horizontal(pl.col("_grp"), last))
        in_range = pl.col("_grp") < count
        frame = frame.with_columns(
            pl.when(in_range).then(head).otherwise(pl.col("_anchor")).alias("_head")
        )
    plan.frame = frame
    plan.heads = heads["_row"]
