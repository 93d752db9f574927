"""``diff_specs``: every kind of difference is found, and nothing else."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest

from layout_tool.spec.catalogue import catalogue, load_area
from layout_tool.spec.diff import diff_specs, render_diff_text
from layout_tool.spec.model import AreaSpec, CodeTable, FileSpec, Item

BUNDLED = [e.spec for e in catalogue() if e.spec is not None]


def with_file(spec: AreaSpec, file_id: str, new: FileSpec) -> AreaSpec:
    return replace(spec, files=tuple(new if f.id == file_id else f for f in spec.files))


def renumbered(items: list[Item]) -> tuple[Item, ...]:
    return tuple(replace(item, no=n) for n, item in enumerate(items, start=1))


@pytest.mark.parametrize("spec", BUNDLED, ids=lambda s: s.id)
def test_a_spec_equals_itself(spec: AreaSpec) -> None:
    found = diff_specs(spec, spec)
    assert found.equal
    assert set(found.summary().values()) == {0}
    assert "no differences" in render_diff_text(found)


def test_items_added_removed_and_changed() -> None:
    a = load_area("jumin")
    kojin = a.file("kojin")
    items = list(kojin.items)
    items[9] = replace(items[9], length=100, gaiji=False)  # 氏名
    del items[12]  # 旧氏
    items.append(Item(no=0, name="新項目", type="zenkaku", length=20))
    b = with_file(a, "kojin", replace(kojin, items=renumbered(items)))
    found = diff_specs(a, b)
    assert not found.equal
    (fd,) = found.files
    assert fd.id == "kojin" and not fd.order_changed
    assert [i.name for i in fd.added] == ["新項目"]
    assert [i.name for i in fd.removed] == ["旧氏"]
    assert {k: [(c.attribute, c.old, c.new) for c in v] for k, v in fd.changed.items()} == {
        "氏名": [("length", 60, 100), ("gaiji", True, False)]
    }
    text = render_diff_text(found)
    assert "+ 新項目: zenkaku(20)" in text
    assert "- 旧氏: zenkaku(30)" in text
    assert "~ 氏名: length 60 → 100, gaiji yes → no" in text
    assert found.summary()["items_changed"] == 1


def test_every_compared_attribute_is_seen() -> None:
    base = Item(no=1, name="x", type="digits", length=5)
    changes: dict[str, Any] = {
        "type": "hankaku", "length": 6, "required": True, "gaiji": True, "code": "性別",
        "check": "m11", "fixed": True, "scale": 2, "format": "%Y", "pattern": "[0-9]+",
        "allow_unknown_date": True, "repeat": True, "sensitive": True,
    }  # fmt: skip
    a = AreaSpec("chukan", "2.7", "imported", "t", "t", 1, (FileSpec("f", "f", (base,)),))
    for attribute, value in changes.items():
        b = replace(a, files=(FileSpec("f", "f", (replace(base, **{attribute: value}),)),))
        (fd,) = diff_specs(a, b).files
        assert [c.attribute for c in fd.changed["x"]] == [attribute]
    described = replace(a, files=(FileSpec("f", "f", (replace(base, description="d"),)),))
    assert diff_specs(a, described).equal  # descriptions do not change the checks


def test_files_added_removed_and_matched_by_name() -> None:
    a = load_area("jumin")
    setai = a.file("setai")
    renamed = replace(setai, id="file2")
    extra = FileSpec("extra", "追加", (Item(1, "番号", "digits", 3),))
    files = [f for f in a.files if f.id not in {"setai", "ido_rireki"}] + [renamed, extra]
    b = replace(a, files=tuple(files), references=(), rules=())
    found = diff_specs(a, b)
    assert [f.id for f in found.files_added] == ["extra"]
    assert [f.id for f in found.files_removed] == ["ido_rireki"]
    assert [(f.id, f.old_id) for f in found.files] == [("file2", "setai")]
    assert found.references_removed and not found.references_added
    assert "file file2 世帯 (was setai)" in render_diff_text(found)


def test_key_and_order_changes() -> None:
    a = load_area("jumin")
    kojin = a.file("kojin")
    swapped = [kojin.items[1], kojin.items[0], *kojin.items[2:]]
    b = with_file(a, "kojin", replace(kojin, items=renumbered(swapped), key=("宛名番号",)))
    (fd,) = diff_specs(a, b).files
    assert fd.order_changed
    assert fd.key == (("宛名番号", "個人履歴番号"), ("宛名番号",))
    assert not fd.added and not fd.removed and not fd.changed


def test_code_tables_added_removed_and_relabelled() -> None:
    a = load_area("jumin")
    table_id = next(iter(a.used_codes()))
    old = a.codes[table_id]
    values = dict(old.values)
    first, second = list(values)[:2]
    values[first] = values[first] + "（改）"
    del values[second]
    values["99"] = "その他"
    codes = dict(a.codes)
    codes[table_id] = replace(old, values=values)
    b = replace(a, codes=codes)
    (cd,) = diff_specs(a, b).codes
    assert cd.id == table_id
    assert cd.added == {"99": "その他"}
    assert cd.removed == {second: old.values[second]}
    assert cd.relabelled == {first: (old.values[first], values[first])}
    extra = CodeTable("新表", "新表", "imported", {"1": "a"})
    c = replace(a, codes={**a.codes, "新表": extra}, local_codes=(*a.local_codes, "新表"))
    found = diff_specs(a, c)
    assert found.codes_added == ["新表"] and diff_specs(c, a).codes_removed == ["新表"]


def test_json_shape() -> None:
    a = load_area("jumin")
    b = replace(a, files=a.files[:1], references=(), rules=())
    data = json.loads(json.dumps(diff_specs(a, b).to_dict(), ensure_ascii=False))
    assert set(data) == {"equal", "a", "b", "summary", "files", "codes", "references", "rules"}
    assert data["equal"] is False
    assert [f["id"] for f in data["files"]["removed"]] == ["setai", "ido_rireki"]
    assert data["summary"]["files_removed"] == 2
    assert data["a"]["provenance"] == "modelled"
