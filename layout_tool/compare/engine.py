"""Compare two deliveries of one area: read both sides into key-hash buckets, then per bucket
count, match and diff, so that memory is bounded by a bucket, not by the files.

Every row of a side ends up in exactly one of: matched, only on this side, or not matched
because its key repeats (on either side) — ``rows = matched + only + duplicate_rows``.
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Generator
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from layout_tool.compare import totals as tot
from layout_tool.compare.buckets import BucketResult, compare_bucket, compare_pairs
from layout_tool.compare.model import CompareReport, FileCompare, Options
from layout_tool.compare.sides import Chunk, Side, read_side, sizes
from layout_tool.compare.spool import Spool
from layout_tool.compare.window import Window
from layout_tool.errors import LayoutToolError
from layout_tool.i18n import t
from layout_tool.progress import Progress
from layout_tool.spec.model import AreaSpec, FileSpec

SIDES = ("old", "new")
PAIRS_AT_ONCE = 100_000  # differing rows compared item by item at a time (bounds memory)


@dataclass
class _Read:
    """Everything kept of one side of one file while reading it."""

    spool: Spool
    sums: tot.Sums = field(default_factory=tot.Sums)
    rows: int = 0
    findings: int = 0


def check_options(spec: AreaSpec, options: Options) -> None:
    """Items named in --by and --allow must exist in the area (else: usage error)."""
    names = {i.name for f in spec.files for i in f.items}
    if options.by is not None and options.by not in names:
        raise LayoutToolError(f"--by {options.by}: no item of {spec.id} has this name")
    unknown = sorted(options.allow - names)
    if unknown:
        raise LayoutToolError(f"--allow: not items of {spec.id}: {', '.join(unknown)}")
    if options.tolerance < 0:
        raise LayoutToolError("--tolerance must be 0 or more")


def compare_paths(
    spec: AreaSpec,
    old: list[Path],
    new: list[Path],
    options: Options | None = None,
    progress: Progress | None = None,
) -> CompareReport:
    """Compare OLD and NEW (files or folders of ``spec``'s area) and return the report."""
    options = options or Options()
    check_options(spec, options)
    report = CompareReport(spec.id, spec.version, spec.standard, options)
    size = {s: sizes(spec, p, options.encoding) for s, p in zip(SIDES, (old, new), strict=True)}
    with ExitStack() as stack:
        tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="layout-tool-compare-"))
        reads: dict[tuple[str, str], _Read] = {}
        windows: dict[str, Window] = {}
        sides = {name: Side(name) for name in SIDES}
        try:
            chunks = stack.enter_context(closing(_in_step(spec, old, new, sides, options)))
            for name, chunk in chunks:
                fspec = spec.file(chunk.file_id)
                got = reads.get((fspec.id, name))
                if got is None:
                    biggest = max(size["old"].get(fspec.id, 0), size["new"].get(fspec.id, 0))
                    buckets = max(1, math.ceil(biggest / max(options.bucket_bytes, 1)))
                    folder = Path(tmp) / fspec.id / name if buckets > 1 else None
                    spool = Spool(_keys(fspec), fspec.item_names, buckets, folder)
                    got = reads[(fspec.id, name)] = _Read(spool)
                kept = got.spool.add(chunk.frame)
                if kept is not None and not fspec.key:  # (whole rows are the key: no window)
                    got.spool.keep(kept[0])
                elif kept is not None:
                    window = windows.setdefault(fspec.id, Window(list(fspec.key)))
                    window.add(name, got.spool, *kept)
                tot.add(got.sums, chunk.frame, tot.number_items(fspec), options.by)
                got.rows += chunk.frame.height
                got.findings += chunk.findings
                if progress is not None:
                    progress(f"{name}: {chunk.label}", got.rows)
            for window in windows.values():
                window.finish()
            for name in SIDES:
                report.notes.extend(sides[name].notes)
            report.unread = sum(sides[name].noted for name in SIDES)
            if report.unread:
                report.notes.append(t("cmpnote.unread", n=report.unread))
            for fspec in spec.files:
                pair = (reads.get((fspec.id, "old")), reads.get((fspec.id, "new")))
                labels = (sides["old"].labels.get(fspec.id), sides["new"].labels.get(fspec.id))
                if pair == (None, None) and labels == (None, None):
                    continue
                _compare_file(spec, fspec, pair, sides, report)
        finally:  # (no spool writer left running, even on an error or Ctrl-C)
            for got in reads.values():
                got.spool.close()
    if not report.files:
        raise LayoutToolError("no file of the area was found on either side")
    return report


