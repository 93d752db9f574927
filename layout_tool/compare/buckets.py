"""One bucket pair compared: duplicates, rows on one side only, and per-item differences.

Counts are exact and summed over the buckets. Listed examples are kept per item as the
smallest keys seen so far (real changes before normalisation-only ones), so the list does
not depend on how many buckets there were and never grows past ``--examples`` per item.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from layout_tool.compare.model import CompareReport, Difference, FileCompare, ItemCount, Options
from layout_tool.compare.normalise import normal_form
from layout_tool.compare.spool import PRINT, SEQ, Spool, compact
from layout_tool.io.batch import ROW
from layout_tool.safety.masking import mask
from layout_tool.spec.model import FileSpec

NEW = "__new"
Key = tuple[str, ...]


@dataclass
class BucketResult:
    """What the buckets of one file add up to, with the examples kept so far."""

    fspec: FileSpec
    keys: list[str]
    options: Options
    changed: dict[str, int] = field(default_factory=dict)
    normalised: dict[str, int] = field(default_factory=dict)
    examples: dict[str, list[tuple[bool, Key, Difference]]] = field(default_factory=dict)
    only_old: list[Key] = field(default_factory=list)
    only_new: list[Key] = field(default_factory=list)
    duplicates: list[tuple[Key, str, int]] = field(default_factory=list)
    pairs: list[pl.DataFrame] = field(default_factory=list)  # matched, fingerprints differ

    def key_dict(self, key: Key) -> dict[str, str]:
        out = {}
        for name, value in zip(self.keys, key, strict=True):
            out[name] = self._shown(name, value) or ""
        return out

    def _shown(self, item: str, value: str | None) -> str | None:
        if value is None or self.options.show_values or not self.fspec.item(item).sensitive:
            return value
        return mask(value)

    def keep(self, bucket: list[Key], found: list[Key], cap: int) -> list[Key]:
        return sorted(bucket + found)[:cap]

    def finish(self, fc: FileCompare, report: CompareReport) -> None:
        cap = self.options.listed_keys
        fc.only_old_keys = [self.key_dict(k) for k in sorted(self.only_old)[:cap]]
        fc.only_new_keys = [self.key_dict(k) for k in sorted(self.only_new)[:cap]]
        fc.duplicate_keys = [
            {"side": side, "key": self.key_dict(k), "rows": n}
            for k, side, n in sorted(self.duplicates)[:cap]
        ]
        for name in fc.items_compared:
            changed, normalised = self.changed.get(name, 0), self.normalised.get(name, 0)
            if not changed and not normalised:
                continue
            report.items.append(
                ItemCount(
                    self.fspec.id,
                    name,
                    changed=changed,
                    normalised=normalised,
                    allowed=name in self.options.allow,
                )
            )
            report.differences += [d for _, _, d in self.examples.get(name, [])]
        fc.changed_values = sum(self.changed.values())
        fc.normalised_values = sum(self.normalised.values())


def _key_tuples(frame: pl.DataFrame, keys: list[str]) -> list[Key]:
    return [tuple(r) for r in frame.select(keys).iter_rows()]


def compare_bucket(o: pl.DataFrame, n: pl.DataFrame, fc: FileCompare, res: BucketResult) -> None:
    keys, opts = res.keys, res.options
    cap = opts.listed_keys
    fill = [pl.col(k).fill_null("") for k in keys]
    o, n = o.with_columns(fill), n.with_columns(fill)
    dup_o = o.filter(pl.struct(keys).is_duplicated())
    dup_n = n.filter(pl.struct(keys).is_duplicated())
    repeated = pl.concat([dup_o.select(keys), dup_n.select(keys)]).unique()
    if repeated.height:
        for side, dup in (("old", dup_o), ("new", dup_n)):
            counted = dup.group_by(keys).len("n").sort(keys).head(cap)
            res.duplicates = sorted(
                res.duplicates + [(tuple(r[:-1]), side, int(r[-1])) for r in counted.iter_rows()]
            )[:cap]
        fc.duplicate_keys_old += dup_o.select(keys).unique().height
        fc.duplicate_keys_new += dup_n.select(keys).unique().height
        o_ok = o.join(repeated, on=keys, how="anti")
        n_ok = n.join(repeated, on=keys, how="anti")
        fc.duplicate_rows_old += o.height - o_ok.height
        fc.duplicate_rows_new += n.height - n_ok.height
        o, n = o_ok, n_ok
    only_o = o.join(n.select(keys), on=keys, how="anti")
    only_n = n.join(o.select(keys), on=keys, how="anti")
    fc.only_old += only_o.height
    fc.only_new += only_n.height
    if only_o.height:
        res.only_old = res.keep(res.only_old, _key_tuples(only_o.sort(keys).head(cap), keys), cap)
    if only_n.height:
        res.only_new = res.keep(res.only_new, _key_tuples(only_n.sort(keys).head(cap), keys), cap)
    if o.height == 0 or n.height == 0:
        return
    pairs = o.join(n, on=keys, how="inner", suffix=NEW)
    fc.matched += pairs.height
    differ = pairs.filter(pl.col(PRINT) != pl.col(PRINT + NEW))
    if differ.height and fc.items_compared:
        res.pairs.append(compact(differ.select(*keys, SEQ, SEQ + NEW)))


def compare_pairs(
    pairs: pl.DataFrame, old: Spool, new: Spool, fc: FileCompare, res: BucketResult
) -> None:
    """Item by item, the matched rows whose fingerprints differ (keys, ``__seq`` on each side)."""
    keys, opts, items = res.keys, res.options, fc.items_compared
    columns = [ROW, *items]
    o = old.fetch(pairs[SEQ], columns)
    n = new.fetch(pairs[SEQ + NEW], columns).rename({c: c + NEW for c in [SEQ, *columns]})
    m = pairs.join(o, on=SEQ, how="inner").join(n, on=SEQ + NEW, how="inner")
    ne = {i: pl.col(i).ne_missing(pl.col(i + NEW)) for i in items}
    counts = m.select([e.sum().alias(i) for i, e in ne.items()]).row(0, named=True)
    differing = [i for i in items if counts[i]]
    if not differing:
        return
    real = {i: ne[i] for i in differing}
    if opts.normalise:
        real = {
            i: ne[i]
            & (normal_form(pl.col(i), opts.variants) != normal_form(pl.col(i + NEW), opts.variants))
            for i in differing
        }
    flags = m.select(
        *keys,
        ROW,
        ROW + NEW,
        *[pl.col(i) for i in differing],
        *[pl.col(i + NEW) for i in differing],
        *[ne[i].alias("__ne" + i) for i in differing],
        *[real[i].alias("__real" + i) for i in differing],
    ).filter(pl.any_horizontal(*[pl.col("__ne" + i) for i in differing]))
    fc.changed_rows += flags.filter(
        pl.any_horizontal(*[pl.col("__real" + i) for i in differing])
    ).height
    for i in differing:
        rows = flags.filter(pl.col("__ne" + i))
        n_real = int(rows["__real" + i].sum())
        res.changed[i] = res.changed.get(i, 0) + n_real
        res.normalised[i] = res.normalised.get(i, 0) + rows.height - n_real
        picked = rows.sort(["__real" + i, *keys], descending=[True] + [False] * len(keys)).head(
            opts.examples
        )
        found = []
        for r in picked.select(*keys, ROW, ROW + NEW, i, i + NEW, "__real" + i).iter_rows():
            key = tuple(r[: len(keys)])
            row_old, row_new, value_old, value_new, is_real = r[len(keys) :]
            diff = Difference(
                fc.file_id,
                res.key_dict(key),
                i,
                res._shown(i, value_old),
                res._shown(i, value_new),
                row_old,
                row_new,
                normalised=not is_real,
            )
            found.append((not is_real, key, diff))
        kept = res.examples.get(i, []) + found
        kept.sort(key=lambda t: (t[0], t[1]))
        res.examples[i] = kept[: opts.examples]
