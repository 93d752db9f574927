"""Width and kana: 全角 ⇄ 半角 and ひらがな ⇄ カタカナ, per character class, never blanket NFKC.

Each direction is one ``replace_many`` over an explicit table. The half-width katakana table
is derived from ``unicodedata`` one character at a time (restricted to U+FF61–U+FF9F, so
nothing outside that block is touched), with the voiced pairs (ｶﾞ → ガ, ｳﾞ → ヴ, ﾊﾟ → パ)
listed first so the leftmost-first match takes the pair before the single ｶ. NFKC would turn
ﾞ into a combining mark; the table uses the spacing ゛ (U+309B) instead, which converts back.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from typing import Any

import polars as pl

from layout_tool.i18n import Msg
from layout_tool.mapping.transforms.base import (
    Context,
    ParamError,
    Step,
    char_map_breaker,
    options,
    schema_def,
    transform,
)

CLASSES = ("ascii", "space", "kana")
_MARKS = {"\uff9e": "\u309b", "\uff9f": "\u309c"}  # ﾞ ﾟ → ゛ ゜ (spacing, not combining)


@cache
def half_to_full(classes: tuple[str, ...]) -> dict[str, str]:
    """半角 → 全角 for the given classes; longer keys first (leftmost-first matching)."""
    pairs: dict[str, str] = {}
    if "kana" in classes:
        singles = {
            chr(c): _MARKS.get(chr(c)) or unicodedata.normalize("NFKC", chr(c))
            for c in range(0xFF61, 0xFFA0)
        }
        for base in singles:
            for mark in _MARKS:
                composed = unicodedata.normalize("NFKC", base + mark)
                if len(composed) == 1 and composed != singles[base]:
                    pairs[base + mark] = composed
        pairs.update(singles)
    if "ascii" in classes:
        pairs.update({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})
    if "space" in classes:
        pairs[" "] = "\u3000"
    return pairs


@cache
def full_to_half(classes: tuple[str, ...]) -> dict[str, str]:
    """全角 → 半角: the inverse of :func:`half_to_full` (every full-width value is unique)."""
    inverse = {full: half for half, full in half_to_full(classes).items()}
    if len(inverse) != len(half_to_full(classes)):
        raise RuntimeError("the half-width table is not one-to-one")
    return inverse


@lru_cache(maxsize=1)
def hira_to_kata() -> dict[str, str]:
    """ぁ..ゖ → ァ..ヶ and ゝゞ → ヽヾ (the same offset, U+0060)."""
    table = {chr(c): chr(c + 0x60) for c in range(0x3041, 0x3097)}
    table.update({"\u309d": "\u30fd", "\u309e": "\u30fe"})
    return table


def replace_table(value: pl.Expr, table: dict[str, str]) -> pl.Expr:
    return value.str.replace_many(list(table), list(table.values()), leftmost=True)


def _classes(raw: Any, name: str) -> tuple[str, ...]:
    opts = options(raw, name, {"only": (str, list)}, scalar="only")
    only = opts.get("only", list(CLASSES))
    chosen = [only] if isinstance(only, str) else only
    for c in chosen:
        if c not in CLASSES:
            raise ParamError(
                Msg("param.width-class", name=name, classes=", ".join(CLASSES), value=repr(c))
            )
    return tuple(c for c in CLASSES if c in chosen)


def _width_step(name: str, there: dict[str, str], back: dict[str, str]) -> Step:
    return Step(
        name=name,
        forward=lambda v: replace_table(v, there),
        inverse=lambda v: replace_table(v, back),
        breaker=char_map_breaker(there, back),
    )


_CLASS = schema_def("widthClass", {"enum": list(CLASSES)})
_WIDTH_PARAMS = schema_def(
    "widthParams",
    {
        "oneOf": [
            {"type": "null"},
            _CLASS,
            {"type": "array", "items": _CLASS},
            {
                "type": "object",
                "additionalProperties": False,
                "properties": {"only": {"oneOf": [_CLASS, {"type": "array", "items": _CLASS}]}},
            },
        ]
    },
)


@transform(
    "zenkaku",
    "half-width → full-width (ASCII, space, katakana incl. ｶﾞ → ガ)",
    _WIDTH_PARAMS,
    bare=True,
)
def zenkaku(raw: Any, ctx: Context) -> Step:
    classes = _classes(raw, "zenkaku")
    return _width_step("zenkaku", half_to_full(classes), full_to_half(classes))


@transform("hankaku", "full-width → half-width (the inverse of zenkaku)", _WIDTH_PARAMS, bare=True)
def hankaku(raw: Any, ctx: Context) -> Step:
    classes = _classes(raw, "hankaku")
    return _width_step("hankaku", full_to_half(classes), half_to_full(classes))


@transform("katakana", "ひらがな → カタカナ")
def katakana(raw: Any, ctx: Context) -> Step:
    options(raw, "katakana", {})
    table = hira_to_kata()
    return _width_step("katakana", table, {v: k for k, v in table.items()})


@transform("hiragana", "カタカナ → ひらがな")
def hiragana(raw: Any, ctx: Context) -> Step:
    options(raw, "hiragana", {})
    table = {v: k for k, v in hira_to_kata().items()}
    return _width_step("hiragana", table, hira_to_kata())
