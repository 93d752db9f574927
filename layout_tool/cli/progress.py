"""Progress on a terminal for long runs; silent in pipes and CI."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from tqdm import tqdm

ProgressFn = Callable[[str, int], None]


def wanted() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


@contextmanager
def row_progress(what: str = "rows") -> Iterator[ProgressFn | None]:
    """A callback ``(label, rows_so_far)`` that draws a bar on stderr, or None when quiet."""
    if not wanted():
        yield None
        return
    bar = tqdm(unit=f" {what}", unit_scale=True, file=sys.stderr, leave=False, dynamic_ncols=True)
    current = {"": 0}  # label → rows so far; the bar shows their sum

    def update(label: str, rows: int) -> None:
        if label not in current:
            bar.set_description(os.path.basename(label))
        current[label] = rows
        bar.update(sum(current.values()) - bar.n)

    try:
        yield update
    finally:
        bar.close()
