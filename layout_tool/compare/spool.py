"""Rows of one side of one file, kept so that both sides can be matched in bounded memory.

Each row gets a sequence number (``__seq``, unique on its side) and a fingerprint of all
its items (``__print``). Two things are kept per side:

- the *narrow* rows (key items, ``__seq``, ``__print``) spread over hash buckets of the
  key (a grace hash join): two rows with the same key always land in the same bucket on
  both sides, so each bucket pair is matched on its own;
- the *full* rows, in read order, fetched back only for the matched pairs whose
  fingerprints differ — the only rows compared item by item. Spilled, only the full rows
  that may be needed are written (``keep``): ``window`` drops rows already matched to an
  equal row of the other side while both sides are read.

With one bucket everything stays in memory; with several, both are written to Arrow IPC
pieces in a temporary folder as they are read (narrow pieces buffered and written per
bucket; full pieces once per batch) and read back one bucket, or one set of rows, at a
time. Equal fingerprints are taken as equal rows: a 64-bit hash collision between two
differing rows of the same key would hide that difference.
"""

from __future__ import annotations

import contextlib
import io
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import polars as pl

BUCKET = "__bucket"
SEQ = "__seq"
PRINT = "__print"
HASH_SEED = 0x1A7
PRINT_SEED = 0x5EED
FLUSH_BYTES = 8 << 20  # narrow rows held (estimated; ~3× that in RSS) before they are written
KEEP_ROWS = 4096  # kept full rows gathered into one piece (a batch with more: its own piece)
KEEP_PARTS = 32  # and at most this many batches' worth


def key_hash(keys: list[str]) -> pl.Expr:
    """A hash of the key items (empty and null are the same key)."""
    if not keys:
        return pl.lit(0, dtype=pl.UInt64)
    return pl.struct([pl.col(k).fill_null("") for k in keys]).hash(seed=HASH_SEED)


