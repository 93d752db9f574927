"""Numbers with an implied scale: the mainframe's zero-filled ``000123456`` ⇄ ``1234.56``.

All string arithmetic (no floats, no integer overflow): the digits are split at ``scale``
from the right. The standard's form is canonical (no leading zeros, exactly ``scale``
decimals), so a vendor value that is not zero-filled the way the mapping says will not come
back the same, and a lossless mapping rejects that row instead of changing it silently.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from layout_tool.i18n import Msg
from layout_tool.mapping.transforms.base import (
    Context,
    ParamError,
    Step,
    choice,
    failing,
    options,
    transform,
)

STANDARD = r"^(-?)([0-9]+)(?:\.([0-9]+))?$"


SIGN_NAMES = {"leading": Msg("xform.sign-leading"), "trailing": Msg("xform.sign-trailing")}
SIGNS = tuple(SIGN_NAMES)


def _no_leading_zeros(digits: pl.Expr) -> pl.Expr:
    stripped = digits.str.strip_chars_start("0")
    return pl.when(stripped.str.len_bytes() == 0).then(pl.lit("0")).otherwise(stripped)


@transform(
    "number",
    "integer with implied decimals ⇄ standard decimal (scale, sign, zfill)",
    {
        "oneOf": [
            {"type": "integer", "minimum": 0},
            {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "scale": {"type": "integer", "minimum": 0, "maximum": 18},
                    "sign": {"enum": list(SIGNS)},
                    "zfill": {"type": "boolean"},
                    "width": {"type": "integer", "minimum": 1},
                },
            },
        ]
    },
    bare=True,
)
def number(raw: Any, ctx: Context) -> Step:
    opts = options(
        raw, "number", {"scale": int, "sign": str, "zfill": bool, "width": int}, scalar="scale"
    )
    scale = opts.get("scale", 0)
    if scale < 0 or scale > 18:
        raise ParamError(Msg("param.scale"))
    sign_side = choice(opts.get("sign", "leading"), "number", "sign", SIGNS)
    width = opts.get("width", ctx.width)
    zero_fill = opts.get("zfill", ctx.width is not None)
    if zero_fill and width is None:
        raise ParamError(Msg("param.zfill-width"))
    vendor = r"^(-?)([0-9]+)$" if sign_side == "leading" else r"^([0-9]+)(-?)$"
    sign_group, digit_group = (1, 2) if sign_side == "leading" else (2, 1)

    def forward(v: pl.Expr) -> pl.Expr:
        ok = v.str.contains(vendor)
        sign = v.str.extract(vendor, sign_group)
        digits = v.str.extract(vendor, digit_group)
        if scale == 0:
            body = _no_leading_zeros(digits)
        else:
            padded = digits.str.zfill(scale + 1)
            cut = padded.str.len_chars() - scale
            whole = _no_leading_zeros(padded.str.slice(0, cut))
            body = pl.concat_str(whole, pl.lit("."), padded.str.slice(cut))
        value = pl.concat_str(sign, body)
        return failing(value, ~ok)

    def inverse(v: pl.Expr) -> pl.Expr:
        ok = v.str.contains(STANDARD)
        sign = v.str.extract(STANDARD, 1)
        fraction = v.str.extract(STANDARD, 3)
        if scale == 0:
            ok = ok & fraction.is_null()
            digits = v.str.extract(STANDARD, 2)
        else:
            ok = ok & (fraction.str.len_chars() == scale).fill_null(False)
            digits = pl.concat_str(v.str.extract(STANDARD, 2), fraction)
        digits = _no_leading_zeros(digits)
        if zero_fill:
            room = pl.lit(width, dtype=pl.Int64) - sign.str.len_chars().cast(pl.Int64)
            ok = ok & (digits.str.len_chars().cast(pl.Int64) <= room)
            digits = digits.str.zfill(room)
        parts = (sign, digits) if sign_side == "leading" else (digits, sign)
        return failing(pl.concat_str(*parts), ~ok)

    return Step(
        "number",
        forward,
        inverse,
        fails=True,
        inverse_fails=True,
        code="type",
        inverse_code="type",
        failure=Msg("xform.number", sign=SIGN_NAMES[sign_side])
        if scale == 0
        else Msg("xform.number-scaled", scale=scale, sign=SIGN_NAMES[sign_side]),
        inverse_failure=Msg("xform.number-back", scale=scale),
    )
