"""The item-type registry is complete and what the checks, XSD and samples read."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import polars as pl

from layout_tool.checks.items import BAD_CHAR, SCREEN, gaiji_fails_checks
from layout_tool.spec.catalogue import load_area
from layout_tool.spec.itemtypes import GAIJI, ITEM_TYPE_DEFS, ITEM_TYPES, ItemType, as_item_type
from layout_tool.spec.model import CodeTable, Item
from layout_tool.validate import validate_paths


def test_every_declared_type_is_a_registered_one() -> None:
    assert set(typing.get_args(ItemType)) == set(ITEM_TYPES) == set(ITEM_TYPE_DEFS)
    for name, d in ITEM_TYPE_DEFS.items():
        assert d.name == name and d.ja and d.en
        assert as_item_type(name) == name


def test_screen_covers_bad_chars_and_gaiji() -> None:
    """A value the screen does not keep passes the type check and holds no 外字."""
    samples = ["試験", "ｼｹﾝ", "シケン", "ABC 1", "\ue000", "\x07", "◆", "ア＝イ"]
    for name, screen in SCREEN.items():
        for text in samples:
            if not re.search(screen, text):
                assert not re.search(BAD_CHAR[name], text), (name, text)
                assert not re.search(GAIJI, text), (name, text)


def test_gaiji_policy_is_one_for_validate_and_convert() -> None:
    codes = {
        "t": CodeTable("t", "t", "modelled", {"1": "a"}),
        "g": CodeTable("g", "g", "m", {"\ue000": "a"}),
    }
    may_pass = {n for n, d in ITEM_TYPE_DEFS.items() if d.gaiji == "may-pass"}
    assert may_pass == {"zenkaku", "kana", "text"}
    for name in ITEM_TYPES:
        item = Item(no=1, name="x", type=name, length=8, code="t" if name == "code" else None)
        assert gaiji_fails_checks(item, codes) is (name not in may_pass)
    assert not gaiji_fails_checks(Item(no=1, name="x", type="code", length=1, code="g"), codes)
    assert not gaiji_fails_checks(
        Item(no=1, name="x", type="date", length=8, format="%Y\ue000"), codes
    )


def test_xsd_classes_accept_what_the_checks_accept() -> None:
    """The XSD class (without 外字) and the polars class agree on a few values per type."""
    samples = ["試験", "ｼｹﾝ", "シケン", "ABC 1", "123", "\ue000", "ア・イ"]
    for name, d in ITEM_TYPE_DEFS.items():
        if d.xsd is None or d.bad_char is None:
            continue
        xsd = re.compile(d.xsd.pattern.replace("\\p{Cc}", "\x00-\x1f\x7f-\x9f"))
        for text in samples:
            ok_check = not re.search(d.bad_char, text) and not re.search(GAIJI, text)
            assert bool(xsd.fullmatch(text)) is ok_check, (name, text)
    assert pl.Series(["x"]).str.contains(BAD_CHAR["hankaku"]).to_list() == [False]


SPEC = """\
standard: chukan
version: "2.7"
provenance: modelled
area: {id: demo, name: デモ, number: 901}
codes:
  mark: {name: 記号, status: modelled, values: {"A": 通常, "\\ue000": 外字の記号}}
files:
  - id: marks
    name: 記号
    filename: MARKS
    items:
      - {no: 1, name: 番号, type: digits, length: 5, required: true}
      - {no: 2, name: 記号, type: code, length: 1, code: mark}
"""


def test_validate_finds_gaiji_a_code_table_lets_pass(tmp_path: Path) -> None:
    """The one 外字 policy: a code table holding a 外字 lets it pass the code check, so
    validate looks for it on every row (as convert does), not only on rows with findings."""
    (tmp_path / "spec.yaml").write_text(SPEC, encoding="utf-8")
    data = tmp_path / "MARKS.csv"
    data.write_text("番号,記号\n99991,A\n99992,\ue000\n", encoding="utf-8")
    report = validate_paths(load_area(str(tmp_path / "spec.yaml")), [data])
    found = [(f.code, f.row, f.item) for f in report.sorted_findings()]
    assert found == [("gaiji", 2, "記号")]
