"""A small builder for staged polars expressions.

Transforms are chained per item (trim → code map → …). Nesting them into one expression tree
would evaluate a shared input once per reference; instead every step's result becomes a
column, and all columns that can be computed at the same depth go into one
``with_columns`` (so polars runs the items of a row side by side). Columns that no later
stage reads are dropped as soon as possible to keep a batch's memory small.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl


@dataclass(frozen=True)
class Val:
    """A column available from stage ``depth`` on (inputs have depth 0)."""

    name: str
    depth: int = 0

    @property
    def col(self) -> pl.Expr:
        return pl.col(self.name)


@dataclass
class Stages:
    prefix: str
    levels: list[dict[str, pl.Expr]] = field(default_factory=list)
    count: int = 0

    def add(self, expr: pl.Expr, *inputs: Val, name: str | None = None) -> Val:
        """Materialise ``expr`` (which reads ``inputs``) as a new column."""
        depth = max((v.depth for v in inputs), default=0)
        while len(self.levels) <= depth:
            self.levels.append({})
        if name is None:
            name = f"{self.prefix}{self.count}"
            self.count += 1
        self.levels[depth][name] = expr
        return Val(name, depth + 1)

    def apply(self, frame: pl.LazyFrame, keep: list[str]) -> pl.LazyFrame:
        """Run every stage; afterwards only ``keep`` and the input columns remain."""
        needed_after = self._liveness(keep)
        for depth, level in enumerate(self.levels):
            if level:
                frame = frame.with_columns(**level)
            drop = [
                n for lv in self.levels[: depth + 1] for n in lv if n not in needed_after[depth]
            ]
            if drop:
                frame = frame.drop(drop, strict=False)
        return frame

    def _liveness(self, keep: list[str]) -> list[set[str]]:
        """For each stage, the generated columns still read by later stages (or kept)."""
        live = set(keep)
        out: list[set[str]] = [set() for _ in self.levels]
        for depth in range(len(self.levels) - 1, -1, -1):
            out[depth] = set(live)
            for expr in self.levels[depth].values():
                live |= set(expr.meta.root_names())
        return out
