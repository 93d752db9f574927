"""Verdicts a review of the fast checks found wrong, each through ``validate_paths``.

- A 法人番号 too long for its 桁数 stopped the whole run (its "check digit" did not fit the
  small integer it was compared as): it is one length finding.
- An item named like a gathered column (``__x0``) clashed with it in the batch's query.
- A key of two columns joined with a separator made two different tuples one key.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from layout_tool.spec.catalogue import load_area
from layout_tool.validate import Options, validate_paths


def _found(report_dict: dict[str, object], item: str | None = None) -> list[tuple[object, ...]]:
    listed = report_dict["findings"]
    assert isinstance(listed, list)
    return sorted(
        (f["row"], f["item"], f["code"]) for f in listed if item is None or f["item"] == item
    )


@pytest.mark.parametrize("value", ["7000012050002999", "99999999999999999", "123456789012345"])
def test_a_corporate_number_too_long_is_one_length_finding(tmp_path: Path, value: str) -> None:
    spec = load_area("kotei")
    fspec = spec.file("nozeigimusha")
    names = [i.name for i in fspec.items]
    row = ["" for _ in names]
    row[names.index("法人番号")] = value
    path = tmp_path / "KOTEI_NOZEIGIMUSHA.csv"
    path.write_text(",".join(names) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    report = validate_paths(spec, [path], Options(encoding="utf-8", file_id=fspec.id))
    assert _found(report.to_dict(), "法人番号") == [(1, "法人番号", "length")]


SPEC = """\
standard: chukan
version: "2.7"
provenance: modelled
area: {{id: demo, name: デモ, number: 904}}
files:
  - id: a
    name: A
    filename: A
    key: [{key}]
    items:
      - {{no: 1, name: k1, type: text, length: 10}}
      - {{no: 2, name: {second}, type: text, length: 10}}
"""


def _validate(tmp_path: Path, spec_text: str, rows: list[str], header: str) -> dict[str, object]:
    (tmp_path / "s.yaml").write_text(spec_text, encoding="utf-8")
    data = tmp_path / "A.csv"
    data.write_text(header + "\n" + "".join(r + "\n" for r in rows), encoding="utf-8")
    report = validate_paths(load_area(str(tmp_path / "s.yaml")), [data], Options())
    return report.to_dict()


def test_an_item_named_like_a_gathered_column_is_checked(tmp_path: Path) -> None:
    spec = SPEC.format(key="k1", second="__x0")
    found = _validate(tmp_path, spec, ["a,b", "a,c"], "k1,__x0")
    assert _found(found) == [(2, "k1", "key-duplicate")]


def test_two_column_keys_that_join_alike_are_different_keys(tmp_path: Path) -> None:
    spec = SPEC.format(key="k1, k2", second="k2")
    # joined with \x1f, both rows would read "a\x1f\x1fb" (each has a type finding too)
    found = _validate(tmp_path, spec, ["a\x1f,b", "a,\x1fb", "x,y", "x,y"], "k1,k2")
    assert _found(found) == [(1, "k1", "type"), (2, "k2", "type"), (4, "k1", "key-duplicate")]
