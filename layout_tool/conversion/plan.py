"""Rules as staged polars expressions, in both directions.

``forward`` computes every mapped standard item of a target from the vendor fields;
``restore`` computes the vendor fields back from standard items through each field's
restorer (the proof's choice). The converter runs one after the other over the same batch:
convert = forward then restore (to verify), ``--reverse`` = restore then forward.

A step that fails returns null for a non-null input; the flag is materialised in the next
stage as its own column, and :class:`Failure` remembers which step and direction it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import polars as pl

from layout_tool.conversion.stages import Stages, Val
from layout_tool.i18n import Msg, Text
from layout_tool.mapping.model import Restorer, Rule, Target
from layout_tool.mapping.transforms.base import Step, empty_to_null


@dataclass(frozen=True)
class Failure:
    flag: Val  # Boolean column: true where the step failed
    step: Step
    inverse: bool
    rule: int  # index into Target.rules

    @property
    def code(self) -> str:
        return self.step.inverse_code if self.inverse else self.step.code

    @property
    def text(self) -> Text:
        return self.step.inverse_failure if self.inverse else self.step.failure


@dataclass
class Outcome:
    """One rule's standard value, how it can fail, and (``keep`` code maps) its warning."""

    value: Val
    failures: list[Failure] = field(default_factory=list)
    warn: Val | None = None
    trail: list[Val] = field(default_factory=list)  # ``from``: each step's result, in order


def lookup_step(rule: Rule) -> Step:
    """The pseudo-step a lookup miss is reported as (a ``reference`` finding)."""
    assert rule.lookup is not None
    look = rule.lookup
    return Step(
        "lookup",
        lambda v: v,
        None,
        fails=True,
        code="reference",
        failure=Msg("xform.lookup", source=look.source, key=", ".join(look.key)),
    )


def join_expr(parts: Sequence[pl.Expr], sep: str) -> pl.Expr:
    """Parts joined by ``sep``; trailing missing parts are left out, all missing is missing."""
    out = parts[-1]
    for part in reversed(parts[:-1]):
        out = (
            pl.when(out.is_null())
            .then(part)
            .otherwise(pl.concat_str(part.fill_null(""), pl.lit(sep), out))
        )
    return out


def split_expr(value: pl.Expr, sep: str, count: int, part: int) -> pl.Expr:
    """Part ``part`` (1-based) of ``value`` cut at the first ``count - 1`` separators."""
    piece = value.str.splitn(sep, count).struct.field(f"field_{part - 1}")
    return empty_to_null(piece)


def run(
    st: Stages,
    value: Val,
    steps: Sequence[Step],
    inverse: bool,
    rule: int,
    out: list[Failure],
    warns: list[Val] | None = None,
    trail: list[Val] | None = None,
) -> Val:
    """Apply ``steps`` (backwards when ``inverse``), recording where they can fail."""
    for step in reversed(steps) if inverse else steps:
        fn = step.inverse if inverse else step.forward
        if fn is None:
            raise ValueError(f"transform {step.name} has no inverse")
        if step.warn is not None and warns is not None and not inverse:
            warns.append(st.add(step.warn(value.col), value))
        if step.stages and not inverse:  # the same function, one column per stage
            result = value
            for stage in step.stages:
                result = st.add(stage(result.col), result)
        else:
            result = st.add(fn(value.col), value)
        if step.inverse_fails if inverse else step.fails:
            flag = st.add(value.col.is_not_null() & result.col.is_null(), value, result)
            out.append(Failure(flag, step, inverse, rule))
        value = result
        if trail is not None:
            trail.append(value)
    return value


