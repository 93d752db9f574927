"""The generated XSD: it compiles in both engines, and both agree on what it accepts."""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest
import xmlschema
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from layout_tool.errors import LayoutToolError
from layout_tool.spec.catalogue import catalogue, load_area
from layout_tool.spec.model import AreaSpec, CodeTable, FileSpec, Item
from layout_tool.xml.xsd import (
    RECORD,
    ROOT,
    build_xsd,
    element_name,
    item_element_names,
    namespace,
    number_patterns,
    write_xsd,
    xsd_pattern,
)

Values = dict[str, str | None]


class Engines:
    """One schema compiled by lxml and by xmlschema, for differential checks."""

    def __init__(self, data: bytes) -> None:
        self.lxml = etree.XMLSchema(etree.fromstring(data))
        self.xmlschema = xmlschema.XMLSchema10(io.BytesIO(data))

    def verdicts(self, document: bytes) -> tuple[bool, bool]:
        return (
            self.lxml.validate(etree.fromstring(document)),
            self.xmlschema.is_valid(io.BytesIO(document)),
        )


def instance(spec: AreaSpec, files: dict[str, list[Values]], area: str | None = None) -> bytes:
    """A document in the shape the module docstring defines (what the XML writer will do)."""
    ns = namespace(spec)
    root = etree.Element(f"{{{ns}}}{ROOT}", area=area or spec.id, version=spec.version)
    for file_id, records in files.items():
        names = item_element_names(spec.file(file_id))
        holder = etree.SubElement(root, f"{{{ns}}}{file_id}")
        for values in records:
            record = etree.SubElement(holder, f"{{{ns}}}{RECORD}")
            for name, value in values.items():
                if value is not None:
                    etree.SubElement(record, f"{{{ns}}}{names.get(name, name)}").text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


# --- a small spec covering every type -------------------------------------------------------

ITEMS = (
    Item(1, "宛名番号", "digits", 15, required=True, fixed=True, check="m11"),
    Item(2, "氏名", "zenkaku", 10, required=True, gaiji=True),
    Item(3, "氏名フリガナ", "kana", 10),
    Item(4, "続柄表記", "zenkaku", 5),
    Item(5, "性別", "code", 1, required=True, code="性別"),
    Item(6, "メール", "hankaku", 20),
    Item(7, "備考", "text", 8),
    Item(8, "金額", "number", 5, scale=2),
    Item(9, "生年月日", "wareki", 8, allow_unknown_date=True),
    Item(10, "生年月日（西暦）", "date", 8),
    Item(11, "届出日", "date", 10, format="%Y-%m-%d"),
    Item(12, "対象年月", "yearmonth", 6),
    Item(13, "異動時刻", "time", 6),
    Item(14, "在留カード等番号", "hankaku", 12, fixed=True, pattern="^[A-Z]{2}[0-9]{8}[A-Z]{2}$"),
    Item(15, "郵便番号", "digits", 7, fixed=True),
)
SMALL = AreaSpec(
    standard="chukan",
    version="2.7",
    provenance="modelled",
    id="test",
    name="テスト",
    number=99,
    files=(
        FileSpec("kojin", "個人", ITEMS, key=("宛名番号",)),
        FileSpec("setai", "世帯", (Item(1, "世帯番号", "digits", 15, required=True),)),
    ),
    codes={"性別": CodeTable("性別", "性別", "modelled", {"1": "男", "2": "女", "9": "不明"})},
)
GOOD: Values = {
    "宛名番号": "000000000000019",
    "氏名": "山田\u3000太郎\ue000",
    "氏名フリガナ": "ヤマダ\u3000タロー",
    "続柄表記": "世帯主",
    "性別": "1",
    "メール": "taro@example.jp",
    "備考": "メモ 1",
    "金額": "-123.45",
    "生年月日": "04310000",
    "生年月日（西暦）": "19890108",
    "届出日": "2024-02-29",
    "対象年月": "202401",
    "異動時刻": "235959",
    "在留カード等番号": "AB12345678CD",
    "郵便番号": "1000001",
}
REQUIRED_ONLY: Values = {"宛名番号": "000000000000019", "氏名": "山田", "性別": "9"}


