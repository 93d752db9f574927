"""The fixed-width reader against a record-by-record reference, and its odd corners.

The reader cuts records as bytes and decodes each field's values in one codec call; the
reference below reads one record, one field and one character at a time: a byte that
starts no CP932 character is one U+FFFD and one ``encoding`` finding.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout_tool.io.fixedwidth import FixedField, FixedWidthSource, Layout

LAYOUT = Layout((FixedField("ID", 0, 3), FixedField("NAME", 3, 8), FixedField("KANA", 11, 4)))
SIZE = LAYOUT.record_length


def read(
    tmp_path: Path, data: bytes, layout: Layout = LAYOUT, batch: int = 1 << 20
) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]], int]:
    path = tmp_path / "in.dat"
    path.write_bytes(data)
    rows: list[tuple[object, ...]] = []
    findings: list[tuple[object, ...]] = []
    records = 0
    for b in FixedWidthSource(path, layout, batch_bytes=batch).batches():
        rows += b.frame.rows()
        findings += [(f.row, f.code, f.item, f.offset) for f in b.findings]
        records += b.records
    return rows, findings, records


NO_CHARACTER = "\x80\uf8f0\uf8f1\uf8f2\uf8f3"  # Python's reading of 80, A0, FD, FE, FF


def characters(raw: bytes) -> tuple[str, list[int]]:
    """One character at a time (one byte, else two); a byte that starts none is U+FFFD."""
    out, bad, i = [], [], 0
    while i < len(raw):
        for width in (1, 2):
            piece = raw[i : i + width]
            try:
                text = piece.decode("cp932")
            except UnicodeDecodeError:
                continue
            if len(piece) == width and len(text) == 1 and text not in NO_CHARACTER:
                out.append(text)
                i += width
                break
        else:
            out.append("\ufffd")
            bad.append(i)
            i += 1
    return "".join(out), bad


def reference(
    data: bytes, newline: str = "crlf"
) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]], int]:
    """One record at a time: LF-separated, one CR before the LF dropped, as read_lines does;
    or, back to back, every ``SIZE`` bytes."""
    rows: list[tuple[object, ...]] = []
    findings: list[tuple[object, ...]] = []
    if newline == "none":
        lines = [data[i : i + SIZE] for i in range(0, len(data), SIZE)]
    else:
        lines = data.split(b"\n")
        if data.endswith(b"\n"):
            lines.pop()
    start = 0
    for n, raw in enumerate(lines, start=1):
        line = raw[:-1] if raw.endswith(b"\r") and newline != "none" else raw
        if len(line) != SIZE:
            findings.append((n, "row-shape", None, None))
        else:
            values: list[object] = [n]
            for f in LAYOUT.fields:
                text, bad = characters(line[f.start : f.start + f.length])
                values.append(text)
                findings += [(n, "encoding", f.name, start + f.start + b) for b in bad]
            rows.append(tuple(values))
        start += len(raw) + (newline != "none")
    return rows, findings, len(lines)


PIECES = [b"a", b"1", b" ", "山".encode("cp932"), "ｶ".encode("cp932"), "ﾂｱ".encode("cp932"),
          "\ue000".encode("cp932"), "\ue757".encode("cp932"), "～".encode("cp932"),
          "÷".encode("cp932"), b"\x81", b"\x80", b"\xa0", b"\xfd", b"\xfe", b"\xff",
          b"\xef\x7f", b"\x85\x40", b"\x00", b"\r"]  # fmt: skip


def records(newline: str) -> st.SearchStrategy[bytes]:
    pieces = [*PIECES, b"\n"] if newline == "none" else PIECES
    record = st.lists(st.sampled_from(pieces), max_size=10).map(b"".join)
    fitted = record.map(lambda r: r[:SIZE].ljust(SIZE, b" "))
    if newline == "none":
        return st.tuples(st.lists(fitted, max_size=12), record).map(lambda t: b"".join(t[0]) + t[1])
    return st.lists(fitted | record, max_size=12).map(lambda rs: b"\r\n".join(rs) + b"\r\n")


def in_file_order(findings: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    return sorted(findings, key=lambda f: (f[0], f[1] != "row-shape", f[3] or 0))


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data(), st.sampled_from(["crlf", "none"]), st.sampled_from([20, 64, 1 << 20]))
def test_the_reader_reads_what_the_record_by_record_reference_reads(
    tmp_path: Path, data: st.DataObject, newline: str, batch: int
) -> None:
    raw = data.draw(records(newline))
    rows, findings, count = read(tmp_path, raw, Layout(LAYOUT.fields, newline), batch=batch)
    expected_rows, expected_findings, expected_count = reference(raw, newline)
    assert count == expected_count
    assert rows == expected_rows
    assert in_file_order(findings) == in_file_order(expected_findings)


def test_half_width_kana_that_happen_to_be_utf8_are_read_as_cp932(tmp_path: Path) -> None:
    data = b"001" + "ﾂｱ".encode("cp932").ljust(8) + b"ab  " + b"\r\n"  # C2 B1 is UTF-8 ±
    rows, findings, _ = read(tmp_path, data)
    assert rows == [(1, "001", "ﾂｱ      ", "ab  ")] and not findings


def test_fields_change_kind_from_batch_to_batch(tmp_path: Path) -> None:
    one = b"001" + "山田".encode("cp932").ljust(8) + b"ab  "
    two = b"002" + b"plain   " + "ｶﾅ".encode("cp932").ljust(4)
    rows, _, _ = read(tmp_path, one + b"\r\n" + two + b"\r\n" + one + b"\r\n", batch=SIZE + 2)
    assert [r[2:] for r in rows] == [
        ("山田    ", "ab  "),
        ("plain   ", "ｶﾅ  "),
        ("山田    ", "ab  "),
    ]


def test_line_ends_are_read_as_read_lines_reads_them(tmp_path: Path) -> None:
    good = b"001" + b"x" * 8 + b"abcd"
    crs = good[:-1] + b"\r\r\n"  # one CR is the line end, the other is data
    data = good + b"\r\n" + good + b"\n" + crs + good[:-2] + b"\r\n" + good + b"\r"
    rows, findings, count = read(tmp_path, data)
    assert (rows, findings, count) == reference(data)
    assert [r[0] for r in rows] == [1, 2, 3, 5] and rows[2][3] == "abc\r"
    assert findings == [(4, "row-shape", None, None)]


def test_a_stray_0x80_is_an_encoding_finding_wherever_it_is(tmp_path: Path) -> None:
    """Python's codec reads 0x80 as U+0080; it is no CP932 character: U+FFFD and a finding,
    also beside a CR in another value of the field (which once took another path)."""
    plain = b"001" + "山".encode("cp932") + b"\x80" + b" " * 5 + b"ab  " + b"\r\n"
    rows, findings, _ = read(tmp_path, plain)
    assert rows[0][2] == "山\ufffd     " and findings == [(1, "encoding", "NAME", 5)]
    with_cr = plain + b"002" + "山".encode("cp932") + b"\r" + b" " * 5 + b"ab  " + b"\r\n"
    rows, findings, _ = read(tmp_path, with_cr)
    assert [r[2] for r in rows] == ["山\ufffd     ", "山\r     "]
    assert findings == [(1, "encoding", "NAME", 5)]
