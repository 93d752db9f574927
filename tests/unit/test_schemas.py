"""The committed JSON Schemas are what scripts/make_schemas.py writes from the declarations."""

from __future__ import annotations

import importlib.util
import json
import typing
from pathlib import Path
from types import ModuleType

import jsonschema
import pytest

from layout_tool.mapping.transforms import TRANSFORMS
from layout_tool.spec.model import ITEM_FLAG_DEFAULTS, Item

ROOT = Path(__file__).resolve().parents[2]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_schemas", ROOT / "scripts/make_schemas.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_schemas_equal_the_generated_ones() -> None:
    for path, text in _script().generated().items():
        assert path.read_text(encoding="utf-8") == text, f"rerun scripts/make_schemas.py ({path})"


def test_every_transform_has_its_parameters_in_the_mapping_schema() -> None:
    schema = json.loads((ROOT / "layout_tool/mapping/mapping.schema.json").read_text("utf-8"))
    bare, one = schema["$defs"]["transform"]["oneOf"]
    assert set(one["properties"]) == set(TRANSFORMS)
    assert set(bare["enum"]) == {n for n, info in TRANSFORMS.items() if info.bare}
    jsonschema.Draft202012Validator.check_schema(schema)


def test_item_defaults_are_written_once() -> None:
    """The spec schema's defaults, ITEM_FLAG_DEFAULTS and a loaded item agree with ``Item``."""
    schema = json.loads((ROOT / "layout_tool/spec/spec.schema.json").read_text("utf-8"))
    props = schema["$defs"]["item"]["properties"]
    item = Item(no=1, name="x", type="text", length=1)
    for key, default in ITEM_FLAG_DEFAULTS.items():
        assert getattr(item, key) == default
        assert props[key].get("default") == default, key
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize(
    ("params", "valid"),
    [
        ({"zfill": 15}, True),
        ({"zfill": {"width": 15, "side": "left"}}, True),
        ({"zfill": {"width": 0}}, False),
        ({"date": {"from": "kanji", "to": "wareki"}}, True),
        ({"date": "no-such-shape"}, False),
        ({"yearmonth": {"to": "compact"}}, False),
        ("katakana", True),
        ("replace", False),
    ],
)
def test_the_generated_transform_schema_accepts_what_the_transforms_do(
    params: typing.Any, valid: bool
) -> None:
    schema = json.loads((ROOT / "layout_tool/mapping/mapping.schema.json").read_text("utf-8"))
    sub = {"$defs": schema["$defs"], "$ref": "#/$defs/transform"}
    assert jsonschema.Draft202012Validator(sub).is_valid(params) is valid
