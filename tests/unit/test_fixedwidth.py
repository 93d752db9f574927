"""Fixed-width CP932 records: fields by byte position, and every record accounted for."""

from __future__ import annotations

import io
from pathlib import Path

import polars as pl
import pytest

from layout_tool.io import cp932
from layout_tool.io.fixedwidth import FixedField, FixedWidthSource, Layout, fit, write_records

LAYOUT = Layout((FixedField("ID", 0, 3), FixedField("NAME", 3, 8), FixedField("KANA", 11, 4)))


def record(ident: str, name: str, kana: str) -> bytes:
    return ident.encode() + name.encode("cp932").ljust(8) + kana.encode("cp932").ljust(4)


def read(
    tmp_path: Path, data: bytes, layout: Layout = LAYOUT, batch: int = 1 << 20
) -> tuple[pl.DataFrame, list[str], int]:
    path = tmp_path / "in.dat"
    path.write_bytes(data)
    frames, findings, records = [], [], 0
    for b in FixedWidthSource(path, layout, batch_bytes=batch).batches():
        frames.append(b.frame)
        findings += [f"{f.row}:{f.code}:{f.offset}" for f in b.findings]
        records += b.records
    return pl.concat(frames), findings, records


def test_fields_are_cut_at_byte_positions(tmp_path: Path) -> None:
    data = record("001", "山田太郎", "ﾔﾏﾀﾞ") + b"\r\n" + record("002", "ab", "ｶ") + b"\r\n"
    frame, findings, records = read(tmp_path, data)
    assert records == 2 and not findings
    assert frame.rows() == [(1, "001", "山田太郎", "ﾔﾏﾀﾞ"), (2, "002", "ab      ", "ｶ   ")]


def test_pua_and_wave_dash_decode_as_python_cp932(tmp_path: Path) -> None:
    data = record("001", "髙\ue000～", "") + b"\n"
    frame, findings, _ = read(tmp_path, data)
    assert frame["c1"].to_list() == ["髙\ue000～  "] and not findings


def test_wrong_length_and_empty_records_are_row_shape(tmp_path: Path) -> None:
    data = (
        record("001", "a", "b") + b"\r\n" + b"002short\r\n\r\n" + record("004", "c", "d") + b"\r\n"
    )
    frame, findings, records = read(tmp_path, data)
    assert records == 4
    assert frame["__row"].to_list() == [1, 4]
    assert [f.split(":")[:2] for f in findings] == [["2", "row-shape"], ["3", "row-shape"]]


def test_undecodable_bytes_have_offsets(tmp_path: Path) -> None:
    good = record("001", "a", "b") + b"\r\n"
    bad = b"002" + b"\x81\x20" + b"x" * 6 + b"abcd" + b"\r\n"
    frame, findings, _ = read(tmp_path, good + bad)
    assert findings == [f"2:encoding:{len(good) + 3}"]
    assert "\ufffd" in frame["c1"][1]


def test_a_character_cut_by_a_field_boundary_is_an_encoding_finding(tmp_path: Path) -> None:
    lead, trail = "太".encode("cp932")[:1], "太".encode("cp932")[1:]
    data = b"001" + "ab山田".encode("cp932") + b"x" + lead + trail + b"cd " + b"\r\n"
    assert len(data) == 3 + 8 + 4 + 2
    _, findings, _ = read(tmp_path, data)
    assert findings == ["1:encoding:10"]


def test_records_back_to_back_and_batches(tmp_path: Path) -> None:
    layout = Layout(LAYOUT.fields, newline="none")
    data = b"".join(record(f"{i:03d}", "名前", "ｶﾅ") for i in range(50)) + b"00"
    frame, findings, records = read(tmp_path, data, layout, batch=64)
    assert records == 51 and frame.height == 50
    assert findings == ["51:row-shape:None"]
    assert frame["c0"].to_list()[-1] == "049"


def test_lf_records_in_small_batches(tmp_path: Path) -> None:
    data = b"".join(record(f"{i:03d}", "名前", "ｶﾅ") + b"\n" for i in range(30))
    frame, _, records = read(tmp_path, data, batch=50)
    assert records == 30 and frame["__row"].to_list() == list(range(1, 31))


def test_fit_pads_to_bytes_and_names_the_problem() -> None:
    frame = pl.DataFrame({"v": ["山田", "山田太郎花", "〜", "a\nb", None]})
    padded, problem = fit(pl.col("v"), 8)
    out = frame.select(padded.alias("p"), problem.alias("q"))
    assert out["p"].to_list()[:2] == ["山田    ", "山田太郎花"]
    assert out["p"][4] == " " * 8
    assert out["q"].to_list() == [None, "length", "encoding", "row-shape", None]


def test_write_records_in_cp932() -> None:
    frame = pl.DataFrame({"a": ["001", "002"], "b": ["山田    ", "ｶﾅ      "]})
    fh = io.BytesIO()
    write_records(frame, ["a", "b"], "crlf", fh)
    assert fh.getvalue() == "001山田    \r\n002ｶﾅ      \r\n".encode("cp932")


@pytest.mark.parametrize(
    ("char", "size"), [("a", 1), ("ｶ", 1), ("山", 2), ("\ue000", 2), ("～", 2)]
)
def test_byte_length_matches_the_codec(char: str, size: int) -> None:
    value = pl.DataFrame({"v": [char]}).select(cp932.byte_length(pl.col("v"))).item()
    assert value == size == len(char.encode("cp932"))


@pytest.mark.parametrize("char", ["〜", "−", "‖", "¢", "£", "¬", "𠮷", "\uf8f0"])
def test_characters_that_would_not_read_back_are_unencodable(char: str) -> None:
    frame = pl.DataFrame({"v": [char, "山"]})
    assert frame.select(cp932.unencodable(pl.col("v"))).to_series().to_list() == [True, False]
