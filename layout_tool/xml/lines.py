"""The line of every record of a file element, in bounded memory.

``validate`` locates a finding that knows only its row (a duplicate key, a broken reference,
a rule, found after the last batch) by the line its レコード starts on, so the line of every
record must stay at hand until the end. Four bytes a record in memory grow with the document
(40 MB at 10M records), so only the last ``CHUNK`` lines stay in memory and the earlier ones go
to an anonymous temporary file (deleted by the OS when closed), read back one value at a time
for the few rows that have a finding.
"""

from __future__ import annotations

import os
import tempfile
from array import array
from collections.abc import Iterable, Iterator
from typing import IO

CHUNK = 1 << 18  # lines held in memory before they go to disk (1 MB)
_SIZE = array("i").itemsize


class LineStore:
    """Record lines by row index (0-based), 0 where unknown: a list-like, disk-backed array."""

    def __init__(self, chunk: int | None = None) -> None:
        self.chunk = CHUNK if chunk is None else max(1, chunk)
        self.held: array[int] = array("i")  # the lines not yet on disk
        self.spilled = 0  # lines on disk, before those held
        self._file: IO[bytes] | None = None

    def extend(self, lines: Iterable[int]) -> None:
        self.held.extend(lines)
        if len(self.held) >= self.chunk:
            self._spill()

    def _spill(self) -> None:
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="layout-tool-lines-")  # noqa: SIM115 - kept open, closed by close()
        self._file.seek(0, os.SEEK_END)
        self.held.tofile(self._file)
        self._file.flush()
        self.spilled += len(self.held)
        self.held = array("i")

    def __len__(self) -> int:
        return self.spilled + len(self.held)

    def __getitem__(self, index: int) -> int:
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        if index >= self.spilled:
            return self.held[index - self.spilled]
        assert self._file is not None
        raw = os.pread(self._file.fileno(), _SIZE, index * _SIZE)
        return array("i", raw)[0]

    def __iter__(self) -> Iterator[int]:
        if self._file is not None:
            self._file.seek(0)
            left = self.spilled
            while left:
                block = array("i")
                block.fromfile(self._file, min(left, self.chunk))
                left -= len(block)
                yield from block
        yield from self.held

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self.held = array("i")
        self.spilled = 0

    def __del__(self) -> None:  # a reader dropped without ``close``: no ResourceWarning
        if self._file is not None:
            self._file.close()
