"""Code values: a vendor's codes → the standard's, with a rule for values the map lacks.

``unmapped: reject`` makes the row a ``code`` finding; ``keep`` passes the vendor value on
with a warning (the standard's code-table check is then not applied to that item, or every
kept value would reject its row anyway); ``default`` substitutes a standard value, which no
inverse can undo. A map with two vendor codes for one standard code is lossy for the same
reason. Target values must be in the standard item's code table: that is checked at load.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import polars as pl

from layout_tool.dates import ERAS, Era
from layout_tool.i18n import Msg
from layout_tool.mapping.transforms.base import (
    CodeMapSpec,
    Context,
    ParamError,
    Step,
    choice,
    options,
    schema_def,
    transform,
)

UNMAPPED = ("reject", "default", "keep")


def code_map_spec(name: str, raw: Any) -> CodeMapSpec:
    """A code map from its mapping-file form ``{map: {...}, unmapped: ..., default: ...}``."""
    opts = options(raw, name, {"map": dict, "unmapped": str, "default": (str, int)})
    table = opts.get("map")
    if not table:
        raise ParamError(Msg("param.code-map", name=name))
    values = {str(k): str(v) for k, v in table.items()}
    unmapped = choice(opts.get("unmapped", "reject"), name, "unmapped", UNMAPPED)
    default = opts.get("default")
    if (unmapped == "default") != (default is not None):
        raise ParamError(Msg("param.code-default", name=name))
    return CodeMapSpec(name, values, unmapped, None if default is None else str(default))


def _lookup(value: pl.Expr, table: Mapping[str, str]) -> pl.Expr:
    return value.replace_strict(
        list(table), list(table.values()), default=None, return_dtype=pl.String
    )


def _check_targets(spec: CodeMapSpec, ctx: Context) -> None:
    table_id = ctx.item.code
    if table_id is None or ctx.spec_codes is None or table_id not in ctx.spec_codes:
        return
    allowed = ctx.spec_codes[table_id].values
    targets = list(spec.map.values()) + ([spec.default] if spec.default is not None else [])
    for target in targets:
        if target not in allowed:
            known = ", ".join(allowed)
            raise ParamError(
                Msg("param.code-target", map=spec.name, value=repr(target), table=table_id,
                    known=known)
            )  # fmt: skip


def code_step(spec: CodeMapSpec, ctx: Context, name: str = "code") -> Step:
    _check_targets(spec, ctx)
    table = dict(spec.map)

    def forward(v: pl.Expr) -> pl.Expr:
        mapped = _lookup(v, table)
        if spec.unmapped == "keep":
            return pl.coalesce(mapped, v)
        if spec.unmapped == "default":
            return pl.coalesce(mapped, pl.when(v.is_not_null()).then(pl.lit(spec.default)))
        return mapped

    warn = None
    if spec.unmapped == "keep":
        warn = lambda v: _lookup(v, table).is_null() & v.is_not_null()  # noqa: E731
    failure = Msg("xform.code", map=spec.name)
    back = {std: vendor for vendor, std in table.items()}
    if len(back) != len(table):
        dupes = sorted({s for s in table.values() if list(table.values()).count(s) > 1})
        why = Msg("lossy.code-many", map=spec.name, codes=", ".join(dupes))
        return Step(
            name,
            forward,
            None,
            fails=spec.unmapped == "reject",
            code="code",
            failure=failure,
            lossy_because=why,
            warn=warn,
            relaxes_code_check=warn is not None,
        )
    if spec.unmapped == "default":
        why = Msg("lossy.code-default", map=spec.name, value=repr(spec.default))
        return Step(name, forward, None, code="code", failure=failure, lossy_because=why)

    def inverse(v: pl.Expr) -> pl.Expr:
        mapped = _lookup(v, back)
        return pl.coalesce(mapped, v) if spec.unmapped == "keep" else mapped

    return Step(
        name,
        forward,
        inverse,
        fails=spec.unmapped == "reject",
        inverse_fails=spec.unmapped == "reject",
        exact=spec.unmapped == "reject",
        code="code",
        inverse_code="code",
        failure=failure,
        inverse_failure=Msg("xform.code-back", map=spec.name),
        warn=warn,
        relaxes_code_check=warn is not None,
    )


@transform(
    "code",
    "vendor code → standard code by a map (named in `codes:` or inline)",
    {
        "oneOf": [
            {"type": "string", "description": "a code map of `codes:`"},
            {"$ref": "#/$defs/codeMap"},
        ]
    },
)
def code(raw: Any, ctx: Context) -> Step:
    if isinstance(raw, str):
        known = ctx.codes or {}
        if raw not in known:
            names = ", ".join(known) or "none"
            raise ParamError(Msg("param.no-code-map", name=repr(raw), names=names))
        return code_step(known[raw], ctx)
    return code_step(code_map_spec("code", raw), ctx)


ERA_FORMS = {
    "digit": lambda e: e.digit,
    "code": lambda e: e.code,
    "letter": lambda e: e.letter,
    "name": lambda e: e.name,
}


def _era_form(era: Era, form: str) -> str:
    return str(ERA_FORMS[form](era))


_ERA_FORM = schema_def("eraForm", {"enum": list(ERA_FORMS)})


@transform(
    "era-code",
    "1-digit ⇄ 2-digit 年号 codes, letters or names (4 → 04, H → 04)",
    {
        "type": "object",
        "additionalProperties": False,
        "properties": {"from": _ERA_FORM, "to": _ERA_FORM},
    },
    bare=True,
)
def era_code(raw: Any, ctx: Context) -> Step:
    opts = options(raw, "era-code", {"from": str, "to": str})
    forms = tuple(ERA_FORMS)
    src = choice(opts.get("from", "digit"), "era-code", "from", forms)
    dst = choice(opts.get("to", "code"), "era-code", "to", forms)
    table = {_era_form(era, src): _era_form(era, dst) for era in ERAS}
    spec = CodeMapSpec(f"era-code {src}→{dst}", table)
    step = code_step(spec, ctx)
    return Step(
        "era-code",
        step.forward,
        step.inverse,
        exact=True,
        fails=True,
        inverse_fails=True,
        code="code",
        inverse_code="code",
        failure=Msg("xform.era", src=src),
        inverse_failure=Msg("xform.era", src=dst),
    )
