"""The batch reader: every record becomes a frame row or a row-shape finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout_tool.findings import Finding
from layout_tool.io.csvsource import CsvSource


def read_all(
    path: Path, n: int, **kw: object
) -> tuple[list[tuple[object, ...]], list[Finding], int]:
    src = CsvSource(path, **kw)  # type: ignore[arg-type]
    rows: list[tuple[object, ...]] = []
    findings: list[Finding] = list(src.header_findings)
    records = 0
    for batch in src.batches(n, [f"i{k}" for k in range(n)]):
        rows += batch.frame.rows()
        findings += batch.findings
        records += batch.records
    return rows, findings, records


def write(tmp_path: Path, data: bytes, name: str = "f.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_ragged_rows_become_row_shape_findings(tmp_path: Path) -> None:
    path = write(tmp_path, b'a,b,c\n1,2,3\n4,5\n6,7,8,9\n"x\ny",,z\n')
    rows, findings, records = read_all(path, 3)
    assert rows == [(1, "1", "2", "3"), (4, "x\ny", None, "z")]
    assert [(f.code, f.row) for f in findings] == [("row-shape", 2), ("row-shape", 3)]
    assert "2 fields" in findings[0].text("en") and "4 fields" in findings[1].text("en")
    assert records == 4


def test_crlf_and_quoted_commas_and_crlf_inside_quotes(tmp_path: Path) -> None:
    path = write(tmp_path, b'a,b\r\n"1,5","x""y"\r\n"p\r\nq",r\r\n')
    rows, findings, _ = read_all(path, 2)
    assert findings == []
    assert rows == [(1, "1,5", 'x"y'), (2, "p\r\nq", "r")]


def test_no_final_newline(tmp_path: Path) -> None:
    rows, findings, _ = read_all(write(tmp_path, b"a,b\n1,2\n3,4"), 2)
    assert rows == [(1, "1", "2"), (2, "3", "4")] and findings == []


def test_small_batches_keep_row_numbers_and_quoted_newlines(tmp_path: Path) -> None:
    body = "".join(f'{i},"line\n{i}"\n' for i in range(500))
    path = write(tmp_path, ("a,b\n" + body).encode())
    rows, findings, records = read_all(path, 2, batch_bytes=64)
    assert findings == [] and records == 500
    assert [r[0] for r in rows] == list(range(1, 501))
    assert rows[499] == (500, "499", "line\n499")


def test_broken_quoting_is_reported_and_reading_goes_on(tmp_path: Path) -> None:
    path = write(tmp_path, b'a,b,c\n1,"b"x,3\n4,5,6\n')
    rows, findings, records = read_all(path, 3)
    assert rows == [(2, "4", "5", "6")]
    assert [(f.code, f.row) for f in findings] == [("row-shape", 1)]
    assert records == 2


def test_unterminated_quote(tmp_path: Path) -> None:
    path = write(tmp_path, b'a,b,c\n1,2,3\n"bad,4,5\n7,8,9\n')
    rows, findings, _ = read_all(path, 3)
    assert (1, "1", "2", "3") in rows and (3, "7", "8", "9") in rows
    assert [(f.code, f.row, f.text("en")) for f in findings] == [
        ("row-shape", 2, "unterminated quote")
    ]


def test_nul_byte_row(tmp_path: Path) -> None:
    rows, findings, _ = read_all(write(tmp_path, b"a,b\n1,\x002\n3,4\n"), 2)
    assert rows == [(2, "3", "4")]
    assert [(f.code, f.row) for f in findings] == [("row-shape", 1)]


def test_utf8_decode_errors_have_offset_row_item_column(tmp_path: Path) -> None:
    path = write(tmp_path, b"a,b\n1,2\n3,x\xffy\n")
    rows, findings, _ = read_all(path, 2)
    assert [(f.code, f.row, f.item, f.column, f.offset) for f in findings] == [
        ("encoding", 2, "i1", 2, 11)
    ]
    assert rows[1] == (2, "3", "x\ufffdy")


def test_cp932_detected_and_decoded(tmp_path: Path) -> None:
    text = "氏名,住所\n試験　太郎,架空市〇〇町\n"
    path = write(tmp_path, text.encode("cp932"))
    src = CsvSource(path)
    assert src.encoding == "cp932" and src.header == ["氏名", "住所"]
    rows, findings, _ = read_all(path, 2)
    assert rows == [(1, "試験　太郎", "架空市〇〇町")] and findings == []


def test_cp932_bytes_that_are_never_shift_jis(tmp_path: Path) -> None:
    data = "氏名\n".encode("cp932") + b"ab\xfdc\n" + "試験\n".encode("cp932")
    rows, findings, _ = read_all(write(tmp_path, data), 1, encoding="cp932")
    assert [(f.code, f.row, f.offset) for f in findings] == [("encoding", 1, 7)]
    assert rows[1] == (2, "試験")


def test_bom_is_not_part_of_the_header(tmp_path: Path) -> None:
    src = CsvSource(write(tmp_path, b"\xef\xbb\xbfa,b\n1,2\n"))
    assert src.encoding == "utf-8-sig" and src.header == ["a", "b"]


@pytest.mark.parametrize("data", [b"", b"\n"])
def test_empty_file_has_one_header_finding(tmp_path: Path, data: bytes) -> None:
    src = CsvSource(write(tmp_path, data))
    assert [f.code for f in src.header_findings] == ["header"]


def test_quoted_empty_string_is_empty(tmp_path: Path) -> None:
    rows, _, _ = read_all(write(tmp_path, b'a,b\n"",x\n'), 2)
    assert rows == [(1, None, "x")]
