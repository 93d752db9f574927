"""Plan an area: row structure per file (keys, versions, references, rule groups) and roles.

Everything that must hold *across* rows is decided here over integer columns, so rendering
can never break it: keys are an entity index plus a version number (unique by construction),
references copy the target's values at a chosen target row (they resolve by construction),
and the rules' groups are formed over the rows that match ``where`` (one head first, positions
1..n). Counts: the main file gets exactly ``rows`` rows; a child file has 1..4 rows per parent;
a lookup file a main file draws from (特別徴収義務者) a twentieth of ``rows``; other roots
``rows`` entities; a file whose domain another file already used enumerates exactly those.

Limits, for specs unlike the bundled ones: a reference whose items are also the file's own
key (other than towards its parent) or the group items of a second, different rule keeps the
key or group roles and may then not resolve; a reference that is part of a cycle resolves
only when it points at its target's entity (世帯番号 → 世帯); an unresolvable reference item
is left empty where it is optional. Keys never repeat: a key whose items cannot hold ``rows``
distinct values (a code, a short number) yields fewer rows instead.
"""

from __future__ import annotations

import re

import polars as pl

from layout_tool.sample.groups import form_groups, matching, rule_roles
from layout_tool.sample.model import (
    AreaPlan,
    Const,
    Copy,
    FilePlan,
    Free,
    Indexed,
    Label,
    Null,
    RandomIndex,
    Role,
)
from layout_tool.sample.rand import below, chance, salt, weighted
from layout_tool.sample.render import render
from layout_tool.sample.structure import Structure, analyse
from layout_tool.sample.values import capacity
from layout_tool.spec.model import AreaSpec, Item, Reference, Rule

HISTORY = (85, 10, 5)
"""Versions per entity (1, 2, 3) in a root file whose key numbers versions (個人履歴番号)."""
EVENTS = (50, 30, 15, 5)
"""Rows per parent (1..4) in a child file whose key numbers them (異動連番)."""
LOOKUP_SHARE = 0.05
PERSON_NUMBER = "宛名番号"
"""Where no key or reference makes 宛名番号 a domain, it is still the person's number."""
_U32 = pl.UInt32
_BAD_ZENKAKU = re.compile("[\x00-\x7e\x7f-\x9f\uff61-\uff9f]")


def compatible(source: Item, target: Item) -> bool:
    """Whether every value valid for ``target`` is valid for ``source``."""
    same = ("type", "length", "fixed", "check", "code", "scale", "format", "pattern")
    if any(getattr(source, a) != getattr(target, a) for a in same):
        return False
    return target.required or not source.required


