"""CP932 bytes that are no character (0x80, 0xA0, 0xFD–0xFF) are ``encoding`` findings in
CSV files too, at their byte offset; they never pass as U+0080 or private-use text."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout_tool.io.csvsource import CsvSource
from layout_tool.io.encoding import decode_reporting, detect


@pytest.mark.parametrize("stray", [b"\x80", b"\xa0", b"\xfd", b"\xfe", b"\xff"])
def test_stray_byte_is_reported_at_its_offset(stray: bytes) -> None:
    data = "山田".encode("cp932") + stray + "太郎".encode("cp932")
    text, bad = decode_reporting(data, "cp932")
    assert text == "山田\ufffd太郎"
    assert [(b.offset, b.sample) for b in bad] == [(4, stray)]


def test_0x80_as_a_trail_byte_is_a_character() -> None:
    text, bad = decode_reporting("÷".encode("cp932"), "cp932")  # 81 80
    assert (text, bad) == ("÷", [])


def test_a_stray_0x80_does_not_stop_cp932_detection() -> None:
    sample = ("氏名,住所\r\n山田,東京" * 50).encode("cp932") + b"\x80"
    assert detect(sample).encoding == "cp932"


def test_csv_cell_with_0x80_is_an_encoding_finding(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes("氏名,住所\r\n山田,東京\r\n".encode("cp932") + b"\x82\xa0\x80,x\r\n")
    source = CsvSource(path, encoding="cp932")
    batches = list(source.batches(2))
    findings = [f for b in batches for f in b.findings]
    assert [(f.code, f.row) for f in findings] == [("encoding", 2)]
    assert findings[0].offset == len("氏名,住所\r\n山田,東京\r\n".encode("cp932")) + 2
    values = [v for b in batches for v in b.frame.get_column("c0").to_list()]
    assert "\x80" not in "".join(v or "" for v in values)
