"""Compile one ``items:`` entry of a mapping file into a :class:`Rule`, or say where it is wrong.

Each transform is built with the context of where it runs (the vendor field's byte width
for a fixed-width source, the standard item), so its parameters are checked here, at load,
and every mistake names its own line of the mapping file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, cast

from layout_tool.i18n import Msg
from layout_tool.mapping.model import FULLWIDTH_SPACE, Lookup, Part, Rule, Source
from layout_tool.mapping.transforms import CodeMapSpec, Context, ParamError, Step, build
from layout_tool.mapping.transforms.flagged import SEP, flag_options
from layout_tool.spec.model import CodeTable, Item
from layout_tool.yamlsource import YamlDoc

KINDS = ("from", "join", "split", "const", "lookup", "count")
Path = list[str | int]


@dataclass(frozen=True)
class Scope:
    """What a rule may refer to."""

    doc: YamlDoc
    source: Source
    sources: Mapping[str, Source]
    codes: Mapping[str, CodeMapSpec]
    spec_codes: Mapping[str, CodeTable]


def compile_rule(scope: Scope, path: Path, item: Item, raw: Any) -> Rule:
    """The rule for ``item`` from its YAML form (a field name, or a mapping)."""
    doc = scope.doc
    line = doc.line_of(path)
    if isinstance(raw, str):
        raw = {"from": raw}
    kinds = [k for k in KINDS if k in raw]
    if len(kinds) != 1:
        found = ", ".join(kinds) or "none"
        raise doc.error(
            f"{item.name}: say exactly one of {', '.join(KINDS)} (found: {found})", path
        )
    kind = kinds[0]
    _only_with(scope, path, item, raw, kind)
    if kind == "const":
        return Rule(item, "const", const=str(raw["const"]), line=line)
    if kind == "count":  # its where is parsed by the loader, which knows the target's rules
        steps = _steps(scope, [*path, "transforms"], item, raw, "transforms", None)
        return Rule(item, "count", steps=steps, line=line)
    if kind == "from":
        name = _field(scope, scope.source, [*path, "from"], raw["from"])
        flagged = _flagged(scope, path, item, raw, name, line)
        if flagged is not None:
            return flagged
        steps = _steps(scope, [*path, "transforms"], item, raw, "transforms", name)
        return Rule(item, "from", field=name, steps=steps, line=line)
    if kind == "join":
        parts = tuple(
            _part(scope, [*path, "join", i], item, p, raw) for i, p in enumerate(raw["join"])
        )
        steps = _steps(scope, [*path, "transforms"], item, raw, "transforms", None)
        return Rule(
            item, "join", parts=parts, sep=raw.get("sep", FULLWIDTH_SPACE), steps=steps, line=line
        )
    if kind == "split":
        return _split(scope, path, item, raw, line)
    return _lookup(scope, path, item, raw, line)


_KEYS_FOR = {
    "from": {"transforms"},
    "join": {"sep", "each", "transforms"},
    "split": {"sep", "part", "parts", "each", "transforms"},
    "const": set(),
    "lookup": {"transforms"},
    "count": {"transforms"},
}


def _only_with(scope: Scope, path: Path, item: Item, raw: dict[str, Any], kind: str) -> None:
    allowed = _KEYS_FOR[kind] | {kind, "description"}
    for key in raw:
        if key not in allowed:
            others = ", ".join(sorted(allowed - {kind, "description"})) or "nothing"
            raise scope.doc.error(
                f"{item.name}: {key!r} does not go with {kind!r} (with {kind}: {others})",
                [*path, key],
            )


def _field(scope: Scope, source: Source, path: Path, name: Any) -> str:
    if not isinstance(name, str) or name not in source.field_names:
        known = ", ".join(source.field_names)
        said = Msg("rule.no-field", source=source.id, name=repr(name), known=known)
        raise scope.doc.error(said, path)
    if source.field(name).filler:
        raise scope.doc.error(Msg("rule.filler", name=repr(name)), path)
    return name


def _context(scope: Scope, item: Item, source: Source, field: str | None) -> Context:
    width = source.field(field).length if field is not None and source.format == "fixed" else None
    return Context(
        item=item,
        field=field,
        width=width,
        encoding=source.encoding,
        codes=scope.codes,
        spec_codes=scope.spec_codes,
    )


def _steps(
    scope: Scope,
    path: Path,
    item: Item,
    raw: dict[str, Any],
    key: str,
    field: str | None,
    source: Source | None = None,
) -> tuple[Step, ...]:
    """Compile a transform list; ``field`` (of ``source``) gives fixed-width context."""
    ctx = _context(scope, item, source or scope.source, field)
    steps = []
    for i, entry in enumerate(raw.get(key) or []):
        where = [*path, i]
        if isinstance(entry, str):
            name, params = entry, None
        elif isinstance(entry, dict) and len(entry) == 1:
            name, params = next(iter(entry.items()))
        else:
            raise scope.doc.error(Msg("rule.transform-shape", item=item.name), where)
        try:
            step = build(str(name), params, ctx)
        except ParamError as exc:
            raise scope.doc.error(
                Msg("rule.in-item", item=item.name, detail=exc.args[0]), where
            ) from None
        steps.append(replace(step, line=scope.doc.line_of(where)))
    return tuple(steps)


def _part(scope: Scope, path: Path, item: Item, raw: Any, rule: dict[str, Any]) -> Part:
    if isinstance(raw, str):
        raw = {"from": raw}
    name = _field(scope, scope.source, [*path, "from"], raw["from"])
    each = _steps(scope, [*path[:-2], "each"], item, rule, "each", name)
    own = _steps(scope, [*path, "transforms"], item, raw, "transforms", name)
    return Part(name, each + own)


def _split(scope: Scope, path: Path, item: Item, raw: dict[str, Any], line: int | None) -> Rule:
    name = _field(scope, scope.source, [*path, "split"], raw["split"])
    count = int(raw.get("parts", 2))
    part = int(raw.get("part", 1))
    if part > count:
        said = Msg("rule.split-part", item=item.name, part=part, count=count)
        raise scope.doc.error(said, [*path, "part"])
    sep = str(raw.get("sep", FULLWIDTH_SPACE))
    if not sep:
        raise scope.doc.error(Msg("rule.split-sep", item=item.name), [*path, "sep"])
    steps = _steps(scope, [*path, "transforms"], item, raw, "transforms", name)
    each = _steps(scope, [*path, "each"], item, raw, "each", None)
    signature = json.dumps([name, sep, count, raw.get("transforms")], ensure_ascii=False)
    return Rule(
        item,
        "split",
        field=name,
        steps=steps,
        sep=sep,
        part=part,
        count=count,
        each=each,
        line=line,
        signature=signature,
    )


def _lookup(scope: Scope, path: Path, item: Item, raw: dict[str, Any], line: int | None) -> Rule:
    spec = raw["lookup"]
    where = [*path, "lookup"]
    other = scope.sources.get(spec["source"])
    if other is None:
        known = ", ".join(scope.sources)
        raise scope.doc.error(
            f"lookup in unknown source {spec['source']!r} ({known})", [*where, "source"]
        )
    if other.id == scope.source.id:
        raise scope.doc.error(Msg("rule.lookup-own"), [*where, "source"])
    on = tuple(_field(scope, scope.source, [*where, "on", i], f) for i, f in enumerate(spec["on"]))
    key_raw = spec.get("key", list(on))
    key = tuple(_field(scope, other, [*where, "key", i], f) for i, f in enumerate(key_raw))
    if len(key) != len(on):
        raise scope.doc.error(Msg("rule.lookup-keys"), where)
    value = _field(scope, other, [*where, "field"], spec["field"])
    steps = _steps(scope, [*path, "transforms"], item, raw, "transforms", value, other)
    missing = cast(Any, spec.get("missing", "reject"))
    # a key its on_transforms cannot convert finds no row (a reference finding, or empty)
    on_steps = _steps(scope, [*where, "on_transforms"], item, spec, "on_transforms", None)
    look = Lookup(other.id, on, key, value, missing, on_steps)
    return Rule(item, "lookup", steps=steps, lookup=look, line=line)


def _flagged(
    scope: Scope, path: Path, item: Item, raw: dict[str, Any], name: str, line: int | None
) -> Rule | None:
    """A ``from`` rule whose ``date`` names an ``unknown_flag`` field: a join of the date and
    its flag (``transforms.flagged``); transforms before the date act on the date field,
    those after it on the standard value."""
    entries = list(raw.get("transforms") or [])
    at = next(
        (
            i
            for i, e in enumerate(entries)
            if isinstance(e, dict)
            and isinstance(e.get("date"), dict)
            and "unknown_flag" in e["date"]
        ),
        None,
    )
    if at is None:
        return None
    where = [*path, "transforms", at]
    try:
        flag_field = flag_options(entries[at]["date"])[0]
    except ParamError as exc:
        raise scope.doc.error(
            Msg("rule.in-item", item=item.name, detail=exc.args[0]), where
        ) from None
    flag = _field(scope, scope.source, [*where, "date", "unknown_flag"], flag_field)
    if flag == name:
        raise scope.doc.error(Msg("rule.flag-other", item=item.name), where)
    before = _steps(scope, [*path, "transforms"], item, {"t": entries[:at]}, "t", name)
    after = _steps(scope, [*path, "transforms"], item, {"t": entries[at:]}, "t", None)
    parts = (Part(name, before), Part(flag))
    return Rule(item, "join", parts=parts, sep=SEP, steps=after, line=line)
