"""Padding and plain text: trim ⇄ pad, zero-fill, character replacement, defaults.

``trim`` is only invertible where the width to pad back to is known: a fixed-width field's
byte width (CP932: 2 bytes for all but ASCII and half-width kana), or an explicit ``width``
in characters. A full-width pad character cannot fill an odd number of bytes; the last byte
is then an ASCII space, so ``chars`` must include one for such fields to round-trip.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from layout_tool.i18n import Msg
from layout_tool.io.cp932 import byte_length
from layout_tool.mapping.transforms.base import (
    Context,
    Direction,
    Padding,
    ParamError,
    Schema,
    Step,
    char_map_breaker,
    choice,
    empty_to_null,
    failing,
    options,
    schema_def,
    transform,
)

SIDES = ("right", "left", "both")


def _strip(value: pl.Expr, chars: str, side: str) -> pl.Expr:
    if len(chars) > 1:
        if side == "both":
            run = f"[{''.join(pl.escape_regex(c) for c in chars)}]+"
            return value.str.replace(f"^{run}", "").str.replace(f"{run}$", "")
        return _finish(_quick(value, chars, side), chars, side)
    if side == "right":
        return value.str.strip_chars_end(chars)
    if side == "left":
        return value.str.strip_chars_start(chars)
    return value.str.strip_chars(chars)


def _stages(chars: str, side: str) -> tuple[Direction, ...]:
    """``trim``'s forward as columns: what is read twice is computed once (see ``Step``)."""
    if len(chars) > 1 and side != "both":
        return (lambda v: _quick(v, chars, side), lambda v: empty_to_null(_finish(v, chars, side)))
    return (lambda v: _strip(v, chars, side), empty_to_null)


ROUNDS = 2


def _quick(value: pl.Expr, chars: str, side: str) -> pl.Expr:
    """A couple of rounds of stripping one of ``chars`` at a time (see ``_finish``)."""
    for c in chars * ROUNDS:
        value = _strip(value, c, side)
    return value


def _finish(quick: pl.Expr, chars: str, side: str) -> pl.Expr:
    """The rest of the run of ``chars`` that ``_quick`` left at ``side`` (right or left).

    polars strips a set of characters slowly and a regular expression is no faster, while
    stripping one character is quick: a couple of rounds strip what padding looks like
    (full-width spaces, a half-width one for an odd byte). A value that still ends in one
    of ``chars`` takes the regular expression, which polars does not evaluate at all in a
    batch without such values. Stripping the rest of the run from ``quick`` is stripping
    the whole run from the value. ``quick`` is read twice: pass a column.
    """
    run = f"[{''.join(pl.escape_regex(c) for c in chars)}]+"
    if side == "right":
        left = pl.any_horizontal(quick.str.ends_with(c) for c in chars)
        careful = quick.str.replace(f"{run}$", "")
    else:
        left = pl.any_horizontal(quick.str.starts_with(c) for c in chars)
        careful = quick.str.replace(f"^{run}", "")
    return pl.when(left).then(careful).otherwise(quick)


def _pad(value: pl.Expr, count: pl.Expr, char: str, side: str) -> pl.Expr:
    """``count`` copies of ``char`` added on ``side`` (count ≥ 0, per row)."""
    total = value.str.len_chars() + count
    return value.str.pad_end(total, char) if side == "right" else value.str.pad_start(total, char)


def pad_to_bytes(value: pl.Expr, width: int, char: str, side: str) -> pl.Expr:
    """Pad to exactly ``width`` CP932 bytes; null (failed) where the value is longer."""
    missing = width - byte_length(value).cast(pl.Int64)
    if len(char.encode("cp932")) == 2:
        wide = _pad(value, (missing // 2).clip(0), char, side)
        padded = _pad(wide, (missing % 2).clip(0), " ", side)
    else:
        padded = _pad(value, missing.clip(0), char, side)
    return failing(padded, missing < 0)


def pad_to_chars(value: pl.Expr, width: int, char: str, side: str) -> pl.Expr:
    missing = width - value.str.len_chars().cast(pl.Int64)
    return failing(_pad(value, missing.clip(0), char, side), missing < 0)


def _side(side: str) -> str:
    """Where the inverse pads: the side that was trimmed."""
    return "left" if side == "left" else "right"


_TRIM_PARAMS: Schema = {
    "oneOf": [
        {"enum": list(SIDES)},
        {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "side": {"enum": list(SIDES)},
                "chars": {"type": "string", "minLength": 1},
                "pad": {"type": "string", "minLength": 1, "maxLength": 1},
                "width": {"type": "integer", "minimum": 1},
            },
        },
    ]
}
_PAD_PARAMS = schema_def(
    "padParams",
    {
        "oneOf": [
            {"type": "integer", "minimum": 1},
            {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "width": {"type": "integer", "minimum": 1},
                    "char": {"type": "string", "minLength": 1, "maxLength": 1},
                    "side": {"enum": ["left", "right"]},
                },
            },
        ]
    },
)


