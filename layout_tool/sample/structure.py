"""How an area's files hang together, read from the spec alone: domains, keys, order.

A *domain* is a set of items that hold the same kind of identifier: items joined by a
reference, items of the same name where that name is a key or a reference item somewhere, and
items whose name ends with such a name (世帯主の宛名番号, 異動前世帯番号). An identifier is rendered
from its index in the domain, so every file agrees on who 宛名番号 00…12 is. Domains of 年度 and
団体コード items are *constant*: one municipality, one tax year, which keeps keys that contain
them consistent across files.

A file whose key contains (non-constant) items of a reference is a *child* of that
reference's target: one or more rows per parent key, the rest of the key numbered 1..n. Any
other file is a *root*: its first non-constant key item is its *entity* (a person, a household,
a parcel), numbered 0..n-1, and further key items number versions 1..n per entity.

Files are generated so that a reference's target comes first; in a cycle (個人 → 世帯 by
世帯番号, 世帯 → 個人 by 世帯主の宛名番号) the main file goes first and its reference is
*deferred*: rendered from the domain index, with the target later enumerating exactly the
indexes used.
"""

from __future__ import annotations

from dataclasses import dataclass

from layout_tool.sample.values import is_year_item
from layout_tool.spec.model import AreaSpec, FileSpec, Item

CONSTANT_NAMES = frozenset({"市区町村コード", "団体コード", "市町村コード", "保険者番号"})
"""Items that name the municipality (or its insurer): one value in a whole data set."""

Node = tuple[str, str]  # (file id, item name)


@dataclass(frozen=True)
class Structure:
    spec: AreaSpec
    tags: dict[Node, str]
    constant: frozenset[str]
    parent: dict[str, int]
    entity: dict[str, str | None]
    sequence: dict[str, tuple[str, ...]]
    order: tuple[str, ...]
    deferred: frozenset[int]
    main: str

    def tag(self, file_id: str, name: str) -> str | None:
        return self.tags.get((file_id, name))

    def is_constant(self, file_id: str, item: Item) -> bool:
        tag = self.tag(file_id, item.name)
        if tag is not None:
            return tag in self.constant
        return item.name in CONSTANT_NAMES

    def refs_from(self, file_id: str) -> list[int]:
        return [k for k, r in enumerate(self.spec.references) if r.source.file == file_id]


def _find(parents: dict[Node, Node], node: Node) -> Node:
    while parents[node] != node:
        parents[node] = parents[parents[node]]
        node = parents[node]
    return node


def _domains(spec: AreaSpec) -> tuple[dict[Node, str], frozenset[str]]:
    parents: dict[Node, Node] = {}
    items: dict[Node, Item] = {}
    for f in spec.files:
        for item in f.items:
            node = (f.id, item.name)
            parents[node] = node
            items[node] = item

    def union(a: Node, b: Node) -> None:
        ra, rb = _find(parents, a), _find(parents, b)
        if ra != rb:
            parents[max(ra, rb)] = min(ra, rb)

    id_names: set[str] = set()
    for f in spec.files:
        id_names.update(f.key)
    for ref in spec.references:
        id_names.update(ref.source.items)
        id_names.update(ref.target.items)
        for a, b in zip(ref.source.items, ref.target.items, strict=True):
            union((ref.source.file, a), (ref.target.file, b))
    first_with_name: dict[str, Node] = {}
    for node in items:
        if node[1] in id_names:
            if node[1] in first_with_name:
                union(first_with_name[node[1]], node)
            else:
                first_with_name[node[1]] = node
    classes: dict[Node, list[Node]] = {}
    for node in items:
        if node[1] in id_names:
            classes.setdefault(_find(parents, node), []).append(node)
    tags: dict[Node, str] = {}
    constant: set[str] = set()
    for members in classes.values():
        tag = min((n[1] for n in members), key=lambda name: (len(name), name))
        for node in members:
            tags[node] = tag
        if any(
            items[n].check == "lgcode" or is_year_item(items[n]) or n[1] in CONSTANT_NAMES
            for n in members
        ):
            constant.add(tag)
    # Items named like an identifier (世帯主の宛名番号) join its domain when they look alike.
    by_name = {node[1]: node for node in tags}
    for node, item in items.items():
        if node in tags:
            continue
        candidates = [n for n in by_name if node[1].endswith(n) and len(node[1]) > len(n)]
        for name in sorted(candidates, key=len, reverse=True):
            other = by_name[name]
            model = items[other]
            if tags[other] in constant or model.type != item.type or model.check != item.check:
                continue
            tags[node] = tags[other]
            break
    return tags, frozenset(constant)


