"""Bounded memory for the checks across rows: narrow columns spilled to disk in partitions.

While a file streams past, ``crossfile.Gathering`` keeps a few narrow columns per row (row
number and a 64-bit hash, 12–16 bytes). Past ``budget()`` bytes held by one file's
``Collected``, they are written out as one *run*: each kind of column (the keys, each
reference's sources or targets, each rule's rows) split into ``PARTS`` Arrow IPC files by
``hash mod PARTS``, and memory is freed. At the end the checks read one partition at a
time: a duplicate key, a reference and its target, and a rule's group always land in the
same partition, so each partition is checked on its own and the results are put back in
row order. Memory is then one batch plus one partition, whatever the number of rows.

``LAYOUT_TOOL_SPILL_MB`` sets the budget (default 64 MB; tests set it tiny to force the
spilled path, which must give the same findings as the in-memory one). The files live in
a temporary folder (``TMPDIR``), removed at the end of the run, or at exit if it fails.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

PARTS = 16
DEFAULT_MB = 64.0
PART = "__part"


def budget() -> int:
    """Bytes of narrow columns one file may hold in memory before it spills a run."""
    raw = os.environ.get("LAYOUT_TOOL_SPILL_MB", "")
    try:
        mb = float(raw) if raw else DEFAULT_MB
    except ValueError:
        mb = DEFAULT_MB
    return max(int(mb * (1 << 20)), 0)


@dataclass
class Spill:
    """The runs of one ``Collected`` on disk: kind → runs → one file per partition."""

    runs: dict[str, list[list[Path]]] = field(default_factory=dict)
    folders: list[Path] = field(default_factory=list)
    _own: Path | None = None
    _finalizers: list[Any] = field(default_factory=list)  # weakref.finalize, one a folder

    def __getstate__(self) -> dict[str, object]:
        # A worker process hands its runs over: the parent removes them (see ``adopt``).
        return {"runs": self.runs, "folders": self.folders}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(**state)  # type: ignore[misc]

    def has(self, kind: str) -> bool:
        return kind in self.runs

    def write(self, kind: str, frame: pl.DataFrame, by: str) -> None:
        """Write ``frame`` as one run of ``kind``, split into PARTS files by column ``by``."""
        if self._own is None:
            self._own = Path(tempfile.mkdtemp(prefix="layout-tool-spill-"))
            self.folders.append(self._own)
            self._watch(self._own)
        runs = self.runs.setdefault(kind, [])
        tagged = frame.with_columns((pl.col(by) % PARTS).cast(pl.UInt8).alias(PART))
        groups = tagged.partition_by(PART, as_dict=True, include_key=False)
        empty = tagged.drop(PART).clear()
        paths: list[Path] = []
        for p in range(PARTS):
            path = self._own / f"{kind}.{len(runs)}.{p}.arrow"
            groups.get((p,), empty).write_ipc(path, compression="uncompressed")
            paths.append(path)
        runs.append(paths)

    def read(self, kind: str, part: int) -> list[pl.DataFrame]:
        """Every run's piece of partition ``part`` of ``kind``."""
        return [pl.read_ipc(run[part]) for run in self.runs.get(kind, [])]

    def _watch(self, folder: Path) -> None:
        """Remove ``folder`` when this Spill is closed or collected, or at exit."""
        self._finalizers.append(weakref.finalize(self, shutil.rmtree, folder, ignore_errors=True))

    def adopt(self) -> None:
        """Take charge of removing runs handed over by another process."""
        for folder in self.folders:
            self._watch(folder)

    def hand_over(self) -> None:
        """Leave the files in place for the process this Spill is sent to (it adopts them)."""
        for done in self._finalizers:
            done.detach()
        self._finalizers = []

    def merge(self, other: Spill) -> None:
        for kind, runs in other.runs.items():
            self.runs.setdefault(kind, []).extend(runs)
        other.hand_over()
        for folder in other.folders:
            self.folders.append(folder)
            self._watch(folder)

    def close(self) -> None:
        """Remove the spill files now (idempotent)."""
        for done in self._finalizers:
            done()
        self._finalizers, self.runs, self.folders, self._own = [], {}, [], None


def in_part(frames: list[pl.DataFrame], by: str, part: int) -> list[pl.DataFrame]:
    """The rows of the in-memory ``frames`` that belong to partition ``part``."""
    return [f.filter((pl.col(by) % PARTS) == part) for f in frames]


def gather(spill: Spill, kind: str, frames: list[pl.DataFrame], by: str, part: int) -> pl.DataFrame:
    """Partition ``part`` of ``kind``: its spilled runs and its in-memory rows, in order."""
    pieces = [*spill.read(kind, part), *in_part(frames, by, part)]
    return pl.concat(pieces, rechunk=True)
