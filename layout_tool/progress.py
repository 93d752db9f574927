"""How long work reports its progress: one callback type for the whole library.

Readers, converters and writers call ``progress(label, rows)`` after each batch: ``label``
names the file (its path, so a display can find its size), ``rows`` the rows done in that
file so far (not a running total across files). Work that knows in advance how many rows
each file will get (``sample``) says so with :func:`plan`, where the display can use it.
The library never draws anything: the CLI passes in its bar (``layout_tool.cli.progress``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol, runtime_checkable

Progress = Callable[[str, int], None]
"""``(label, rows done in that file)``, called after each batch."""


@runtime_checkable
class Planned(Protocol):
    """A progress display that can use the rows each file will reach."""

    def __call__(self, label: str, rows: int) -> None: ...

    def plan(self, rows: Mapping[str, int]) -> None: ...


def plan(progress: Progress | None, rows: Mapping[str, int]) -> None:
    """Tell ``progress`` how many rows each label will reach (ignored where it cannot use it)."""
    if isinstance(progress, Planned):
        progress.plan(rows)
