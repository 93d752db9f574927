"""The plan of ``plan.py``, made one block of the main file's entities at a time.

``Planner`` decides a whole file at once: nine integer columns a row, 27 MB a million rows of
住民 個人 before the scratch of planning. ``BlockPlanner`` takes the very same decisions for a
block of whole entities of the main file (an entity's versions, and so its latest version,
stay together), then plans the rows of the other files that block gives rise to: a child
file's rows for the block's parents, the linked file's (世帯's) rows for the groups whose
head is in the block, and the next block of each other root file's own entities (see
``shapes``). Concatenated, the blocks are the whole-file plan, column for column.

What spans blocks is carried, O(1): the main file's rows, entities and matched rows so far,
the group (世帯) the next matched row falls in and its first rank, the groups begun so far,
and each other file's rows (and a root's entities) so far. Two facts about the whole main
file come from a first pass over its blocks (``census``): how many entities and groups it
has (domains and random draws use these counts), and the anchor (person) of each group's
head, which the rows that join a random group carry as ``_head`` (世帯主氏名). That array is
the only state that grows with the file: 4 bytes a group, about 1.2 bytes a row of 住民 個人
(12 MB at 10M rows).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

import polars as pl

from layout_tool.sample.groups import HOUSEHOLD, assign_groups, matching, place, rule_roles
from layout_tool.sample.model import AreaPlan, FilePlan
from layout_tool.sample.plan import EVENTS, HISTORY, Planner
from layout_tool.sample.rand import below, weighted
from layout_tool.sample.shapes import shape
from layout_tool.sample.structure import analyse
from layout_tool.sample.values import capacity
from layout_tool.spec.model import AreaSpec, Rule

BLOCK_ENTITIES = 200_000
"""Main-file entities a block (about 240,000 rows of 住民 個人)."""
_U32 = pl.UInt32


@dataclass(frozen=True)
class Census:
    """Facts about the whole main file, from a first pass over its blocks."""

    entities: int
    rows: int
    groups: int
    head_anchors: pl.Series
    """``_anchor`` of each group's head row, by group number (UInt32)."""


@dataclass
class Carry:
    """Where the next block starts."""

    entity: int = 0
    row: int = 0
    rank: int = 0
    """Matched rows of the main file so far."""
    group: int = 0
    """The group the next matched row falls in …"""
    start: int = 0
    """… and that group's first rank."""
    heads: int = 0
    """Groups begun so far (the linked file's entities so far)."""
    entities: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    """Rows so far of the other files made block by block."""
    roots: dict[str, int] = field(default_factory=dict)
    """The next entity of each other root file."""


