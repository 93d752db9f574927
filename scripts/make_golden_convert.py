"""Regenerate the golden conversion cases in tests/cases/convert/ (never edit them by hand).

Each case folder holds ``mapping.yaml``, ``input/`` (the files given to ``convert``),
``args.json`` (``{"reverse": …}``) and ``out/``: everything ``convert`` wrote, produced by
running it with the case folder as the working directory so every path in the report is
relative. tests/unit/test_convert_golden.py reruns each case and compares byte for byte.
Review the diff of ``out/`` whenever this script is rerun: it is the expected behaviour.
"""

# ruff: noqa: E501 - CSV rows and YAML mappings are data, kept on one line each

from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from layout_tool.conversion import ConvertOptions, convert
from layout_tool.gaiji.maptable import load_map
from layout_tool.mapping import load_mapping

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases" / "convert"
BOM = b"\xef\xbb\xbf"


@dataclass
class Case:
    name: str
    mapping: str
    inputs: dict[str, bytes]
    reverse: bool = False
    notes: list[str] = field(default_factory=list)
    gaiji: str | None = None  # a 外字 table (gaiji.csv beside mapping.yaml)
    to: str = "csv"  # the form of the standard files written (forward)


def crlf(*lines: str, encoding: str = "utf-8") -> bytes:
    return "".join(f"{line}\r\n" for line in lines).encode(encoding)


def fixed(*fields: tuple[str, int]) -> bytes:
    """One CP932 record from (value, width) pairs, padded with spaces."""
    out = b""
    for value, width in fields:
        raw = value.encode("cp932")
        out += raw + b" " * (width - len(raw))
    return out


CSV_MAPPING = """\
mapping: 1
name: golden csv utf-8-sig
area: jumin
lossless: true
codes:
  性別: {map: {男: "1", 女: "2"}}
sources:
  - id: k
    file: KOJIN.csv
    format: csv
    encoding: utf-8-sig
    fields: [宛名, 世帯, 氏, 名, かな, 性別, 生年月日, 順位, 処理日]
targets:
  - file: kojin
    source: k
    items:
      市区町村コード: {const: "990019"}
      宛名番号: 宛名
      個人履歴番号: {const: "1"}
      最新フラグ: {const: "1"}
      世帯番号: 世帯
      住民種別: {const: "1"}
      住民状態: {const: "1"}
      続柄: {const: "02"}
      氏名: {join: [氏, 名]}
      氏: 氏
      名: 名
      氏名フリガナ: {from: かな, transforms: [katakana]}
      性別: {from: 性別, transforms: [{code: 性別}]}
      生年月日: {from: 生年月日, transforms: [{date: era-letter}]}
      記載順位: {from: 順位, transforms: [{trim: {side: left, width: 2}}]}
      処理年月日: {from: 処理日, transforms: [{date: iso}]}
"""

CSV_ROWS = [
    "宛名,世帯,氏,名,かな,性別,生年月日,順位,処理日",
    "900000000000103,600000000000101,山田,太郎,やまだ　たろう,男,S45.04.01, 1,2024-04-01",
    "900000000000200,600000000000101,山田,花子,やまだ　はなこ,女,S47.02.29, 2,2024-04-01",
    "900000000000308,600000000000101,山田,一郎,やまだ　いちろう,X,H31.05.01, 3,2024-02-30",
    "900000000000405,600000000000101,ﾔﾏﾀﾞ,次郎,やまだ　じろう,男,S45.04.00,4,2024-04-01",
    "900000000000502,600000000000101,山田,\ue000子,,女,R01.05.01, 5,2024-04-01",
]

CP932_MAPPING = """\
mapping: 1
name: golden csv cp932, tab, no header
area: kaigo
lossless: true
sources:
  - id: h
    file: HIHO.TSV
    format: csv
    encoding: cp932
    delimiter: "\\t"
    header: false
    fields: [HOKEN, HIHO, ATENA, SHIMEI, KANA, BIRTH, KBN]
targets:
  - file: hihokensha
    source: h
    items:
      保険者番号: HOKEN
      被保険者番号: HIHO
      宛名番号: ATENA
      氏名: SHIMEI
      氏名フリガナ: {from: KANA, transforms: [zenkaku]}
      生年月日: {from: BIRTH, transforms: [{date: kanji}]}
      被保険者区分: {from: KBN, transforms: [{code: {map: {"1": "1"}, unmapped: keep}}]}
      資格取得年月日: {const: "20240401"}
      資格取得事由: {const: "001"}
"""

