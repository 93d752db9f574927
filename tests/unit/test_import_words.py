"""The importer's word tables: data-type words, ○/× flags, 桁数 and headings."""

from __future__ import annotations

import pytest

from layout_tool.spec.import_words import (
    CODE_FIELDS,
    ITEM_FIELDS,
    field_of,
    flag,
    heading_keys,
    parse_length,
    slug,
    type_of,
)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("漢字", "zenkaku"), ("全角", "zenkaku"), ("全角文字", "zenkaku"), ("N", "zenkaku"),
        ("カナ", "kana"), ("全角カナ", "kana"), ("ｶﾅ", "kana"), ("フリガナ", "kana"),
        ("半角", "hankaku"), ("英数", "hankaku"), ("半角英数字", "hankaku"), ("X", "hankaku"),
        ("数字", "digits"), ("半角数字", "digits"), ("9", "digits"),
        ("数値", "number"), ("金額", "number"), ("数値（符号付）", "number"),
        ("日付", "date"), ("年月日", "date"), ("西暦年月日", "date"),
        ("和暦", "wareki"), ("和暦年月日", "wareki"),
        ("年月", "yearmonth"), ("時刻", "time"),
        ("コード", "code"), ("ｺｰﾄﾞ", "code"),
        ("文字列", "text"), ("zenkaku", "zenkaku"), ("Digits", "digits"),
    ],
)  # fmt: skip
def test_type_words(word: str, expected: str) -> None:
    assert type_of(word) == (expected, True)


@pytest.mark.parametrize("word", ["ほげ", "", "BLOB", "画像"])
def test_unknown_type_words_are_text_and_flagged(word: str) -> None:
    assert type_of(word) == ("text", False)


def test_half_width_kana_is_only_approximately_text() -> None:
    assert type_of("半角カナ") == ("text", False)


def test_user_type_words_win() -> None:
    assert type_of("文字", {"文字": "zenkaku"}) == ("zenkaku", True)


@pytest.mark.parametrize(
    "word", ["○", "◯", "〇", "●", "有", "あり", "可", "1", "Yes", "必須", "ｙ"]
)
def test_true_flags(word: str) -> None:
    assert flag(word) is True


@pytest.mark.parametrize("word", ["×", "", " ", "-", "－", "無", "なし", "不可", "0", "任意"])
def test_false_flags(word: str) -> None:
    assert flag(word) is False


def test_unknown_flag_is_none() -> None:
    assert flag("△") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10", (10, None)), ("１０", (10, None)), ("12,2", (12, 2)), ("12.2", (12, 2)),
        ("12，2", (12, 2)), ("12(2)", (12, 2)), ("5（3）", (5, 3)), ("8桁", (8, None)),
        (" 15 ", (15, None)), ("abc", None), ("", None), ("1-2", None),
    ],
)  # fmt: skip
def test_parse_length(text: str, expected: tuple[int, int | None] | None) -> None:
    assert parse_length(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("JUMIN_KOJIN", "jumin_kojin"), ("Kojin-Rireki 2", "kojin_rireki_2"), ("個人", None),
     ("１番", None), ("ＡＢＣ", "abc")],
)  # fmt: skip
def test_slug(text: str, expected: str | None) -> None:
    assert slug(text) == expected


def test_headings_match_with_and_without_remarks() -> None:
    assert heading_keys("桁数(文字)") == ["桁数(文字)", "桁数"]
    assert heading_keys(" データ型 ") == ["データ型"]
    assert field_of("属性", ITEM_FIELDS) == "type"
    assert field_of("type", ITEM_FIELDS) == "type"
    assert field_of("コード値", CODE_FIELDS) == "value"
    assert field_of("色", ITEM_FIELDS) is None


def test_synonym_tables_do_not_collide_within_a_table() -> None:
    for fields in (ITEM_FIELDS, CODE_FIELDS):
        seen: dict[str, str] = {}
        for name, words in fields.items():
            for word in words:
                key = heading_keys(word)[0]
                assert seen.setdefault(key, name) == name, (word, name, seen[key])
