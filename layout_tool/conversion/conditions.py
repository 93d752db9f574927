"""``where:``, ``pick`` and ``count`` conditions evaluated over a batch of source rows.

The conditions themselves are parsed and checked by :mod:`layout_tool.mapping.conditions`.
Empty values are missing values here too: ``""`` and a blank field both count as empty.
"""

from __future__ import annotations

import polars as pl

from layout_tool.conversion.plan import forward
from layout_tool.conversion.stages import Stages, Val
from layout_tool.io.csvsource import col
from layout_tool.mapping.model import Clause, Condition, Source, Target
from layout_tool.mapping.transforms.base import empty_to_null


def _clause(value: pl.Expr, clause: Clause) -> pl.Expr:
    value = empty_to_null(value)
    if clause.values is None:
        test = value.is_null()
    else:
        test = value.is_in(list(clause.values)).fill_null(False)
    return ~test if clause.negate else test


def evaluate(
    frame: pl.DataFrame, conditions: list[Condition], target: Target, source: Source
) -> list[pl.Series]:
    """For each condition, a boolean column over ``frame``'s rows (``c0``… per field).

    Items are converted by their own rules first (a failed conversion is an empty value).
    """
    names = {c.name for cond in conditions for c in cond if c.item}
    st = Stages("__w")
    fields = {f.name: Val(col(i)) for i, f in enumerate(source.fields)}
    rules = tuple(r for r in target.tested if r.item.name in names)
    sub = Target(target.file, target.source, rules)
    outcomes = forward(st, sub, fields, {})
    value_of = {r.item.name: outcomes[i].value.name for i, r in enumerate(rules)}
    lf = frame.lazy()
    if rules:
        lf = st.apply(lf, list(value_of.values()))
    exprs = []
    for n, cond in enumerate(conditions):
        tests = [
            _clause(
                pl.col(value_of[c.name] if c.item else col(source.field_names.index(c.name))), c
            )
            for c in cond
        ]
        exprs.append((pl.all_horizontal(tests) if tests else pl.lit(True)).alias(f"__cond{n}"))
    out = lf.select(exprs).collect()
    return [out.get_column(f"__cond{n}") for n in range(len(conditions))]
