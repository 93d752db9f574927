"""A value's leading sign, and batches that hold no sign at all.

The type checks of digits, number and date items ask whether a value starts with ``+``
(polars casts ``+12`` to 12) or ``-``: a string test of every cell, about 6 ms per column
per million rows, some 60 such tests a batch for 住民税 課税明細. A batch whose bytes hold
no ``+`` (or no ``-``) cannot have a value that starts with one, so its checks are built
with the test as the constant false (``absent``); the CSV reader says which signs a
batch's bytes lack (``Batch.signs_absent``, from ``io.batch.signs_absent``).

Where a value is null the test gives null and the constant false; every check that reads
it gives the same finding either way (tests/property/test_fast_checks_agree.py, and
tests/unit/test_validate_signs.py through the reader and the engine).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import polars as pl

from layout_tool.io.batch import SIGNS

_ABSENT: ContextVar[frozenset[str]] = ContextVar("signs_absent", default=frozenset())


def leading(value: pl.Expr, sign: str) -> pl.Expr:
    """``value.str.starts_with(sign)``, or false when built inside ``absent`` of the sign."""
    if sign in _ABSENT.get():
        return pl.lit(False)
    return value.str.starts_with(sign)


@contextmanager
def absent(signs: frozenset[str]) -> Iterator[None]:
    """Build checks for data known to hold none of ``signs``."""
    token = _ABSENT.set(signs & SIGNS)
    try:
        yield
    finally:
        _ABSENT.reset(token)
