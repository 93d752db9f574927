"""``spec diff``: what changed between two specs (two versions, or modelled vs imported).

Procurement teams compare a vendor's declared layout with the standard, and anyone who
imports a newer workbook wants to see what the new edition changed. Files are matched by
id, then by name (an import may give other ids); items by name within a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from layout_tool.spec.model import AreaSpec, CodeTable, FileSpec, Item
from layout_tool.spec.render import table

# Item attributes that change what the checks accept (description and no are not).
COMPARED = (
    "type", "length", "required", "gaiji", "code", "check", "fixed", "scale",
    "format", "pattern", "allow_unknown_date", "repeat", "sensitive", "length_count",
)  # fmt: skip


@dataclass(frozen=True)
class Change:
    attribute: str
    old: object
    new: object

    def to_dict(self) -> dict[str, object]:
        return {"attribute": self.attribute, "old": self.old, "new": self.new}


@dataclass
class FileDiff:
    """A file present in both specs, and what differs in it."""

    id: str
    name: str
    old_id: str | None = None  # set when matched by name under another id
    added: list[Item] = field(default_factory=list)
    removed: list[Item] = field(default_factory=list)
    changed: dict[str, list[Change]] = field(default_factory=dict)
    key: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    order_changed: bool = False

    @property
    def empty(self) -> bool:
        return (
            not (self.old_id or self.added or self.removed or self.changed or self.key)
            and not self.order_changed
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "old_id": self.old_id,
            "items_added": [i.to_dict() for i in self.added],
            "items_removed": [i.to_dict() for i in self.removed],
            "items_changed": [
                {"item": name, "changes": [c.to_dict() for c in changes]}
                for name, changes in self.changed.items()
            ],
            "key": None
            if self.key is None
            else {"old": list(self.key[0]), "new": list(self.key[1])},
            "order_changed": self.order_changed,
        }


@dataclass
class CodeDiff:
    id: str
    added: dict[str, str] = field(default_factory=dict)
    removed: dict[str, str] = field(default_factory=dict)
    relabelled: dict[str, tuple[str, str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "added": self.added,
            "removed": self.removed,
            "relabelled": {k: {"old": o, "new": n} for k, (o, n) in self.relabelled.items()},
        }


@dataclass
class SpecDiff:
    """Every difference between spec ``a`` (old) and spec ``b`` (new)."""

    a: AreaSpec
    b: AreaSpec
    files_added: list[FileSpec] = field(default_factory=list)
    files_removed: list[FileSpec] = field(default_factory=list)
    files: list[FileDiff] = field(default_factory=list)
    codes_added: list[str] = field(default_factory=list)
    codes_removed: list[str] = field(default_factory=list)
    codes: list[CodeDiff] = field(default_factory=list)
    references_added: list[dict[str, object]] = field(default_factory=list)
    references_removed: list[dict[str, object]] = field(default_factory=list)
    rules_added: list[dict[str, object]] = field(default_factory=list)
    rules_removed: list[dict[str, object]] = field(default_factory=list)

    @property
    def equal(self) -> bool:
        return not any(
            (
                self.files_added, self.files_removed, self.files, self.codes_added,
                self.codes_removed, self.codes, self.references_added,
                self.references_removed, self.rules_added, self.rules_removed,
            )
        )  # fmt: skip

    def summary(self) -> dict[str, int]:
        return {
            "files_added": len(self.files_added),
            "files_removed": len(self.files_removed),
            "files_changed": len(self.files),
            "items_added": sum(len(f.added) for f in self.files),
            "items_removed": sum(len(f.removed) for f in self.files),
            "items_changed": sum(len(f.changed) for f in self.files),
            "codes_added": len(self.codes_added),
            "codes_removed": len(self.codes_removed),
            "codes_changed": len(self.codes),
            "references_changed": len(self.references_added) + len(self.references_removed),
            "rules_changed": len(self.rules_added) + len(self.rules_removed),
        }

    def to_dict(self) -> dict[str, object]:
        return {
            "equal": self.equal,
            "a": _side(self.a),
            "b": _side(self.b),
            "summary": self.summary(),
            "files": {
                "added": [_file_summary(f) for f in self.files_added],
                "removed": [_file_summary(f) for f in self.files_removed],
                "changed": [f.to_dict() for f in self.files],
            },
            "codes": {
                "added": self.codes_added,
                "removed": self.codes_removed,
                "changed": [c.to_dict() for c in self.codes],
            },
            "references": {"added": self.references_added, "removed": self.references_removed},
            "rules": {"added": self.rules_added, "removed": self.rules_removed},
        }


def _side(spec: AreaSpec) -> dict[str, object]:
    return {
        "area": spec.id,
        "name": spec.name,
        "version": spec.version,
        "provenance": spec.provenance,
        "path": spec.path,
    }


def _file_summary(f: FileSpec) -> dict[str, object]:
    return {"id": f.id, "name": f.name, "items": len(f.items)}


def diff_specs(a: AreaSpec, b: AreaSpec) -> SpecDiff:
    """Compare two specs; ``a`` is the old side, ``b`` the new."""
    out = SpecDiff(a, b)
    pairs, out.files_removed, out.files_added = _match_files(a.files, b.files)
    for old, new in pairs:
        found = diff_file(old, new)
        if not found.empty:
            out.files.append(found)
    codes_a, codes_b = a.used_codes(), b.used_codes()
    out.codes_removed = [k for k in codes_a if k not in codes_b]
    out.codes_added = [k for k in codes_b if k not in codes_a]
    for table_id in codes_a:
        if table_id in codes_b:
            changed = diff_codes(codes_a[table_id], codes_b[table_id])
            if changed is not None:
                out.codes.append(changed)
    out.references_removed, out.references_added = _diff_dicts(
        [r.to_dict() for r in a.references], [r.to_dict() for r in b.references]
    )
    out.rules_removed, out.rules_added = _diff_dicts(
        [r.to_dict() for r in a.rules], [r.to_dict() for r in b.rules]
    )
    return out


def _match_files(
    a: tuple[FileSpec, ...], b: tuple[FileSpec, ...]
) -> tuple[list[tuple[FileSpec, FileSpec]], list[FileSpec], list[FileSpec]]:
    b_ids = {f.id: f for f in b}
    pairs = [(f, b_ids[f.id]) for f in a if f.id in b_ids]
    paired_b = {new.id for _, new in pairs}
    left_a = [f for f in a if f.id not in b_ids]
    left_b = {f.name: f for f in b if f.id not in paired_b}
    removed = []
    for f in left_a:
        other = left_b.pop(f.name, None)
        if other is None:
            removed.append(f)
        else:
            pairs.append((f, other))
    return pairs, removed, list(left_b.values())


def diff_file(a: FileSpec, b: FileSpec) -> FileDiff:
    out = FileDiff(b.id, b.name, old_id=a.id if a.id != b.id else None)
    out.removed = [i for i in a.items if not b.has_item(i.name)]
    out.added = [i for i in b.items if not a.has_item(i.name)]
    for item in a.items:
        if b.has_item(item.name):
            changes = diff_item(item, b.item(item.name))
            if changes:
                out.changed[item.name] = changes
    if a.key != b.key:
        out.key = (a.key, b.key)
    common_a = [i.name for i in a.items if b.has_item(i.name)]
    common_b = [i.name for i in b.items if a.has_item(i.name)]
    out.order_changed = common_a != common_b
    return out


def diff_item(a: Item, b: Item) -> list[Change]:
    return [
        Change(name, getattr(a, name), getattr(b, name))
        for name in COMPARED
        if getattr(a, name) != getattr(b, name)
    ]


def diff_codes(a: CodeTable, b: CodeTable) -> CodeDiff | None:
    out = CodeDiff(b.id)
    out.removed = {k: v for k, v in a.values.items() if k not in b.values}
    out.added = {k: v for k, v in b.values.items() if k not in a.values}
    out.relabelled = {
        k: (v, b.values[k]) for k, v in a.values.items() if k in b.values and b.values[k] != v
    }
    return out if (out.added or out.removed or out.relabelled) else None


def _diff_dicts(
    a: list[dict[str, object]], b: list[dict[str, object]]
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    return [x for x in a if x not in b], [x for x in b if x not in a]


def _show(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _item_line(item: Item) -> str:
    extra = f" code {item.code}" if item.code else ""
    req = " required" if item.required else ""
    size = f"{item.length},{item.scale}" if item.scale is not None else str(item.length)
    return f"{item.name}: {item.type}({size}){extra}{req}"


def render_diff_text(diff: SpecDiff) -> str:
    """A readable list of differences, ``+`` added, ``-`` removed, ``~`` changed."""
    lines = []
    for mark, spec in (("A", diff.a), ("B", diff.b)):
        where = f" {spec.path}" if spec.path else ""
        lines.append(f"{mark}: {spec.id} v{spec.version} ({spec.provenance}){where}")
    lines.append("")
    for f in diff.files_added:
        lines.append(f"+ file {f.id} {f.name} ({len(f.items)} items)")
    for f in diff.files_removed:
        lines.append(f"- file {f.id} {f.name} ({len(f.items)} items)")
    for fd in diff.files:
        renamed = f" (was {fd.old_id})" if fd.old_id else ""
        lines.append(f"file {fd.id} {fd.name}{renamed}")
        lines += [f"  + {_item_line(i)}" for i in fd.added]
        lines += [f"  - {_item_line(i)}" for i in fd.removed]
        for name, changes in fd.changed.items():
            said = ", ".join(f"{c.attribute} {_show(c.old)} → {_show(c.new)}" for c in changes)
            lines.append(f"  ~ {name}: {said}")
        if fd.key is not None:
            lines.append(f"  key: [{', '.join(fd.key[0])}] → [{', '.join(fd.key[1])}]")
        if fd.order_changed:
            lines.append("  the order of the common items changed")
    for table_id in diff.codes_added:
        lines.append(f"+ code table {table_id}")
    for table_id in diff.codes_removed:
        lines.append(f"- code table {table_id}")
    for cd in diff.codes:
        lines.append(f"code table {cd.id}")
        lines += [f"  + {k} {v}" for k, v in cd.added.items()]
        lines += [f"  - {k} {v}" for k, v in cd.removed.items()]
        lines += [f"  ~ {k}: {o} → {n}" for k, (o, n) in cd.relabelled.items()]
    lines += [f"+ reference {_ref(r)}" for r in diff.references_added]
    lines += [f"- reference {_ref(r)}" for r in diff.references_removed]
    lines += [f"+ rule {_rule(r)}" for r in diff.rules_added]
    lines += [f"- rule {_rule(r)}" for r in diff.rules_removed]
    if diff.equal:
        lines.append("no differences")
    else:
        counts = [[k.replace("_", " "), str(n)] for k, n in diff.summary().items() if n]
        lines += ["", *table(["summary", "count"], counts)]
    return "\n".join(lines) + "\n"


def _ref(ref: dict[str, object]) -> str:
    def end(side: object) -> str:
        if not isinstance(side, dict):
            return str(side)
        return f"{side.get('file')}({', '.join(str(i) for i in side.get('items', []))})"

    return f"{end(ref.get('from'))} → {end(ref.get('to'))}"


def _rule(rule: dict[str, object]) -> str:
    said = f" ({rule['description']})" if rule.get("description") else ""
    return f"{rule.get('rule')} on {rule.get('file')}, item {rule.get('item')}{said}"