@pytest.fixture(scope="module")
def small() -> Engines:
    return Engines(build_xsd(SMALL))


def test_small_valid_instance_validates_with_both(small: Engines) -> None:
    document = instance(SMALL, {"kojin": [GOOD, REQUIRED_ONLY], "setai": [{"世帯番号": "1"}]})
    assert small.verdicts(document) == (True, True)


def test_optional_items_may_be_empty_or_absent(small: Engines) -> None:
    empty = {name: REQUIRED_ONLY.get(name, "") for name in GOOD}
    assert small.verdicts(instance(SMALL, {"kojin": [empty]})) == (True, True)
    assert small.verdicts(instance(SMALL, {})) == (True, True)


@pytest.mark.parametrize(
    ("item", "value"),
    [
        ("性別", "3"),  # not in the code table
        ("続柄表記", "世帯主の子供"),  # 6 characters, length 5
        ("続柄表記", "ｾﾀｲﾇｼ"),  # half-width kana in a zenkaku item
        ("続柄表記", "世帯主A"),  # ASCII in a zenkaku item
        ("続柄表記", "\ue000"),  # 外字 where the item does not allow it
        ("氏名フリガナ", "やまだ"),  # hiragana in a kana item
        ("氏名", ""),  # required and empty
        ("宛名番号", "12345"),  # fixed length
        ("宛名番号", "00000000000001９"),  # full-width digit
        ("メール", "ｱ"),
        ("備考", "a\x85b"),  # a C1 control character
        ("金額", "123.456"),  # scale 2
        ("金額", "1234.56"),  # 6 digits in all (libxml2 once accepted this)
        ("金額", "1.2.3"),
        ("金額", "+1"),
        ("生年月日", "06010101"),  # no era 06
        ("生年月日", "04000101"),  # year 0
        ("生年月日（西暦）", "19891301"),
        ("生年月日（西暦）", "19890100"),  # day 00 needs allow_unknown_date
        ("届出日", "20240229"),  # not the item's format
        ("対象年月", "202400"),
        ("異動時刻", "240000"),
        ("在留カード等番号", "ab12345678cd"),  # the item's own pattern
    ],
)
def test_bad_values_fail_with_both(small: Engines, item: str, value: str) -> None:
    document = instance(SMALL, {"kojin": [{**GOOD, item: value}]})
    assert small.verdicts(document) == (False, False)


@pytest.mark.parametrize("missing", ["宛名番号", "氏名", "性別"])
def test_missing_required_element_fails_with_both(small: Engines, missing: str) -> None:
    values = {k: v for k, v in GOOD.items() if k != missing}
    assert small.verdicts(instance(SMALL, {"kojin": [values]})) == (False, False)


def test_document_shape_errors_fail_with_both(small: Engines) -> None:
    wrong_area = instance(SMALL, {"kojin": [GOOD]}, area="jumin")
    reordered = instance(SMALL, {"kojin": [dict(reversed(GOOD.items()))]})
    unknown = instance(SMALL, {"kojin": [{**GOOD, "未定義項目": "x"}]})
    files_reversed = instance(SMALL, {"setai": [], "kojin": []})
    for document in (wrong_area, reordered, unknown, files_reversed):
        assert small.verdicts(document) == (False, False)


def test_one_file_schema_covers_that_file_only() -> None:
    engines = Engines(build_xsd(SMALL, "setai"))
    assert engines.verdicts(instance(SMALL, {"setai": [{"世帯番号": "12"}]})) == (True, True)
    assert engines.verdicts(instance(SMALL, {"kojin": [GOOD]})) == (False, False)
    assert engines.verdicts(instance(SMALL, {})) == (False, False)  # the file is required