FIXED_MAPPING = """\
mapping: 1
name: golden fixed cp932
area: jumin
lossless: true
codes:
  続柄: {map: {"01": "02", "02": "12", "03": "20"}}
sources:
  - id: kojin
    file: KOJIN.DAT
    format: fixed
    fields:
      - {name: ATENA, length: 15}
      - {name: SETAI, length: 15}
      - {name: SHIMEI, length: 20}
      - {name: KANA, length: 20}
      - {name: BIRTH, length: 7}
      - {name: ZOKU, length: 2}
      - {name: JUNI, length: 2}
      - {name: KATAGAKI, length: 20}
      - {name: FILLER, length: 3, filler: true}
  - id: setai
    file: SETAI.DAT
    format: fixed
    newline: lf
    fields:
      - {name: SETAI, length: 15}
      - {name: NUSHI, length: 15}
      - {name: NUSHI_SHIMEI, length: 20}
targets:
  - file: kojin
    source: kojin
    items:
      市区町村コード: {const: "990019"}
      宛名番号: ATENA
      個人履歴番号: {const: "1"}
      最新フラグ: {const: "1"}
      世帯番号: SETAI
      住民種別: {const: "1"}
      住民状態: {const: "1"}
      性別: {const: "9"}
      氏名: {from: SHIMEI, transforms: [{trim: {chars: "　 ", pad: "　"}}]}
      氏: {split: SHIMEI, part: 1, transforms: [{trim: {chars: "　 ", pad: "　"}}]}
      名: {split: SHIMEI, part: 2, transforms: [{trim: {chars: "　 ", pad: "　"}}]}
      氏名フリガナ: {from: KANA, transforms: [trim, zenkaku]}
      生年月日: {from: BIRTH, transforms: [trim, {date: era-digit}]}
      続柄: {from: ZOKU, transforms: [{code: 続柄}]}
      世帯主氏名:
        lookup: {source: setai, on: [SETAI], field: NUSHI_SHIMEI}
        transforms: [{trim: {chars: "　 ", pad: "　"}}]
      記載順位: {from: JUNI, transforms: [number]}
      方書: {from: KATAGAKI, transforms: [{trim: {chars: "　 ", pad: "　"}}, {replace: {"～": "〜"}}]}
  - file: setai
    source: setai
    items:
      市区町村コード: {const: "990019"}
      世帯番号: SETAI
      世帯主の宛名番号: NUSHI
      世帯主氏名: {from: NUSHI_SHIMEI, transforms: [{trim: {chars: "　 ", pad: "　"}}]}
      世帯状態: {const: "1"}
"""


