"""Which files of an area can be planned a block at a time, and in what role (``blocks``).

Files before the main file in generation order are small lookups (特別徴収義務者, a twentieth
of the rows): *resident*, planned whole once. The main file and the files after it, up to the
file asked for, are *streamed*, each one of:

``main``    the main file, in blocks of its entities (the only streamed file with rules);
``child``   a child of a streamed file: its rows for the parent rows of the block;
``linked``  the file of the main file's groups (世帯): its rows for the groups begun in the block;
``root``    another root (固定資産 土地, 国保 被保険者), in blocks of its own entities.

A streamed file may draw rows at random only from a resident file, or from a streamed root
whose plan row is a function of its row number (*plain*: one row an entity, no rules, no
references of its own; 納税義務者, 国保 世帯), which is then looked up, not held. Anything else
(rules outside the main file, a random draw from a file with versions) is planned whole.
"""

from __future__ import annotations

from dataclasses import dataclass

from layout_tool.sample.structure import Structure, analyse
from layout_tool.spec.model import AreaSpec


@dataclass(frozen=True)
class Shape:
    resident: tuple[str, ...]
    streamed: tuple[str, ...]
    kind: dict[str, str]
    plain: frozenset[str]
    group_tag: str | None


def _group_tag(spec: AreaSpec, st: Structure) -> str | None:
    """The domain of the main file's groups (世帯番号), as ``Planner._group_roles`` finds it."""
    rules = [r for r in spec.rules if r.file == st.main]
    if not rules:
        return None
    main = spec.file(st.main)
    tags = [st.tag(st.main, g) for g in rules[0].group if not st.is_constant(st.main, main.item(g))]
    return tags[0] if len(tags) == 1 else None


def shape(spec: AreaSpec, stop_at: str | None) -> Shape | None:
    """The roles of the files up to ``stop_at``, or ``None`` where they cannot stream."""
    st = analyse(spec)
    order = list(st.order)
    main_at = order.index(st.main)
    last = order.index(stop_at) if stop_at is not None else len(order) - 1
    if last < main_at:
        return None
    resident, streamed = tuple(order[:main_at]), tuple(order[main_at : last + 1])
    if any(r.file in streamed and r.file != st.main for r in spec.rules):
        return None
    group_tag = _group_tag(spec, st)
    kind = {st.main: "main"}
    for file_id in streamed[1:]:
        entity = st.entity[file_id]
        k_parent = st.parent.get(file_id)
        if k_parent is not None:
            if spec.references[k_parent].target.file not in streamed:
                return None
            kind[file_id] = "child"
        elif (
            group_tag is not None
            and entity is not None
            and st.tag(file_id, entity) == group_tag
            and not st.sequence[file_id]
        ):
            kind[file_id] = "linked"
        else:
            kind[file_id] = "root"
    plain = frozenset(
        f
        for f in streamed
        if kind[f] in {"main", "root"}
        and not st.sequence[f]
        and not any(r.file == f for r in spec.rules)
        and not st.refs_from(f)
    )
    for file_id in streamed[1:]:
        for k in st.refs_from(file_id):
            target = spec.references[k].target.file
            if k == st.parent.get(file_id) or k in st.deferred or target not in streamed:
                continue
            if kind[file_id] == "linked" and target == st.main:
                continue
            if target not in plain:
                return None
    return Shape(resident, streamed, kind, plain, group_tag)
