"""Golden cases for every transform, both directions, and their parameter errors."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl
import pytest

from layout_tool.i18n import text
from layout_tool.mapping.transforms import TRANSFORMS, CodeMapSpec, Context, ParamError, build
from layout_tool.mapping.transforms.base import Step
from layout_tool.spec.model import CodeTable, Item

# The wording these tests pin is the English one (--lang en)
pytestmark = pytest.mark.usefixtures("english")

TEXT = Item(1, "氏名", "zenkaku", 20)
KANA = Item(2, "氏名フリガナ", "kana", 40)
WAREKI = Item(3, "生年月日", "wareki", 8, allow_unknown_date=True)
DATE = Item(4, "処理年月日", "date", 8)
CODE = Item(5, "性別", "code", 1, code="性別")
NUMBER = Item(6, "年税額", "number", 12, scale=2)
SEX = CodeTable("性別", "性別", "modelled", {"1": "男", "2": "女", "9": "不明"})


def ctx(item: Item = TEXT, width: int | None = None, **codes: CodeMapSpec) -> Context:
    return Context(item=item, width=width, codes=codes, spec_codes={"性別": SEX})


def run(step: Step, values: Sequence[str | None], inverse: bool = False) -> list[str | None]:
    """The direction over a column; failures come back as the string FAIL."""
    fn = step.inverse if inverse else step.forward
    assert fn is not None
    frame = pl.DataFrame({"v": values}, schema={"v": pl.String})
    out = frame.select(fn(pl.col("v")).alias("o"))["o"].to_list()
    fails = step.inverse_fails if inverse else step.fails
    return [
        "FAIL" if fails and v is not None and o is None else o
        for v, o in zip(values, out, strict=True)
    ]


def test_registry_names() -> None:
    expected = {"code", "date", "default", "era-code", "hankaku", "hiragana", "katakana"}
    expected |= {"number", "pad", "replace", "trim", "zenkaku", "zfill", "yearmonth", "time"}
    assert set(TRANSFORMS) == expected


def test_trim_fixed_width_pads_back_in_cp932_bytes() -> None:
    step = build("trim", {"chars": "　 ", "pad": "　"}, ctx(width=9))
    raw = ["山田　　　", "山田　　　 ", "ab       ", "         "]
    assert run(step, raw) == ["山田", "山田", "ab", None]
    back = run(step, ["山田", "山田太郎花子", None, "ab"], inverse=True)
    assert back == ["山田　　 ", "FAIL", "　　　　 ", "ab　　　 "]


def test_trim_left_with_width_in_characters() -> None:
    step = build("trim", {"side": "left", "width": 3}, ctx())
    assert run(step, ["  1", " 12", "123", None]) == ["1", "12", "123", None]
    assert run(step, ["1", "1234", None], inverse=True) == ["  1", "FAIL", None]


def test_trim_without_width_is_lossy() -> None:
    step = build("trim", None, ctx())
    assert not step.invertible
    assert "cannot pad back" in text(step.lossy_because or "", "en")
    assert not build("trim", "both", ctx(width=4)).invertible


def test_pad_and_zfill() -> None:
    zfill = build("zfill", 6, ctx())
    assert run(zfill, ["123", "1234567", "0", None]) == ["000123", "FAIL", "000000", None]
    assert run(zfill, ["000123", "000000", None], inverse=True) == ["123", "0", None]
    pad = build("pad", {"width": 4, "char": "*", "side": "right"}, ctx())
    assert run(pad, ["ab"]) == ["ab**"]
    assert run(pad, ["ab**"], inverse=True) == ["ab"]


def test_replace_and_its_inverse() -> None:
    step = build("replace", {"～": "〜", "－": "−"}, ctx())
    assert run(step, ["１～３", "Ａ－Ｂ", None]) == ["１〜３", "Ａ−Ｂ", None]
    assert run(step, ["１〜３"], inverse=True) == ["１～３"]
    assert not build("replace", {"a": "x", "b": "x"}, ctx()).invertible


def test_default_is_lossy() -> None:
    step = build("default", "0", ctx())
    assert run(step, [None, "5"]) == ["0", "5"]
    assert not step.invertible


@pytest.mark.parametrize(
    ("name", "params", "there", "back"),
    [
        ("zenkaku", None, "ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ　タロウ"),
        ("zenkaku", None, "ｳﾞｨｸﾄﾙ ﾊﾟﾋﾟﾌﾟ", "ヴィクトル　パピプ"),
        ("zenkaku", None, "ABC-1~", "ＡＢＣ－１～"),
        ("zenkaku", {"only": "kana"}, "AB ｶﾞ", "AB ガ"),
        ("zenkaku", ["ascii"], "A ｶ", "Ａ ｶ"),
        ("hankaku", None, "ガッコウ　ＡＢ", "ｶﾞｯｺｳ AB"),
        ("katakana", None, "やまだ　たろう", "ヤマダ　タロウ"),
        ("hiragana", None, "ヤマダ", "やまだ"),
    ],
)
def test_width_and_kana(name: str, params: Any, there: str, back: str) -> None:
    step = build(name, params, ctx(KANA))
    assert run(step, [there]) == [back]
    assert run(step, [back], inverse=True) == [there]


def test_zenkaku_mixed_input_does_not_come_back() -> None:
    step = build("zenkaku", None, ctx(KANA))
    assert run(step, run(step, ["ガｶﾞ"]), inverse=True) == ["ｶﾞｶﾞ"]


def test_code_map_reject_keep_default() -> None:
    spec = CodeMapSpec("性別", {"M": "1", "F": "2"})
    step = build("code", "性別", ctx(CODE, 性別=spec))
    assert run(step, ["M", "F", "X", None]) == ["1", "2", "FAIL", None]
    assert run(step, ["1", "9"], inverse=True) == ["M", "FAIL"]
    keep = build("code", {"map": {"M": "1"}, "unmapped": "keep"}, ctx(CODE))
    assert run(keep, ["M", "X"]) == ["1", "X"]
    assert keep.warn is not None and keep.relaxes_code_check
    assert run(keep, ["1", "X"], inverse=True) == ["M", "X"]
    default = build("code", {"map": {"M": "1"}, "unmapped": "default", "default": "9"}, ctx(CODE))
    assert run(default, ["M", "X", None]) == ["1", "9", None]
    assert not default.invertible


def test_code_map_that_merges_codes_is_lossy() -> None:
    step = build("code", {"map": {"M": "1", "m": "1"}}, ctx(CODE))
    assert not step.invertible
    assert "several vendor codes become 1" in text(step.lossy_because or "", "en")


def test_code_map_target_must_be_in_the_code_table() -> None:
    with pytest.raises(ParamError, match="standard value '3' is not in code table 性別"):
        build("code", {"map": {"X": "3"}}, ctx(CODE))


def test_era_code() -> None:
    step = build("era-code", {"from": "digit", "to": "code"}, ctx())
    assert run(step, ["4", "5", "6"]) == ["04", "05", "FAIL"]
    assert run(step, ["03"], inverse=True) == ["3"]
    letters = build("era-code", {"from": "letter", "to": "name"}, ctx())
    assert run(letters, ["H", "R"]) == ["平成", "令和"]


def test_number_with_scale_sign_and_zero_fill() -> None:
    step = build("number", {"scale": 2}, ctx(NUMBER, width=9))
    assert run(step, ["000123456", "000000005", "-00000005", "12a"]) == [
        "1234.56",
        "0.05",
        "-0.05",
        "FAIL",
    ]
    assert run(step, ["1234.56", "0.05", "1.5", "1234567890"], inverse=True) == [
        "000123456",
        "000000005",
        "FAIL",
        "FAIL",
    ]
    trailing = build("number", {"sign": "trailing"}, ctx(NUMBER, width=6))
    assert run(trailing, ["00012-", "000120"]) == ["-12", "120"]
    assert run(trailing, ["-12"], inverse=True) == ["00012-"]
    csv = build("number", None, ctx(NUMBER))
    assert run(csv, ["007"]) == ["7"]
    assert run(csv, ["7"], inverse=True) == ["7"]


@pytest.mark.parametrize(
    ("params", "item", "vendor", "standard"),
    [
        ({"from": "era-digit"}, WAREKI, "4310430", "04310430"),
        ({"from": "era-digit"}, WAREKI, "3450400", "03450400"),
        ({"from": "era-letter"}, WAREKI, "H01.01.08", "04010108"),
        ({"from": "kanji"}, DATE, "平成元年1月8日", "19890108"),
        ({"from": "kanji-no-gannen"}, DATE, "平成1年1月8日", "19890108"),
        ({"from": "slash"}, DATE, "2019/05/01", "20190501"),
        ({"from": "iso"}, DATE, "2019-04-30", "20190430"),
        ({"from": "compact", "to": "wareki"}, DATE, "20190501", "05010501"),
        ({"from": "wareki", "to": "kanji"}, DATE, "05010501", "令和元年5月1日"),
    ],
)
def test_date_shapes(params: dict[str, str], item: Item, vendor: str, standard: str) -> None:
    step = build("date", params, ctx(item))
    assert run(step, [vendor]) == [standard]
    assert run(step, [standard], inverse=True) == [vendor]


@pytest.mark.parametrize(
    ("src", "value"),
    [
        ("era-digit", "4310501"),  # 平成31年5月1日 is 令和元年
        ("era-digit", "3640108"),  # 昭和64年1月8日 is 平成元年
        ("kanji", "平成1年1月8日"),  # this shape writes 元年
        ("slash", "2023/02/29"),
        ("era-letter", "X01.01.01"),
    ],
)
def test_impossible_dates_fail(src: str, value: str) -> None:
    step = build("date", src, ctx(DATE))
    assert run(step, [value]) == ["FAIL"]


def test_unknown_day_cannot_be_written_as_kanji() -> None:
    step = build("date", {"from": "kanji", "to": "wareki"}, ctx(WAREKI))
    assert run(step, ["03450400"], inverse=True) == ["FAIL"]


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("trim", {"sides": "left"}, "trim: unknown option 'sides'"),
        ("trim", {"pad": "x"}, "pad must be one of the trimmed chars"),
        ("trim", {"chars": "　", "pad": "　"}, "needs ' ' in chars"),
        ("zfill", "six", "zfill: width has the wrong type"),
        ("number", {"zfill": True}, "zfill needs a width"),
        ("date", None, "date: say which shape the vendor writes"),
        ("date", {"from": "heisei"}, "from must be one of"),
        ("date", {"from": "compact", "to": "yearmonth"}, "to must be one of"),
        ("code", "性別", "no code map '性別'"),
        ("code", {"map": {}}, "needs a non-empty `map:`"),
        ("code", {"map": {"a": "1"}, "unmapped": "default"}, "`default:` goes with"),
        ("replace", ["a"], "expects a mapping"),
        ("default", "", "give the value"),
        ("zenkaku", {"only": "emoji"}, "only takes ascii, space, kana"),
        ("nfkc", None, "unknown transform 'nfkc'"),
    ],
)
def test_parameter_errors(name: str, params: Any, message: str) -> None:
    with pytest.raises(ParamError, match=message.replace("(", r"\(").replace("`", "`")):
        build(name, params, ctx(CODE))


def test_date_without_to_needs_a_known_item_format() -> None:
    odd = Item(9, "年月", "date", 10, format="%d.%m.%Y")
    with pytest.raises(ParamError, match="say `to:`"):
        build("date", "compact", ctx(odd))