@transform(
    "trim", "strip padding (inverse: pad back to the field's width)", _TRIM_PARAMS, bare=True
)
def trim(raw: Any, ctx: Context) -> Step:
    opts = options(
        raw, "trim", {"side": str, "chars": str, "pad": str, "width": int}, scalar="side"
    )
    side = choice(opts.get("side", "right"), "trim", "side", SIDES)
    chars = opts.get("chars", " ")
    pad = opts.get("pad", chars[:1])
    if not chars:
        raise ParamError(Msg("param.trim-empty"))
    if len(pad) != 1 or pad not in chars:
        raise ParamError(Msg("param.trim-pad", chars=repr(chars), pad=repr(pad)))
    if len(pad.encode("cp932", errors="replace")) == 2 and " " not in chars:
        raise ParamError(Msg("param.trim-full"))
    width = opts.get("width")

    def forward(v: pl.Expr) -> pl.Expr:
        return empty_to_null(_strip(v, chars, side))

    lossy: Msg | None = None
    if side == "both":
        lossy = Msg("lossy.trim-both")
    elif ctx.width is None and width is None:
        lossy = Msg("lossy.trim-width")
    if lossy is not None:
        return Step("trim", forward, None, lossy_because=lossy, stages=_stages(chars, side))
    if ctx.width is not None:
        fixed = ctx.width

        def inverse(v: pl.Expr) -> pl.Expr:
            return pad_to_bytes(v.fill_null(""), fixed, pad, _side(side))

    else:
        chars_width = int(width or 0)

        def inverse(v: pl.Expr) -> pl.Expr:
            return pad_to_chars(v, chars_width, pad, _side(side))

    return Step(
        "trim",
        forward,
        inverse,
        inverse_fails=True,
        exact=ctx.width is not None and chars == pad and len(pad.encode("cp932")) == 1,
        padding=None if ctx.width is None else Padding(pad, _side(side), ctx.width),
        stages=_stages(chars, side),
        code="length",
        inverse_code="length",
        inverse_failure=Msg("xform.too-long-field", width=ctx.width or width),
    )


def _padder(name: str, raw: Any, ctx: Context, default_char: str, default_side: str) -> Step:
    opts = options(raw, name, {"width": int, "char": str, "side": str}, scalar="width")
    width = opts.get("width", ctx.item.length)
    char = opts.get("char", default_char)
    side = choice(opts.get("side", default_side), name, "side", ("left", "right"))
    if len(char) != 1:
        raise ParamError(Msg("param.one-char", name=name, char=repr(char)))
    if width < 1:
        raise ParamError(Msg("param.width", name=name))

    def forward(v: pl.Expr) -> pl.Expr:
        return pad_to_chars(v, width, char, side)

    def inverse(v: pl.Expr) -> pl.Expr:
        stripped = _strip(v, char, side)
        keep_one = pl.when((stripped.str.len_bytes() == 0) & (v.str.len_bytes() > 0))
        return keep_one.then(pl.lit(char)).otherwise(stripped)

    return Step(
        name,
        forward,
        inverse,
        fails=True,
        code="length",
        failure=Msg("xform.too-long", width=width),
    )


@transform("pad", "pad to a width (inverse: strip the padding)", _PAD_PARAMS, bare=True)
def pad(raw: Any, ctx: Context) -> Step:
    return _padder("pad", raw, ctx, " ", "right")


@transform(
    "zfill",
    "zero-fill to a width, default the item's length (inverse: strip zeros)",
    _PAD_PARAMS,
    bare=True,
)
def zfill(raw: Any, ctx: Context) -> Step:
    return _padder("zfill", raw, ctx, "0", "left")


@transform(
    "replace",
    "replace characters or strings, e.g. ～ → 〜 (inverse: the reverse map)",
    {"type": "object", "minProperties": 1, "additionalProperties": {"type": "string"}},
)
def replace(raw: Any, ctx: Context) -> Step:
    if not isinstance(raw, dict) or not raw:
        raise ParamError(Msg("param.replace-map"))
    table = {str(k): str(v) for k, v in raw.items()}
    if any(not k for k in table):
        raise ParamError(Msg("param.replace-empty"))
    order = sorted(table, key=len, reverse=True)
    there = {k: table[k] for k in order}

    def forward(v: pl.Expr) -> pl.Expr:
        return v.str.replace_many(list(there), list(there.values()), leftmost=True)

    back_keys = list(table.values())
    if len(set(back_keys)) != len(back_keys) or any(not k for k in back_keys):
        return Step("replace", forward, None, lossy_because=Msg("lossy.replace"))
    back = {v: k for k, v in sorted(table.items(), key=lambda kv: len(kv[1]), reverse=True)}

    def inverse(v: pl.Expr) -> pl.Expr:
        return v.str.replace_many(list(back), list(back.values()), leftmost=True)

    return Step("replace", forward, inverse, breaker=char_map_breaker(there, back))


@transform(
    "default",
    "fill a missing value (lossy: empty and the default look alike)",
    {
        "oneOf": [
            {"type": "string"},
            {
                "type": "object",
                "additionalProperties": False,
                "properties": {"value": {"type": "string"}},
            },
        ]
    },
)
def default(raw: Any, ctx: Context) -> Step:
    if isinstance(raw, dict):
        raw = options(raw, "default", {"value": (str, int)}).get("value")
    if not isinstance(raw, (str, int)) or isinstance(raw, bool) or str(raw) == "":
        raise ParamError(Msg("param.default-value"))
    value = str(raw)
    return Step(
        "default",
        lambda v: v.fill_null(pl.lit(value)),
        None,
        lossy_because=Msg("lossy.default", value=repr(value)),
    )