def kojin(
    atena: str, setai: str, name: str, kana: str, birth: str, zoku: str, juni: str, kata: str
) -> bytes:
    shimei = name.encode("cp932")
    shimei += "\u3000".encode("cp932") * ((20 - len(shimei)) // 2) + b" " * ((20 - len(shimei)) % 2)
    kata_raw = kata.encode("cp932")
    kata_raw += "\u3000".encode("cp932") * ((20 - len(kata_raw)) // 2) + b" " * (
        (20 - len(kata_raw)) % 2
    )
    head = fixed((atena, 15), (setai, 15))
    return head + shimei + fixed((kana, 20), (birth, 7), (zoku, 2), (juni, 2)) + kata_raw + b"   "


FIXED_KOJIN = [
    kojin("900000000000103", "600000000000101", "山田　太郎", "ﾔﾏﾀﾞ ﾀﾛｳ", "3450401", "01", "01", ""),
    kojin(
        "900000000000200",
        "600000000000101",
        "山田　花子",
        "ﾔﾏﾀﾞ ﾊﾅｺ",
        "3470200",
        "02",
        "02",
        "見本荘１～３",
    ),
    kojin(
        "900000000000308",
        "600000000000101",
        "髙\ue000　一郎",
        "ﾔﾏﾀﾞ ｲﾁﾛｳ",
        "4310501",
        "03",
        "03",
        "",
    ),
    kojin("900000000000405", "600000000000209", "鈴木　次郎", "ｽｽﾞｷ ｼﾞﾛｳ", "5010501", "09", "01", ""),
    kojin("900000000000502", "600000000000306", "佐藤　三郎", "ｻﾄｳ ｻﾌﾞﾛｳ", "", "01", "01", ""),
]
FIXED_SETAI = [
    fixed(("600000000000101", 15), ("900000000000103", 15), ("山田　太郎　　　　　", 20)),
    fixed(("600000000000209", 15), ("900000000000405", 15), ("鈴木　次郎", 20)),  # ASCII padding
]

NONE_MAPPING = """\
mapping: 1
name: golden fixed, records back to back
area: kojin_juminzei
lossless: true
sources:
  - id: m
    file: MEISAI.DAT
    format: fixed
    newline: none
    fields:
      - {name: CITY, length: 6}
      - {name: YEAR, length: 4}
      - {name: ATENA, length: 15}
      - {name: INCOME, length: 9}
      - {name: TAX, length: 9}
targets:
  - file: kazei_meisai
    source: m
    items:
      市区町村コード: CITY
      課税年度: YEAR
      宛名番号: ATENA
      給与収入額: {from: INCOME, transforms: [trim, {number: {sign: trailing}}]}
      所得割額: {from: TAX, transforms: [{number: {scale: 0}}]}
"""

LOSSY_MAPPING = """\
mapping: 1
name: golden lossy
area: kaigo
lossless: false
sources:
  - id: n
    file: NINTEI.csv
    format: csv
    fields: [HOKEN, HIHO, RIREKI, KBN, DATE, DO, NOTE]
targets:
  - file: nintei
    source: n
    items:
      保険者番号: HOKEN
      被保険者番号: HIHO
      認定履歴番号: {from: RIREKI, transforms: [{default: "1"}]}
      申請区分: {from: KBN, transforms: [{code: {map: {A: "1", B: "2"}, unmapped: default, default: "5"}}]}
      申請年月日: {from: DATE, transforms: [{date: slash}]}
      要介護状態区分: {from: DO, transforms: [{zfill: 2}]}
"""

TEXT_MAPPING = """\
mapping: 1
name: golden text transforms
area: kojin_juminzei
lossless: true
sources:
  - id: t
    file: TOKU.csv
    format: csv
    fields: [CITY, YEAR, NO, CORP, NAME, KANA, ADDR, TEL, ZIP, DATE, TOTAL, ERA, STAFF]
targets:
  - file: tokucho_gimusha
    source: t
    items:
      市区町村コード: CITY
      課税年度: YEAR
      特別徴収義務者指定番号: {from: NO, transforms: [{zfill: 10}]}
      法人番号: CORP
      事業所名: {from: NAME, transforms: [zenkaku]}
      事業所名フリガナ: {from: KANA, transforms: [katakana]}
      所在地: {from: ADDR, transforms: [{replace: {"-": "－"}}]}
      電話番号: {from: TEL, transforms: [hankaku]}
      郵便番号: ZIP
      給与支払報告書提出年月日: {from: DATE, transforms: [{date: kanji-no-gannen}]}
      特別徴収税額合計: {from: TOTAL, transforms: [{pad: {width: 12, char: "0", side: left}}, number]}
      担当部署名: {from: ERA, transforms: [{era-code: {from: letter, to: name}}]}   # (a demo)
      担当者氏名: {from: STAFF, transforms: [hiragana]}                          # (a demo)
"""

REVERSE_CSV_MAPPING = """\
mapping: 1
name: golden reverse csv cp932
area: jumin
lossless: true
sources:
  - id: s
    file: SETAI.CSV
    format: csv
    encoding: cp932
    quoting: all
    fields: [世帯番号, 世帯主番号, 世帯主, 構成日]
targets:
  - file: setai
    source: s
    items:
      市区町村コード: {const: "990019"}
      世帯状態: {const: "1"}
      世帯番号: 世帯番号
      世帯主の宛名番号: 世帯主番号
      世帯主氏名: 世帯主
      世帯構成年月日: {from: 構成日, transforms: [{date: {from: kanji, to: compact}}]}
"""


# 外字 tables: a private-use character and a vendor code, to an IVS sequence and to 𠮷.
GAIJI_TABLE = """\
source,target,mj,note
U+E000,U+845B U+E0100,,葛 with an IVS (fictitious identification)
#G01,𠮷,,a vendor code
"""
GAIJI_ROWS = [
    *CSV_ROWS[:3],
    "900000000000405,600000000000101,#G01田,次郎,やまだ　じろう,男,S45.04.01, 4,2024-04-01",
    "900000000000502,600000000000101,山田,\ue000子,,女,S45.04.01, 5,2024-04-01",
    "900000000000600,600000000000101,山田,\ue001子,,女,S45.04.01, 6,2024-04-01",
    "900000000000707,600000000000101,𠮷田,葛\U000e0100子,,X,S45.04.01, 7,2024-04-01",
]


def setai_xml(*records: str) -> bytes:
    """A standard 世帯 document (jumin) around the given ``<レコード>`` lines."""
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<移行データ xmlns="urn:chukan-layout:2.7:jumin" area="jumin" version="2.7">\n<setai>\n'
    )
    return (head + "".join(r + "\n" for r in records) + "</setai>\n</移行データ>\n").encode()


