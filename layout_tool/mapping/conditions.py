"""``where:`` conditions of targets, ``pick`` and ``count``: parsed and checked.

(They are evaluated over a batch by :mod:`layout_tool.conversion.conditions`.)

A condition is a mapping of names to tests, all of which must hold::

    where: {最新フラグ: "1", 住民状態: ["1", "2"], 消除年月日: null, 続柄: {not: "02"}}

A name is a field of the target's source, tested as read, or ``item:`` and a standard item
that has a rule (not a lookup or count) in this target or else in another target of the
same source, tested as converted (a bare name that is no field but such an item is the
item too): a 世帯 made from person rows can pick the row whose 個人 続柄 is ``02``.
A test is a value (equal), a list (one of them), ``null`` (empty) or ``{not: test}``.
Empty values are missing values here too: ``""`` and a blank field both count as empty.
"""

from __future__ import annotations

from typing import Any

from layout_tool.i18n import Msg
from layout_tool.mapping.model import Clause, Condition, Rule, Source
from layout_tool.yamlsource import YamlDoc

Path = list[str | int]
ITEM = "item:"


def parse_condition(
    doc: YamlDoc, path: Path, raw: Any, source: Source, rules: dict[str, Rule]
) -> Condition:
    """The clauses of a ``where`` mapping, or a ``file:line`` error."""
    if raw is None:
        return ()
    if not isinstance(raw, dict) or not raw:
        raise doc.error(Msg("rule.condition"), path)
    clauses = []
    for name, test in raw.items():
        here = [*path, name]
        explicit = str(name).startswith(ITEM)
        name = str(name).removeprefix(ITEM)
        if name in source.field_names and not explicit:
            item = False
        elif name in rules and rules[name].kind not in ("lookup", "count"):
            item = True
        else:
            raise doc.error(
                f"{name!r} is neither a field of source {source.id} nor an item with a rule"
                " (from, join, split, const) in a target of it",
                here,
            )
        negate = False
        if isinstance(test, dict):
            if list(test) != ["not"]:
                raise doc.error(Msg("rule.test", name=name), here)
            negate, test = True, test["not"]
            here = [*here, "not"]
        clauses.append(Clause(str(name), item, _values(doc, here, name, test), negate))
    return tuple(clauses)


def _values(doc: YamlDoc, path: Path, name: str, test: Any) -> tuple[str, ...] | None:
    if test is None:
        return None
    values = test if isinstance(test, list) else [test]
    for v in values:
        if not isinstance(v, str):
            shown = v if not isinstance(v, int) or isinstance(v, bool) else f'"{v}"'
            raise doc.error(
                f"{name}: value {v!r} is not a string; quote it: {shown}"
                if isinstance(v, int) and not isinstance(v, bool)
                else f"{name}: value {v!r} is not a string",
                path,
            )
    return tuple(values)
