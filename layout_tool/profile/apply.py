"""The spec a run checks against: the bundled spec, the default strength of its checks, and
a profile's changes. ``effective(spec, None)`` is what every run without a profile uses."""

from __future__ import annotations

from dataclasses import replace
from typing import cast

from layout_tool.checks.strength import on_by_default
from layout_tool.profile.model import Profile
from layout_tool.spec.model import AreaSpec, CheckKind, CodeTable, FileSpec, Item


def effective(spec: AreaSpec, profile: Profile | None = None) -> AreaSpec:
    """``spec`` with opt-in checks off unless ``profile`` turns them on, and its changes."""
    if profile is not None and profile.area is not None and profile.area != spec.id:
        raise profile.error(f"the profile is for area {profile.area}, not {spec.id}", ["area"])
    used: set[str] = set()
    files = tuple(_file(f, profile, used) for f in spec.files)
    codes = dict(spec.codes)
    if profile is not None:
        for key in profile.items:
            if key not in used:
                raise profile.error(f"no item {key!r} in area {spec.id}", ["items", key])
        for name in profile.item_severity:
            if not any(f.has_item(name) for f in spec.files):
                raise profile.error(
                    f"no item {name!r} in area {spec.id}", ["severity", "items", name]
                )
        for table, values in profile.codes.items():
            if table not in codes:
                raise profile.error(f"no code table {table!r} in area {spec.id}", ["codes", table])
            base = codes[table]
            codes[table] = CodeTable(
                base.id, base.name, base.status, {**base.values, **values}, base.source
            )
    return replace(spec, files=files, codes=codes)


def _file(fspec: FileSpec, profile: Profile | None, used: set[str]) -> FileSpec:
    items = []
    for item in fspec.items:
        change: dict[str, object] = {}
        if item.check is not None and not on_by_default(item.check):
            change["check"] = None
        if profile is not None:
            for key in (item.name, f"{fspec.id}/{item.name}"):
                if key in profile.items:
                    used.add(key)
                    change.update(_item_change(item, profile.items[key]))
            if change.get("check", item.check) == "m11":
                change["check_policy"] = profile.m11_remainder_1
        items.append(replace(item, **change) if change else item)  # type: ignore[arg-type]
    return replace(fspec, items=tuple(items))


def _item_change(item: Item, rule: dict[str, object] | object) -> dict[str, object]:
    assert isinstance(rule, dict)
    out: dict[str, object] = {}
    if "check" in rule:
        out["check"] = None if rule["check"] == "off" else cast(CheckKind, rule["check"])
    for key in ("required", "fixed"):
        if key in rule:
            out[key] = bool(rule[key])
    return out
