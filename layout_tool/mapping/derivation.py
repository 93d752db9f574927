"""A target's ``where``, ``distinct``, ``pick`` and ``count`` conditions, as the loader reads them.

They may test standard items, so they are read once every target's rules are compiled
(``tested``: the rules of the items conditions may name, this target's first).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from layout_tool.i18n import Msg
from layout_tool.mapping.conditions import parse_condition
from layout_tool.mapping.model import Condition, Rule, Source, Target
from layout_tool.yamlsource import YamlDoc


def derivation(
    doc: YamlDoc,
    index: int,
    raw: dict[str, Any],
    target: Target,
    source: Source,
    tested: dict[str, Rule],
) -> Target:
    """``where``, ``distinct``, ``pick`` and ``count`` of a target (they may test items)."""
    here: list[str | int] = ["targets", index]
    by_item = {**tested, **{r.item.name: r for r in target.rules}}
    condition = parse_condition(doc, [*here, "where"], raw.get("where"), source, by_item)
    distinct = tuple(
        _field_name(doc, [*here, "distinct", i], source, f)
        for i, f in enumerate(raw.get("distinct") or [])
    )
    pick = _pick(doc, here, raw, source, by_item, distinct)
    rules = list(target.rules)
    for n, rule in enumerate(rules):
        if rule.kind != "count":
            continue
        at = [*here, "items", rule.item.name, "count"]
        if not distinct:
            raise doc.error(Msg("rule.count-distinct", item=rule.item.name), at)
        spec = raw["items"][rule.item.name]["count"] or {}
        cond = parse_condition(doc, [*at, "where"], spec.get("where"), source, by_item)
        rules[n] = replace(rule, count_where=cond)
    conditions = [condition, *[p for p in pick if p], *[r.count_where for r in rules]]
    names = {c.name for cond in conditions for c in cond if c.item}
    return replace(
        target,
        rules=tuple(rules),
        where=condition,
        distinct=distinct,
        pick=pick,
        tested=tuple(by_item[n] for n in sorted(names)),
    )


def _field_name(doc: YamlDoc, path: list[str | int], source: Source, name: Any) -> str:
    if name not in source.field_names:
        raise doc.error(Msg("rule.no-field-short", source=source.id, name=repr(name)), path)
    return str(name)


def _pick(
    doc: YamlDoc,
    here: list[str | int],
    raw: dict[str, Any],
    source: Source,
    by_item: dict[str, Rule],
    distinct: tuple[str, ...],
) -> tuple[Condition | None, ...]:
    """``pick: first``, ``pick: {where: …}`` or a list of them (preferences in order)."""
    if "pick" not in raw:
        return (None,)
    if not distinct:
        raise doc.error(Msg("rule.pick-distinct"), [*here, "pick"])
    given = raw["pick"] if isinstance(raw["pick"], list) else [raw["pick"]]
    out: list[Condition | None] = []
    for i, entry in enumerate(given):
        at: list[str | int] = (
            [*here, "pick", i] if isinstance(raw["pick"], list) else [*here, "pick"]
        )
        if entry == "first":
            out.append(None)
        elif isinstance(entry, dict) and list(entry) == ["where"]:
            out.append(parse_condition(doc, [*at, "where"], entry["where"], source, by_item))
        else:
            raise doc.error(Msg("rule.pick-shape"), at)
    return tuple(out)
