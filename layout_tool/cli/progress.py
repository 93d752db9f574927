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
    state = {"label": "", "base": 0, "last": 0}

    def update(label: str, rows: int) -> None:
        if label != state["label"]:
            state["base"] += state["last"]
            state["label"], state["last"] = label, 0
            bar.set_description(os.path.basename(label))
        bar.update(state["base"] + rows - bar.n)
        state["last"] = rows

    try:
        yield update
    finally:
        bar.close()
