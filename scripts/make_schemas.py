"""Write the generated parts of spec.schema.json and mapping.schema.json.

    python scripts/make_schemas.py          # rewrite both files
    python scripts/make_schemas.py --check  # exit 1 if a committed file differs

What is declared in code is written here, never by hand: a spec item's keys, types and
defaults (``spec.model.Item`` and its field metadata), the item types
(``spec.itemtypes``), the 桁数 counts (``charset.length.UNITS``), the spec families and
provenances; and in mapping files every transform's parameters (``@transform(..., params)``
and ``schema_def`` in ``mapping/transforms/``). The rest of each schema (the file's shape
around them) stays as written in the committed file. tests/unit/test_schemas.py proves
the committed files equal what this writes.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import sys
import typing
from pathlib import Path
from typing import Any

from layout_tool.charset.length import UNITS
from layout_tool.mapping.transforms import TRANSFORMS
from layout_tool.mapping.transforms.base import SCHEMA_DEFS
from layout_tool.spec.itemtypes import ITEM_TYPES
from layout_tool.spec.model import STANDARD_NAMES, CheckKind, Item, Provenance

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "layout_tool/spec/spec.schema.json"
MAPPING = ROOT / "layout_tool/mapping/mapping.schema.json"
WIDTH = 100  # objects and lists that fit on one line are written on one line

_LENGTH_COUNT = {"description": "how 桁数 is counted (docs/checks.md)"}
_ANNOTATION_TYPES: dict[str, dict[str, Any]] = {
    "int": {"type": "integer"},
    "str": {"type": "string"},
    "bool": {"type": "boolean"},
    "ItemType": {"enum": list(ITEM_TYPES)},
    "CheckKind": {"enum": list(typing.get_args(CheckKind))},
}


def length_count() -> dict[str, Any]:
    return {"enum": list(UNITS), **_LENGTH_COUNT}


def item_schema() -> dict[str, Any]:
    """``$defs/item``: one property per key of ``Item`` a spec file may write."""
    properties: dict[str, Any] = {}
    required: list[str] = []
    for f in dataclasses.fields(Item):
        if f.metadata.get("file", True) is False:
            continue
        if f.name == "length_count":
            properties[f.name] = length_count()
            continue
        base = str(f.type).removesuffix(" | None")
        prop = {**_ANNOTATION_TYPES[base], **f.metadata.get("schema", {})}
        if f.default is dataclasses.MISSING:
            required.append(f.name)
        elif f.default is not None:
            prop["default"] = f.default
        properties[f.name] = prop
    return {
        "type": "object",
        "additionalProperties": False,
        "required": required,
        "properties": properties,
    }


def spec_schema(committed: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(committed)
    props = out["properties"]
    props["standard"] = {"enum": list(STANDARD_NAMES)}
    props["provenance"] = {"enum": list(typing.get_args(Provenance))}
    props["length_count"] = length_count()
    out["$defs"]["file"]["properties"]["length_count"] = length_count()
    out["$defs"]["item"] = item_schema()
    return out


def transform_defs() -> dict[str, Any]:
    """``$defs/transform`` and the parameter schemas it refers to."""
    bare = [name for name, info in TRANSFORMS.items() if info.bare]
    params = {name: info.params for name, info in TRANSFORMS.items()}
    one = {
        "type": "object",
        "minProperties": 1,
        "maxProperties": 1,
        "additionalProperties": False,
        "properties": params,
    }
    return {"transform": {"oneOf": [{"enum": bare}, one]}, **SCHEMA_DEFS}


def mapping_schema(committed: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(committed)
    defs = out["$defs"]
    generated = transform_defs()
    # Drop what a previous run generated (a shared schema may have been renamed), keep the rest.
    stale = [
        k for k in defs if k == "transform" or k.endswith(("Params", "Shape", "Form", "Class"))
    ]
    for key in stale:
        if key not in generated:
            del defs[key]
    defs.update(generated)
    return out


def dumps(value: Any, indent: int = 0) -> str:
    """JSON with small objects and lists on one line, as the committed schemas are written."""
    flat = json.dumps(value, ensure_ascii=False)
    if not isinstance(value, (dict, list)) or len(flat) + indent <= WIDTH or not value:
        return flat
    pad = " " * (indent + 2)
    if isinstance(value, dict):
        parts = [
            f"{pad}{json.dumps(k, ensure_ascii=False)}: {dumps(v, indent + 2)}"
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(parts) + "\n" + " " * indent + "}"
    parts = [f"{pad}{dumps(v, indent + 2)}" for v in value]
    return "[\n" + ",\n".join(parts) + "\n" + " " * indent + "]"


def generated() -> dict[Path, str]:
    """Each schema file's text as this script writes it."""
    spec = spec_schema(json.loads(SPEC.read_text(encoding="utf-8")))
    mapping = mapping_schema(json.loads(MAPPING.read_text(encoding="utf-8")))
    return {SPEC: dumps(spec) + "\n", MAPPING: dumps(mapping) + "\n"}


def main(argv: list[str]) -> int:
    stale = [p for p, text in generated().items() if p.read_text(encoding="utf-8") != text]
    if "--check" in argv:
        for path in stale:
            print(f"{path.relative_to(ROOT)} is not what scripts/make_schemas.py writes")
        return 1 if stale else 0
    for path, text in generated().items():
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
