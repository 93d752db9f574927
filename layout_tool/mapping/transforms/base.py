"""The transform registry: a dict of named factories, filled by a decorator.

A transform is a vectorised polars function over one string column, with its inverse. A
direction that can fail (``fails=True``) signals it by a null result for a non-null input, so
bad data becomes a finding on its row instead of an exception, and the converter derives the
flag from the materialised column instead of evaluating the transform twice. A factory
receives the transform's parameters from the mapping file and a :class:`Context` (which
standard item and which vendor field the transform serves), checks the parameters, and
returns a :class:`Step`. ``invertible`` is the factory's promise that ``inverse`` undoes
``forward`` for every value it accepts; the converter verifies that promise row by row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import polars as pl

from layout_tool.i18n import Msg, Text
from layout_tool.spec.model import CodeTable, Item

Direction = Callable[[pl.Expr], pl.Expr]
"""One direction of a transform: the input column's expression → the output's."""


class ParamError(ValueError):
    """A transform's parameters are wrong; the loader adds ``file:line``."""


@dataclass(frozen=True)
class CodeMapSpec:
    """A vendor → standard code map, as a mapping file's ``codes:`` section declares it."""

    name: str
    map: Mapping[str, str]
    unmapped: str = "reject"  # reject | default | keep
    default: str | None = None


@dataclass(frozen=True)
class Context:
    """What a transform may need to know about where it is used."""

    item: Item  # the standard item the rule produces
    field: str | None = None  # the vendor field (None where the value is not one field)
    width: int | None = None  # the vendor field's width in bytes (fixed-width sources)
    encoding: str = "utf-8"  # the vendor source's encoding
    codes: Mapping[str, CodeMapSpec] | None = None  # the mapping's named code maps
    spec_codes: Mapping[str, CodeTable] | None = None  # the standard's code tables


@dataclass(frozen=True)
class Padding:
    """How the inverse of ``trim`` in a fixed-width field pads: ``char`` on ``side`` up to
    ``width`` bytes, an odd last byte of a two-byte ``char`` being an ASCII space."""

    char: str
    side: str  # right | left
    width: int


FAILED = Msg("xform.failed")
FAILED_BACK = Msg("xform.failed-back")


@dataclass(frozen=True)
class Step:
    """One compiled transform: both directions and what a failure means."""

    name: str
    forward: Direction
    inverse: Direction | None  # None: no inverse (a lossy transform)
    fails: bool = False  # forward may fail (null out for a non-null value)
    inverse_fails: bool = False
    code: str = "type"  # finding code when forward fails
    inverse_code: str = "type"  # finding code when inverse fails
    failure: Text = FAILED  # message for a failed forward (a predicate: ``xform.*``)
    inverse_failure: Text = FAILED_BACK
    lossy_because: Text | None = None  # why there is no inverse
    warn: Callable[[pl.Expr], pl.Expr] | None = None  # forward: kept with a warning
    relaxes_code_check: bool = False  # the item's code-table check is replaced by ``warn``
    exact: bool = False  # inverse(forward(x)) == x for every x forward accepts (no check needed)
    padding: Padding | None = None  # the inverse pads a fixed-width field (trim)
    stages: tuple[Direction, ...] = ()  # ``forward`` cut where polars would evaluate twice
    breaker: str | None = None  # see ``char_map_breaker``
    line: int | None = None  # where the mapping file declares it

    @property
    def invertible(self) -> bool:
        return self.inverse is not None


Factory = Callable[[Any, Context], Step]


Schema = dict[str, Any]
"""A JSON Schema fragment (draft 2020-12)."""


@dataclass(frozen=True)
class TransformInfo:
    name: str
    factory: Factory
    summary: str
    params: Schema  # JSON Schema of the parameter value (mapping.schema.json is made of it)
    bare: bool  # may be written as its bare name (``- trim``), i.e. with no parameters


TRANSFORMS: dict[str, TransformInfo] = {}
"""Every transform by the name mapping files use."""
SCHEMA_DEFS: dict[str, Schema] = {}
"""Named parameter schemas that several transforms share (``$defs`` of mapping.schema.json)."""
NO_PARAMS: Schema = {"type": "null"}