def _in_step(
    spec: AreaSpec, old: list[Path], new: list[Path], sides: dict[str, Side], options: Options
) -> Generator[tuple[str, Chunk], None, None]:
    """The chunks of both sides, always from the side that has read fewer rows so far, so
    that rows of the same key tend to arrive close together (see ``window``)."""
    streams = {
        name: read_side(spec, paths, sides[name], options.encoding, options.has_header)
        for name, paths in zip(SIDES, (old, new), strict=True)
    }
    done = dict.fromkeys(SIDES, 0)
    try:
        while streams:
            name = min(streams, key=lambda n: (done[n], SIDES.index(n)))
            chunk = next(streams[name], None)
            if chunk is None:
                del streams[name]
                continue
            done[name] += chunk.frame.height
            yield name, chunk
    finally:  # (stop both readers' threads, even on an error)
        for stream in streams.values():
            stream.close()


def _keys(fspec: FileSpec) -> list[str]:
    """The primary key; a file without one is matched on every item (whole rows)."""
    return list(fspec.key) if fspec.key else fspec.item_names


def _compare_file(
    spec: AreaSpec,
    fspec: FileSpec,
    pair: tuple[_Read | None, _Read | None],
    sides: dict[str, Side],
    report: CompareReport,
) -> None:
    options = report.options
    fc = FileCompare(
        fspec.id,
        old=sides["old"].labels.get(fspec.id, []),
        new=sides["new"].labels.get(fspec.id, []),
    )
    report.files.append(fc)
    old, new = pair
    fc.rows_old = old.rows if old else 0
    fc.rows_new = new.rows if new else 0
    fc.reader_findings = (old.findings if old else 0) + (new.findings if new else 0)
    keys = _keys(fspec)
    if not fspec.key:
        report.notes.append(t("cmpnote.no-key", file=fspec.id))
    have_old = sides["old"].items.get(fspec.id, set(fspec.item_names) if old is None else set())
    have_new = sides["new"].items.get(fspec.id, set(fspec.item_names) if new is None else set())
    missing_keys = [k for k in keys if k not in have_old or k not in have_new]
    if missing_keys:
        report.notes.append(t("cmpnote.key-missing", file=fspec.id, items=", ".join(missing_keys)))
        fc.only_old, fc.only_new = fc.rows_old, fc.rows_new
        return
    compared = [i.name for i in fspec.items if i.name in have_old and i.name in have_new]
    fc.items_compared = [c for c in compared if c not in keys]
    fc.items_not_compared = [i.name for i in fspec.items if i.name not in compared]
    if fc.items_not_compared:
        items = ", ".join(fc.items_not_compared)
        report.notes.append(t("cmpnote.not-compared", file=fspec.id, items=items))
    buckets = max((r.spool.buckets for r in pair if r is not None), default=1)
    result = BucketResult(fspec, keys, options)
    empty = Spool(keys, fspec.item_names, 1, None)
    old_spool, new_spool = (old.spool if old else empty), (new.spool if new else empty)
    for bucket in range(buckets):
        compare_bucket(old_spool.narrow(bucket), new_spool.narrow(bucket), fc, result)
        if sum(p.height for p in result.pairs) >= PAIRS_AT_ONCE or bucket == buckets - 1:
            # Each pass reads the kept rows once: many differing rows cost passes, not memory.
            pairs, result.pairs = result.pairs, []
            if pairs:
                compare_pairs(pl.concat(pairs), old_spool, new_spool, fc, result)
    result.finish(fc, report)
    report.totals.extend(
        tot.totals(
            fspec,
            old.sums if old else tot.Sums(),
            new.sums if new else tot.Sums(),
            options.by,
            options.tolerance,
        )
    )
