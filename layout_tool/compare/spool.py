"""Rows of one side of one file, spread over hash buckets of their key (a grace hash join).

Two rows with the same key always land in the same bucket, on both sides, so each bucket
can be compared on its own and memory stays bounded by the size of one bucket pair, not of
the files. With one bucket the rows stay in memory; with several they are written to Arrow
IPC pieces in a temporary folder as they are read, and loaded back one bucket at a time.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

BUCKET = "__bucket"
HASH_SEED = 0x1A7
FLUSH_BYTES = 32 << 20  # rows held before they are written out, over all buckets


def key_hash(keys: list[str]) -> pl.Expr:
    """A hash of the key items (empty and null are the same key)."""
    if not keys:
        return pl.lit(0, dtype=pl.UInt64)
    return pl.struct([pl.col(k).fill_null("") for k in keys]).hash(seed=HASH_SEED)


class Spool:
    def __init__(
        self, keys: list[str], buckets: int, folder: Path | None, flush_bytes: int = FLUSH_BYTES
    ) -> None:
        if buckets > 1 and folder is None:
            raise ValueError("several buckets need a folder")
        self.keys = keys
        self.buckets = max(1, buckets)
        self.folder = folder
        self.memory: list[pl.DataFrame] = []
        self.pending: dict[int, list[pl.DataFrame]] = {}
        self.pending_bytes = 0
        self.flush_bytes = flush_bytes
        self.pieces = 0

    def add(self, frame: pl.DataFrame) -> None:
        if frame.height == 0:
            return
        if self.buckets == 1:
            self.memory.append(frame)
            return
        # One sort by bucket, then zero-copy slices (cheaper than partition_by's gathers).
        tagged = frame.with_columns((key_hash(self.keys) % self.buckets).alias(BUCKET)).sort(BUCKET)
        counts = tagged.group_by(BUCKET).len("n").sort(BUCKET)
        start = 0
        body = tagged.drop(BUCKET)
        for bucket, n in counts.iter_rows():
            self.pending.setdefault(int(bucket), []).append(body.slice(start, n))
            start += n
        self.pending_bytes += int(frame.estimated_size())
        if self.pending_bytes > self.flush_bytes:
            self.flush()

    def flush(self) -> None:
        """Write what is pending as one Arrow IPC piece per bucket (few, large files)."""
        assert self.folder is not None or not self.pending
        for bucket, parts in self.pending.items():
            assert self.folder is not None
            target = self.folder / f"b{bucket}"
            target.mkdir(parents=True, exist_ok=True)
            frame = _concat(parts, rechunk=False)
            frame.write_ipc(target / f"{self.pieces}.arrow", compression="uncompressed")
        self.pieces += 1
        self.pending, self.pending_bytes = {}, 0

    def load(self, bucket: int, schema: list[str]) -> pl.DataFrame:
        """The bucket's rows with exactly the columns ``schema`` (missing ones null)."""
        if self.buckets == 1:
            parts = self.memory
        else:
            assert self.folder is not None
            if self.pending:
                self.flush()
            where = self.folder / f"b{bucket}"
            files = sorted(where.glob("*.arrow")) if where.is_dir() else []
            parts = _read(files)
        if not parts:
            return pl.DataFrame({c: pl.Series(c, [], dtype=_dtype(c)) for c in schema})
        frame = _concat(parts, rechunk=True)
        missing = [pl.lit(None, dtype=pl.String).alias(c) for c in schema if c not in frame]
        return frame.with_columns(missing).select(schema)


def _concat(parts: list[pl.DataFrame], rechunk: bool) -> pl.DataFrame:
    """Parts of one side; those of files with other columns are aligned by name."""
    if len(parts) == 1:
        return parts[0]
    if all(p.columns == parts[0].columns for p in parts):
        return pl.concat(parts, rechunk=rechunk)
    return pl.concat(parts, how="diagonal_relaxed", rechunk=rechunk)


def _read(files: list[Path]) -> list[pl.DataFrame]:
    """The pieces of a bucket: in one parallel scan when they share a schema."""
    if not files:
        return []
    try:
        return [pl.scan_ipc(files).collect()]
    except pl.exceptions.PolarsError:  # pieces of files with different columns
        return [pl.read_ipc(f) for f in files]


def _dtype(column: str) -> type[pl.DataType]:
    return pl.Int64 if column.startswith("__") else pl.String
