"""The bundled specs are the product: they must validate, resolve and match the catalogue."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

from layout_tool.errors import LayoutToolError
from layout_tool.spec.catalogue import catalogue, load_area, shared_codes, version_dir
from layout_tool.spec.loader import load_area_file
from layout_tool.spec.model import DATE_TYPES, ITEM_TYPES, AreaSpec

# The wording these tests pin is the English one (--lang en); Japanese: test_lang_errors.py
pytestmark = pytest.mark.usefixtures("english")

DETAILED = {"jumin", "kotei", "kojin_juminzei", "kaigo", "kouki", "kokuho"}
NOT_AREAS = {"catalogue", "codes"}
AREA_FILES = sorted(p for p in version_dir().glob("*.yaml") if p.stem not in NOT_AREAS)


def schema(name: str) -> dict[str, Any]:
    text = resources.files("layout_tool").joinpath(f"spec/{name}").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def raw_yaml(path: Path) -> Any:
    """The file as plain data, read independently of the project's loader."""
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def test_bundled_area_files_are_the_six_detailed_areas() -> None:
    assert {p.stem for p in AREA_FILES} == DETAILED


@pytest.mark.parametrize("name", ["spec", "codes", "catalogue"])
def test_schemas_are_valid_json_schemas(name: str) -> None:
    jsonschema.Draft202012Validator.check_schema(schema(f"{name}.schema.json"))


@pytest.mark.parametrize("path", AREA_FILES, ids=lambda p: p.stem)
def test_area_yaml_validates_against_spec_schema(path: Path) -> None:
    validator = jsonschema.Draft202012Validator(schema("spec.schema.json"))
    errors = [e.message for e in validator.iter_errors(raw_yaml(path))]
    assert errors == []


def test_codes_yaml_validates_against_codes_schema() -> None:
    data = raw_yaml(version_dir() / "codes.yaml")
    jsonschema.Draft202012Validator(schema("codes.schema.json")).validate(data)
    assert data["codes"], "codes.yaml has no tables"


def test_catalogue_yaml_validates_against_catalogue_schema() -> None:
    data = raw_yaml(version_dir() / "catalogue.yaml")
    jsonschema.Draft202012Validator(schema("catalogue.schema.json")).validate(data)


def test_schema_rejects_what_it_should() -> None:
    """Guard against a schema so loose that the validations above prove nothing."""
    validator = jsonschema.Draft202012Validator(schema("spec.schema.json"))
    good = raw_yaml(AREA_FILES[0])
    assert validator.is_valid(good)
    bad_type = json.loads(json.dumps(good))
    bad_type["files"][0]["items"][0]["type"] = "float"
    assert not validator.is_valid(bad_type)
    extra = json.loads(json.dumps(good))
    extra["files"][0]["items"][0]["colour"] = "red"
    assert not validator.is_valid(extra)


@pytest.mark.parametrize("path", AREA_FILES, ids=lambda p: p.stem)
def test_area_loads_and_every_name_resolves(path: Path) -> None:
    spec = load_area_file(path, shared_codes())
    assert spec.id == path.stem
    assert (spec.standard, spec.version) == ("chukan", "2.7")
    assert spec.files, "a detailed area needs at least one file"
    for f in spec.files:
        assert f.items
        assert [i.no for i in f.items] == list(range(1, len(f.items) + 1))
        assert len(set(f.item_names)) == len(f.items)
        assert f.key, f"file {f.id} has no key"
        for key in f.key:
            assert f.has_item(key), (f.id, key)
        for item in f.items:
            assert item.type in ITEM_TYPES
            assert item.length >= 1
            if item.type == "code":
                assert item.code is not None, item.name
            if item.code is not None:
                table = spec.codes[item.code]
                assert table.values, item.code
                assert all(isinstance(k, str) and k for k in table.values)
            if item.allow_unknown_date:
                assert item.type in DATE_TYPES, item.name
    for ref in spec.references:
        for end in (ref.source, ref.target):
            target = spec.file(end.file)
            assert all(target.has_item(name) for name in end.items), end
        assert len(ref.source.items) == len(ref.target.items)
    for rule in spec.rules:
        target = spec.file(rule.file)
        named = [*rule.group, *rule.where, *([rule.item] if rule.item else [])]
        assert all(target.has_item(name) for name in named), rule


@pytest.mark.parametrize("path", AREA_FILES, ids=lambda p: p.stem)
def test_used_codes_cover_every_code_an_item_names(path: Path) -> None:
    spec = load_area_file(path, shared_codes())
    named = {i.code for f in spec.files for i in f.items if i.code is not None}
    assert named <= set(spec.used_codes())
    assert set(spec.local_codes) <= set(spec.used_codes())


def test_shared_codes_are_used_by_some_area() -> None:
    items = [i for e in catalogue() if e.spec for f in e.spec.files for i in f.items]
    used = {i.code for i in items}
    if any(i.type == "wareki" for i in items):
        used.add("年号")  # the era code of every wareki value, named by the type itself
    assert set(shared_codes()) <= used


def test_catalogue_has_six_detailed_areas_with_counts() -> None:
    entries = catalogue()
    detailed = {e.id: e for e in entries if e.spec is not None}
    assert set(detailed) == DETAILED
    for entry in detailed.values():
        assert entry.spec is not None
        d = entry.to_dict()
        assert d["files"] == len(entry.spec.files) > 0
        assert d["items"] == entry.spec.item_count > 0
        assert d["version"] == "2.7"
        assert d["number"] == entry.spec.number
    for entry in entries:
        if entry.spec is None:
            d = entry.to_dict()
            assert (d["files"], d["items"]) == (0, 0), entry.id


def test_catalogue_ids_and_numbers_are_unique_and_sorted() -> None:
    entries = catalogue()
    assert len({e.id for e in entries}) == len(entries)
    numbers = [e.number for e in entries]
    assert numbers == sorted(set(numbers))


@pytest.mark.parametrize("how", ["id", "number", "name", "path"])
def test_load_area_by_id_number_name_or_path(how: str) -> None:
    spec = load_area("jumin")
    assert spec.path is not None
    key = {"id": "jumin", "number": "1", "name": "住民基本台帳", "path": spec.path}[how]
    assert load_area(key) == spec


def test_load_area_unknown_and_undetailed() -> None:
    with pytest.raises(LayoutToolError, match="unknown area 'nosuch'"):
        load_area("nosuch")
    with pytest.raises(LayoutToolError, match="no detailed spec"):
        load_area("inkan")


def test_area_lookup_error_for_missing_file() -> None:
    with pytest.raises(LayoutToolError, match="file not found"):
        load_area("/nonexistent/spec.yaml")


def test_area_file_raises_for_unknown_file_id() -> None:
    spec: AreaSpec = load_area("jumin")
    assert spec.file("kojin").id == "kojin"
    with pytest.raises(LayoutToolError, match="has no file 'nosuch'"):
        spec.file("nosuch")