def test_schema_shape() -> None:
    tree = etree.fromstring(build_xsd(SMALL))
    assert tree.get("targetNamespace") == "urn:chukan-layout:2.7:test"
    assert tree.get("elementFormDefault") == "qualified"
    xs = {"xs": "http://www.w3.org/2001/XMLSchema"}
    names = [
        e.get("name") for e in tree.findall("xs:complexType[@name='kojin-record']//xs:element", xs)
    ]
    assert names == list(item_element_names(SMALL.file("kojin")).values())
    assert "生年月日_西暦" in names
    enum = tree.findall("xs:simpleType[@name='code-性別']/xs:restriction/xs:enumeration", xs)
    assert [e.get("value") for e in enum] == ["1", "2", "9"]


def test_invisible_characters_are_written_as_references() -> None:
    text = build_xsd(SMALL).decode("utf-8")
    assert "&#x3000;" in text and "\u3000" not in text


def test_unknown_file_is_a_usage_error() -> None:
    with pytest.raises(LayoutToolError, match="ファイル 'nope' はありません"):
        build_xsd(SMALL, "nope")


def test_bad_item_pattern_is_a_spec_error() -> None:
    bad = Item(1, "番号", "hankaku", 5, pattern="[A-")
    spec = AreaSpec("chukan", "2.7", "modelled", "bad", "不正", 98, (FileSpec("f", "f", (bad,)),))
    with pytest.raises(LayoutToolError, match="not a regular expression"):
        build_xsd(spec)


def test_untranslatable_pattern_is_left_to_the_engine() -> None:
    item = Item(1, "番号", "hankaku", 5, pattern=r"^\w+$")
    spec = AreaSpec("chukan", "2.7", "modelled", "w", "w", 97, (FileSpec("f", "f", (item,)),))
    text = build_xsd(spec).decode("utf-8")
    assert "no XSD 1.0 form" in text and 'pattern value="\\w' not in text


# --- names and patterns ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("宛名番号", "宛名番号"),
        ("氏名フリガナ", "氏名フリガナ"),
        ("第30条の45区分", "第30条の45区分"),
        ("生年月日（西暦）", "生年月日_西暦"),
        ("住所・方書", "住所_方書"),
        ("ＡＢＣコード", "ABCコード"),
        ("ｶﾞｲｼﾞ", "ガイジ"),
        ("①番号", "_1番号"),
        ("ー", "_ー"),
        ("（）", "_"),
    ],
)
def test_element_name(name: str, expected: str) -> None:
    assert element_name(name) == expected


def test_colliding_names_get_the_item_number() -> None:
    items = (Item(1, "生年月日（西暦）", "date", 8), Item(2, "生年月日_西暦", "date", 8))
    names = item_element_names(FileSpec("f", "f", items))
    assert names == {"生年月日（西暦）": "生年月日_西暦", "生年月日_西暦": "生年月日_西暦_2"}


def test_every_name_character_we_keep_is_accepted_by_both_engines() -> None:
    kept = "Aぁゔァヺㄅ〇〡丁龥_" + "z9.-々〱ゝゞーヾ\u3099\u302a"
    assert element_name(kept) == kept
    declaration = f'<xs:element name="{kept}" type="xs:string"/>'
    schema = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{declaration}</xs:schema>'
    Engines(schema.encode("utf-8"))  # raises if either engine refuses the name


@pytest.mark.parametrize(
    ("python", "xsd"),
    [
        ("^[A-Z]{2}[0-9]{8}[A-Z]{2}$", "[A-Z]{2}[0-9]{8}[A-Z]{2}"),
        (r"(?:\d{3})-\d{4}", r"(\d{3})-\d{4}"),
        (r"a{2,}b{1,3}|[^\]x-].\.", r"a{2,}b{1,3}|[^\]x-].\."),
        ("東京都.*", "東京都.*"),
        (r"\w+", None),
        (r"\s", None),
        ("(?i)abc", None),
        ("(?=a)a", None),
        ("a*?", None),
        ("a{2}?", None),
        ("a{,3}", None),
        ("a^b", None),
        ("[]a]", None),
        ("[a[]", None),
        (r"\/", None),
    ],
)
def test_xsd_pattern(python: str, xsd: str | None) -> None:
    assert xsd_pattern(python) == xsd