def transform(
    name: str, summary: str, params: Schema | None = None, *, bare: bool = False
) -> Callable[[Factory], Factory]:
    """Register a factory under ``name`` (explicitly: no discovery by naming convention).

    ``params``: the JSON Schema of its parameters, as mapping files write them (None: it
    takes none); ``bare``: it may be written without parameters. ``scripts/make_schemas.py``
    writes them into mapping.schema.json, so a new transform is this declaration only.
    """

    def register(factory: Factory) -> Factory:
        if name in TRANSFORMS:
            raise RuntimeError(f"transform {name!r} registered twice")
        schema = NO_PARAMS if params is None else params
        TRANSFORMS[name] = TransformInfo(name, factory, summary, schema, bare or params is None)
        return factory

    return register


def schema_def(name: str, schema: Schema) -> Schema:
    """Declare a parameter schema several transforms share; returns a reference to it."""
    if SCHEMA_DEFS.setdefault(name, schema) is not schema:
        raise RuntimeError(f"schema {name!r} declared twice")
    return {"$ref": f"#/$defs/{name}"}


def build(name: str, params: Any, ctx: Context) -> Step:
    """The compiled step for one transform entry of a mapping file."""
    info = TRANSFORMS.get(name)
    if info is None:
        known = ", ".join(sorted(TRANSFORMS))
        raise ParamError(Msg("param.unknown-transform", name=repr(name), known=known))
    return info.factory(params, ctx)


def options(
    raw: Any, name: str, allowed: Mapping[str, type | tuple[type, ...]], scalar: str | None = None
) -> dict[str, Any]:
    """A transform's parameters as a dict, checked against ``allowed`` (key → type).

    ``scalar`` names the parameter a bare value stands for (``{zfill: 15}`` is width 15).
    """
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        if scalar is None:
            raise ParamError(Msg("param.not-options", name=name, raw=repr(raw)))
        raw = {scalar: raw}
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in allowed:
            keys = ", ".join(sorted(allowed)) or Msg("param.none")
            raise ParamError(Msg("param.unknown-option", name=name, key=repr(key), keys=keys))
        kind = allowed[key]
        if isinstance(value, bool) and kind is int:
            raise ParamError(Msg("param.not-number", name=name, key=key, value=repr(value)))
        if not isinstance(value, kind):
            raise ParamError(Msg("param.wrong-type", name=name, key=key, value=repr(value)))
        out[key] = value
    return out


def choice(value: Any, name: str, key: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ParamError(
            Msg("param.not-one-of", name=name, key=key, allowed=", ".join(allowed),
                value=repr(value))
        )  # fmt: skip
    return str(value)


def empty_to_null(value: pl.Expr) -> pl.Expr:
    """Empty strings are missing values, as the reader and the standard treat them."""
    return pl.when(value.str.len_bytes() == 0).then(None).otherwise(value)


def failing(value: pl.Expr, failed: pl.Expr) -> pl.Expr:
    """``value``, null where ``failed``: how a direction reports a value it cannot convert."""
    return pl.when(failed.fill_null(False)).then(None).otherwise(value)


def char_map_breaker(there: Mapping[str, str], back: Mapping[str, str]) -> str | None:
    """For a character map, the characters whose presence alone stops a value coming back.

    ``there`` replaces texts by single characters that occur in none of the texts, and
    ``back`` replaces each of those characters by its text: ``back(there(v)) == v`` then
    holds exactly where ``v`` holds none of those characters (one already there would be
    "converted back" to a text it never was), and where it fails, the two differ within
    the value's own length. A regular expression class of them, or None when the map is
    not of that kind. The converter checks a round trip with it instead of converting back.
    """
    values = list(there.values())
    if any(len(v) != 1 for v in values) or len(set(values)) != len(values):
        return None
    if dict(back) != {v: k for k, v in there.items()}:
        return None
    if set(values) & set("".join(there)):
        return None
    return "[" + "".join(pl.escape_regex(v) for v in values) + "]"
