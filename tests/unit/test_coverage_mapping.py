"""``coverage_of_mapping``: figures cross-checked against the mapping files' own text.

The bundled mappings are read a second time as plain YAML here, and the expected statuses
are worked out from that text with the rules docs/coverage.md states, so a change in the
library's reading of a rule shows up as a difference in numbers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from layout_tool.coverage import Coverage, coverage_of_mapping
from layout_tool.coverage.model import ItemCoverage
from layout_tool.mapping import load_mapping
from layout_tool.spec.catalogue import bundled_root, load_area
from layout_tool.yamlsource import parse_yaml, plain

BUNDLED = sorted(bundled_root("mappings").glob("*/*.yaml"))
DATES = {"date", "wareki"}
FULL = {"zenkaku", "kana"}


def raw(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = plain(parse_yaml(path).root)
    return data


def transform_names(rule: Any) -> list[str]:
    if isinstance(rule, str):
        return []
    steps = list(rule.get("transforms") or []) + list(rule.get("each") or [])
    return [s if isinstance(s, str) else next(iter(s)) for s in steps]


def rule_field(rule: Any) -> tuple[str | None, str | None]:
    """(source id or None for the row's own, field) the rule reads its value from."""
    if isinstance(rule, str):
        return None, rule
    for kind in ("from", "split"):
        if kind in rule:
            return None, rule[kind]
    if "lookup" in rule:
        return rule["lookup"]["source"], rule["lookup"]["field"]
    return None, None


def expected_status(data: dict[str, Any], source_id: str, item: Any, rule: Any) -> str:
    """The status the documented rules give, worked out from the raw mapping text."""
    if isinstance(rule, dict) and "const" in rule:
        return "constant"
    names = transform_names(rule)
    if item.type in DATES and "date" not in names:
        return "narrower"
    if item.type == "code" and not {"code", "era-code"} & set(names):
        return "narrower"
    other, field = rule_field(rule)
    source = next(s for s in data["sources"] if s["id"] == (other or source_id))
    if source["format"] != "fixed" or field is None or "date" in names or "code" in names:
        return "covered"
    width = next(f["length"] for f in source["fields"] if f["name"] == field)
    chars = width // 2 if item.type in FULL and "zenkaku" not in names else width
    return "narrower" if chars < item.length else "covered"


def expected(path: Path) -> dict[str, dict[str, str]]:
    """file id → item name → status, for every item of the area."""
    data = raw(path)
    area = load_area(data["area"])
    out: dict[str, dict[str, str]] = {}
    for file in area.files:
        target = next((t for t in data["targets"] if t["file"] == file.id), None)
        rules = target["items"] if target else {}
        out[file.id] = {
            i.name: "missing"
            if i.name not in rules
            else expected_status(data, target["source"] if target else "", i, rules[i.name])
            for i in file.items
        }
    return out


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_bundled_statuses_follow_the_documented_rules(path: Path) -> None:
    found = coverage_of_mapping(load_mapping(path))
    got = {f.file.id: {i.item.name: i.status for i in f.items} for f in found.files}
    assert got == expected(path)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_bundled_figures_add_up(path: Path) -> None:
    found = coverage_of_mapping(load_mapping(path))
    want = expected(path)
    area = load_area(raw(path)["area"])
    total = sum(len(f.items) for f in area.files)
    statuses = [s for per_file in want.values() for s in per_file.values()]
    s = found.summary()
    assert s.items == total
    assert s.covered == statuses.count("covered") + statuses.count("narrower")
    assert s.missing == statuses.count("missing")
    assert s.covered_pct == round(100 * s.covered / total, 1)
    required = [(f.id, i.name) for f in area.files for i in f.items if i.required]
    req_ok = [(fid, name) for fid, name in required if want[fid][name] != "missing"]
    assert s.required == len(required)
    assert s.required_covered == len(req_ok)
    assert s.required_pct == round(100 * len(req_ok) / len(required), 1)
    for f in found.files:
        fs = f.summary()
        assert fs.items == len(f.file.items)
        assert fs.covered == sum(
            1 for v in want[f.file.id].values() if v in ("covered", "narrower")
        )
    assert found.passed is all(
        want[fid][name] in ("covered", "constant")
        for fid, items in want.items()
        for name in items
        if next(f for f in area.files if f.id == fid).item(name).required
    )


def item(found: Coverage, file_id: str, name: str) -> ItemCoverage:
    f = next(f for f in found.files if f.file.id == file_id)
    return next(i for i in f.items if i.item.name == name)


def test_kakuu_jumin_exact_figures() -> None:
    found = coverage_of_mapping(load_mapping("kakuu-densan/jumin"))
    s = found.summary()
    # 28 + 13 rules in the two targets; ido_rireki (19 items, 5 required) has no target.
    assert (s.items, s.covered, s.missing, s.constant) == (115, 41, 74, 0)
    assert (s.required, s.required_covered, s.required_missing) == (21, 16, 5)
    assert s.narrower == 16 and s.required_narrower == 2
    assert s.covered_pct == 35.7 and s.required_pct == 76.2
    assert not found.passed
    name = item(found, "kojin", "氏名")  # SHIMEI is 40 bytes: 20 全角 characters
    assert name.status == "narrower" and name.capacity == 20
    assert [x.kind for x in name.issues] == ["length"]
    assert "最大 20全角文字" in name.issues[0].message and "60" in name.issues[0].message
    kana = item(found, "kojin", "氏名フリガナ")  # half-width 40 bytes widened: 40 characters
    assert kana.capacity == 40
    head = item(found, "kojin", "世帯主氏名")  # a lookup: the other source's field counts
    assert head.rule == "lookup" and head.capacity == 20
    assert head.vendor == ("setai.NUSHI_SHIMEI",)
    birth = item(found, "kojin", "生年月日")  # date transform: the 7-byte width is not compared
    assert birth.status == "covered" and birth.issues == ()
    ido = next(f for f in found.files if f.file.id == "ido_rireki")
    assert ido.vendor is None
    assert [i.item.name for i in ido.missing_required_first()][:5] == [
        "市区町村コード", "宛名番号", "異動連番", "異動事由", "異動年月日",
    ]  # fmt: skip
    assert found.unplaced_count == 0  # a lossless mapping writes every field back


def test_kaso_jumin_csv_has_only_type_issues() -> None:
    found = coverage_of_mapping(load_mapping("kaso-systems/jumin"))
    narrower = {(f.file.id, i.item.name) for f in found.files for i in f.with_status("narrower")}
    assert narrower == {("kojin", "記載事由"), ("kojin", "処理年月日"), ("setai", "処理年月日")}
    assert all(i.capacity is None for i in found.items)  # CSV fields have no width
    join = item(found, "kojin", "氏名")
    assert join.rule == "join" and join.vendor == ("kojin.氏", "kojin.名")
    assert join.via is not None and "全角空白" in join.via


SPEC = """\
standard: chukan
version: "2.7"
provenance: modelled
area: {id: covtest, name: テスト, number: 99}
files:
  - id: main
    name: 本体
    key: [番号]
    items:
      - {no: 1, name: 番号, type: digits, length: 10, required: true}
      - {no: 2, name: 氏名, type: zenkaku, length: 20, required: true}
      - {no: 3, name: カナ, type: kana, length: 20}
      - {no: 4, name: 性別, type: code, length: 1, code: 性別, required: true}
      - {no: 5, name: 生年月日, type: date, length: 8}
      - {no: 6, name: 団体, type: digits, length: 6, required: true}
      - {no: 7, name: 英字, type: hankaku, length: 10}
      - {no: 8, name: 備考, type: zenkaku, length: 10}
"""


def small(tmp_path: Path, items: str, fields: str, lossless: bool = False) -> Coverage:
    spec = tmp_path / "covtest.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    text = f"""\
mapping: 1
name: small
area: {spec}
lossless: {"true" if lossless else "false"}
codes:
  性別: {{map: {{"M": "1", "F": "2"}}, unmapped: keep}}
sources:
  - id: s
    file: S.DAT
    format: fixed
    fields:
{fields}
targets:
  - file: main
    source: s
    items:
{items}
"""
    return coverage_of_mapping(load_mapping(tmp_path / "m.yaml", text=text))


FIELDS = """\
      - {name: NO, length: 10}
      - {name: SEI, length: 10}
      - {name: MEI, length: 10}
      - {name: KANA, length: 20}
      - {name: SEX, length: 1}
      - {name: BIRTH, length: 8}
      - {name: EIJI, length: 10}
      - {name: OWN1, length: 4}
      - {name: OWN2, length: 2}
      - {name: PAD, length: 3, filler: true}
"""


def test_small_mapping_every_rule(tmp_path: Path) -> None:
    items = """\
      番号: NO
      氏名: {join: [SEI, MEI]}
      カナ: {from: KANA, transforms: [hankaku]}
      性別: {from: SEX, transforms: [{code: 性別}]}
      生年月日: {from: BIRTH, transforms: [{date: compact}]}
      団体: {const: "131016"}
      英字: {from: EIJI, transforms: [zenkaku]}
"""
    found = small(tmp_path, items, FIELDS)
    status = {i.item.name: i.status for i in found.items}
    assert status == {
        "番号": "covered",
        "氏名": "narrower",  # 5 + 1 (separator) + 5 全角 = 11 < 20
        "カナ": "narrower",  # hankaku transform into a kana item
        "性別": "narrower",  # unmapped: keep passes unknown vendor codes on
        "生年月日": "covered",  # {date: compact} says the vendor already writes YYYYMMDD
        "団体": "constant",
        "英字": "narrower",  # zenkaku into hankaku
        "備考": "missing",
    }
    name = next(i for i in found.items if i.item.name == "氏名")
    assert name.capacity == 11
    kana = next(i for i in found.items if i.item.name == "カナ")
    assert kana.capacity == 10  # read as 2-byte characters before the hankaku transform
    assert {x.kind for x in kana.issues} == {"type", "length"}
    const = next(i for i in found.items if i.item.name == "団体")
    assert const.via == "constant '131016'" and const.vendor == ()
    s = found.summary()
    assert (s.items, s.covered, s.compatible, s.narrower, s.constant, s.missing) == (
        8, 6, 2, 4, 1, 1,
    )  # fmt: skip
    assert (s.required, s.required_covered, s.required_compatible) == (4, 3, 1)
    assert (s.required_narrower, s.required_constant, s.required_missing) == (2, 1, 0)
    assert s.covered_pct == 75.0 and s.required_pct == 75.0
    assert not found.passed
    (vendor,) = found.vendor_files
    assert vendor.fields == 9  # the filler is not a field
    assert [(u.name, u.detail) for u in vendor.unplaced] == [
        ("OWN1", "4 bytes"),
        ("OWN2", "2 bytes"),
    ]
    assert vendor.standard_file == "main"


def test_small_mapping_passes_with_a_constant_required_item(tmp_path: Path) -> None:
    fields = """\
      - {name: NO, length: 10}
      - {name: NAME, length: 40}
      - {name: SEX, length: 1}
"""
    items = """\
      番号: NO
      氏名: {from: NAME, transforms: [trim]}
      性別: {from: SEX, transforms: [{code: {map: {"M": "1", "F": "2"}}}]}
      団体: {const: "131016"}
"""
    found = small(tmp_path, items, fields)
    assert found.passed
    assert [i.item.name for i in found.items if i.status == "missing"] == [
        "カナ", "生年月日", "英字", "備考",
    ]  # fmt: skip
    assert found.unplaced_count == 0


def test_date_without_transform_is_narrower_and_says_how_to_fix(tmp_path: Path) -> None:
    fields = "      - {name: NO, length: 10}\n      - {name: BIRTH, length: 8}\n"
    found = small(tmp_path, "      番号: NO\n      生年月日: BIRTH\n", fields)
    birth = next(i for i in found.items if i.item.name == "生年月日")
    assert birth.status == "narrower"
    assert [x.kind for x in birth.issues] == ["type"]
    assert "{date: compact}" in birth.issues[0].message


def test_json_is_to_dict_shape(tmp_path: Path) -> None:
    found = coverage_of_mapping(load_mapping("kaso-systems/kaigo"))
    data = found.to_dict()
    assert data["kind"] == "mapping" and data["passed"] is False
    assert data["summary"]["files"] == 3  # type: ignore[index]
    files: Any = data["files"]
    assert [f["id"] for f in files] == ["hihokensha", "nintei", "fuka"]
    assert files[2]["vendor"] is None and files[2]["summary"]["covered"] == 0
    first = files[0]["items"][0]
    assert set(first) >= {"no", "name", "status", "vendor", "via", "capacity", "issues"}
