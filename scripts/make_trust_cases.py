"""Regenerate tests/cases/trust/: real-shaped cases where a verdict must be right.

Each case folder holds ``input/`` (the files given to the command) and ``case.json``: the
command line (``{input}`` stands for the input folder, ``{case}`` for the case folder), and
what must come out: the exit code, the verdict, the exact number of findings per code, and a
phrase of the one-line error where the run must stop. Never edit the folders by hand: run

    .venv/bin/python scripts/make_trust_cases.py

Cases that need file modes or names git cannot keep (a read-only folder, a name that is not
UTF-8, a FIFO) are made by tests/cli/test_trust_cases.py in a temporary folder instead.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from pathlib import Path

from layout_tool.identifiers import is_valid

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "cases" / "trust"
HANDOVER = ROOT / "sample_data" / "handover"
VENDOR = ROOT / "sample_data" / "vendors" / "kaso-systems" / "jumin"
MAPPING = ROOT / "mappings" / "kaso-systems" / "jumin.yaml"


def main() -> None:
    shutil.rmtree(OUT, ignore_errors=True)
    _cp932_one_bad_byte()
    _utf8_read_as_cp932()
    _cp932_read_as_utf8()
    _wrong_area()
    _partial_handover()
    _not_csv()
    _header_only_and_cr_only()
    _same_file_twice()
    _no_check_digits()
    _excel_cp932_quotes()
    _split_kojin()


def case(name: str, args: list[str], exit: int, **expect: object) -> Path:
    folder = OUT / name
    (folder / "input").mkdir(parents=True)
    data = {"args": args, "exit": exit, **expect}
    (folder / "case.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return folder / "input"


def _cp932_one_bad_byte() -> None:
    """A CP932 handover set; in JUMIN_KOJIN.csv one character's bytes become 0x81 0x20
    (a lead byte with no trail): one encoding finding, and nothing more in the cell it broke
    (the U+FFFD and the 0x20 left behind are the broken character, not type faults)."""
    dest = case(
        "cp932-one-bad-byte",
        ["validate", "--spec", "jumin", "{input}", "--format", "json"],
        1,
        valid=False,
        by_code={"encoding": 1},
        encoding="cp932",
    )
    for src in sorted((HANDOVER / "jumin").glob("*.csv")):
        data = src.read_bytes().decode("utf-8").encode("cp932")
        if src.name == "JUMIN_KOJIN.csv":
            lines = data.split(b"\n")
            row = lines[5].split(b",")
            col = next(i for i, v in enumerate(row) if len(v) >= 4 and v[0] >= 0x88)
            row[col] = b"\x81\x20" + row[col][2:]
            lines[5] = b",".join(row)
            data = b"\n".join(lines)
        (dest / src.name).write_bytes(data)


def _utf8_read_as_cp932() -> None:
    """The UTF-8 sample set given with --encoding cp932: one summary finding per file
    (count, first offsets, "decodes cleanly as utf-8"), not thousands."""
    dest = case(
        "utf8-read-as-cp932",
        ["validate", "--spec", "jumin", "{input}", "--encoding", "cp932", "--format", "json"],
        1,
        valid=False,
        by_code={"encoding": 3},
        message="decodes cleanly as utf-8",
    )
    for src in sorted((HANDOVER / "jumin").glob("*.csv")):
        shutil.copy(src, dest / src.name)


def _cp932_read_as_utf8() -> None:
    """The CP932 set (one bad byte in one file) given with --encoding utf-8: one summary
    finding per file, each naming cp932 as the encoding to use."""
    dest = case(
        "cp932-read-as-utf8",
        ["validate", "--spec", "jumin", "{input}", "--encoding", "utf-8", "--format", "json"],
        1,
        valid=False,
        by_code={"encoding": 3},
        message="use --encoding auto or cp932",
    )
    for src in sorted((OUT / "cp932-one-bad-byte" / "input").glob("*.csv")):
        shutil.copy(src, dest / src.name)


def _wrong_area() -> None:
    """介護保険 files checked as 住民基本台帳: nothing checked is exit 2, with what was seen."""
    dest = case(
        "wrong-area",
        ["validate", "--spec", "jumin", "{input}"],
        2,
        stderr=["nothing checked", "looks like kaigo/hihokensha"],
    )
    for src in sorted((HANDOVER / "kaigo").glob("*.csv")):
        shutil.copy(src, dest / src.name)


def _partial_handover() -> None:
    """Only JUMIN_KOJIN.csv of the three files: file-missing warnings (errors: --complete)."""
    for name, extra, code, valid, severity in [
        ("partial-handover", [], 0, True, "warning"),
        ("partial-handover-complete", ["--complete"], 1, False, "error"),
    ]:
        dest = case(
            name,
            ["validate", "--spec", "jumin", "{input}", "--format", "json", *extra],
            code,
            valid=valid,
            by_code={"file-missing": 2},
            severity={"file-missing": severity},
            area_files={"checked": 1, "of": 3},
        )
        shutil.copy(HANDOVER / "jumin" / "JUMIN_KOJIN.csv", dest / "JUMIN_KOJIN.csv")


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in entries.items():
            zf.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data)
    return out.getvalue()


def _not_csv() -> None:
    """Files that are not CSV, named as if they were: refused by their bytes, one line."""
    xlsx = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    archive = _zip({"JUMIN_KOJIN.csv": (HANDOVER / "jumin" / "JUMIN_KOJIN.csv").read_bytes()})
    for name, data, phrase in [
        ("xlsx-named-csv", xlsx, "Excel workbook"),
        ("zip-named-csv", archive, "unpack it first"),
        ("pdf-named-csv", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
    ]:
        dest = case(
            name,
            ["validate", "--spec", "jumin", "--file", "kojin", "{input}/JUMIN_KOJIN.csv"],
            2,
            stderr=[phrase],
        )
        (dest / "JUMIN_KOJIN.csv").write_bytes(data)
    dest = case("gaiji-on-xlsx", ["gaiji", "{input}/JUMIN_KOJIN.csv"], 2, stderr=["Excel workbook"])
    (dest / "JUMIN_KOJIN.csv").write_bytes(xlsx)
    dest = case(
        "folder-of-non-data",
        ["validate", "--spec", "jumin", "{input}"],
        2,
        stderr=["nothing checked", "unpack it first", "Excel workbook"],
    )
    (dest / "JUMIN_KOJIN.csv").write_bytes(archive)
    (dest / "台帳.xlsx").write_bytes(xlsx)


def _header_only_and_cr_only() -> None:
    """A header-only file is a row-shape warning; CR-only line ends are read as lines."""
    dest = case(
        "header-only",
        [
            "validate",
            "--spec",
            "jumin",
            "--file",
            "setai",
            "{input}/JUMIN_SETAI.csv",
            "--format",
            "json",
        ],
        0,
        valid=True,
        by_code={"row-shape": 1},
    )
    head = (HANDOVER / "jumin" / "JUMIN_SETAI.csv").read_bytes().split(b"\n", 1)[0]
    (dest / "JUMIN_SETAI.csv").write_bytes(head + b"\n")
    dest = case(
        "cr-only",
        ["validate", "--spec", "jumin", "{input}", "--format", "json"],
        0,
        valid=True,
        by_code={},
        rows=572,
    )
    for src in sorted((HANDOVER / "jumin").glob("*.csv")):
        data = src.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r")
        (dest / src.name).write_bytes(data)


def _same_file_twice() -> None:
    """A folder and a file inside it: the file is read once, with a note."""
    dest = case(
        "same-file-twice",
        [
            "validate",
            "--spec",
            "jumin",
            "{input}",
            "{input}/JUMIN_SETAI.csv",
            "--format",
            "json",
        ],
        0,
        valid=True,
        by_code={},
        rows=572,
        note="read once",
    )
    for src in sorted((HANDOVER / "jumin").glob("*.csv")):
        shutil.copy(src, dest / src.name)


def _renumber(value: str, seen: dict[str, str]) -> str:
    """A 15-digit number whose last digit is no M11 check digit (as most migrated ones)."""
    if not value:
        return value
    if value not in seen:
        body = f"9999{len(seen) + 1:010d}"
        digit = next(d for d in "0123456789" if not is_valid("m11", body + d))
        seen[value] = body + digit
    return seen[value]


def _no_check_digits() -> None:
    """A resident-table export whose 宛名番号/世帯番号 carry no check digit, converted with the
    vendor's mapping: every row converts (M11 is opt-in); with a profile that turns M11 on,
    every row is rejected. (--select/--ignore and a profile's severities are tested apart.)"""
    seen: dict[str, str] = {}
    numbers = {"宛名コード", "世帯コード", "世帯主宛名コード"}
    for name, extra, code in [
        ("no-check-digit-convert", [], 0),
        ("no-check-digit-convert-m11", ["--profile", "{case}/m11.yaml"], 1),
    ]:
        dest = case(
            name,
            [
                "convert",
                "--mapping",
                str(MAPPING.relative_to(ROOT)),
                "{input}",
                "-o",
                "{out}",
                "--format",
                "json",
                *extra,
            ],
            code,
            rejected=0 if code == 0 else "all",
        )
        for src in sorted(VENDOR.glob("*.csv")):
            text = src.read_bytes().decode("utf-8-sig")
            rows = list(csv.reader(io.StringIO(text, newline="")))
            head = rows[0]
            at = [i for i, h in enumerate(head) if h in numbers]
            # the sample's one deliberate 半角 name is left out: this case is about numbers
            rows = [r for r in rows if "氏" not in head or r[head.index("氏")] != "ｶﾅ"]
            for row in rows[1:]:
                for i in at:
                    row[i] = _renumber(row[i], seen)
            out = io.StringIO()
            csv.writer(out, lineterminator="\r\n").writerows(rows)
            (dest / src.name).write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))
    profile = OUT / "no-check-digit-convert-m11" / "m11.yaml"
    profile.write_text(
        "profile: 番号がM11で採番された団体 (example)\n"
        "area: jumin\n"
        "items:\n"
        "  宛名番号: {check: m11}\n"
        "  世帯番号: {check: m11}\n",
        encoding="utf-8",
    )