def setai_record(no: str, head: str, name: str, day: str, extra: str = "") -> str:
    return (
        f"<レコード><市区町村コード>990019</市区町村コード><世帯番号>{no}</世帯番号>"
        f"<世帯主の宛名番号>{head}</世帯主の宛名番号><世帯主氏名>{name}</世帯主氏名>{extra}"
        f"<世帯状態>1</世帯状態><世帯構成年月日>{day}</世帯構成年月日></レコード>"
    )


STD_KOJIN_HEAD = (
    "市区町村コード,宛名番号,個人履歴番号,最新フラグ,世帯番号,住民種別,住民状態,性別,"
    "氏名,氏,名,氏名フリガナ,生年月日,続柄,記載順位,方書\n"
)


def cases() -> list[Case]:
    return [
        Case("csv-utf8-bom", CSV_MAPPING, {"KOJIN.csv": BOM + crlf(*CSV_ROWS)}),
        Case(
            "csv-cp932-tab-no-header",
            CP932_MAPPING,
            {
                "HIHO.TSV": crlf(
                    "200001\t9000000001\t900000000000103\t山田　太郎\tﾔﾏﾀﾞ ﾀﾛｳ\t昭和20年1月1日\t1",
                    "200001\t9000000002\t900000000000200\t鈴木　花子\tｽｽﾞｷ ﾊﾅｺ\t昭和64年1月8日\t1",
                    "200001\t9000000003\t900000000000308\t佐藤\tｻﾄｳ\t平成元年1月8日\t3",
                    "200001\t9000000004\t900000000000405",
                    encoding="cp932",
                )
            },
        ),
        Case(
            "fixed-crlf-lookup",
            FIXED_MAPPING,
            {
                "KOJIN.DAT": b"".join(r + b"\r\n" for r in FIXED_KOJIN) + b"900\r\n",
                "SETAI.DAT": b"".join(r + b"\n" for r in FIXED_SETAI),
            },
        ),
        Case(
            "fixed-back-to-back",
            NONE_MAPPING,
            {
                "MEISAI.DAT": fixed(("990019", 6), ("2024", 4), ("900000000000103", 15))
                + b"001234567000012345"
                + fixed(("990019", 6), ("2024", 4), ("900000000000200", 15))
                + b"00000120-   12345"
                + b" "
                + b"99001",
            },
        ),
        Case(
            "lossy-defaults",
            LOSSY_MAPPING,
            {
                "NINTEI.csv": crlf(
                    "HOKEN,HIHO,RIREKI,KBN,DATE,DO,NOTE",
                    "200001,9000000001,,A,2024/02/21,0,any",
                    "200001,9000000002,2,Z,2024/02/30,21,",
                )
            },
        ),
        Case(
            "text-transforms",
            TEXT_MAPPING,
            {
                "TOKU.csv": crlf(
                    "CITY,YEAR,NO,CORP,NAME,KANA,ADDR,TEL,ZIP,DATE,TOTAL,ERA,STAFF",
                    "990019,2024,12345,,ｶﾌﾞｼｷｶﾞｲｼｬ ABC,かぶしきがいしゃ,架空市１-２-３,０３－１２３４－５６７８,0000043,平成1年1月8日,1200,H,ヤマダ",
                    "990019,2024,0012345,,ABC,,,,,平成元年1月8日,,Q,",
                )
            },
        ),
        Case(
            "reverse-fixed",
            FIXED_MAPPING,
            {
                "JUMIN_KOJIN.csv": (
                    STD_KOJIN_HEAD
                    + "990019,900000000000103,1,1,600000000000101,1,1,9,山田　太郎,山田,太郎,ヤマダ　タロウ,03450401,02,1,\n"
                    + "990019,900000000000200,1,1,600000000000101,1,1,9,山田　花子,山田,花子,ヤマダ　ハナコ,03470200,12,2,見本荘１〜３\n"
                    + "990019,900000000000308,1,1,600000000000101,1,1,9,山田　一郎,山田,一,ヤマダ,03450401,20,3,\n"
                    + "990019,900000000000405,1,1,600000000000101,1,1,9,長い名前の人　長い名前,長い名前の人,長い名前,,03450401,20,4,\n"
                    + "990019,900000000000502,1,1,600000000000101,1,1,9,山田　𠮷,山田,𠮷,,04010108,20,5,\n"
                    + "990019,900000000000610,1,1,600000000000101,2,1,9,山田　花,山田,花,,04010108,20,6,\n"
                ).encode(),
                "JUMIN_SETAI.csv": (
                    "市区町村コード,世帯番号,世帯主の宛名番号,世帯主氏名,世帯状態\n"
                    "990019,600000000000101,900000000000103,山田　太郎,1\n"
                ).encode(),
            },
            reverse=True,
        ),
        Case(
            "reverse-csv-cp932",
            REVERSE_CSV_MAPPING,
            {
                "JUMIN_SETAI.csv": (
                    "市区町村コード,世帯番号,世帯主の宛名番号,世帯主氏名,世帯状態,世帯構成年月日\n"
                    "990019,600000000000101,900000000000103,山田　太郎,1,19890108\n"
                    "990019,600000000000209,900000000000200,鈴木　花子,1,20190430\n"
                    "990019,600000000000306,900000000000308,高橋〜次郎,1,20190501\n"
                    '990019,600000000000403,900000000000405,"佐藤，三郎",1,19000100\n'
                ).encode(),
            },
            reverse=True,
        ),
        Case(
            "gaiji-map",
            CSV_MAPPING,
            {"KOJIN.csv": BOM + crlf(*GAIJI_ROWS)},
            gaiji=GAIJI_TABLE,
        ),
        Case(
            "gaiji-map-reverse",
            REVERSE_CSV_MAPPING,
            {
                "JUMIN_SETAI.csv": (
                    "市区町村コード,世帯番号,世帯主の宛名番号,世帯主氏名,世帯状態,世帯構成年月日\n"
                    "990019,600000000000101,900000000000103,葛\U000e0100田　太郎,1,19890108\n"
                    "990019,600000000000209,900000000000200,𠮷田　花子,1,20190430\n"
                    "990019,600000000000306,900000000000308,葛田　次郎,1,20190430\n"
                ).encode(),
            },
            reverse=True,
            gaiji=GAIJI_TABLE,
        ),
        Case("xml-out", CSV_MAPPING, {"KOJIN.csv": BOM + crlf(*CSV_ROWS)}, to="xml"),
        Case(
            "reverse-xml",
            REVERSE_CSV_MAPPING,
            {
                "JUMIN_SETAI.xml": setai_xml(
                    setai_record("600000000000101", "900000000000103", "山田　太郎", "19890108"),
                    setai_record(
                        "600000000000209", "900000000000200", "鈴木 &amp; 花子", "20190430"
                    ),
                    setai_record(
                        "600000000000306",
                        "900000000000308",
                        "高橋　次郎",
                        "20190501",
                        "<余計な項目>x</余計な項目>",
                    ),
                    setai_record("600000000000403", "900000000000405", "佐藤　三郎", "19000100"),
                )
            },
            reverse=True,
        ),
        Case(
            "broken-csv",
            CSV_MAPPING,
            {
                "KOJIN.csv": BOM
                + crlf(CSV_ROWS[0], CSV_ROWS[1], "900000000000200,600000000000101,山田")
                + "900000000000308,600000000000101,山田,一郎,やまだ,男,S45.04.01, 3,2024-04-01\r\n".encode()[
                    :-60
                ]
                + b"\xff\xfe,"
                + crlf('"unclosed,quote'),
            },
        ),
    ]


