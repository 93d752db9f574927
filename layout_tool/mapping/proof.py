"""Which rule writes each vendor field back, and therefore whether a mapping is lossless.

A mapping is lossless when every field of every vendor source can be rebuilt from the
standard files: each field has a rule whose transforms all have inverses (a ``from`` rule, a
``join`` over it, or a complete group of ``split`` rules), or is blank filler; and every
source is the row source of some target (a source that is only looked up is never written
back). The first rule in file order that can rebuild a field is its restorer; other rules
over the same field are derived, and the converter checks them row by row instead.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from layout_tool.i18n import Msg, Text
from layout_tool.mapping.model import Restorer, Rule, Source, Target


@dataclass(frozen=True)
class Reason:
    """Why a mapping is not lossless, and the line of the mapping file to look at."""

    message: Text
    line: int | None


def _lossy_step(rule: Rule) -> Reason | None:
    for step in rule.all_steps:
        if not step.invertible:
            why = step.lossy_because or Msg("lossy.no-inverse")
            return Reason(
                Msg("map.lossy-step", item=rule.item.name, step=step.name, why=why), step.line
            )
    return None


def restorers(target: Target, source: Source) -> tuple[tuple[Restorer, ...], list[Reason]]:
    """The restorer of every field of ``source`` (where there is one), and what is missing."""
    candidates: dict[str, list[tuple[int, Restorer]]] = defaultdict(list)
    notes: dict[str, Reason] = {}
    groups: dict[str, list[int]] = defaultdict(list)
    for i, rule in enumerate(target.rules):
        lossy = _lossy_step(rule)
        if rule.kind == "join" and rule.sep == "" and lossy is None:
            lossy = Reason(Msg("map.join-empty", item=rule.item.name), rule.line)
        if rule.kind in ("from", "join"):
            for name in rule.fields:
                if lossy is None:
                    candidates[name].append((i, Restorer("rule", (name,), (i,))))
                else:
                    notes.setdefault(name, lossy)
        elif rule.kind == "split":
            groups[rule.signature].append(i)
            if lossy is not None and rule.field is not None:
                notes.setdefault(rule.field, lossy)
    for members in groups.values():
        rules = [target.rules[i] for i in members]
        name = rules[0].field or ""
        parts = sorted(r.part for r in rules)
        if parts != list(range(1, rules[0].count + 1)):
            notes.setdefault(
                name,
                Reason(
                    Msg("map.split-parts", field=name, parts=str(parts), count=rules[0].count),
                    rules[0].line,
                ),
            )
            continue
        if any(_lossy_step(r) for r in rules):
            continue
        ordered = tuple(sorted(members, key=lambda i: target.rules[i].part))
        candidates[name].append((min(members), Restorer("split", (name,), ordered)))
    Key = tuple[str, tuple[int, ...]]
    chosen: dict[Key, list[str]] = {}
    kinds: dict[Key, Restorer] = {}
    reasons: list[Reason] = []
    for f in source.fields:
        if f.filler:
            key: Key = ("filler", (-1 - len(chosen),))
            chosen[key] = [f.name]
            kinds[key] = Restorer("filler", (f.name,))
            continue
        if not candidates[f.name]:
            reasons.append(
                notes.get(f.name)
                or Reason(Msg("map.unmapped-field", field=f.name, source=source.id), f.line)
            )
            continue
        _, best = min(candidates[f.name], key=lambda c: c[0])
        key = (str(best.kind), best.rules)
        chosen.setdefault(key, []).append(f.name)
        kinds[key] = best
    out = tuple(
        Restorer(kinds[key].kind, tuple(names), kinds[key].rules) for key, names in chosen.items()
    )
    return out, reasons


def unwritten_sources(sources: tuple[Source, ...], targets: tuple[Target, ...]) -> list[Reason]:
    """Sources no target reads row for row: ``--reverse`` cannot write them."""
    written = {t.source for t in targets}
    return [
        Reason(Msg("map.lookup-only", source=s.id), s.line) for s in sources if s.id not in written
    ]
