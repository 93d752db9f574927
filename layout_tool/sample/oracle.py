"""The cross-row findings of docs/checks.md over in-memory frames: keys, references, rules.

Fault seeding uses it to prove that a seeded fault adds exactly the one finding it claims (a
changed key must not orphan another file's reference, a changed 世帯番号 must not break a
household). It is deliberately small and independent of the validator it helps to test.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

import polars as pl

from layout_tool.spec.model import AreaSpec

Found = tuple[str, str, int, str]
"""(code, file id, 1-based row, item)"""

_ROW = "__row"
_SEP = "\x1f"


def _numbered(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(pl.int_range(1, pl.len() + 1, dtype=pl.Int64).alias(_ROW))


def _joined(names: list[str]) -> pl.Expr:
    return pl.concat_str([pl.col(n) for n in names], separator=_SEP, ignore_nulls=False)


def key_duplicates(spec: AreaSpec, frames: Mapping[str, pl.DataFrame]) -> list[Found]:
    found: list[Found] = []
    for file_id, frame in frames.items():
        key = list(spec.file(file_id).key)
        if not key:
            continue
        rows = _numbered(frame).select(_ROW, _joined(key).alias("k")).drop_nulls("k")
        later = rows.filter(pl.int_range(pl.len()).over("k") > 0)
        found += [("key-duplicate", file_id, r, key[0]) for r in later[_ROW].to_list()]
    return found


def references(spec: AreaSpec, frames: Mapping[str, pl.DataFrame]) -> list[Found]:
    found: list[Found] = []
    for ref in spec.references:
        source, target = frames.get(ref.source.file), frames.get(ref.target.file)
        if source is None or target is None:
            continue
        wanted = target.select(_joined(list(ref.target.items)).alias("k")).drop_nulls()["k"]
        rows = (
            _numbered(source)
            .select(_ROW, _joined(list(ref.source.items)).alias("k"))
            .drop_nulls("k")
        )
        bad = rows.filter(~pl.col("k").is_in(wanted.implode()))
        found += [
            ("reference", ref.source.file, r, ref.source.items[0]) for r in bad[_ROW].to_list()
        ]
    return found


def rules(spec: AreaSpec, frames: Mapping[str, pl.DataFrame]) -> list[Found]:
    found: list[Found] = []
    for rule in spec.rules:
        frame = frames.get(rule.file)
        if frame is None or rule.item is None:
            continue
        cond = pl.lit(True)
        for name, value in rule.where.items():
            cond = cond & (pl.col(name) == value).fill_null(False)
        rows = _numbered(frame).filter(cond)
        group: list[str | pl.Expr] = list(rule.group) or [pl.lit(0).alias("__all")]
        if rule.rule == "one-per-group":
            agg = rows.group_by(group).agg(
                pl.col(_ROW).min().alias("row"), (pl.col(rule.item) == rule.value).sum().alias("n")
            )
            bad = agg.filter(pl.col("n") != 1)
        else:
            number = pl.col(rule.item).cast(pl.Int64, strict=False)
            agg = rows.group_by(group).agg(
                pl.col(_ROW).min().alias("row"),
                pl.len().alias("n"),
                number.min().alias("lo"),
                number.max().alias("hi"),
                number.n_unique().alias("u"),
                number.null_count().alias("nulls"),
            )
            ok = (pl.col("lo") == 1) & (pl.col("hi") == pl.col("n")) & (pl.col("u") == pl.col("n"))
            bad = agg.filter(~(ok & (pl.col("nulls") == 0)).fill_null(True))
        found += [("rule", rule.file, r, rule.item) for r in sorted(bad["row"].to_list())]
    return found


def cross_row(spec: AreaSpec, frames: Mapping[str, pl.DataFrame]) -> Counter[Found]:
    """Every key, reference and rule finding of the frames, as a multiset."""
    return Counter(key_duplicates(spec, frames) + references(spec, frames) + rules(spec, frames))
