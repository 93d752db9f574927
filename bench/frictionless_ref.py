"""The reference peer: frictionless-py validating with an equivalent Table Schema."""

from __future__ import annotations

import os
from typing import Any

from layout_tool.checks.items import BAD_CHAR
from layout_tool.spec.catalogue import load_area
from layout_tool.spec.model import Item


def field_for(item: Item, codes: dict[str, list[str]]) -> dict[str, Any]:
    """A string field with the constraints our checks apply (as far as Table Schema can)."""
    constraints: dict[str, Any] = {}
    if item.required:
        constraints["required"] = True
    if item.type == "code" and item.code:
        constraints["enum"] = codes[item.code]
    elif item.type in BAD_CHAR and item.type == "digits":
        constraints["pattern"] = "[0-9]*"
    if item.type not in {"code", "date", "wareki", "yearmonth", "time"}:
        constraints["maxLength"] = item.length
    if item.type == "date":
        return {"name": item.name, "type": "date", "format": "%Y%m%d", "constraints": constraints}
    return {"name": item.name, "type": "string", "constraints": constraints}


def validate_with_frictionless(area: str, file_id: str, path: str) -> tuple[int, int]:
    import frictionless

    spec = load_area(area)
    codes = {k: list(t.values) for k, t in spec.codes.items()}
    fspec = spec.file(file_id)
    schema = frictionless.Schema.from_descriptor(
        {"fields": [field_for(i, codes) for i in fspec.items], "primaryKey": list(fspec.key)}
    )
    # frictionless refuses absolute paths unless trusted; a relative one is the plain way.
    relative = os.path.relpath(path)
    resource = frictionless.Resource(path=relative, schema=schema, format="csv", encoding="utf-8")
    report = frictionless.validate(resource, limit_errors=10**9)
    task = report.tasks[0]
    if "rows" not in task.stats:
        raise SystemExit(f"frictionless did not validate: {[e.message for e in report.errors]}")
    return int(task.stats["rows"] or 0), int(task.stats["errors"] or 0)