class BlockPlanner(Planner):
    """``Planner`` over blocks; without a ``census`` it makes one (the main file only)."""

    def __init__(
        self,
        spec: AreaSpec,
        rows: int,
        seed: int,
        stop_at: str | None,
        block: int = BLOCK_ENTITIES,
        census: Census | None = None,
    ) -> None:
        super().__init__(spec, rows, seed, stop_at)
        found = shape(spec, stop_at if census is not None else self.structure.main)
        if found is None:
            raise ValueError(f"area {spec.id} cannot be planned a block at a time")
        self.shape = found
        self.resident = found.resident
        self.streamed = found.streamed if census is not None else found.streamed[:1]
        self.roots: dict[str, int] = {}
        """Entities of each other root file (known once its first block is planned)."""
        self.block = max(block, 1)
        self.census = census
        self.carry = Carry()
        self.next = Carry()
        self.anchors: list[pl.Series] = []
        self.total_entities = self._main_entities()

    def blocks(self) -> Iterator[AreaPlan]:
        """The area plan once a block: resident files whole, streamed files' block rows."""
        for file_id in self.resident:
            self.plan_file(file_id)
        counts = dict(self.area.counts)
        while self._more():
            self.next = replace(
                self.carry, rows=dict(self.carry.rows), roots=dict(self.carry.roots)
            )
            self.area.counts = dict(counts)
            for file_id in self.streamed:
                self.area.files.pop(file_id, None)
            for file_id in self.streamed:
                self.plan_file(file_id)
            yield self.area
            self.carry = self.next

    def _more(self) -> bool:
        carry = self.carry
        if carry.row < self.rows and carry.entity < self.total_entities:
            return True
        roots = [f for f in self.streamed if self.shape.kind[f] == "root"]
        return any(f not in self.roots or carry.roots.get(f, 0) < self.roots[f] for f in roots)

    # --- planning a block ---------------------------------------------------------------

    def plan_file(self, file_id: str) -> None:
        super().plan_file(file_id)
        if file_id not in self.streamed:
            return
        plan = self.area.files[file_id]
        if file_id == self.structure.main:
            plan.offset = self.carry.row
            plan.total = self.census.rows if self.census is not None else None
        else:
            plan.offset = self.carry.rows.get(file_id, 0)
            self.next.rows[file_id] = plan.offset + plan.frame.height
            if file_id in self.roots:
                plan.total = self.roots[file_id] if file_id in self.shape.plain else None
        if file_id in self.shape.plain:
            plan.lookup = plain_rows

    def _entities(self, file_id: str, wanted: int) -> int:
        """``Planner.root_base``'s entity count of a root file."""
        st = self.structure
        spec = self.spec.file(file_id)
        entity = st.entity[file_id]
        if spec.key and entity is None:
            return min(wanted, 1)
        if entity is not None:
            tag = st.tag(file_id, entity)
            return min(wanted, capacity(spec.item(entity), tag, self.spec.codes))
        return wanted

    def _main_entities(self) -> int:
        return self._entities(self.structure.main, self.rows)

    def _shifted(self, frame: pl.DataFrame, offset: int) -> pl.DataFrame:
        return frame.with_columns((pl.col("_row") + pl.lit(offset, _U32)).cast(_U32))

    def root_base(self, file_id: str) -> pl.DataFrame:
        if file_id in self.resident:
            return super().root_base(file_id)
        st = self.structure
        entity = st.entity[file_id]
        tag = st.tag(file_id, entity) if entity is not None else None
        versions = HISTORY if st.sequence[file_id] else None
        limit = self._versions_limit(file_id)
        if file_id == st.main:
            first = self.carry.entity
            last = min(first + self.block, self.total_entities)
            frame = pl.DataFrame({"_ent": pl.Series(range(first, last), dtype=_U32)})
            frame = self._expand(frame, versions, "_ent", self.rows - self.carry.row, limit)
            frame = self._shifted(frame, self.carry.row)
            self.next.entity = last
            self.next.row = self.carry.row + frame.height
            self.next.entities = self.carry.entities + frame["_ent"].n_unique()
            if tag is not None:
                total = self.census.entities if self.census is not None else self.total_entities
                self.area.counts[tag] = total
        elif self.shape.kind[file_id] == "root":
            if file_id not in self.roots:
                known = tag is not None and tag in self.area.counts
                wanted = self.area.counts[str(tag)] if known else self.default_count(file_id)
                self.roots[file_id] = self._entities(file_id, wanted)
            first = self.carry.roots.get(file_id, 0)
            last = min(first + self.block, self.roots[file_id])
            frame = pl.DataFrame({"_ent": pl.Series(range(first, max(first, last)), dtype=_U32)})
            frame = self._expand(frame, versions, "_ent", None, limit)
            frame = self._shifted(frame, self.carry.rows.get(file_id, 0))
            self.next.roots[file_id] = max(first, last)
            if tag is not None:
                self.area.counts[tag] = self.roots[file_id]
        else:
            # the linked file (世帯): one entity per group begun in this block of the main file
            main = self.area.files[st.main]
            assert tag is not None and main.heads is not None
            spec = self.spec.file(file_id)
            wanted = self.area.counts.get(tag, self.default_count(file_id))
            total = min(wanted, capacity(spec.item(str(entity)), tag, self.spec.codes))
            first = self.carry.heads
            last = min(first + main.heads.len(), total)
            frame = pl.DataFrame({"_ent": pl.Series(range(first, max(first, last)), dtype=_U32)})
            frame = self._expand(frame, versions, "_ent", None, limit)
            frame = self._shifted(frame, self.carry.rows.get(file_id, 0))
            self.area.counts[tag] = total
        return frame.with_columns(
            pl.col("_ent").alias("_anchor"),
            pl.col("_ent").alias("_grp"),
            pl.col("_ent").alias("_head"),
        )

    def child_base(self, file_id: str, k: int) -> pl.DataFrame:
        """As ``Planner.child_base`` over the parent's block (its rows are file rows)."""
        target = self.area.files[self.spec.references[k].target.file]
        parents = self._parents(file_id, k)
        frame = pl.DataFrame({"_prow": parents.cast(_U32)})
        weights = EVENTS if self.structure.sequence[file_id] else None
        frame = self._expand(frame, weights, "_prow", None, self._versions_limit(file_id))
        frame = self._shifted(frame, self.carry.rows.get(file_id, 0))
        local = frame["_prow"].cast(pl.Int64) - target.offset
        seeds = target.frame.select(pl.col("_anchor", "_grp", "_head").gather(local))
        return frame.rename({"_prow": f"_ref:{k}"}).with_columns(
            *seeds.get_columns(), seeds["_anchor"].alias("_ent")
        )

    def _draw(self, plan: FilePlan, k: int) -> None:
        """The linked file's draw of its group's head row, in the main file's block."""
        ref = self.spec.references[k]
        linked = self.shape.kind.get(plan.spec.id) == "linked"
        if ref.target.file not in self.streamed or not linked:
            super()._draw(plan, k)  # a random row: of a resident or a plain file
            return
        target = self.area.files[ref.target.file]
        assert self.census is not None and target.heads is not None
        column = f"_ref:{k}"
        groups = self.census.groups
        random_row = below(pl.col("_row"), self.salt(plan.spec.id, k, "draw"), target.rows)
        in_range = pl.col("_ent") < groups
        position = pl.min_horizontal(pl.col("_ent"), pl.lit(groups - 1, _U32)).cast(pl.Int64)
        head_row = pl.lit(target.heads).gather(position - self.carry.heads)
        plan.frame = plan.frame.with_columns(
            pl.when(in_range).then(head_row).otherwise(random_row.cast(_U32)).alias(column)
        )
        local = plan.frame[column].cast(pl.Int64) - target.offset
        anchors = target.frame["_anchor"].gather(local)
        plan.frame = plan.frame.with_columns(
            pl.when(in_range).then(pl.lit(anchors)).otherwise(pl.col("_anchor")).alias("_anchor"),
            pl.when(in_range).then(pl.lit(anchors)).otherwise(pl.col("_head")).alias("_head"),
        )
        plan.frame = plan.frame.with_columns(pl.col("_ent").alias("_grp"))

    def rules(self, plan: FilePlan, sig: Rule, rules: list[Rule], redirect: list[int]) -> None:
        st = self.structure
        spec = plan.spec
        versions = bool(st.sequence[spec.id]) or spec.id in st.parent
        rule_roles(self.area, plan, sig, rules, versions)
        flags = matching(self.area, plan, sig)
        single = all(st.is_constant(spec.id, spec.item(g)) for g in sig.group)
        self._groups(plan, flags, single, self.salt(spec.id, "household"))
        groups = self.census.groups if self.census is not None else 1
        for k in redirect:
            ref = self.spec.references[k]
            if k in st.deferred:
                tag = st.tag(ref.target.file, ref.target.items[0])
                if tag is not None:
                    self.area.counts[tag] = max(groups, 1)
            else:
                size = max(self.area.files[ref.target.file].rows, 1)
                plan.frame = plan.frame.with_columns((pl.col("_grp") % size).alias(f"_ref:{k}"))

    def _groups(self, plan: FilePlan, flags: pl.Series, single: bool, salt: int) -> None:
        """``groups.form_groups`` for one block, carrying the group across blocks."""
        carry, nxt = self.carry, self.next
        frame = plan.frame.with_columns(flags.alias("_match"))
        matched = int(flags.sum())
        rank = (flags.cast(pl.Int64).cum_sum() + (carry.rank - 1)).clip(lower_bound=0)
        if single:
            group = pl.Series([0] * frame.height, dtype=pl.Int64)
            position = rank + 1
        else:
            numbers = pl.int_range(carry.group, carry.group + matched + 1, dtype=pl.UInt64)
            draws = weighted(HOUSEHOLD, numbers, salt) + 1
            sizes = pl.select(draws.cast(pl.Int64).alias("s"))["s"]
            ends = sizes.cum_sum() + carry.start
            starts = ends - sizes
            local = ends.search_sorted(rank, side="right").cast(pl.Int64)
            group = local + carry.group
            position = rank - starts.gather(local) + 1
            after = int(ends.search_sorted(carry.rank + matched, side="right"))
            nxt.group = carry.group + after
            nxt.start = int(starts[after])
        nxt.rank = carry.rank + matched
        frame, heads = place(frame, group, position)
        nxt.heads = carry.heads + heads.height
        count = self.census.groups if self.census is not None else 1
        frame = assign_groups(frame, salt, count)
        if self.census is None:
            self.anchors.append(heads["_anchor"])
        elif count:
            last = pl.lit(count - 1, _U32)
            at = frame.select(pl.min_horizontal(pl.col("_grp"), last))
            head = self.census.head_anchors.gather(at.to_series())
            in_range = pl.col("_grp") < count
            frame = frame.with_columns(
                pl.when(in_range).then(pl.lit(head)).otherwise(pl.col("_anchor")).alias("_head")
            )
        plan.frame = frame
        plan.heads = heads["_row"]


