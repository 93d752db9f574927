"""What ``--normalise`` forgives: width, kana and trailing-space differences.

Both values are brought to one form — half-width ASCII, katakana and space become
full-width (ｶﾞ → ガ, the mapping transforms' tables), ひらがな becomes カタカナ, the
user's variant pairs (ゐ → ヰ) are applied, trailing half- and full-width spaces go —
and a difference that disappears is counted apart from real changes. Never blanket NFKC.
"""

from __future__ import annotations

import polars as pl

from layout_tool.mapping.transforms.width import half_to_full, hira_to_kata, replace_table

TRAILING = " \u3000"


def normal_form(value: pl.Expr, variants: tuple[tuple[str, str], ...] = ()) -> pl.Expr:
    """One spelling for values that differ only by width, kana, variants or trailing space."""
    table = dict(half_to_full(("ascii", "space", "kana")))
    out = replace_table(value, table)
    out = replace_table(out, hira_to_kata())
    if variants:
        out = replace_table(out, dict(variants))
    return out.str.strip_chars_end(TRAILING).fill_null("")


def parse_variants(raw: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """``A=B`` pairs from the command line (``ゐ=ヰ``); returns them in order."""
    out: list[tuple[str, str]] = []
    for pair in raw:
        left, sep, right = pair.partition("=")
        if not sep or not left:
            raise ValueError(f"--variant takes A=B (e.g. ゐ=ヰ), not {pair!r}")
        out.append((left, right))
    return tuple(out)
