"""Progress on a terminal for long runs; silent in pipes, in CI and with ``--quiet``.

One bar per run: percent and time left from the bytes read (estimated from the rows counted
and each file's bytes per line), ``n/N`` files, and the current file's rows. Work that writes
files (``sample``) plans the rows of each file instead (``layout_tool.progress.plan``): the
percent is then of those rows. The library calls the bar as ``Progress`` (label, rows).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from tqdm import tqdm

from layout_tool.errors import LayoutToolError
from layout_tool.i18n import counted
from layout_tool.progress import Progress

BYTES_FORMAT = "{desc} {percentage:3.0f}%|{bar}| {elapsed}<{remaining}"
QUIET = {"on": False}
SAMPLE_BYTES = 1 << 20  # the head of a file read to estimate its bytes per row


def wanted() -> bool:
    return not QUIET["on"] and sys.stderr.isatty() and not os.environ.get("CI")


def input_files(paths: Iterable[Path]) -> list[Path]:
    """The files a run will read: given files, and the files directly in given folders."""
    from layout_tool.readers.inputs import find  # the rules every command reads by

    try:
        return [e.path for e in find([p for p in paths if p.exists()]).entries]
    except LayoutToolError:  # the command itself says what is wrong with its inputs
        return []


def bytes_per_row(path: Path) -> float:
    try:
        with path.open("rb") as fh:
            head = fh.read(SAMPLE_BYTES)
    except OSError:
        return 0.0
    lines = head.count(b"\n")
    return len(head) / lines if lines else float(len(head) or 1)


class Bar:
    """Turns ``(label, rows so far)`` calls into one bar over the bytes of every input (or,
    once planned, over the rows of every output)."""

    def __init__(self, files: list[Path], what: str) -> None:
        self.sizes = {str(p): p.stat().st_size for p in files}
        self.names = {os.path.basename(k) for k in self.sizes}
        total = sum(self.sizes.values()) or None
        self.n_files = len(files)
        self.what = what
        self.done = 0  # bytes of the files finished
        self.label: str | None = None
        self.size = 0
        self.per_row = 0.0
        self.seen = 0
        self.planned: dict[str, int] = {}  # rows each label will reach (``plan``)
        self.bar = tqdm(
            total=total,
            unit="B",
            unit_scale=True,
            unit_divisor=1024,
            file=sys.stderr,
            leave=False,
            dynamic_ncols=True,
            bar_format=BYTES_FORMAT if total else "{desc} {elapsed}",
        )

    def __call__(self, label: str, rows: int) -> None:
        self.update(label, rows)

    def plan(self, rows: Mapping[str, int]) -> None:
        """The rows each label will reach: the bar counts rows from now on."""
        self.planned = dict(rows)
        self.n_files = len(rows)
        self.bar.unit, self.bar.unit_scale, self.bar.unit_divisor = "rows", True, 1000
        self.bar.total = sum(rows.values()) or None
        self.bar.bar_format = BYTES_FORMAT if self.bar.total else "{desc} {elapsed}"
        self.bar.reset(total=self.bar.total)

    def update(self, label: str, rows: int) -> None:
        if label != self.label:
            self.done += self.size
            self.label = label
            self.seen += 1
            if self.planned:
                self.size = self.planned.get(label, 0)
                self.per_row = 1.0
            else:
                self.size = self.sizes.get(label, 0) or _size(label)
                self.per_row = bytes_per_row(Path(label)) if self.size else 0.0
        name = os.path.basename(label)
        files = f"[{self.seen}/{self.n_files}] " if self.n_files else ""
        done = counted(rows, "row") if self.what == "rows" else f"{rows:,} {self.what}"
        self.bar.set_description_str(f"{files}{name} {done}", refresh=False)
        if not self.bar.total:
            self.bar.refresh()
            return
        position = self.done + min(self.size, int(rows * self.per_row))
        self.bar.update(max(0, position - self.bar.n))

    def close(self) -> None:
        self.bar.close()


def _size(label: str) -> int:
    try:
        return os.stat(label).st_size
    except OSError:
        return 0


@contextmanager
def row_progress(what: str = "rows", paths: Iterable[Path] = ()) -> Iterator[Progress | None]:
    """A ``Progress`` (label, rows so far) drawing one bar on stderr, or None when quiet."""
    if not wanted():
        yield None
        return
    bar = Bar(input_files(paths), what)
    try:
        yield bar
    finally:
        bar.close()