def plain_rows(rows: pl.Series) -> pl.DataFrame:
    """The plan rows of a plain file (``shapes``) at file rows ``rows``: row = entity."""
    at = rows.cast(_U32)
    return pl.DataFrame(
        {
            "_ent": at,
            "_seq": pl.Series([1] * at.len(), dtype=_U32),
            "_row": at,
            "_last": pl.Series([True] * at.len(), dtype=pl.Boolean),
            "_anchor": at,
            "_grp": at,
            "_head": at,
        }
    )


def census(spec: AreaSpec, rows: int, seed: int, block: int = BLOCK_ENTITIES) -> Census:
    """A first pass over the main file's blocks: its entities, rows and groups."""
    planner = BlockPlanner(spec, rows, seed, None, block)
    for _ in planner.blocks():
        pass
    anchors = pl.concat(planner.anchors) if planner.anchors else pl.Series([], dtype=_U32)
    carry = planner.carry
    return Census(carry.entities, carry.row, anchors.len(), anchors.cast(_U32))


def usable(spec: AreaSpec, facts: Census) -> bool:
    """A main file with rules but no group at all (a handful of rows) is planned whole: the
    linked file (世帯) would then draw its head rows at random from the whole main file."""
    main = analyse(spec).main
    return facts.groups > 0 or not any(r.file == main for r in spec.rules)


def plan_blocks(
    spec: AreaSpec,
    rows: int,
    seed: int,
    stop_at: str | None = None,
    block: int = BLOCK_ENTITIES,
    known: Census | None = None,
) -> Iterator[AreaPlan]:
    """The plan of ``plan_area(spec, rows, seed, stop_at)``, a block at a time.

    Each yielded ``AreaPlan`` holds the files before the main file whole (small lookups such
    as 特別徴収義務者) and, of the main file and those after it, the rows of this block
    (``FilePlan.offset`` is the first one's row in its file). The caller checks
    ``stream.streamable`` first, and ``usable`` on the census.
    """
    facts = known if known is not None else census(spec, rows, seed, block)
    if not usable(spec, facts):
        raise ValueError("no group in the main file: plan it whole (plan_area)")
    yield from BlockPlanner(spec, rows, seed, stop_at, block, facts).blocks()
