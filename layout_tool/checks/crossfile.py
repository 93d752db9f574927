"""Checks across rows and files: duplicate keys, references, and the area's rules.

Keys are kept as 64-bit hashes with their row numbers while the files stream past, past a
budget spilled to disk in hash partitions (``layout_tool.checks.spill``), so memory stays
bounded whatever the rows. Two different keys sharing a hash (odds about
n²/2⁶⁵) would hide one duplicate or one dangling reference; the report says nothing false.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import polars as pl

from layout_tool.checks.spill import PARTS, Spill, budget, gather
from layout_tool.findings import Finding
from layout_tool.i18n import Msg, Text
from layout_tool.io.csvsource import ROW
from layout_tool.spec.model import AreaSpec, Rule

HASH = "__h"
GROUP = "__g"
VALUE = "__v"
# The gathered columns join the per-item results, named after the items, in one query: a
# NUL starts their names, which no item name (a spec's YAML text) can hold.
COLUMN_PREFIX = "\x00x:"
PART_SHIFT = 32  # a kept row: its part << 32 | its row in the part


def key_hash(columns: list[pl.Expr]) -> pl.Expr:
    """One hash of all key columns; null when any of them is empty.

    Several columns are hashed as a struct, field by field (whatever the fields are named),
    so no two different tuples meet by joining: joined with a separator, ``("a\x1f", "b")``
    and ``("a", "\x1fb")`` would. It is also half the time of joining the strings.
    """
    if len(columns) == 1:
        whole, present = columns[0], columns[0].is_not_null()
    else:
        whole, present = pl.struct(columns), pl.all_horizontal(c.is_not_null() for c in columns)
    return pl.when(present).then(whole.hash(seed=7)).alias(HASH)


@dataclass
class Collected:
    """What one file contributes to the cross-file checks, batch by batch."""

    label: str
    keys: list[pl.DataFrame] = field(default_factory=list)
    sources: dict[int, list[pl.DataFrame]] = field(default_factory=dict)
    targets: dict[int, list[pl.Series]] = field(default_factory=dict)
    targets_are_keys: set[int] = field(default_factory=set)
    rules: dict[int, list[pl.DataFrame]] = field(default_factory=dict)
    spill: Spill = field(default_factory=Spill)  # what went to disk past the budget
    held: int = 0  # bytes of the frames above, to decide when to spill
    # A file delivered in parts (JUMIN_KOJIN_1.csv, _2.csv): the rows kept carry their
    # part in the bits above ``PART_SHIFT``, so the checks across rows see one file and a
    # finding names the part and its own row (``locate``). ``part``: the part being read.
    part: int = 0
    parts: dict[int, str] = field(default_factory=dict)  # part → label (none: ``label``)

    def at_part(self, index: int, label: str) -> None:
        """The next rows taken are part ``index`` (its place among the file's inputs)."""
        self.part = index
        self.parts[index] = label

    def locate(self, row: int) -> tuple[str, int]:
        """The part's label and its own row, for a row kept here."""
        return self.parts.get(row >> PART_SHIFT, self.label), row & ((1 << PART_SHIFT) - 1)

    def keep(self, frame: pl.DataFrame) -> pl.DataFrame:
        self.held += int(frame.estimated_size())
        return frame

    def spilled(self) -> bool:
        return bool(self.spill.runs)

    def spill_now(self) -> None:
        """Write everything held to disk as one run (see ``layout_tool.checks.spill``)."""
        if self.keys:
            self.spill.write("keys", pl.concat(self.keys), HASH)
            self.keys.clear()
        for i, frames in self.sources.items():
            if frames:
                self.spill.write(f"sources{i}", pl.concat(frames), HASH)
                frames.clear()
        for i, series in self.targets.items():
            if series:
                unique = pl.concat(series).unique().to_frame(HASH)
                self.spill.write(f"targets{i}", unique, HASH)
                series.clear()
        for i, frames in self.rules.items():
            if frames:
                self.spill.write(f"rules{i}", pl.concat(frames), GROUP)
                frames.clear()
        self.held = 0

    def settle(self) -> None:
        """Once anything spilled, spill the rest too: partitions are then read, not filtered."""
        if self.spilled() and self.held:
            self.spill_now()

    def close(self) -> None:
        self.spill.close()


@dataclass
class Gathering:
    """The narrow columns one file contributes to the cross-file checks, as expressions.

    Planned once per file: ``exprs`` go into the batch's one query (the engine adds them to
    its per-item checks, so a batch is planned and read once), and ``take`` files the
    resulting narrow frame into ``Collected``. A column tuple hashed for several uses (a key
    that is also a reference's target, a reference's source that is a rule's group) is
    hashed once.
    """

    exprs: list[pl.Expr] = field(default_factory=list)
    key: str | None = None
    sources: dict[int, str] = field(default_factory=dict)
    targets: dict[int, str] = field(default_factory=dict)
    targets_are_keys: set[int] = field(default_factory=set)
    rules: dict[int, tuple[str, str, str]] = field(default_factory=dict)  # where, group, value
    _made: dict[tuple[str, ...], str] = field(default_factory=dict)

    def _add(self, what: tuple[str, ...], expr: pl.Expr) -> str:
        """The column of ``expr``, added once per ``what`` (what it computes, as a key)."""
        if what not in self._made:
            self._made[what] = f"{COLUMN_PREFIX}{len(self.exprs)}"
            self.exprs.append(expr.alias(self._made[what]))
        return self._made[what]

    def _hash(self, columns: tuple[str, ...]) -> str:
        return self._add(("key", *columns), key_hash([pl.col(c) for c in columns]))

    def take(self, narrow: pl.DataFrame, into: Collected) -> None:
        """File one batch's narrow frame (``ROW`` and ``exprs``' columns) into ``into``."""
        rows = pl.col(ROW).cast(pl.UInt64) + (into.part << PART_SHIFT)
        if self.key is not None:
            keys = narrow.select(rows, pl.col(self.key).alias(HASH)).drop_nulls(HASH)
            into.keys.append(into.keep(keys))
        for i, name in self.sources.items():
            part = narrow.select(rows, pl.col(name).alias(HASH)).drop_nulls(HASH)
            into.sources.setdefault(i, []).append(into.keep(part))
        into.targets_are_keys |= self.targets_are_keys
        uniques: dict[str, pl.Series] = {}  # two references to one target share its hashes
        for i, name in self.targets.items():
            if name not in uniques:
                targets = narrow.select(pl.col(name).alias(HASH)).drop_nulls().unique()
                uniques[name] = into.keep(targets)[HASH]
            into.targets.setdefault(i, []).append(uniques[name])
        for i, (where, group, value) in self.rules.items():
            part = narrow.filter(pl.col(where)).select(
                rows, pl.col(group).alias(GROUP), pl.col(value).alias(VALUE)
            )
            into.rules.setdefault(i, []).append(into.keep(part))
        if into.held > budget():
            into.spill_now()


def gathering(spec: AreaSpec, file_id: str, names: dict[str, str]) -> Gathering:
    """What ``file_id`` contributes, over a batch whose columns ``names`` maps item → column."""
    fspec = spec.file(file_id)
    plan = Gathering()
    has_keys = bool(fspec.key) and all(k in names for k in fspec.key)
    if has_keys:
        plan.key = plan._hash(tuple(names[k] for k in fspec.key))
    for i, ref in enumerate(spec.references):
        if ref.source.file == file_id and all(k in names for k in ref.source.items):
            plan.sources[i] = plan._hash(tuple(names[k] for k in ref.source.items))
        if ref.target.file == file_id and has_keys and ref.target.items == fspec.key:
            plan.targets_are_keys.add(i)  # the key hashes already hold the target values
        elif ref.target.file == file_id and all(k in names for k in ref.target.items):
            plan.targets[i] = plan._hash(tuple(names[k] for k in ref.target.items))
    for i, rule in enumerate(spec.rules):
        if rule.file != file_id:
            continue
        if rule.item is None or not all(n in names for n in [*rule.group, rule.item, *rule.where]):
            continue
        cond = pl.lit(True)
        for item, value in sorted(rule.where.items()):
            cond = cond & (pl.col(names[item]) == value).fill_null(False)
        terms = [part for k, v in sorted(rule.where.items()) for part in (names[k], v)]
        where = plan._add(("where", *terms), cond)
        columns = tuple(names[n] for n in rule.group)
        group = plan._add(("group", *columns), group_hash([pl.col(c) for c in columns]))
        kept = _rule_value(rule, pl.col(names[rule.item]))
        plan.rules[i] = (where, group, plan._add(("rule", str(i)), kept))
    return plan


def collect(
    spec: AreaSpec, file_id: str, frame: pl.DataFrame, names: dict[str, str], into: Collected
) -> None:
    """Keep the hashes and rule columns of one batch. ``names``: item → frame column."""
    plan = gathering(spec, file_id, names)
    plan.take(frame.select(ROW, *plan.exprs), into)


def group_hash(columns: list[pl.Expr]) -> pl.Expr:
    """One hash of a rule's group columns; an empty cell is a value of its own, never null.

    A rule keeps only this hash per row, not the strings, so two groups sharing a hash
    (odds about n²/2⁶⁵, as for the keys) would be judged as one.
    """
    if not columns:
        return pl.lit(0, dtype=pl.UInt64).alias(GROUP)
    return pl.struct(columns).hash(seed=11).alias(GROUP)


def _rule_value(rule: Rule, item: pl.Expr) -> pl.Expr:
    """The one narrow column a rule needs of its item (the strings are not kept)."""
    if rule.rule == "one-per-group":
        return (item == rule.value).fill_null(False).alias(VALUE)
    # Int32 loses nothing: a number past its range can never be a place 1..n of a group.
    return item.cast(pl.Int32, strict=False).alias(VALUE)


def key_duplicates(spec: AreaSpec, file_id: str, got: Collected) -> Iterator[Finding]:
    """Rows whose key repeats an earlier row's. Sort-based: no hash table of every key.

    Yielded one at a time: a file of nothing but repeats holds no list of them all.
    """
    got.settle()
    if got.spill.has("keys"):
        parts = [_duplicates(gather(got.spill, "keys", got.keys, HASH, p)) for p in range(PARTS)]
        dup = pl.concat(parts).sort(ROW)
    elif got.keys:
        frame = pl.concat(got.keys, rechunk=True)
        got.keys[:] = [frame]  # let the batch pieces go
        dup = _duplicates(frame)
    else:
        return
    fspec = spec.file(file_id)
    key = ", ".join(fspec.key)
    for row, first in dup.select(ROW, "first").iter_rows():
        label, local = got.locate(row)
        where, earlier = got.locate(first)
        said = (
            Msg("key-duplicate", key=key, first=earlier)
            if where == label
            else Msg("key-duplicate.part", key=key, first=earlier, file=where)
        )
        yield Finding(
            "key-duplicate",
            "error",
            said,
            file=label,
            file_id=file_id,
            row=local,
            item=fspec.key[0],
        )


def _duplicates(frame: pl.DataFrame) -> pl.DataFrame:
    """(row, first row of the same key) of every repeat, in row order. Sort-based."""
    ordered = frame[HASH].sort()
    repeated = ordered.filter(ordered == ordered.shift(1)).unique()
    del ordered
    return (
        frame.filter(pl.col(HASH).is_in(repeated.implode()))
        .with_columns(pl.col(ROW).min().over(HASH).alias("first"))
        .filter(pl.col(ROW) != pl.col("first"))
        .select(ROW, "first")
        .sort(ROW)
    )


def _has_targets(i: int, dst: Collected) -> bool:
    if i in dst.targets_are_keys and (dst.keys or dst.spill.has("keys")):
        return True
    return bool(dst.targets.get(i)) or dst.spill.has(f"targets{i}")


def _targets_part(i: int, dst: Collected, part: int) -> pl.Series:
    """Sorted unique target hashes of one partition (spilled or not)."""
    if i in dst.targets_are_keys and (dst.keys or dst.spill.has("keys")):
        frame = gather(dst.spill, "keys", dst.keys, HASH, part)
    else:
        held = [s.to_frame(HASH) for s in dst.targets.get(i, [])]
        frame = gather(dst.spill, f"targets{i}", held, HASH, part)
    return frame[HASH].unique().sort()


def _dangling(i: int, src: Collected, dst: Collected) -> pl.DataFrame:
    """Rows of ``src`` whose reference ``i`` hash is not among ``dst``'s targets, in order."""
    kind = f"sources{i}"
    src.settle()
    dst.settle()
    if not (src.spilled() or dst.spilled()):
        targets = _sorted_targets(i, dst)
        assert targets is not None
        frame = pl.concat(src.sources[i], rechunk=True)
        src.sources[i] = [frame]
        return frame.filter(_missing(frame[HASH], targets)).sort(ROW)
    bad = []
    for p in range(PARTS):
        frame = gather(src.spill, kind, src.sources.get(i, []), HASH, p)
        bad.append(frame.filter(_missing(frame[HASH], _targets_part(i, dst, p))))
    return pl.concat(bad).sort(ROW)


def _sorted_targets(i: int, dst: Collected) -> pl.Series | None:
    if i in dst.targets_are_keys and dst.keys:
        return pl.concat([k[HASH] for k in dst.keys]).unique().sort()
    if i in dst.targets:
        return pl.concat(dst.targets[i]).unique().sort()
    return None


def _missing(values: pl.Series, targets: pl.Series) -> pl.Series:
    """Which values are not among the sorted targets (binary search, no hash table)."""
    if targets.len() == 0:
        return pl.repeat(True, values.len(), eager=True)
    at = targets.search_sorted(values).clip(0, targets.len() - 1)
    return targets.gather(at) != values


def references(spec: AreaSpec, got: dict[str, Collected]) -> tuple[Iterator[Finding], list[Text]]:
    """Dangling references (yielded one at a time), and notes for references not checked."""
    todo: list[tuple[int, Collected, Collected]] = []
    notes: list[Text] = []
    for i, ref in enumerate(spec.references):
        src, dst = got.get(ref.source.file), got.get(ref.target.file)
        if src is None:
            continue
        if dst is None or not _has_targets(i, dst):
            notes.append(
                Msg(
                    "note.reference-unchecked",
                    source=ref.source.file,
                    items=", ".join(ref.source.items),
                    target=ref.target.file,
                )
            )
            continue
        if src.sources.get(i) or src.spill.has(f"sources{i}"):
            todo.append((i, src, dst))
    return _reference_findings(spec, todo), notes


def _reference_findings(
    spec: AreaSpec, todo: list[tuple[int, Collected, Collected]]
) -> Iterator[Finding]:
    for i, src, dst in todo:
        ref = spec.references[i]
        bad = _dangling(i, src, dst)
        what = ", ".join(ref.source.items)
        for (kept,) in bad.select(ROW).iter_rows():
            label, row = src.locate(kept)
            yield Finding(
                "reference",
                "error",
                Msg(
                    "reference",
                    items=what,
                    target=ref.target.file,
                    target_items=", ".join(ref.target.items),
                ),
                file=label,
                file_id=ref.source.file,
                row=row,
                item=ref.source.items[0],
            )


def rules(spec: AreaSpec, file_id: str, got: Collected) -> list[Finding]:
    found: list[Finding] = []
    for i, rule in enumerate(spec.rules):
        if rule.file != file_id or i not in got.rules:
            continue
        kind = f"rules{i}"
        got.settle()
        if got.spill.has(kind):
            frames = [gather(got.spill, kind, got.rules[i], GROUP, p) for p in range(PARTS)]
        else:
            frames = [pl.concat(got.rules[i])]
        breaks = [b for frame in frames for b in _rule_breaks(rule, frame)]
        for kept, message in sorted(breaks, key=lambda b: b[0]):
            label, row = got.locate(kept)
            found.append(
                Finding(
                    "rule",
                    rule.severity,
                    message,
                    file=label,
                    file_id=file_id,
                    row=row,
                    item=rule.item,
                )
            )
    return sorted(found, key=Finding.sort_key)


def _rule_breaks(rule: Rule, frame: pl.DataFrame) -> list[tuple[int, Msg]]:
    """``frame``: the rows in the rule's ``where``, as ROW, group hash and item value."""
    item = rule.item or ""
    what = rule.description or rule.rule
    if rule.rule == "one-per-group":
        agg = frame.group_by(GROUP).agg(
            pl.col(ROW).min().alias("row"), pl.col(VALUE).sum().alias("n")
        )
        bad = agg.filter(pl.col("n") != 1).sort("row")
        return [
            (row, Msg("rule.one-per-group", rule=what, n=n, item=item, value=rule.value))
            for row, n in bad.select("row", "n").iter_rows()
        ]
    values = pl.col(VALUE)
    agg = frame.group_by(GROUP).agg(
        pl.col(ROW).min().alias("row"),
        pl.len().alias("n"),
        values.min().alias("lo"),
        values.max().alias("hi"),
        values.n_unique().alias("u"),
        values.null_count().alias("nulls"),
    )
    ok = (pl.col("lo") == 1) & (pl.col("hi") == pl.col("n")) & (pl.col("u") == pl.col("n"))
    bad = agg.filter(~(ok & (pl.col("nulls") == 0)).fill_null(True)).sort("row")
    return [
        (row, Msg("rule.sequence", rule=what, item=item, n=n))
        for row, n in bad.select("row", "n").iter_rows()
    ]
