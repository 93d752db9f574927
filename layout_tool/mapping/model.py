"""A vendor mapping, loaded: sources (the vendor's files), targets (the standard's files),
and per standard item a rule saying where its value comes from and how.

Everything is frozen and checked by the loader; transforms are already compiled into
:class:`Step` objects here, so converting never re-reads the mapping file. ``restorers``
record, per target, which rule writes each vendor field back on ``--reverse``: that choice
is what makes a lossless mapping provable.
"""

from __future__ import annotations

import collections.abc as abc
from dataclasses import dataclass, field
from typing import Literal

from layout_tool.errors import LayoutToolError
from layout_tool.mapping.transforms.base import CodeMapSpec, Step
from layout_tool.spec.model import AreaSpec, FileSpec, Item

Format = Literal["csv", "fixed"]
RuleKind = Literal["from", "join", "split", "const", "lookup", "count"]
RestorerKind = Literal["rule", "split", "filler"]

FULLWIDTH_SPACE = "\u3000"
NEWLINES = {"crlf": "\r\n", "lf": "\n", "none": ""}


@dataclass(frozen=True)
class Field:
    """One field of a vendor record; ``start`` and ``length`` are bytes (fixed-width)."""

    name: str
    start: int | None = None
    length: int | None = None
    filler: bool = False
    line: int | None = None


@dataclass(frozen=True)
class Source:
    """One vendor file layout."""

    id: str
    file: str
    format: Format
    fields: tuple[Field, ...]
    encoding: str = "auto"
    newline: str = "crlf"
    delimiter: str = ","
    quoting: str = "minimal"
    header: bool = True
    match: tuple[str, ...] = ()
    description: str | None = None
    line: int | None = None

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    @property
    def record_length(self) -> int:
        return sum(f.length or 0 for f in self.fields)

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise LayoutToolError(f"source {self.id} has no field {name!r}")


@dataclass(frozen=True)
class Part:
    """One vendor field of a ``join``, with the transforms applied to it before joining."""

    field: str
    steps: tuple[Step, ...] = ()


@dataclass(frozen=True)
class Lookup:
    """Take ``field`` from the row of ``source`` whose ``key`` equals this row's ``on``."""

    source: str
    on: tuple[str, ...]
    key: tuple[str, ...]
    field: str
    missing: Literal["reject", "empty"] = "reject"
    on_steps: tuple[Step, ...] = ()  # applied to this row's ``on`` fields before comparing


@dataclass(frozen=True)
class Clause:
    """One test of a ``where``: ``name`` (a source field, or with ``item`` a standard item of
    the target) is one of ``values`` (None: is empty); ``negate`` turns the test round."""

    name: str
    item: bool
    values: tuple[str, ...] | None
    negate: bool = False


Condition = tuple[Clause, ...]
"""Clauses that must all hold (the empty condition holds for every row)."""


@dataclass(frozen=True)
class Rule:
    """Where one standard item's value comes from. ``steps`` act on the whole value.

    ``from``: one field → steps. ``join``: parts (each with its own steps) joined by ``sep``,
    then steps. ``split``: one field → steps → part ``part`` of ``count`` cut at ``sep`` →
    ``each``. ``const``: a fixed value. ``lookup``: a field of another source, then steps.
    """

    item: Item
    kind: RuleKind
    field: str | None = None
    steps: tuple[Step, ...] = ()
    parts: tuple[Part, ...] = ()
    sep: str = FULLWIDTH_SPACE
    part: int = 1
    count: int = 2
    each: tuple[Step, ...] = ()
    const: str | None = None
    lookup: Lookup | None = None
    line: int | None = None
    signature: str = ""  # the split's field, sep, count and whole-value steps, for grouping
    count_where: Condition = ()  # ``count``: the group's rows that satisfy it are counted

    @property
    def fields(self) -> tuple[str, ...]:
        """The fields of the target's own source this rule reads."""
        if self.kind == "join":
            return tuple(p.field for p in self.parts)
        if self.kind == "lookup" and self.lookup is not None:
            return self.lookup.on
        return (self.field,) if self.field is not None else ()

    @property
    def all_steps(self) -> tuple[Step, ...]:
        return self.steps + self.each + tuple(s for p in self.parts for s in p.steps)

    @property
    def relaxes_code_check(self) -> bool:
        return any(s.relaxes_code_check for s in self.all_steps)


@dataclass(frozen=True)
class Restorer:
    """How ``--reverse`` writes ``fields``: by one rule, a split group, or as blank filler."""

    kind: RestorerKind
    fields: tuple[str, ...]
    rules: tuple[int, ...] = ()  # indexes into Target.rules (a split group in part order)


@dataclass(frozen=True)
class Target:
    """One standard file, produced row for row from the vendor source ``source``."""

    file: FileSpec
    source: str
    rules: tuple[Rule, ...]
    restorers: tuple[Restorer, ...] = ()
    line: int | None = None
    where: Condition = ()  # only the source rows that satisfy it
    distinct: tuple[str, ...] = ()  # one row per group of these source fields
    pick: tuple[Condition | None, ...] = (None,)  # which row of a group: first that satisfies
    # one of these, in order of preference (None: any row, i.e. the group's first)
    primary: bool = True  # the target --reverse rebuilds its source from (see loader)
    tested: tuple[Rule, ...] = ()  # the rules of the items its conditions test

    @property
    def derived(self) -> bool:
        """Rows filtered out or merged: not row for row with the source."""
        return bool(self.where or self.distinct)

    def rule_for(self, item_name: str) -> Rule | None:
        for rule in self.rules:
            if rule.item.name == item_name:
                return rule
        return None


@dataclass(frozen=True)
class Mapping:
    """A loaded mapping file."""

    path: str
    name: str
    area: AreaSpec
    lossless: bool
    sources: tuple[Source, ...]
    targets: tuple[Target, ...]
    codes: abc.Mapping[str, CodeMapSpec] = field(default_factory=dict)
    vendor: str | None = None
    description: str | None = None
    lossy_reasons: tuple[str, ...] = ()  # why it is not lossless (empty when it is)

    def source(self, source_id: str) -> Source:
        for s in self.sources:
            if s.id == source_id:
                return s
        raise LayoutToolError(f"mapping {self.name} has no source {source_id!r}")

    def target_of(self, source_id: str) -> Target | None:
        """The target that rebuilds ``source_id`` on --reverse (else its first target)."""
        found = [t for t in self.targets if t.source == source_id]
        return next((t for t in found if t.primary), found[0] if found else None)

    def to_dict(self) -> dict[str, object]:
        """What reports say about the mapping."""
        return {
            "path": self.path,
            "name": self.name,
            "vendor": self.vendor,
            "area": self.area.id,
            "version": self.area.version,
            "lossless": self.lossless,
            "lossy_reasons": list(self.lossy_reasons),
        }