# --- the character classes of docs/checks.md, against both engines -------------------------

CLASS_ITEMS = (
    Item(1, "zenkaku", "zenkaku", 4),
    Item(2, "zenkaku_gaiji", "zenkaku", 4, gaiji=True),
    Item(3, "kana", "kana", 4),
    Item(4, "kana_gaiji", "kana", 4, gaiji=True),
    Item(5, "hankaku", "hankaku", 4),
    Item(6, "text", "text", 4),
    Item(7, "text_gaiji", "text", 4, gaiji=True),
    Item(8, "digits", "digits", 4),
    Item(9, "number", "number", 4, scale=2),
    Item(10, "number_free", "number", 3),
)
CLASSES = AreaSpec(
    "chukan", "2.7", "modelled", "cls", "cls", 96, (FileSpec("f", "f", CLASS_ITEMS),)
)
ALPHABET = "aZ0 ~\t\nｱﾞアーヽ\u3000漢・ａ.-\x85\ue000\U000f0001"


def is_private(ch: str) -> bool:
    return unicodedata.category(ch) == "Co"


def reference(item: Item, value: str) -> bool:
    """docs/checks.md's classes, with 外字 an error where the item does not allow it."""
    if value == "":
        return True
    if item.type == "number":
        match = re.fullmatch(r"-?([0-9]+)(?:\.([0-9]+))?", value)
        if match is None:
            return False
        decimals = len(match[2] or "")
        most = item.scale or 0  # docs/checks.md: no scale means integers only
        return len(match[1]) + decimals <= item.length and decimals <= most
    control = any(unicodedata.category(ch) == "Cc" for ch in value)
    private = any(is_private(ch) for ch in value)
    if len(value) > item.length or control or (private and not item.gaiji):
        return False
    plain = [ch for ch in value if not is_private(ch)]
    if item.type == "zenkaku":
        return not any(" " <= ch <= "~" or "\uff61" <= ch <= "\uff9f" for ch in plain)
    if item.type == "kana":
        return all("\u30a1" <= ch <= "\u30f6" or ch in "・＝ーヽヾ\u3000" for ch in plain)
    if item.type == "hankaku":
        return all(" " <= ch <= "~" for ch in value)
    if item.type == "digits":
        return all("0" <= ch <= "9" for ch in value)
    return True  # text


@pytest.fixture(scope="module")
def classes() -> Engines:
    return Engines(build_xsd(CLASSES))


@settings(max_examples=150, deadline=None)
@given(value=st.text(alphabet=ALPHABET, max_size=6))
def test_type_patterns_match_docs_checks_in_both_engines(classes: Engines, value: str) -> None:
    for item in CLASS_ITEMS:
        document = instance(CLASSES, {"f": [{item.name: value}]})
        expected = reference(item, value)
        assert classes.verdicts(document) == (expected, expected), (item.name, value)


def test_number_patterns() -> None:
    assert number_patterns(4, 2) == (r"-?[0-9]+(\.[0-9]{1,2})?", r"-?([0-9]\.?){1,4}")
    assert number_patterns(3, 0)[0] == "-?[0-9]+"
    assert number_patterns(3, None)[0] == r"-?[0-9]+(\.[0-9]+)?"
    assert number_patterns(3, 1)[0] == r"-?[0-9]+(\.[0-9])?"


NUMBER_ITEMS = tuple(
    Item(n, f"n{n}", "number", length, scale=scale)
    for n, (length, scale) in enumerate([(5, 2), (4, None), (3, 0), (1, None)], start=1)
)
NUMBERS = AreaSpec(
    "chukan", "2.7", "modelled", "num", "num", 95, (FileSpec("f", "f", NUMBER_ITEMS),)
)


@pytest.fixture(scope="module")
def numbers() -> Engines:
    return Engines(build_xsd(NUMBERS))


