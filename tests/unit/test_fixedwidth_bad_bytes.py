"""Fixed-width records that once went wrong: LF bytes in records back to back, and bytes
that are no CP932 character (a lead byte alone, 0x80, a character cut by a field boundary).

Every record is read or found (``row-shape``), and every byte that does not decode is U+FFFD
in its value and an ``encoding`` finding with its row, field and byte offset in the file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout_tool.cli.main import cli
from layout_tool.findings import Finding
from layout_tool.io.fixedwidth import FixedField, FixedWidthSource, Layout

ROOT = Path(__file__).resolve().parents[2]
FIELDS = (FixedField("ID", 0, 3), FixedField("NAME", 3, 8), FixedField("KANA", 11, 4))
SIZE = 15


def cp(text: str) -> bytes:
    return text.encode("cp932")


def record(ident: bytes, name: bytes, kana: bytes = b"abcd") -> bytes:
    assert len(ident) == 3 and len(name) <= 8 and len(kana) <= 4
    return ident + name.ljust(8, b" ") + kana.ljust(4, b" ")


def read(
    tmp_path: Path, data: bytes, newline: str = "crlf", batch: int = 1 << 20
) -> tuple[pl.DataFrame, list[Finding], int]:
    path = tmp_path / "in.dat"
    path.write_bytes(data)
    frames, findings, records = [], [], 0
    for b in FixedWidthSource(path, Layout(FIELDS, newline), batch_bytes=batch).batches():
        frames.append(b.frame)
        findings += b.findings
        records += b.records
    empty = pl.DataFrame(schema={"__row": pl.UInt32, **{f"c{i}": pl.String for i in range(3)}})
    return pl.concat([empty, *frames]), findings, records


def where(findings: list[Finding]) -> list[tuple[object, ...]]:
    return [(f.row, f.code, f.item, f.offset) for f in findings]


def joined(records: list[bytes], newline: str) -> bytes:
    end = {"crlf": b"\r\n", "lf": b"\n", "none": b""}[newline]
    return b"".join(r + end for r in records)


# Bug 1: records back to back whose bytes hold 0x0A, with a bad byte in the same chunk.


@pytest.mark.parametrize("batch", [SIZE, 2 * SIZE, 1 << 20])
def test_back_to_back_records_with_a_line_feed_and_a_bad_byte(tmp_path: Path, batch: int) -> None:
    data = record(b"001", b"a\nb") + record(b"002", cp("山田")) + record(b"003", b"\x81 ")
    frame, findings, records = read(tmp_path, data, "none", batch)
    assert records == 3
    assert frame.rows() == [
        (1, "001", "a\nb     ", "abcd"),
        (2, "002", "山田    ", "abcd"),
        (3, "003", "\ufffd       ", "abcd"),
    ]
    assert where(findings) == [(3, "encoding", "NAME", 2 * SIZE + 3)]


def test_back_to_back_records_keep_every_byte_as_data(tmp_path: Path) -> None:
    """LF and CR inside double-byte fields, and a CR as a record's last byte, are data."""
    data = (
        record(b"001", cp("山") + b"\n" + cp("田"), b"ab\r\n")
        + record(b"002", b"\n\n" + cp("\ue000"), b"abc\r")
        + record(b"\n\r\n", cp("ｶﾅ"))
        + b"00"
    )
    frame, findings, records = read(tmp_path, data, "none", batch=2 * SIZE)
    assert records == 4
    assert frame.rows() == [
        (1, "001", "山\n田   ", "ab\r\n"),
        (2, "002", "\n\n\ue000    ", "abc\r"),
        (3, "\n\r\n", "ｶﾅ      ", "abcd"),
    ]
    assert [(f.row, f.code) for f in findings] == [(4, "row-shape")]


