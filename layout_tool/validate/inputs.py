"""Which file of the area each input is: now ``layout_tool.readers.inputs`` (kept for imports)."""

from __future__ import annotations

from layout_tool.readers.inputs import (
    Input,
    Resolved,
    nothing_checked,
    recognise,
    resolve,
    why_not,
)
from layout_tool.readers.registry import data_suffixes

DATA_SUFFIXES = set(data_suffixes())

__all__ = [
    "DATA_SUFFIXES", "Input", "Resolved", "nothing_checked", "recognise", "resolve", "why_not",
]  # fmt: skip