class Planner:
    def __init__(self, spec: AreaSpec, rows: int, seed: int, stop_at: str | None = None) -> None:
        self.spec = spec
        self.structure: Structure = analyse(spec)
        self.area = AreaPlan(spec, seed)
        self.rows = max(rows, 0)
        self.stop_at = stop_at
        self.group_tag: dict[str, str | None] = {}

    def salt(self, *parts: object) -> int:
        return salt(self.area.seed, "plan", *parts)

    def run(self) -> AreaPlan:
        for file_id in self.structure.order:
            self.plan_file(file_id)
            if file_id == self.stop_at:
                break
        return self.area

    # --- counts -------------------------------------------------------------------------

    def default_count(self, file_id: str) -> int:
        if self.rows == 0:
            return 0
        st = self.structure
        lookup = any(
            r.target.file == file_id and r.source.file == st.main and st.parent.get(st.main) != k
            for k, r in enumerate(self.spec.references)
        )
        if lookup and file_id != st.main:
            return max(1, round(self.rows * LOOKUP_SHARE))
        return self.rows

    def _expand(
        self,
        frame: pl.DataFrame,
        weights: tuple[int, ...] | None,
        key: str,
        exact: int | None,
        limit: int,
    ) -> pl.DataFrame:
        """One row per (entity, version): ``_c`` (≤ limit) versions each, cut to ``exact`` rows."""
        count = (
            pl.lit(1, _U32)
            if weights is None
            else weighted(weights, pl.col(key), self.salt(key, "count")) + 1
        )
        count = pl.min_horizontal(count.cast(_U32), pl.lit(max(limit, 1), _U32))
        frame = frame.with_columns(count.cast(_U32).alias("_c"))
        if exact is not None:
            before = pl.col("_c").cum_sum() - pl.col("_c")
            frame = frame.filter(before < exact).with_columns(
                pl.min_horizontal(pl.col("_c"), pl.lit(exact, _U32) - before).cast(_U32).alias("_c")
            )
        frame = frame.with_columns(
            pl.int_ranges(1, pl.col("_c") + 1, dtype=_U32).alias("_seq")
        ).explode("_seq")
        frame = frame.with_columns(
            pl.int_range(pl.len(), dtype=_U32).alias("_row"),
            (pl.col("_seq") == pl.col("_c")).alias("_last"),
        )
        return frame.drop("_c")

    def _versions_limit(self, file_id: str) -> int:
        """The most rows one entity may have: its version items must stay distinct."""
        spec = self.spec.file(file_id)
        names = self.structure.sequence[file_id]
        return min((capacity(spec.item(n), None, self.spec.codes) for n in names), default=1)

    def root_base(self, file_id: str) -> pl.DataFrame:
        st = self.structure
        spec = self.spec.file(file_id)
        entity = st.entity[file_id]
        tag = st.tag(file_id, entity) if entity is not None else None
        versions = HISTORY if st.sequence[file_id] else None
        exact: int | None = None
        if file_id == st.main:
            entities = self.rows
            exact = self.rows
        elif tag is not None and tag in self.area.counts:
            entities = self.area.counts[tag]
        else:
            entities = self.default_count(file_id)
        if spec.key and entity is None:
            entities = min(entities, 1)
        elif entity is not None:
            entities = min(entities, capacity(spec.item(entity), tag, self.spec.codes))
        frame = pl.DataFrame({"_ent": pl.Series(range(entities), dtype=_U32)})
        frame = self._expand(frame, versions, "_ent", exact, self._versions_limit(file_id))
        if tag is not None:
            self.area.counts[tag] = frame["_ent"].n_unique() if frame.height else 0
        return frame.with_columns(
            pl.col("_ent").alias("_anchor"),
            pl.col("_ent").alias("_grp"),
            pl.col("_ent").alias("_head"),
        )

    def child_base(self, file_id: str, k: int) -> pl.DataFrame:
        target = self.area.files[self.spec.references[k].target.file]
        parents = self._parents(file_id, k)
        frame = pl.DataFrame({"_prow": parents.cast(_U32)})
        weights = EVENTS if self.structure.sequence[file_id] else None
        frame = self._expand(frame, weights, "_prow", None, self._versions_limit(file_id))
        seeds = target.frame.select(pl.col("_anchor", "_grp", "_head").gather(frame["_prow"]))
        return frame.rename({"_prow": f"_ref:{k}"}).with_columns(
            *seeds.get_columns(), seeds["_anchor"].alias("_ent")
        )

    def _parents(self, file_id: str, k: int) -> pl.Series:
        """The ``_row`` of each distinct parent (by the keyed items of reference ``k``) in the
        target's planned frame (one block of it when streaming: ``offset`` is its first row)."""
        spec = self.spec.file(file_id)
        ref = self.spec.references[k]
        target = self.area.files[ref.target.file]
        keyed = [
            b for a, b in zip(ref.source.items, ref.target.items, strict=True) if a in spec.key
        ]
        columns: list[str] = []
        indexable = True
        for b in keyed:
            role = target.roles.get(b)
            if isinstance(role, Indexed) and role.fill is None:
                columns.append(role.column)
            elif not isinstance(role, Const):
                indexable = False
        if indexable:
            subset = list(dict.fromkeys(columns))
            table = target.frame.select([*subset, "_row"])
        else:
            table = render(self.area, ref.target.file, target.frame, keyed).with_columns(
                target.frame["_row"]
            )
            subset = keyed
        if subset:
            return table.unique(subset=subset, keep="first", maintain_order=True)["_row"]
        return table["_row"].head(1 if target.offset == 0 else 0)  # one parent: the first row

    # --- files --------------------------------------------------------------------------

    def plan_file(self, file_id: str) -> None:
        st = self.structure
        spec = self.spec.file(file_id)
        k_parent = st.parent.get(file_id)
        frame = (
            self.child_base(file_id, k_parent) if k_parent is not None else self.root_base(file_id)
        )
        roles: dict[str, Role] = {}
        plan = FilePlan(spec, frame, roles)
        self.area.files[file_id] = plan
        for item in spec.items:
            if st.is_constant(file_id, item):
                roles[item.name] = Const(st.tag(file_id, item.name))
        if k_parent is not None:
            ref = self.spec.references[k_parent]
            for a, b in zip(ref.source.items, ref.target.items, strict=True):
                roles.setdefault(a, Copy(f"_ref:{k_parent}", ref.target.file, b))
        entity = st.entity[file_id]
        if entity is not None:
            roles.setdefault(entity, Indexed("_ent", st.tag(file_id, entity)))
        for name in st.sequence[file_id]:
            roles.setdefault(name, Indexed("_seq", None, offset=-1))
        rules = [r for r in self.spec.rules if r.file == file_id]
        signature = rules[0] if rules else None
        group_refs = self._group_roles(plan, signature) if signature is not None else []
        for k in st.refs_from(file_id):
            if k != k_parent:
                self.reference(plan, k)
        if signature is not None:
            same = [
                r
                for r in rules
                if r.group == signature.group and dict(r.where) == dict(signature.where)
            ]
            self.rules(plan, signature, same, group_refs)
        self._remaining_roles(plan, k_parent)

    def _entity_ref(self, ref: Reference) -> bool:
        st = self.structure
        target = ref.target.file
        return (
            len(ref.target.items) == 1
            and target not in st.parent
            and st.entity.get(target) == ref.target.items[0]
        )

    def _group_roles(self, plan: FilePlan, rule: Rule) -> list[int]:
        """Roles of the group items (from ``_grp``); returns references to re-point at groups."""
        st = self.structure
        file_id = plan.spec.id
        redirect: list[int] = []
        tags = [
            st.tag(file_id, g) for g in rule.group if not st.is_constant(file_id, plan.spec.item(g))
        ]
        self.group_tag[file_id] = tags[0] if len(tags) == 1 else None
        for g in rule.group:
            if g in plan.roles:
                continue
            found = next(
                (k for k in st.refs_from(file_id) if g in self.spec.references[k].source.items),
                None,
            )
            tag = st.tag(file_id, g)
            if found is None:
                plan.roles[g] = Indexed("_grp", tag)
                continue
            ref = self.spec.references[found]
            b = ref.target.items[ref.source.items.index(g)]
            if found in st.deferred and self._entity_ref(ref):
                target_item = self.spec.file(ref.target.file).item(b)
                plan.roles[g] = Indexed("_grp", st.tag(ref.target.file, b), as_item=target_item)
                redirect.append(found)
            elif ref.target.file in self.area.files and self.area.files[ref.target.file].rows:
                plan.roles[g] = Copy(f"_ref:{found}", ref.target.file, b)
                redirect.append(found)
            else:
                plan.roles[g] = Indexed("_grp", tag)
        return redirect

    def reference(self, plan: FilePlan, k: int) -> None:
        st = self.structure
        ref = self.spec.references[k]
        spec = plan.spec
        open_items = [a for a in ref.source.items if a not in plan.roles]
        if not open_items:
            return
        optional = any(not spec.item(a).required for a in open_items)
        fill = f"_fill:{k}" if optional else None
        key = pl.col("_row")
        if fill is not None:
            plan.frame = plan.frame.with_columns(
                chance(key, self.salt(spec.id, k, "fill"), 0.7).alias(fill)
            )
        target_id = ref.target.file
        if (
            target_id in self.area.files
            and k not in st.deferred
            and self.area.files[target_id].rows
        ):
            self._draw(plan, k)
            for a, b in zip(ref.source.items, ref.target.items, strict=True):
                if a in open_items:
                    plan.roles[a] = Copy(f"_ref:{k}", target_id, b, fill)
        elif self._entity_ref(ref):
            b = ref.target.items[0]
            tag = st.tag(target_id, b)
            count = self.area.counts.get(tag or "") or self.default_count(target_id)
            if tag is not None:
                self.area.counts.setdefault(tag, count)
            column = f"_dref:{k}"
            plan.frame = plan.frame.with_columns(
                below(key, self.salt(spec.id, k, "dref"), count).cast(_U32).alias(column)
            )
            target_item = self.spec.file(target_id).item(b)
            plan.roles[ref.source.items[0]] = Indexed(column, tag, as_item=target_item, fill=fill)
        else:
            for a in open_items:
                plan.roles[a] = Free() if spec.item(a).required else Null()

    def _draw(self, plan: FilePlan, k: int) -> None:
        """``_ref:K``: a random target row, or the head of the group this row's entity is."""
        ref = self.spec.references[k]
        target = self.area.files[ref.target.file]
        spec = plan.spec
        column = f"_ref:{k}"
        size = max(target.rows, 1)
        random_row = below(pl.col("_row"), self.salt(spec.id, k, "draw"), size).cast(_U32)
        entity = self.structure.entity[spec.id]
        linked = (
            target.heads is not None
            and entity is not None
            and self.group_tag.get(ref.target.file) is not None
            and self.group_tag.get(ref.target.file) == self.structure.tag(spec.id, entity)
        )
        if not linked or target.heads is None or target.heads.len() == 0:
            plan.frame = plan.frame.with_columns(random_row.alias(column))
            return
        heads = target.heads
        in_range = pl.col("_ent") < heads.len()
        position = pl.min_horizontal(pl.col("_ent"), pl.lit(heads.len() - 1, _U32))
        head_row = pl.lit(heads).gather(position)
        plan.frame = plan.frame.with_columns(
            pl.when(in_range).then(head_row).otherwise(random_row).alias(column)
        )
        anchors = target.frame["_anchor"].gather(plan.frame[column])
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
        form_groups(plan, flags, single, self.salt(spec.id, "household"))
        groups = int(plan.heads.len()) if plan.heads is not None else 0
        for k in redirect:
            ref = self.spec.references[k]
            if k in st.deferred:
                tag = st.tag(ref.target.file, ref.target.items[0])
                if tag is not None:
                    self.area.counts[tag] = max(groups, 1) if plan.rows else 0
            else:
                size = max(self.area.files[ref.target.file].rows, 1)
                plan.frame = plan.frame.with_columns((pl.col("_grp") % size).alias(f"_ref:{k}"))

    def _remaining_roles(self, plan: FilePlan, k_parent: int | None) -> None:
        st = self.structure
        spec = plan.spec
        parent = None
        if k_parent is not None:
            parent = self.area.files[self.spec.references[k_parent].target.file]
        for item in spec.items:
            name = item.name
            if name in plan.roles:
                continue
            tag = st.tag(spec.id, name)
            if (
                parent is not None
                and parent.spec.has_item(name)
                and compatible(item, parent.spec.item(name))
                and tag is not None
            ):
                plan.roles[name] = Copy(f"_ref:{k_parent}", parent.spec.id, name)
            elif tag is not None:
                count = self.area.counts.get(tag) or max(self.rows, 1)
                plan.roles[name] = RandomIndex(count, tag)
            elif name == PERSON_NUMBER and item.type == "digits" and item.check in {None, "m11"}:
                plan.roles[name] = Indexed("_anchor", PERSON_NUMBER)
            elif self._labelled(spec.id, item):
                plan.roles[name] = Label(name.removesuffix("表記"))
            else:
                plan.roles[name] = Free()

    def _labelled(self, file_id: str, item: Item) -> bool:
        spec = self.spec.file(file_id)
        source = item.name.removesuffix("表記")
        if source == item.name or not spec.has_item(source) or item.type not in {"zenkaku", "text"}:
            return False
        code = spec.item(source).code
        if code is None:
            return False
        labels = self.spec.codes[code].values.values()
        return item.type == "text" or all(not _BAD_ZENKAKU.search(label) for label in labels)


def plan_area(spec: AreaSpec, rows: int, seed: int, stop_at: str | None = None) -> AreaPlan:
    """The plan of every file (or of the files up to ``stop_at`` in generation order)."""
    return Planner(spec, rows, seed, stop_at).run()
