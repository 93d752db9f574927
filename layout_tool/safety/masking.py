"""The one masking rule: a sensitive value (個人番号 and the fields it is read from) never
appears in any output unless ``--show-values`` is given.

A finding on a sensitive item carries its value masked (first four characters kept), and its
message takes the masked value too: every quoted part and every run of five or more digits
(ASCII or full-width) in the message is masked, whatever step put it there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import polars as pl

from layout_tool.findings.frame import ITEM, MESSAGE, VALUE

_QUOTED = re.compile(r"'([^']*)'")
_DIGITS = re.compile(r"[0-9０-９]{5,}")


def mask(value: str) -> str:
    """Keep the first four characters of a sensitive value, hide the rest."""
    if len(value) <= 4:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 4)


def mask_message(message: str, values: Iterable[str | None] = ()) -> str:
    """``message`` with the given values and every quoted part or digit run masked."""
    for v in values:
        if v and len(v) > 4 and v in message:
            message = message.replace(v, mask(v))
    message = _QUOTED.sub(lambda m: f"'{mask(m.group(1))}'", message)
    return _DIGITS.sub(lambda m: mask(m.group(0)), message)


def mask_digits(text: str) -> str:
    """Runs of five or more digits masked: for text that may quote data by accident
    (an internal error's message), where quoted parts are mostly names, not values."""
    return _DIGITS.sub(lambda m: mask(m.group(0)), text)


def mask_findings_frame(long: pl.DataFrame, sensitive: set[str]) -> pl.DataFrame:
    """A findings frame (``layout_tool.findings.frame``) with sensitive items masked."""
    if not sensitive or long.height == 0:
        return long
    hit = pl.col(ITEM).is_in(sorted(sensitive)).fill_null(False)
    if not long.select(hit.any()).item():
        return long
    long = long.with_row_index("__mask_order")
    hot = long.filter(hit)
    messages = [
        None if m is None else mask_message(m, [v])
        for m, v in zip(hot.get_column(MESSAGE), hot.get_column(VALUE), strict=True)
    ]
    values = [None if v is None else mask(v) for v in hot.get_column(VALUE)]
    hot = hot.with_columns(
        pl.Series(MESSAGE, messages, dtype=pl.String),
        pl.Series(VALUE, values, dtype=pl.String),
    )
    merged = pl.concat([long.filter(~hit), hot.select(long.columns)])
    return merged.sort("__mask_order").drop("__mask_order")
