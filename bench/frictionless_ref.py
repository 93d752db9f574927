"""The reference peer: frictionless-py validating with an equivalent Table Schema."""

from __future__ import annotations

import os
from typing import Any

from layout_tool.checks.items import BAD_CHAR
from layout_tool.spec.catalogue import load_area
from layout_tool.spec.itemtypes import NUMBER
from layout_tool.spec.model import Item


def _allowed(bad_char: str) -> str:
    """The character class a value of the type is made of: ``bad_char`` negated."""
    inner = bad_char[1:-1]
    return f"[{inner[1:]}]*" if inner.startswith("^") else f"[^{inner}]*"


# Each type's own check in Table Schema terms: a typed date or time, or the pattern our
# checks test (Table Schema anchors it: ``^pattern$``).
PATTERNS = {name: _allowed(bad) for name, bad in BAD_CHAR.items() if name != "digits"}
PATTERNS["digits"] = "[0-9]*"
PATTERNS["number"] = NUMBER.strip("^$")
# 年号コード (01-05) YY MM DD; a date whose parts may be unknown (00) is a pattern too, as
# a typed date refuses them.
_MMDD = "(0[0-9]|1[0-2])([0-2][0-9]|3[01])"
PATTERNS["wareki"] = f"0[1-5][0-9]{{2}}{_MMDD}"
UNKNOWN_DATE = f"[0-9]{{4}}{_MMDD}"
TYPED = {
    "date": {"type": "date", "format": "%Y%m%d"},
    "yearmonth": {"type": "date", "format": "%Y%m"},
    "time": {"type": "time", "format": "%H%M%S"},
}


def field_for(item: Item, codes: dict[str, list[str]]) -> dict[str, Any]:
    """A field with the constraints our checks apply, as far as Table Schema can say them:
    required, a code table as ``enum``, 桁数 as ``maxLength`` (a number's sign and point
    allowed for), the type's characters as a ``pattern``, dates and times typed."""
    constraints: dict[str, Any] = {}
    if item.required:
        constraints["required"] = True
    if item.type == "code" and item.code:
        constraints["enum"] = codes[item.code]
    elif item.type in PATTERNS:
        constraints["pattern"] = PATTERNS[item.type]
    if item.type == "number":
        constraints["maxLength"] = item.length + 2
    elif item.type not in {"code", "date", "wareki", "yearmonth", "time"}:
        constraints["maxLength"] = item.length
    if item.type == "date" and item.allow_unknown_date:
        constraints["pattern"] = UNKNOWN_DATE
    elif item.type in TYPED:
        return {"name": item.name, **TYPED[item.type], "constraints": constraints}
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
