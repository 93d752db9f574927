"""Match the rows of both sides while they are read, so that equal rows are never written.

Both sides of a file are read in step (``engine`` takes the next batch from the side that
has read fewer rows). Each side keeps its most recent batches in a window, with the rows
not yet matched (*pending*: keys, ``__seq``, ``__print``). A new batch is joined on the key
with the other side's pending rows; a pair found there is *resolved*: equal fingerprints
mean equal rows, and neither row is needed again; different fingerprints mean both rows
are kept in full for the item-by-item comparison. When a batch leaves the window (all its
rows resolved, more than ``HELD`` batches or ``WINDOW_BYTES`` held, or the end), every row
of it not resolved as equal is handed to ``Spool.keep``; its pending rows stay pending (in
narrow form, at most ``PENDING_ROWS`` a side), so that their partners arriving later can
still be resolved, and need not be written if equal.

This only decides which full rows are written. Counting, duplicates and matching are done
afterwards from the narrow rows, exactly as without the window. That is safe because a
row is resolved as equal only when the other side has a row with the same key and the
same fingerprint, and a pair is compared afterwards only when its key occurs once on each
side: then that row is its partner, and the pair is equal. (A key that repeats on either
side is not matched at all, so whatever was resolved for it does not matter.)

When both sides come in the same order (one delivery and the next), almost every row is
resolved within a batch or two and only rows on one side or that differ are written.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

import polars as pl

from layout_tool.compare.spool import PRINT, SEQ, Spool, compact

HELD = 1  # batches held in full per side (both sides read in step: enough to pair them)
WINDOW_BYTES = 128 << 20  # and at most this much (estimated) over both sides
PENDING_ROWS = 250_000  # unresolved narrow rows kept per side for matching (oldest dropped)
COMPACT_EVERY = 32  # batches between copies of the pending rows into buffers of their own
OTHER = "__other"


@dataclass
class _Batch:
    lo: int  # the __seq range [lo, hi) of the batch
    hi: int
    full: pl.DataFrame
    size: int


@dataclass
class _Half:
    """One side of one file in the window."""

    spool: Spool | None = None
    batches: deque[_Batch] = field(default_factory=deque)
    pending: pl.DataFrame | None = None  # unresolved rows (keys, __seq, __print), __seq ascending
    equal: list[pl.Series] = field(default_factory=list)  # __seq of rows resolved as equal
    size: int = 0
    added: int = 0  # batches added

    def open(self, batch: _Batch) -> int:
        """How many rows of the batch are still pending."""
        if self.pending is None or self.pending.height == 0:
            return 0
        seqs = self.pending.get_column(SEQ)
        return int(seqs.search_sorted(batch.hi)) - int(seqs.search_sorted(batch.lo))


class Window:
    def __init__(self, keys: list[str], held: int | None = None, budget: int | None = None) -> None:
        self.keys = keys
        self.held = HELD if held is None else held
        self.budget = WINDOW_BYTES if budget is None else budget
        self.halves = {"old": _Half(), "new": _Half()}

    def add(self, side: str, spool: Spool, full: pl.DataFrame, narrow: pl.DataFrame) -> None:
        """A batch of ``side`` as ``Spool.add`` returned it."""
        me = self.halves[side]
        other = self.halves["new" if side == "old" else "old"]
        me.spool = spool
        seqs = narrow.get_column(SEQ)
        lo, hi = int(seqs[0]), int(seqs[-1]) + 1
        rows = narrow.select(*self.keys, SEQ, PRINT)
        if other.pending is not None and other.pending.height:
            pairs = rows.join(other.pending, on=self.keys, how="inner", suffix=OTHER)
            if pairs.height:
                same = pairs.filter(pl.col(PRINT) == pl.col(PRINT + OTHER))
                me.equal.append(same.get_column(SEQ))
                other.equal.append(same.get_column(SEQ + OTHER))
                theirs = pairs.get_column(SEQ + OTHER).implode()
                other.pending = other.pending.filter(~pl.col(SEQ).is_in(theirs))
                rows = rows.filter(~pl.col(SEQ).is_in(pairs.get_column(SEQ).implode()))
        me.pending = rows if me.pending is None else pl.concat([me.pending, rows], rechunk=True)
        me.added += 1
        if me.added % COMPACT_EVERY == 0:
            # (a copy of its own: the key strings of the few rows left pending would keep
            # the buffers of every batch they came from alive, for as long as they stay)
            me.pending = compact(me.pending)
        if me.pending.height > PENDING_ROWS:  # (a dropped row is written, never lost)
            me.pending = me.pending.tail(PENDING_ROWS)
        size = int(full.estimated_size()) + full.height * full.width * 16  # (+ string views)
        me.batches.append(_Batch(lo, hi, full, size))
        me.size += size
        for half in (me, other):
            while half.batches and (
                len(half.batches) > self.held
                or half.open(half.batches[0]) == 0
                or me.size + other.size > self.budget
            ):
                self._leave(half)

    def finish(self) -> None:
        """Hand every batch still held to its spool."""
        for half in self.halves.values():
            while half.batches:
                self._leave(half)
            half.pending = None

    def _leave(self, half: _Half) -> None:
        """The oldest batch of ``half`` is written, but for the rows resolved as equal."""
        batch = half.batches.popleft()
        half.size -= batch.size
        equal = pl.concat(half.equal) if half.equal else pl.Series(SEQ, [], dtype=pl.Int64)
        inside = equal.filter((equal >= batch.lo) & (equal < batch.hi))
        half.equal = [equal.filter(equal >= batch.hi)]  # batches leave in order
        kept = batch.full
        if inside.len():
            kept = kept.filter(~pl.col(SEQ).is_in(inside.implode()))
        assert half.spool is not None
        half.spool.keep(kept)
