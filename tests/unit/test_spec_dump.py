"""``dump_area``: YAML → model → YAML is lossless and text-stable."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from layout_tool.spec.catalogue import catalogue, shared_codes
from layout_tool.spec.dump import dump_area
from layout_tool.spec.loader import load_area_file
from layout_tool.spec.model import (
    DATE_TYPES,
    ITEM_TYPES,
    AreaSpec,
    CodeTable,
    Endpoint,
    FileSpec,
    Item,
    Reference,
    Rule,
)

BUNDLED = [e.spec for e in catalogue() if e.spec is not None]
ITEM_LINE = re.compile(r"^      - \{no: \d+, ")


def reload(text: str) -> AreaSpec:
    return load_area_file(Path("dumped.yaml"), shared_codes(), text=text)


@pytest.mark.parametrize("spec", BUNDLED, ids=lambda s: s.id)
def test_bundled_round_trip_is_lossless_and_stable(spec: AreaSpec) -> None:
    text = dump_area(spec)
    again = reload(text)
    assert again == spec
    assert again.to_dict() == spec.to_dict()
    assert dump_area(again) == text


@pytest.mark.parametrize("spec", BUNDLED, ids=lambda s: s.id)
def test_dump_writes_one_item_per_line(spec: AreaSpec) -> None:
    text = dump_area(spec)
    item_lines = [line for line in text.splitlines() if ITEM_LINE.match(line)]
    assert len(item_lines) == spec.item_count
    for item, line in zip((i for f in spec.files for i in f.items), item_lines, strict=True):
        assert line.startswith(f"      - {{no: {item.no}, name: {item.name}, ")
        if item.description is not None:
            assert item.description in line
    assert "area: {id: " in text


@pytest.mark.parametrize("spec", BUNDLED, ids=lambda s: s.id)
def test_dump_validates_against_the_schema(spec: AreaSpec) -> None:
    schema = json.loads(
        resources.files("layout_tool").joinpath("spec/spec.schema.json").read_text("utf-8")
    )
    data = YAML(typ="safe", pure=True).load(dump_area(spec))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data == spec.to_file_dict()


def test_dump_has_optional_header_comment() -> None:
    spec = BUNDLED[0]
    text = dump_area(spec, header="imported from X.xlsx\n\nsheet 1")
    assert text.startswith("# imported from X.xlsx\n#\n# sheet 1\n")
    assert reload(text) == spec
    assert text.endswith(dump_area(spec))


def test_dump_writes_only_non_default_item_keys() -> None:
    spec = BUNDLED[0]
    text = dump_area(spec)
    assert "gaiji: false" not in text
    assert "required: false" not in text
    assert ": null" not in text


def test_awkward_strings_stay_on_one_line_and_survive() -> None:
    """Strings ruamel alone mis-writes in flow mappings, and ones YAML would retype."""
    awkward = [": 0", "? a", "- x", "a, b", "{x}", "a #b", "行1\n行2", "\u2028", " pad ", "<<"]
    table = CodeTable("地区", "地区", "modelled", {"01": "true", "<<": "null", "2.7": "~"})
    its = tuple(
        Item(no=n, name=name, type="text", length=5, description=name)
        for n, name in enumerate(awkward, start=1)
    )
    its += (Item(no=len(its) + 1, name="地区", type="code", length=2, code="地区"),)
    spec = AreaSpec(
        standard="chukan",
        version="2.7",
        provenance="imported",
        id="demo",
        name="デモ",
        number=1,
        files=(FileSpec(id="f", name="ファイル", items=its, key=(": 0",)),),
        codes={**shared_codes(), "地区": table},
        local_codes=("地区",),
    )
    text = dump_area(spec)
    assert reload(text) == spec
    assert dump_area(reload(text)) == text
    item_lines = [line for line in text.splitlines() if ITEM_LINE.match(line)]
    assert len(item_lines) == len(its)
    assert '"01": "true"' in text
    assert 'version: "2.7"' in text


# --- generated specs: awkward strings must survive the trip ------------------------------

# Characters YAML gives meaning to, plus Japanese, full-width and odd whitespace.
AWKWARD = ":#{}[],&*!|>'\"%@`?-~ \t\u3000、。・（）ｱｲｳ\u00a0\u2028\u0085\ufeff"
words = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=12),
    st.text(st.sampled_from("住民宛名番号abc019" + AWKWARD), min_size=1, max_size=12),
    st.sampled_from(["true", "null", "~", "01", "1.5", "0x1F", "yes", "no", "-", "- a", "*x"]),
)
ids = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)


@st.composite
def code_tables(draw: st.DrawFn) -> dict[str, CodeTable]:
    names = draw(st.lists(words, min_size=0, max_size=3, unique=True))
    return {
        name: CodeTable(
            id=name,
            name=draw(words),
            status=draw(st.sampled_from(["modelled", "verified", "third-party"])),
            values=draw(st.dictionaries(words, words, min_size=1, max_size=4)),
            source=draw(st.none() | words),
        )
        for name in names
    }


@st.composite
def items(draw: st.DrawFn, codes: list[str]) -> tuple[Item, ...]:
    names = draw(st.lists(words, min_size=1, max_size=5, unique=True))
    out = []
    for no, name in enumerate(names, start=1):
        types = [t for t in ITEM_TYPES if t != "code" or codes]
        kind = draw(st.sampled_from(types))
        code = draw(st.sampled_from(codes)) if kind == "code" else None
        out.append(
            Item(
                no=no,
                name=name,
                type=kind,
                length=draw(st.integers(1, 10**6)),
                required=draw(st.booleans()),
                fixed=draw(st.booleans()),
                gaiji=draw(st.booleans()),
                code=code,
                check=draw(st.sampled_from([None, "mynumber", "corporate", "lgcode", "m11"])),
                sensitive=draw(st.booleans()),
                format=draw(st.none() | words),
                pattern=draw(st.none() | words),
                scale=draw(st.none() | st.integers(0, 9)),
                allow_unknown_date=kind in DATE_TYPES and draw(st.booleans()),
                repeat=draw(st.booleans()),
                description=draw(st.none() | words),
            )
        )
    return tuple(out)


@st.composite
def area_specs(draw: st.DrawFn) -> AreaSpec:
    local = draw(code_tables())
    code_names = [*local, *shared_codes()]
    file_ids = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    files = []
    for file_id in file_ids:
        its = draw(items(code_names))
        key = draw(st.lists(st.sampled_from([i.name for i in its]), max_size=2, unique=True))
        files.append(
            FileSpec(
                id=file_id,
                name=draw(words),
                items=its,
                key=tuple(key),
                filename=draw(st.none() | words),
                description=draw(st.none() | words),
            )
        )
    source, target = draw(st.sampled_from(files)), draw(st.sampled_from(files))
    width = min(len(source.items), len(target.items))
    refs: tuple[Reference, ...] = ()
    if draw(st.booleans()):
        refs = (
            Reference(
                Endpoint(source.id, tuple(source.item_names[:width])),
                Endpoint(target.id, tuple(target.item_names[:width])),
            ),
        )
    names = files[0].item_names
    rules: tuple[Rule, ...] = ()
    if draw(st.booleans()):
        rules = (
            Rule(
                rule="one-per-group",
                file=files[0].id,
                group=tuple(names[:1]),
                item=names[-1],
                value=draw(words),
                where={names[0]: draw(words)},
                description=draw(st.none() | words),
            ),
        )
    return AreaSpec(
        standard="chukan",
        version=draw(st.sampled_from(["2.7", "3", "10.0.1"])),
        provenance=draw(st.sampled_from(["modelled", "imported", "official"])),
        id=draw(ids),
        name=draw(words),
        number=draw(st.integers(1, 999)),
        files=tuple(files),
        codes={**shared_codes(), **local},
        local_codes=tuple(local),
        references=refs,
        rules=rules,
        note=draw(st.none() | words),
    )


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(area_specs())
def test_generated_specs_round_trip(spec: AreaSpec) -> None:
    text = dump_area(spec)
    again = reload(text)
    assert again == spec
    assert dump_area(again) == text
    item_lines = [line for line in text.splitlines() if ITEM_LINE.match(line)]
    assert len(item_lines) == spec.item_count
