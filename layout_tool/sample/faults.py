"""Seed known faults into generated data, each producing exactly one finding.

A validator is tested by data whose findings are known in advance. Every fault here is chosen
so that docs/checks.md yields exactly one finding for it and nothing else: per-cell faults go
into items that no key, reference or rule depends on, and each new value is checked with the
validator's own per-cell checks (``checks.items``) before it is kept; cross-row faults (a
duplicated key, a dangling reference, a broken rule) are checked with ``oracle`` to add exactly
the one finding claimed, so a changed key never orphans a row of another file. No two faults
share a row. Faults are drawn from a seeded ``random.Random``, so a seed reproduces them.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Mapping
from typing import NamedTuple

import polars as pl

from layout_tool.checks.items import finding_code, gaiji_present
from layout_tool.checks.strength import on_by_default
from layout_tool.errors import LayoutToolError
from layout_tool.identifiers import is_valid
from layout_tool.sample.oracle import Found, cross_row
from layout_tool.sample.structure import analyse
from layout_tool.sample.values import index_value
from layout_tool.spec.itemtypes import ITEM_TYPE_DEFS
from layout_tool.spec.model import AreaSpec, Item


class Fault(NamedTuple):
    code: str
    file_id: str
    row: int
    """1-based data row (the header is not counted)."""
    item: str


CODES = (
    "required",
    "type",
    "length",
    "code",
    "date",
    "check-digit",
    "gaiji",
    "key-duplicate",
    "reference",
    "rule",
)
ATTEMPTS = 60


class Unsuitable:
    """The item cannot carry this kind of fault (returned instead of a value)."""


UNSUITABLE = Unsuitable()
# A value that fails the type check, by 桁数, for the types a bad character can break.
_TYPE_FAULTS: dict[str, Callable[[int], str]] = {
    "zenkaku": lambda size: "ｼｹﾝ"[: max(1, min(3, size))],
    "kana": lambda size: "しけん"[: max(1, min(3, size))],
    "hankaku": lambda size: "試",
    "digits": lambda size: "1a"[-max(1, min(2, size)) :],
    "number": lambda size: "1a",
}
Candidate = tuple[str, int, str]  # file id, 0-based row, item


def supported_codes(spec: AreaSpec) -> tuple[str, ...]:
    return tuple(c for c in CODES if c != "rule" or spec.rules)


class Seeder:
    def __init__(self, frames: Mapping[str, pl.DataFrame], spec: AreaSpec, seed: int) -> None:
        self.frames = dict(frames)
        self.spec = spec
        self.codes = spec.codes
        self.rng = random.Random(seed)
        self.used: set[tuple[str, int]] = set()
        self.structure = analyse(spec)
        self.found = cross_row(spec, self.frames)
        self.fixed: dict[str, set[str]] = {fid: set(spec.file(fid).key) for fid in self.frames}
        for ref in spec.references:
            self.fixed.get(ref.source.file, set()).update(ref.source.items)
            self.fixed.get(ref.target.file, set()).update(ref.target.items)
        for rule in spec.rules:
            names = [*rule.group, *rule.where, *([rule.item] if rule.item else [])]
            self.fixed.get(rule.file, set()).update(names)

    # --- helpers ------------------------------------------------------------------------

    def value(self, file_id: str, row: int, name: str) -> str | None:
        result: str | None = self.frames[file_id][name][row]
        return result

    def cell(self, item: Item, value: str | None) -> tuple[str | None, bool]:
        """(per-cell finding code, gaiji present) of ``value`` in ``item``."""
        frame = pl.DataFrame({"v": [value]}, schema={"v": pl.String})
        got = frame.select(
            finding_code(item, pl.col("v"), dict(self.codes)).alias("c"),
            gaiji_present(pl.col("v")).alias("g"),
        )
        return got["c"][0], bool(got["g"][0])

    def changed(self, file_id: str, changes: Mapping[tuple[int, str], str | None]) -> pl.DataFrame:
        frame = self.frames[file_id]
        for (row, name), value in changes.items():
            series = frame[name].clone()
            series.scatter(row, value)
            frame = frame.with_columns(series)
        return frame

    def free_rows(self, file_id: str) -> list[int]:
        rows = [r for r in range(self.frames[file_id].height) if (file_id, r) not in self.used]
        self.rng.shuffle(rows)
        return rows

    def cells(self, items: list[tuple[str, Item]], non_null: bool = False) -> Iterator[Candidate]:
        self.rng.shuffle(items)
        for file_id, item in items:
            tried = 0
            for row in self.free_rows(file_id):
                if non_null and self.value(file_id, row, item.name) is None:
                    continue
                yield file_id, row, item.name
                tried += 1
                if tried >= 5:
                    break

    def items(self, wanted: object) -> list[tuple[str, Item]]:
        return [
            (fid, item)
            for fid in self.frames
            for item in self.spec.file(fid).items
            if item.name not in self.fixed[fid] and callable(wanted) and wanted(item)
        ]

    # --- per-cell faults ----------------------------------------------------------------

    def per_cell(self, code: str) -> Fault | None:
        chosen = self.per_cell_items(code)
        non_null = code == "check-digit"
        for n, (file_id, row, name) in enumerate(self.cells(chosen, non_null)):
            if n >= ATTEMPTS:
                break
            item = self.spec.file(file_id).item(name)
            new = self.bad_value(code, item, self.value(file_id, row, name))
            if isinstance(new, Unsuitable):
                continue
            expected = (None, True) if code == "gaiji" else (code, False)
            if self.cell(item, new) != expected:
                continue
            self.frames[file_id] = self.changed(file_id, {(row, name): new})
            self.used.add((file_id, row))
            return Fault(code, file_id, row + 1, name)
        return None

    def per_cell_items(self, code: str) -> list[tuple[str, Item]]:
        kind = ITEM_TYPE_DEFS
        wanted = {
            "required": lambda i: i.required,
            "type": lambda i: i.type in _TYPE_FAULTS,
            "length": lambda i: kind[i.type].length != "none" and i.pattern is None,
            "code": lambda i: kind[i.type].own_check == "code" and i.code is not None,
            "date": lambda i: kind[i.type].own_check == "date",
            "check-digit": lambda i: on_by_default(i.check),
            "gaiji": lambda i: kind[i.type].gaiji == "may-pass" and not i.gaiji,
        }[code]
        found = self.items(wanted)
        if code == "type":  # half-width kana in a zenkaku item is the classic case
            zenkaku = [c for c in found if c[1].type == "zenkaku"]
            found = zenkaku or found
        return found

    def bad_value(self, code: str, item: Item, current: str | None) -> str | Unsuitable | None:
        """The faulty value (None: empty), or UNSUITABLE where the item cannot take the fault."""
        size = item.length
        if code == "required":
            return None
        if code == "type":
            make = _TYPE_FAULTS.get(item.type)
            return UNSUITABLE if make is None else make(size)
        if code == "length":
            filler = {"kana": "ア", "hankaku": "X", "digits": "1", "number": "1"}.get(
                item.type, "試"
            )
            return filler * (size + 1)
        if code == "code":
            table = self.codes[item.code].values if item.code else {}
            return next((v for v in ("Z", "ZZ", "X9", "99", "00") if v not in table), UNSUITABLE)
        if code == "date":
            return _bad_date(item)
        if code == "check-digit":
            if current is None or item.check is None or not is_valid(item.check, current):
                return UNSUITABLE
            at = 0 if item.check == "corporate" else len(current) - 1
            flipped = current[:at] + str((int(current[at]) + 1) % 10) + current[at + 1 :]
            if is_valid(item.check, flipped) or is_valid(item.check, flipped, "invalid"):
                return UNSUITABLE
            return flipped
        if code == "gaiji":
            filler = "ア" if item.type == "kana" else "試"
            base = current or filler * (size if item.fixed else 1)
            return "\ue000" + base[1:]
        return UNSUITABLE

    # --- cross-row faults ---------------------------------------------------------------

    def try_cross(
        self, file_id: str, changes: dict[tuple[int, str], str | None], expected: Found
    ) -> bool:
        item_of = self.spec.file(file_id).item
        for (_, name), value in changes.items():
            if self.cell(item_of(name), value) != (None, False):
                return False
        frames = dict(self.frames)
        frames[file_id] = self.changed(file_id, changes)
        found = cross_row(self.spec, frames)
        if found - self.found != {expected: 1} or self.found - found:
            return False
        self.frames, self.found = frames, found
        return True

    def key_duplicate(self) -> Fault | None:
        referenced = {r.target.file for r in self.spec.references}
        files = [f for f in self.frames if self.spec.file(f).key and self.frames[f].height >= 2]
        self.rng.shuffle(files)
        files.sort(key=lambda f: f in referenced)
        for file_id in files:
            key = list(self.spec.file(file_id).key)
            for row in [r for r in self.free_rows(file_id) if r > 0][:10]:
                source = self.rng.randrange(row)
                changes = {(row, k): self.value(file_id, source, k) for k in key}
                if self.try_cross(file_id, changes, ("key-duplicate", file_id, row + 1, key[0])):
                    self.used.add((file_id, row))
                    return Fault("key-duplicate", file_id, row + 1, key[0])
        return None

    def reference(self) -> Fault | None:
        refs = [
            r
            for r in self.spec.references
            if r.source.file in self.frames and r.target.file in self.frames
        ]
        self.rng.shuffle(refs)
        for ref in refs:
            file_id = ref.source.file
            fixed_elsewhere = set(self.spec.file(file_id).key) | {
                n
                for rule in self.spec.rules
                if rule.file == file_id
                for n in (*rule.group, *rule.where)
            }
            names = sorted(ref.source.items, key=lambda n: n in fixed_elsewhere)
            for row in self.free_rows(file_id)[:10]:
                if any(self.value(file_id, row, n) is None for n in ref.source.items):
                    continue
                for name in names[:2]:
                    item = self.spec.file(file_id).item(name)
                    tag = self.structure.tag(file_id, name)
                    for _ in range(3):
                        idx = 9_000_000 + self.rng.randrange(900_000)
                        new = pl.select(
                            index_value(item, pl.lit(idx, pl.Int64), tag, self.codes)
                        ).item()
                        expected = ("reference", file_id, row + 1, ref.source.items[0])
                        if self.try_cross(file_id, {(row, name): new}, expected):
                            self.used.add((file_id, row))
                            return Fault("reference", file_id, row + 1, ref.source.items[0])
        return None

    def rule(self) -> Fault | None:
        rules = [r for r in self.spec.rules if r.file in self.frames and r.item is not None]
        self.rng.shuffle(rules)
        for rule in rules:
            assert rule.item is not None
            frame = self.frames[rule.file].with_columns(pl.int_range(pl.len()).alias("__r"))
            cond = pl.lit(True)
            for name, value in rule.where.items():
                cond = cond & (pl.col(name) == value).fill_null(False)
            group: list[str | pl.Expr] = list(rule.group) or [pl.lit(0).alias("__all")]
            groups = (
                frame.filter(cond)
                .group_by(group, maintain_order=True)
                .agg(pl.col("__r"))["__r"]
                .to_list()
            )
            self.rng.shuffle(groups)
            for rows in groups[:20]:
                if any((rule.file, r) in self.used for r in rows):
                    continue
                change = self._rule_change(rule.file, rule.rule, rule.item, rule.value, rows)
                if change is None:
                    continue
                expected = ("rule", rule.file, min(rows) + 1, rule.item)
                if self.try_cross(rule.file, {change[0]: change[1]}, expected):
                    self.used.update((rule.file, r) for r in rows)
                    return Fault("rule", rule.file, min(rows) + 1, rule.item)
        return None

    def _rule_change(
        self, file_id: str, kind: str, name: str, value: str | None, rows: list[int]
    ) -> tuple[tuple[int, str], str] | None:
        item = self.spec.file(file_id).item(name)
        if kind == "one-per-group" and value is not None:
            others = [r for r in rows if self.value(file_id, r, name) != value]
            if others:
                return (self.rng.choice(others), name), value
            table = self.codes[item.code].values if item.code else {}
            alternative = next((v for v in table if v != value), None)
            return None if alternative is None else ((rows[0], name), alternative)
        beyond = str(len(rows) + 1)
        if item.fixed:
            beyond = beyond.zfill(item.length)
        return (self.rng.choice(rows), name), beyond

    def one(self, code: str) -> Fault | None:
        if code == "key-duplicate":
            return self.key_duplicate()
        if code == "reference":
            return self.reference()
        if code == "rule":
            return self.rule()
        return self.per_cell(code)


def _bad_date(item: Item) -> str | Unsuitable:
    """An impossible date of the item's type (valid shape, so only ``date`` fires)."""
    if item.type == "wareki":
        return "04011301" if item.allow_unknown_date else "04310501"  # 平成1年13月 / 平成31年5月1日
    if item.type == "yearmonth":
        return "202313"
    if item.type == "time":
        return "250000"
    form = item.format or "%Y%m%d"
    month, day = ("13", "01") if item.allow_unknown_date else ("02", "30")
    text = form.replace("%Y", "2023").replace("%m", month).replace("%d", day)
    return UNSUITABLE if "%" in text else text


def seed_faults(
    frames: Mapping[str, pl.DataFrame], spec: AreaSpec, k: int, seed: int
) -> tuple[dict[str, pl.DataFrame], list[Fault]]:
    """Seed ``k`` faults (cycling through the supported codes); returns new frames and faults."""
    if k < 0:
        raise LayoutToolError(f"faults must be 0 or more, not {k}")
    seeder = Seeder(frames, spec, seed)
    codes = supported_codes(spec)
    faults: list[Fault] = []
    misses = 0
    turn = 0
    while len(faults) < k:
        fault = seeder.one(codes[turn % len(codes)])
        turn += 1
        if fault is None:
            misses += 1
            if misses >= len(codes):
                raise LayoutToolError(
                    f"cannot seed {k} faults in area {spec.id}: only {len(faults)} fit the data"
                    " (generate more rows)"
                )
            continue
        misses = 0
        faults.append(fault)
    order = {f.id: n for n, f in enumerate(spec.files)}
    faults.sort(key=lambda f: (order[f.file_id], f.row))
    return seeder.frames, faults