def forward(
    st: Stages,
    target: Target,
    fields: dict[str, Val],
    lookups: dict[int, tuple[Val, Val]],
    skip_lookups: bool = False,
) -> dict[int, Outcome]:
    """Every rule's standard value from the vendor ``fields`` (and looked-up columns)."""
    outcomes: dict[int, Outcome] = {}
    for i, rule in enumerate(target.rules):
        if rule.kind == "lookup" and skip_lookups:
            continue
        failures: list[Failure] = []
        warns: list[Val] = []
        trail: list[Val] = []
        if rule.kind == "const":
            value = st.add(pl.lit(rule.const, pl.String))
        elif rule.kind == "from":
            field_value = fields[rule.field or ""]
            value = run(st, field_value, rule.steps, False, i, failures, warns, trail)
        elif rule.kind == "join":
            pieces = [
                run(st, fields[p.field], p.steps, False, i, failures, warns) for p in rule.parts
            ]
            joined = st.add(join_expr([p.col for p in pieces], rule.sep), *pieces)
            value = run(st, joined, rule.steps, False, i, failures, warns)
        elif rule.kind == "count":  # the group's count, a column the deriving step adds
            value = run(st, Val(f"__ag{i}"), rule.steps, False, i, failures, warns)
        elif rule.kind == "split":
            whole = run(st, fields[rule.field or ""], rule.steps, False, i, failures, warns)
            piece = st.add(split_expr(whole.col, rule.sep, rule.count, rule.part), whole)
            value = run(st, piece, rule.each, False, i, failures, warns)
        else:
            found, hit = lookups[i]
            assert rule.lookup is not None
            if rule.lookup.missing == "reject":
                keyed = pl.all_horizontal(fields[f].col.is_not_null() for f in rule.lookup.on)
                on = [fields[f] for f in rule.lookup.on]
                flag = st.add(keyed & hit.col.is_null(), hit, *on)
                failures.append(Failure(flag, lookup_step(rule), False, i))
            value = run(st, found, rule.steps, False, i, failures, warns)
        warn = st.add(pl.any_horizontal(w.col for w in warns), *warns) if warns else None
        outcomes[i] = Outcome(value, failures, warn, trail)
    return outcomes


def restore(
    st: Stages,
    target: Target,
    items: dict[str, Val],
    skip: frozenset[str] = frozenset(),
    bare: frozenset[str] = frozenset(),
) -> tuple[dict[str, Val | None], list[Failure]]:
    """Every vendor field of the row source from the standard ``items`` (None: filler).

    Restorers whose fields are all in ``skip`` are left out. Fields in ``bare`` (restored by
    a ``from`` rule) come back without the inverse of the rule's first step, which the
    caller applies (or checks) itself.
    """
    out: dict[str, Val | None] = {}
    failures: list[Failure] = []
    for restorer in target.restorers:
        if set(restorer.fields) <= skip:
            continue
        out.update(_restore_one(st, target, restorer, items, failures, bare))
    return out, failures


def _restore_one(
    st: Stages,
    target: Target,
    restorer: Restorer,
    items: dict[str, Val],
    failures: list[Failure],
    bare: frozenset[str],
) -> dict[str, Val | None]:
    if restorer.kind == "filler":
        return {name: None for name in restorer.fields}
    if restorer.kind == "split":
        pieces = []
        for i in restorer.rules:
            rule = target.rules[i]
            pieces.append(run(st, items[rule.item.name], rule.each, True, i, failures))
        first = restorer.rules[0]
        rule = target.rules[first]
        joined = st.add(join_expr([p.col for p in pieces], rule.sep), *pieces)
        return {restorer.fields[0]: run(st, joined, rule.steps, True, first, failures)}
    i = restorer.rules[0]
    rule = target.rules[i]
    steps = rule.steps[1:] if rule.kind == "from" and rule.field in bare else rule.steps
    whole = run(st, items[rule.item.name], steps, True, i, failures)
    if rule.kind == "from":
        return {rule.field or "": whole}
    got: dict[str, Val | None] = {}
    for k, part in enumerate(rule.parts, start=1):
        if part.field not in restorer.fields:
            continue
        piece = st.add(split_expr(whole.col, rule.sep, len(rule.parts), k), whole)
        got[part.field] = run(st, piece, part.steps, True, i, failures)
    return got