def _kojin_rows() -> tuple[str, list[list[str]]]:
    """The sample handover's JUMIN_KOJIN.csv: its header line and its records' fields."""
    text = (HANDOVER / "jumin" / "JUMIN_KOJIN.csv").read_text(encoding="utf-8")
    header, *lines = text.splitlines()
    return header, [line.split(",") for line in lines]


def _excel_cp932_quotes() -> None:
    """An Excel-saved CP932 set (CRLF, a line end after the last record): two 方書 hold a
    stray ASCII quote inside the value (５階"B", as typed), one is quoted because it holds a
    comma. Every record is read (the 18 between two stray quotes once vanished); the three
    ASCII characters in a 全角 item are three type findings; the extra line end at the end
    of the file is one row-shape warning, not a record."""
    dest = case(
        "excel-cp932-stray-quotes",
        ["validate", "--spec", "jumin", "{input}", "--format", "json"],
        1,
        valid=False,
        by_code={"type": 3, "row-shape": 1},
        severity={"type": "error", "row-shape": "warning"},
        rows=572,
        encoding="cp932",
    )
    header, rows = _kojin_rows()
    at = header.split(",").index("方書")
    rows[2][at] = '見本荘５階"B"'
    rows[20][at] = '見本荘６階"C"'
    rows[9][at] = '"見本荘,７階"'
    for src in sorted((HANDOVER / "jumin").glob("*.csv")):
        if src.name == "JUMIN_KOJIN.csv":
            text = header + "\r\n" + "".join(",".join(r) + "\r\n" for r in rows) + "\r\n"
        else:
            text = src.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\n", "\r\n")
        (dest / src.name).write_bytes(text.encode("cp932"))


def _split_kojin() -> None:
    """JUMIN_KOJIN.csv delivered in two parts, the second ending with a copy of the first
    part's row 3 (a former resident's record, outside the 世帯 rules): one key-duplicate,
    named in the second part, at its own row, saying which part and row it repeats."""
    dest = case(
        "split-kojin",
        ["validate", "--spec", "jumin", "{input}", "--format", "json"],
        1,
        valid=False,
        by_code={"key-duplicate": 1},
        rows=573,
        file="JUMIN_KOJIN_2.csv",
        message="JUMIN_KOJIN_1.csv",
    )
    header, rows = _kojin_rows()
    half = len(rows) // 2
    parts = [rows[:half], [*rows[half:], rows[2]]]
    for n, part in enumerate(parts, start=1):
        text = header + "\n" + "".join(",".join(r) + "\n" for r in part)
        (dest / f"JUMIN_KOJIN_{n}.csv").write_text(text, encoding="utf-8")
    for src in sorted((HANDOVER / "jumin").glob("*.csv")):
        if src.name != "JUMIN_KOJIN.csv":
            shutil.copy(src, dest / src.name)


if __name__ == "__main__":
    main()