def run_case(folder: Path) -> None:
    """Convert ``input`` into ``out`` with ``folder`` as the working directory."""
    here = Path.cwd()
    os.chdir(folder)
    try:
        mapping = load_mapping(Path("mapping.yaml"))
        table = load_map(Path("gaiji.csv")) if Path("gaiji.csv").is_file() else None
        args = json.loads(Path("args.json").read_text())
        options = ConvertOptions(gaiji_map=table, **args)
        convert(mapping, [Path("input")], Path("out"), options)
    finally:
        os.chdir(here)


def main() -> int:
    if CASES.exists():
        shutil.rmtree(CASES)
    for case in cases():
        folder = CASES / case.name
        (folder / "input").mkdir(parents=True)
        (folder / "mapping.yaml").write_text(case.mapping, encoding="utf-8")
        args = {"reverse": case.reverse, **({"to": case.to} if case.to != "csv" else {})}
        (folder / "args.json").write_text(json.dumps(args) + "\n")
        if case.gaiji is not None:
            (folder / "gaiji.csv").write_text(case.gaiji, encoding="utf-8")
        for name, data in case.inputs.items():
            (folder / "input" / name).write_bytes(data)
        run_case(folder)
        print(f"{case.name}: {sorted(p.name for p in (folder / 'out').rglob('*') if p.is_file())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
