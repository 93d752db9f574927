"""Render plan rows into item values: one polars expression per item, copies by gather.

Rendering is a pure function of the plan rows given, so any slice of a plan renders the same
values as the whole: that is what lets ``writer`` stream ten million rows in batches. A copied
item (a reference) gathers the referenced file's plan rows and renders the target item there,
recursively, so a 宛名番号 is rendered in exactly one place however many files carry it.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from layout_tool.sample.model import (
    AreaPlan,
    Const,
    Copy,
    Flag,
    Free,
    GroupSeq,
    Indexed,
    Label,
    Null,
    OneOf,
    RandomIndex,
    Role,
    Where,
)
from layout_tool.sample.rand import below, chance, choose, salt
from layout_tool.sample.semantic import ANCHOR, ROW, Semantic
from layout_tool.sample.values import code_value, constant, fit, index_value, typed_value
from layout_tool.spec.model import Item

_IDENTITY = (
    "氏",
    "名",
    "フリガナ",
    "生年月日",
    "性別",
    "住民票コード",
    "個人番号",
    "法人番号",
    "基礎年金番号",
    "在留",
    "国籍",
    "本籍",
    "筆頭者",
    "通称",
    "特別永住者",
)
_RARE = (
    "旧氏",
    "通称",
    "転出",
    "消除",
    "在留",
    "国籍",
    "特別永住",
    "アルファベット",
    "外国人",
    "第30条",
    "児童手当",
    "更正",
    "増築",
    "減免",
    "扶養者",
    "納税管理人",
    "共有代表者",
    "死亡",
    "西暦",
    "喪失",
    "削除",
)


def is_identity(item: Item) -> bool:
    """Values that belong to the person (or company), not to the row: keyed by ``_anchor``."""
    return item.check in {"mynumber", "corporate"} or any(w in item.name for w in _IDENTITY)


def fill_rate(item: Item) -> float:
    """How often an optional item is filled: rarely for 除票 / 外国人 / 旧氏 items."""
    if any(word in item.name for word in _RARE):
        return 0.08
    if item.name.endswith("方書"):
        return 0.3
    return 0.85


class Scratch:
    """Scratch columns computed before the items (see ``values.Stage``), in dependency levels."""

    def __init__(self) -> None:
        self.levels: dict[str, int] = {}
        self.columns: list[list[pl.Expr]] = []

    def __call__(self, expr: pl.Expr) -> pl.Expr:
        name = f"__scratch{len(self.levels)}"
        level = 1 + max((self.levels.get(r, -1) for r in expr.meta.root_names()), default=-1)
        self.levels[name] = level
        while len(self.columns) <= level:
            self.columns.append([])
        self.columns[level].append(expr.alias(name))
        return pl.col(name)

    def apply(self, frame: pl.DataFrame) -> pl.DataFrame:
        for level in self.columns:
            frame = frame.with_columns(level)
        return frame


class Renderer:
    """Builds the expressions of one file's items for one run."""

    def __init__(self, area: AreaPlan, file_id: str) -> None:
        self.area = area
        self.file_id = file_id
        self.plan = area.files[file_id]
        self.codes = area.spec.codes
        self.scratch = Scratch()
        self.semantic = Semantic(area.seed, file_id, self.codes, self.scratch)

    def salt(self, *parts: object) -> int:
        return salt(self.area.seed, *parts)

    def free(self, item: Item, variant: int = 0) -> pl.Expr:
        identity = is_identity(item)
        key = ANCHOR if identity else ROW
        s = (
            self.salt("item", item.name, variant)
            if identity
            else self.salt(self.file_id, item.name, variant)
        )
        value = self.semantic.value(item) if variant == 0 else None
        if value is None:
            value = typed_value(item, key, s, self.codes, self.scratch)
        value = fit(item, value)
        if not item.required:
            base = item.name.removesuffix("フリガナ")
            value = pl.when(
                chance(
                    key,
                    self.salt("fill", base, self.file_id if not identity else ""),
                    fill_rate(item),
                )
            ).then(value)
        return value

    def expr(self, item: Item, role: Role) -> pl.Expr:
        codes = self.codes
        if isinstance(role, Const):
            return constant(index_value(item, pl.lit(0, pl.Int64), role.tag or item.name, codes))
        if isinstance(role, Indexed):
            idx = pl.col(role.column).cast(pl.Int64) + role.offset
            value = index_value(role.as_item or item, idx, role.tag, codes, self.scratch)
            return value if role.fill is None else pl.when(pl.col(role.fill)).then(value)
        if isinstance(role, RandomIndex):
            idx = below(ROW, self.salt(self.file_id, item.name, "domain"), role.count)
            return index_value(item, idx, role.tag, codes, self.scratch)
        if isinstance(role, Flag):
            return pl.when(pl.col("_last")).then(pl.lit(role.on)).otherwise(pl.lit(role.off))
        if isinstance(role, Where):
            return self._where(item, role.value)
        if isinstance(role, OneOf):
            return self._one_of(item, role.value)
        if isinstance(role, GroupSeq):
            position = index_value(
                item, pl.col("_pos").cast(pl.Int64) - 1, None, codes, self.scratch
            )
            return pl.when(pl.col("_match")).then(position).otherwise(self.free(item))
        if isinstance(role, Null):
            return pl.lit(None, pl.String)
        return self.free(item)

    def _others(self, item: Item, value: str) -> list[str]:
        if item.code is None:
            return []
        return [v for v in self.codes[item.code].values if v != value]

    def _where(self, item: Item, value: str) -> pl.Expr:
        s = self.salt(self.file_id, item.name, "where")
        others = self._others(item, value)
        other = choose(others, ROW, s + 1) if others else self.free(item, 1)
        current = pl.when(chance(ROW, s, 0.9)).then(pl.lit(value)).otherwise(other)
        if item.code is not None and item.type == "code":
            anything = code_value(self.codes[item.code], ROW, s + 2)
        else:
            anything = self.free(item)
        return pl.when(pl.col("_last")).then(current).otherwise(anything)

    def _one_of(self, item: Item, value: str) -> pl.Expr:
        s = self.salt(self.file_id, item.name, "one")
        others = self._others(item, value)
        if others:
            member = choose(others, ROW, s)
        else:
            first, second = self.free(item, 1), self.free(item, 2)
            member = pl.when(first == value).then(second).otherwise(first)
        head = pl.col("_match") & (pl.col("_pos") == 1)
        return (
            pl.when(head)
            .then(pl.lit(value))
            .when(pl.col("_match"))
            .then(member)
            .otherwise(self.free(item))
        )

    def label(self, item: Item, source: Item, values: pl.Series) -> pl.Series:
        assert source.code is not None
        table = self.codes[source.code].values
        mapped = values.replace_strict(
            list(table), list(table.values()), default=None, return_dtype=pl.String
        )
        return pl.select(fit(item, pl.lit(mapped))).to_series()


