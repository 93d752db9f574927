"""The generator's plan: per file, integer columns that fix each row's structure, and a role
per item that says how its value follows from them.

Why a plan: keys, references and rules are decided once over whole files as small integer
columns (row, entity, version, household, position, referenced row); the strings are rendered
from them afterwards, in any batch of rows, without holding ten million rows of text. Plan
columns, all unsigned integers unless said otherwise:

``_row``     the row's number in its file (0-based), the key of row-level randomness
``_ent``     the entity's index in its domain (person, household, parcel …)
``_anchor``  whose identity the row carries (a person: names, birth date, 個人番号)
``_grp``     the household (or group) whose surname and address the row shares
``_head``    the anchor of the group's head (世帯主氏名)
``_seq``     the version / event number within the entity (1-based)
``_last``    (bool) the entity's latest version
``_match``   (bool) the row matches the rules' ``where``; ``_pos`` its place in the group
``_ref:K``   the referenced file's row for reference K; ``_fill:K`` (bool) whether it is set
``_dref:K``  the domain index for a deferred reference K
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import polars as pl

from layout_tool.spec.model import AreaSpec, FileSpec, Item


@dataclass(frozen=True)
class Const:
    """The same value on every row (団体コード, 課税年度): index 0 of the domain."""

    tag: str | None


@dataclass(frozen=True)
class Indexed:
    """The value of a plan column's integer (minus ``offset``) rendered as the item."""

    column: str
    tag: str | None
    as_item: Item | None = None
    offset: int = 0
    fill: str | None = None


@dataclass(frozen=True)
class RandomIndex:
    """A random member of a domain of ``count`` indexes (異動前世帯番号, 扶養者の宛名番号)."""

    count: int
    tag: str | None


@dataclass(frozen=True)
class Copy:
    """The value of ``item`` in file ``target`` at the row in plan column ``ref``."""

    ref: str
    target: str
    item: str
    fill: str | None = None


@dataclass(frozen=True)
class Flag:
    """A latest-version flag: ``on`` on an entity's last version, ``off`` on the others."""

    on: str
    off: str


@dataclass(frozen=True)
class Where:
    """An item a rule filters on: usually ``value`` on current rows, anything on others."""

    value: str


@dataclass(frozen=True)
class OneOf:
    """one-per-group: ``value`` on the group's head, anything else on its other members."""

    value: str


@dataclass(frozen=True)
class GroupSeq:
    """sequence-in-group: the row's 1-based position in its group."""


@dataclass(frozen=True)
class Label:
    """The label of code item ``source`` of the same row (続柄 → 続柄表記)."""

    source: str


@dataclass(frozen=True)
class Null:
    """Always empty (an optional reference item that cannot be resolved)."""


@dataclass(frozen=True)
class Free:
    """A random value of the item's type, plausible where its name is well known."""


Role = Const | Indexed | RandomIndex | Copy | Flag | Where | OneOf | GroupSeq | Label | Null | Free


@dataclass
class FilePlan:
    spec: FileSpec
    frame: pl.DataFrame
    roles: dict[str, Role] = field(default_factory=dict)
    heads: pl.Series | None = None
    """Row of each group's head, indexed by group number (files with a one-per-group rule)."""
    offset: int = 0
    """The file row of ``frame``'s first row: not 0 when ``frame`` is one block (``blocks``)."""
    total: int | None = None
    """The file's row count when ``frame`` is one block of it."""
    lookup: Callable[[pl.Series], pl.DataFrame] | None = None
    """The plan rows at any file rows, for a file made a block at a time whose plan row is a
    function of its row number (random draws from it reach beyond the block)."""

    @property
    def rows(self) -> int:
        return self.frame.height if self.total is None else self.total


@dataclass
class AreaPlan:
    spec: AreaSpec
    seed: int
    files: dict[str, FilePlan] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    """Domain tag → number of indexes its enumerating file holds (or must hold)."""