class Spool:
    def __init__(
        self,
        keys: list[str],
        items: list[str],
        buckets: int,
        folder: Path | None,
        flush_bytes: int = FLUSH_BYTES,
    ) -> None:
        if buckets > 1 and folder is None:
            raise ValueError("several buckets need a folder")
        self.keys = keys
        self.items = items  # every item of the file: the fingerprint covers them all
        self.buckets = max(1, buckets)
        self.folder = folder
        self.rows = 0
        self.narrow_memory: list[pl.DataFrame] = []
        self.full_memory: list[pl.DataFrame] = []
        self.pending: list[pl.DataFrame] = []  # narrow rows with their bucket, not yet written
        self.pending_bytes = 0
        self.flush_bytes = flush_bytes
        self.pieces = 0
        self.full_pieces: list[Path] = []
        self.keeping: list[pl.DataFrame] = []  # a few kept rows each, not yet written
        self.keeping_rows = 0
        self.ranges: list[tuple[int, int]] = []  # the __seq range [lo, hi) of each piece
        self.writer: ThreadPoolExecutor | None = None
        self.writing: list[Future[None]] = []

    def add(self, frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame] | None:
        """One batch (``__row`` and item columns; an item without a column counts as empty).

        In memory (one bucket) everything is kept and None returned. Spilled, the narrow
        rows are bucketed here and ``(full, narrow)`` is returned: the caller decides which
        full rows are worth keeping (``keep``), see ``window``.
        """
        if frame.height == 0:
            return None
        absent = [pl.lit(None, dtype=pl.String).alias(i) for i in self.items if i not in frame]
        full = frame.with_columns(
            *absent, pl.int_range(self.rows, self.rows + frame.height, dtype=pl.Int64).alias(SEQ)
        )
        self.rows += frame.height
        narrow = full.select(*[pl.col(k).fill_null("") for k in self.keys], SEQ).with_columns(
            full.select(self.items).hash_rows(seed=PRINT_SEED).alias(PRINT)
        )
        if self.buckets == 1:
            self.narrow_memory.append(narrow)
            self.full_memory.append(full)
            return None
        assert self.folder is not None
        self.folder.mkdir(parents=True, exist_ok=True)
        tagged = narrow.with_columns((key_hash(self.keys) % self.buckets).alias(BUCKET))
        self.pending.append(tagged)
        self.pending_bytes += int(tagged.estimated_size())
        if self.pending_bytes > self.flush_bytes:
            self.flush()
        return full, narrow

    def keep(self, full: pl.DataFrame) -> None:
        """Write full rows (``__seq`` ascending over the calls, as ``add`` returned them,
        maybe filtered), to be fetched back if they turn out to differ. A few rows are
        copied out of their batch and gathered into larger pieces (fewer files to read)."""
        if full.height == 0:
            return
        if full.height >= KEEP_ROWS:
            self._keep_now()
            self._piece(full)
            return
        small = compact(full)
        self.keeping.append(small)
        self.keeping_rows += small.height
        if self.keeping_rows >= KEEP_ROWS or len(self.keeping) >= KEEP_PARTS:
            self._keep_now()

    def _keep_now(self) -> None:
        if self.keeping:
            self._piece(pl.concat(self.keeping))
            self.keeping, self.keeping_rows = [], 0

    def _piece(self, full: pl.DataFrame) -> None:
        assert self.folder is not None
        piece = self.folder / f"full-{len(self.full_pieces)}.arrow"
        self._write(full, piece)
        self.full_pieces.append(piece)
        seqs = full.get_column(SEQ)
        self.ranges.append((int(seqs[0]), int(seqs[-1]) + 1))

    def _write(self, frame: pl.DataFrame, piece: Path) -> None:
        """Write a full piece in a thread (polars releases the GIL), at most two in flight."""
        if self.writer is None:
            self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="compare-spool")
        while len(self.writing) >= 2:
            self.writing.pop(0).result()
        self.writing.append(self.writer.submit(frame.write_ipc, piece, compression="uncompressed"))

    def written(self) -> None:
        """Wait for every piece to be on disk (raises what a write raised)."""
        self._keep_now()
        while self.writing:
            self.writing.pop(0).result()
        if self.writer is not None:
            self.writer.shutdown()
            self.writer = None

    def close(self) -> None:
        """Stop the writer; a write that failed no longer matters (nothing will read it)."""
        with contextlib.suppress(Exception):
            self.written()

    def flush(self) -> None:
        """Write the pending narrow rows as one Arrow IPC piece per bucket.

        One sort by bucket of everything pending, then zero-copy slices, made here and
        dropped as soon as written: slices held per bucket and batch until a flush cost far
        more memory than the rows they hold when there are hundreds of buckets.
        """
        if not self.pending:
            return
        assert self.folder is not None
        tagged = pl.concat(self.pending).sort(BUCKET)
        self.pending, self.pending_bytes = [], 0
        counts = tagged.group_by(BUCKET).len("n").sort(BUCKET)
        body, start = tagged.drop(BUCKET), 0
        for bucket, n in counts.iter_rows():
            target = self.folder / f"b{bucket}"
            target.mkdir(parents=True, exist_ok=True)
            piece = body.slice(start, n)
            piece.write_ipc(target / f"{self.pieces}.arrow", compression="uncompressed")
            start += n
        self.pieces += 1

    def narrow(self, bucket: int) -> pl.DataFrame:
        """The bucket's narrow rows: key items (empty for null), ``__seq``, ``__print``."""
        if self.buckets == 1:
            parts = self.narrow_memory
        else:
            assert self.folder is not None
            if self.pending:
                self.flush()
            where = self.folder / f"b{bucket}"
            files = sorted(where.glob("*.arrow")) if where.is_dir() else []
            parts = [pl.read_ipc(f.read_bytes()) for f in files]
        if not parts:
            schema = {k: pl.String for k in self.keys} | {SEQ: pl.Int64, PRINT: pl.UInt64}
            return pl.DataFrame(schema=schema)
        return pl.concat(parts) if len(parts) > 1 else parts[0]

    def fetch(self, seqs: pl.Series, columns: list[str]) -> pl.DataFrame:
        """The full rows with these sequence numbers (``__seq`` and ``columns``)."""
        self.written()
        wanted = pl.col(SEQ).is_in(seqs.implode())
        if self.buckets == 1:
            parts = [f.filter(wanted).select(SEQ, *columns) for f in self.full_memory]
        else:
            # Only the pieces whose rows are wanted, two at a time; each is read into memory
            # and dropped after the filter (a memory-mapped scan would leave every page it
            # touched counted in the process's RSS).
            wanted_seqs = seqs.sort()
            needed = [
                path
                for path, (lo, hi) in zip(self.full_pieces, self.ranges, strict=True)
                if _any_between(wanted_seqs, lo, hi)
            ]

            def piece(path: Path) -> pl.DataFrame:
                frame = pl.read_ipc(path.read_bytes()).lazy().filter(wanted)
                return compact(frame.select(SEQ, *columns).collect())

            with ThreadPoolExecutor(max_workers=2, thread_name_prefix="compare-fetch") as pool:
                parts = list(pool.map(piece, needed))
        if not parts:
            return pl.DataFrame(schema={SEQ: pl.Int64} | {c: pl.String for c in columns})
        return pl.concat(parts)


def _any_between(ordered: pl.Series, lo: int, hi: int) -> bool:
    """Whether the sorted series holds a value in [lo, hi)."""
    i = int(ordered.search_sorted(lo, side="left"))
    return i < len(ordered) and int(ordered[i]) < hi


def compact(frame: pl.DataFrame) -> pl.DataFrame:
    """A copy that owns only its own values: a filtered frame's strings are views into the
    buffers of the frame it came from, and keep all of them alive."""
    out = io.BytesIO()
    frame.write_ipc(out, compression="uncompressed")
    return pl.read_ipc(out.getvalue())