def analyse(spec: AreaSpec) -> Structure:
    """Domains, file kinds and generation order of an area (see the module docstring)."""
    tags, constant = _domains(spec)

    def non_constant(f: FileSpec, name: str) -> bool:
        tag = tags.get((f.id, name))
        if tag is not None:
            return tag not in constant
        return name not in CONSTANT_NAMES

    parent: dict[str, int] = {}
    for f in spec.files:
        best: tuple[int, int] | None = None
        for k, ref in enumerate(spec.references):
            if ref.source.file != f.id or ref.target.file == f.id:
                continue
            overlap = [a for a in ref.source.items if a in f.key and non_constant(f, a)]
            if overlap and (best is None or len(overlap) > best[0]):
                best = (len(overlap), k)
        if best is not None:
            parent[f.id] = best[1]
    _break_child_cycles(spec, parent)
    entity: dict[str, str | None] = {}
    sequence: dict[str, tuple[str, ...]] = {}
    for f in spec.files:
        keyed = [name for name in f.key if non_constant(f, name)]
        if f.id in parent:
            taken = set(spec.references[parent[f.id]].source.items)
            entity[f.id] = None
            sequence[f.id] = tuple(n for n in keyed if n not in taken)
        else:
            entity[f.id] = keyed[0] if keyed else None
            sequence[f.id] = tuple(keyed[1:])
    main = next(
        (f.id for f in spec.files if f.id not in parent), spec.files[0].id if spec.files else ""
    )
    order, deferred = _order(spec, parent, main)
    return Structure(spec, tags, constant, parent, entity, sequence, order, deferred, main)


def _break_child_cycles(spec: AreaSpec, parent: dict[str, int]) -> None:
    for f in spec.files:
        seen = {f.id}
        node = f.id
        while node in parent:
            node = spec.references[parent[node]].target.file
            if node in seen:
                del parent[f.id]
                break
            seen.add(node)


def _order(
    spec: AreaSpec, parent: dict[str, int], main: str
) -> tuple[tuple[str, ...], frozenset[int]]:
    """Targets before sources; in a cycle the main file (then spec order) goes first."""
    remaining = [f.id for f in spec.files]
    done: list[str] = []
    deferred: set[int] = set()

    def hard_ok(fid: str) -> bool:
        return fid not in parent or spec.references[parent[fid]].target.file in done

    def soft(fid: str) -> list[int]:
        return [
            k
            for k, r in enumerate(spec.references)
            if r.source.file == fid and k != parent.get(fid) and r.target.file != fid
        ]

    while remaining:
        ready = [
            f
            for f in remaining
            if hard_ok(f) and all(spec.references[k].target.file in done for k in soft(f))
        ]
        if not ready:
            ready = [f for f in remaining if hard_ok(f)] or remaining[:1]
        choice = main if main in ready else ready[0]
        for k in soft(choice):
            if spec.references[k].target.file not in done:
                deferred.add(k)
        for k, r in enumerate(spec.references):
            if r.source.file == choice and r.target.file == choice:
                deferred.add(k)
        done.append(choice)
        remaining.remove(choice)
    return tuple(done), frozenset(deferred)