def render(
    area: AreaPlan, file_id: str, frame: pl.DataFrame, names: Sequence[str] | None = None
) -> pl.DataFrame:
    """The items ``names`` (default: all, in spec order) for the plan rows ``frame``."""
    plan = area.files[file_id]
    spec = plan.spec
    wanted = list(names) if names is not None else spec.item_names
    needed = list(wanted)
    for name in wanted:
        role = plan.roles.get(name)
        if isinstance(role, Label) and role.source not in needed:
            needed.append(role.source)
    renderer = Renderer(area, file_id)
    exprs: dict[str, pl.Expr] = {}
    copies: dict[str, list[tuple[str, Copy]]] = {}
    labels: list[tuple[str, Label]] = []
    for name in needed:
        role = plan.roles.get(name, Free())
        item = spec.item(name)
        if isinstance(role, Copy):
            copies.setdefault(role.ref, []).append((name, role))
        elif isinstance(role, Label):
            labels.append((name, role))
        else:
            exprs[name] = renderer.expr(item, role).cast(pl.String).alias(name)
    columns: dict[str, pl.Series] = {}
    if exprs:
        rendered = renderer.scratch.apply(frame).select(list(exprs.values()))
        columns.update({name: rendered[name] for name in exprs})
    for ref, group in copies.items():
        target_id = group[0][1].target
        target = area.files[target_id]
        rows = frame[ref]
        if target.lookup is not None:
            sub = target.lookup(rows)
        else:
            if target.offset:
                rows = rows - target.offset
            sub = target.frame.select(pl.all().gather(rows))
        values = render(area, target_id, sub, list(dict.fromkeys(c.item for _, c in group)))
        for name, copy in group:
            column = values[copy.item].alias(name)
            if copy.fill is not None:
                column = frame.select(
                    pl.when(pl.col(copy.fill)).then(pl.lit(column)).alias(name)
                ).to_series()
            columns[name] = column
    for name, label in labels:
        columns[name] = renderer.label(
            spec.item(name), spec.item(label.source), columns[label.source]
        ).alias(name)
    return pl.DataFrame([columns[name].cast(pl.String) for name in wanted])