def test_convert_reads_back_to_back_records_with_line_feeds(tmp_path: Path) -> None:
    """Through the CLI with a mapping of ``newline: none``: rejected rows, not a crash."""
    mapping = (ROOT / "mappings" / "kakuu-densan" / "kaigo.yaml").read_text(encoding="utf-8")
    crlf = "    file: KGHIHO.DAT\n    format: fixed\n    newline: crlf\n"
    assert crlf in mapping
    (tmp_path / "none.yaml").write_text(
        mapping.replace(crlf, crlf.replace("crlf", "none")), encoding="utf-8"
    )
    sample = ROOT / "sample_data" / "vendors" / "kakuu-densan" / "kaigo" / "KGHIHO.DAT"
    records = [bytearray(r) for r in sample.read_bytes().split(b"\r\n")[:-1]]
    size, jusho = len(records[0]), 43 + 40 + 40 + 7 + 1  # JUSHO's 0-based start
    records[1][43 + 30] = 0x0A  # in SHIMEI
    records[-1][jusho + 60 : jusho + 62] = b"\x81 "  # the last record: a lead byte alone
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "KGHIHO.DAT").write_bytes(b"".join(records))
    result = CliRunner().invoke(
        cli,
        ["convert", "--mapping", str(tmp_path / "none.yaml"), "-o", str(tmp_path / "out"),
         "--format", "json", str(tmp_path / "in" / "KGHIHO.DAT")],
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["summary"]["rows_in"] == len(records)
    encoding = [(f["row"], f["item"]) for f in report["findings"] if f["code"] == "encoding"]
    assert encoding == [(len(records), "JUSHO")]
    assert not [f for f in report["findings"] if f["code"] == "row-shape"]
    _, findings, _ = read_kaigo(tmp_path / "in" / "KGHIHO.DAT", size, jusho)
    assert findings == [(len(records), (len(records) - 1) * size + jusho + 60)]


def read_kaigo(path: Path, size: int, jusho: int) -> tuple[int, list[tuple[int, int]], int]:
    """The reader on its own, JUSHO as one field between two: where its finding is."""
    layout = Layout(
        (FixedField("A", 0, jusho), FixedField("JUSHO", jusho, 100),
         FixedField("B", jusho + 100, size - jusho - 100)),
        "none",
    )  # fmt: skip
    batches = list(FixedWidthSource(path, layout).batches())
    found = [(f.row or 0, f.offset or 0) for b in batches for f in b.findings if f.item == "JUSHO"]
    return sum(b.frame.height for b in batches), found, sum(b.records for b in batches)


# Bug 2: bytes that are no CP932 character, each an encoding finding.

LONE = [
    pytest.param(b"\x80", [0], id="0x80"),
    pytest.param(cp("山") + b"\x80", [2], id="0x80-after-a-kanji"),
    pytest.param(b"\x82 ", [0], id="lead-then-space"),
    pytest.param(b"\x82\x7f", [0], id="lead-then-0x7f"),
    pytest.param(b"\x85\x40", [0], id="unassigned-pair"),
    pytest.param(b"\xa0", [0], id="0xa0"),
    pytest.param(b"\xfd\xfe\xff", [0, 1, 2], id="0xfd-0xff"),
    pytest.param(b"\x80\x80" + cp("山") + b"\x82", [0, 1, 4], id="several"),
    pytest.param(b"abcdefg\x82", [7], id="lead-last-in-the-field"),
]


@pytest.mark.parametrize("newline", ["crlf", "none"])
@pytest.mark.parametrize("with_cr", [False, True], ids=["plain", "cr-in-the-field"])
@pytest.mark.parametrize(("name", "bad"), LONE)
def test_every_byte_that_is_no_character_is_a_finding(
    tmp_path: Path, name: bytes, bad: list[int], newline: str, with_cr: bool
) -> None:
    records = [record(b"001", cp("山田")), record(b"002", name, b" bcd")]
    if with_cr:  # a CR beside kanji in another value of the field (once another code path)
        records.append(record(b"003", cp("山") + b"\r"))
    data = joined(records, newline)
    frame, findings, _ = read(tmp_path, data, newline)
    start = data.index(b"002") + 3
    assert where(findings) == [(2, "encoding", "NAME", start + b) for b in bad]
    assert all(data[f.offset or 0 : (f.offset or 0) + 1].hex() in f.text("en") for f in findings)
    assert all("cut by the boundary" not in f.text("en") for f in findings)
    value = frame.filter(pl.col("__row") == 2)["c1"].item()
    assert value.count("\ufffd") == len(bad)
    assert frame.filter(pl.col("__row") != 2)["c1"].str.contains("\ufffd").sum() == 0


@pytest.mark.parametrize(
    "text", ["\ue000", "\ue757", "÷", "①", "ⅰ", "髙", "～", "ｶﾅ"], ids=lambda t: cp(t).hex()
)
def test_valid_characters_give_no_finding(tmp_path: Path, text: str) -> None:
    """外字 (F040–F9FC ⇄ U+E000–U+E757), 0x80 as a trail byte (÷ 81 80), NEC and IBM rows."""
    frame, findings, _ = read(tmp_path, joined([record(b"001", cp(text))], "crlf"))
    assert not findings and frame["c1"].item() == text.ljust(8 - len(cp(text)) + len(text))


@pytest.mark.parametrize("char", ["太", "山", "÷", "亜", "ア"], ids=lambda c: cp(c).hex())
def test_a_character_cut_by_a_field_boundary_names_both_fields(tmp_path: Path, char: str) -> None:
    """Its lead byte ends NAME, its trail byte begins KANA (as ASCII, kana, 0x80, a lead)."""
    lead, trail = cp(char)[:1], cp(char)[1:]
    data = joined([record(b"001", b"abcdefg" + lead, trail + b"abc")], "crlf")
    frame, findings, records = read(tmp_path, data)
    assert records == 1 and frame.height == 1
    first = findings[0]
    assert (first.row, first.code, first.item, first.offset) == (1, "encoding", "NAME", 10)
    assert "cut by the boundary of field KANA" in first.text("en")
    assert frame["c1"].item() == "abcdefg\ufffd"
    kana = frame["c2"].item()
    assert kana.count("\ufffd") == len(findings) - 1  # 0x80 as a lead: KANA's own finding


# Arbitrary bytes: nothing raises, every record is accounted for, no silent U+FFFD.

PIECES = [cp("山"), cp("ｶ"), cp("\ue000"), cp("÷"), b"a", b" ", b"\x80", b"\x82", b"\xa0",
          b"\xff", b"\r", b"\n", b"\r\n"]  # fmt: skip


def expected_records(data: bytes, newline: str) -> int:
    if newline == "none":
        return -(-len(data) // SIZE)
    return data.count(b"\n") + (not data.endswith(b"\n") and data != b"")


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.lists(st.sampled_from(PIECES) | st.binary(min_size=1, max_size=4), max_size=60).map(
        b"".join
    ),
    newline=st.sampled_from(["crlf", "lf", "none"]),
    batch=st.sampled_from([SIZE + 2, 40, 1 << 20]),
)
def test_arbitrary_bytes_are_all_accounted_for(
    tmp_path: Path, data: bytes, newline: str, batch: int
) -> None:
    frame, findings, records = read(tmp_path, data, newline, batch)
    assert records == expected_records(data, newline)
    read_rows = frame["__row"].to_list()
    shape = [f.row for f in findings if f.code == "row-shape"]
    assert sorted(read_rows + shape) == list(range(1, records + 1))  # each once, read or not
    encoding = [f for f in findings if f.code == "encoding"]
    assert {f.row for f in encoding} <= set(read_rows)
    per_row = {r: 0 for r in read_rows}
    for f in encoding:
        per_row[f.row or 0] += 1
        sample = re.match(r"bytes ([0-9a-f]{2}) ", f.text("en"))
        assert sample and data[f.offset or 0 : (f.offset or 0) + 1].hex() == sample.group(1)
    replaced = frame.select(
        "__row", pl.sum_horizontal(pl.col("c0", "c1", "c2").str.count_matches("\ufffd"))
    )
    assert dict(replaced.iter_rows()) == per_row  # a U+FFFD for each finding, and no other