@settings(max_examples=200, deadline=None)
@given(value=st.text(alphabet="10.-", max_size=8))
def test_number_digits_and_scale_in_both_engines(numbers: Engines, value: str) -> None:
    for item in NUMBER_ITEMS:
        document = instance(NUMBERS, {"f": [{item.name: value}]})
        expected = reference(item, value)
        assert numbers.verdicts(document) == (expected, expected), (item.name, value)


# --- every bundled area and file -------------------------------------------------------------

AREAS = [entry.spec for entry in catalogue() if entry.spec is not None]
TARGETS = [(spec.id, None) for spec in AREAS] + [(s.id, f.id) for s in AREAS for f in s.files]


def sample_value(spec: AreaSpec, item: Item) -> str:
    """A value every check accepts, for an item without its own pattern."""
    width = item.length if item.fixed else 1
    simple = {"zenkaku": "あ", "kana": "ア", "hankaku": "A", "text": "x", "digits": "1"}
    if item.type in simple:
        return simple[item.type] * width
    if item.type == "code":
        return next(iter(spec.codes[item.code or ""].values))
    if item.type == "date":
        return date(2020, 1, 2).strftime(item.format or "%Y%m%d")
    fixed = {"number": "1", "wareki": "04010203", "yearmonth": "202001", "time": "123456"}
    return fixed[item.type]


def test_there_are_bundled_areas() -> None:
    assert len(AREAS) >= 3


@pytest.mark.parametrize(("area", "file_id"), TARGETS)
def test_bundled_schema_compiles_and_accepts_sample_rows(area: str, file_id: str | None) -> None:
    spec = load_area(area)
    engines = Engines(build_xsd(spec, file_id))
    files = spec.files if file_id is None else (spec.file(file_id),)
    rows: dict[str, list[Values]] = {}
    for file in files:
        if any(i.required and i.pattern for i in file.items):
            pytest.skip(f"{file.id} has a required item with its own pattern")
        full: Values = {i.name: sample_value(spec, i) for i in file.items if i.pattern is None}
        required: Values = {i.name: sample_value(spec, i) for i in file.items if i.required}
        rows[file.id] = [full, required]
    assert engines.verdicts(instance(spec, rows)) == (True, True)
    first = files[0]
    broken: Values = {i.name: "" for i in first.items if i.required}
    assert engines.verdicts(instance(spec, {first.id: [broken]})) == (False, False)


# --- CLI (imported here so the schema tests above do not depend on every other command) -----


def run(args: list[str]) -> Result:
    from layout_tool.cli.main import cli

    return CliRunner().invoke(cli, ["spec", "xsd", *args])


def test_cli_writes_the_schema_atomically(tmp_path: Path) -> None:
    out = tmp_path / "jumin.xsd"
    out.write_text("old")
    result = run(["jumin", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == build_xsd(load_area("jumin"))
    assert [p.name for p in tmp_path.iterdir()] == ["jumin.xsd"]  # no temporary left


def test_cli_writes_one_file_to_stdout() -> None:
    result = run(["jumin", "--file", "setai", "-o", "-"])
    assert result.exit_code == 0
    assert result.stdout_bytes == build_xsd(load_area("jumin"), "setai")
    assert b'name="setai"' in result.stdout_bytes and b'name="kojin"' not in result.stdout_bytes


@pytest.mark.parametrize(
    "args",
    [["nosuch", "-o", "-"], ["jumin", "--file", "nosuch", "-o", "-"]],
)
def test_cli_unknown_area_or_file_exits_2(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from layout_tool.cli.main import main

    result = run(args)
    assert result.exit_code == 2 and "error:" in result.output
    with pytest.raises(SystemExit) as exited:
        main(["spec", "xsd", *args])
    assert exited.value.code == 2
    assert "nosuch" in capsys.readouterr().err


def test_write_into_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(LayoutToolError, match="does not exist"):
        write_xsd(SMALL, tmp_path / "missing" / "out.xsd")
