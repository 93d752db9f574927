"""The CSV reader's fast path: one reused read buffer, and no sentinels for regular batches.

``chunks`` must hand back every byte once, cut only between records; ``read_regular`` may
take a batch only when every line has exactly n fields, and must then read it as the
sentinel path would. It trusts polars to make one row of every line, blank ones included:
the blank-line tests here are what would notice a polars that skipped them.
"""

from __future__ import annotations

import io
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout_tool.io.batch import col
from layout_tool.io.csvparse import chunks, read_marked, read_regular, shape_check, split_point
from layout_tool.io.csvsource import CsvSource

# --- chunks ---------------------------------------------------------------------------------


def csv_bytes() -> st.SearchStrategy[bytes]:
    """Records of short fields, some quoted with commas, quotes and newlines inside."""
    plain = st.text("ab1,", max_size=6)
    quoted = st.text('ab,\n"', max_size=6).map(lambda s: '"' + s.replace('"', '""') + '"')
    record = st.lists(st.one_of(plain, quoted), min_size=1, max_size=4).map(",".join)
    ends = st.sampled_from(["\n", "\r\n"])
    return st.lists(st.tuples(record, ends).map("".join), max_size=30).map(
        lambda rs: "".join(rs).encode()
    ) | st.binary(max_size=200)


@settings(max_examples=300, deadline=None)
@given(csv_bytes(), st.integers(1, 64))
def test_chunks_return_every_byte_cut_between_records(data: bytes, size: int) -> None:
    parts = list(chunks(io.BytesIO(data), size))
    assert b"".join(parts) == data
    assert all(parts)
    for part in parts[:-1]:  # each cut is after a newline outside quotes
        assert part.endswith(b"\n") and part.count(b'"') % 2 == 0


def test_a_record_longer_than_the_buffer_is_read_whole() -> None:
    long = b'"' + b"x\n" * 200 + b'",y\n'
    data = b"a,b\n" + long + b"c,d\n"
    parts = list(chunks(io.BytesIO(data), 16))
    assert parts[0] == b"a,b\n" and parts[1].startswith(long)
    assert b"".join(parts[1:]) == long + b"c,d\n"


def test_split_point_reads_only_up_to_end() -> None:
    buf = bytearray(b'a\nb\n"c\n')
    assert split_point(buf) == 4  # the newline in the open quote does not count
    assert split_point(buf, end=3) == 2
    assert split_point(buf, end=1) == -1
    assert split_point(buf, first=True, end=5) == 2


# --- read_regular ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"1,2,3\n\n4,5,6\n",  # a blank line
        b"1,2,3\r\n\r\n4,5,6\r\n",  # a blank CRLF line
        b"1,2,3\n4,5,6\n\n",  # a blank last line
        b"1,2\n4,5,6,7\n",  # fields that add up, on the wrong lines
        b"1,2,3\n4,5\n",
        b"1,2,3\n4,5,6,7\n",
        b'1,"2",3\n',  # quotes take the sentinel path
    ],
)
def test_irregular_batches_are_not_read_fast(data: bytes) -> None:
    assert read_regular(data, 3, ",") is None


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(st.text("ab1 \u3042\t\x00", max_size=4), min_size=0, max_size=5),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from([b"\n", b"\r\n"]),
    st.integers(2, 4),
)
def test_read_fast_exactly_when_every_line_has_n_fields(
    lines: list[list[str]], end: bytes, n: int
) -> None:
    """Read fast iff every line has n fields, whichever proof (byte sum, or CR: count) runs."""
    data = end.join(",".join(f).encode() for f in lines) + end
    fast = read_regular(data, n, ",")
    regular = all(len(f) == n for f in lines)
    if not regular:
        assert fast is None
    else:
        assert fast is not None
        assert [[v or "" for v in row] for row in fast.rows()] == lines


def test_polars_makes_a_row_of_every_line() -> None:
    """The premise of read_regular's count: blank and blank-looking lines are rows too."""
    data = b"1,2,3\n\n \n\r\n4,5,6\n\n"
    frame = pl.read_csv(
        data,
        has_header=False,
        schema={col(i): pl.String for i in range(3)},
        truncate_ragged_lines=False,
        quote_char=None,
    )
    assert frame.height == data.count(b"\n")


@pytest.mark.parametrize("end", [b"\n", b"\r\n"])
def test_regular_batches_read_as_the_sentinel_path_does(end: bytes) -> None:
    lines = [b"a,,c", b",b,", b"  ,x y,\xe3\x81\x82", b",,"]
    data = end.join(lines) + end
    fast = read_regular(data, 3, ",")
    assert fast is not None
    marked = data.replace(end, b"," + b"\x01" + end)
    slow = read_marked(marked, 3)
    assert slow is not None
    slow, problems = shape_check(slow.with_row_index("__row", offset=1), 3)
    assert problems == []
    assert fast.rows() == slow.drop("__row").rows()
    assert fast.rows()[0] == ("a", None, "c") and fast.rows()[3] == (None, None, None)


def test_blank_lines_in_an_unquoted_file_are_row_shape_findings(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(b"a,b\n1,2\n\n3,4\r\n\r\n5,6\n\n")
    src = CsvSource(path)
    rows, found = [], []
    for batch in src.batches(2):
        rows += batch.frame.rows()
        found += [(f.row, f.text("en")) for f in batch.findings]
    assert rows == [(1, "1", "2"), (3, "3", "4"), (5, "5", "6")]
    assert found == [(2, "empty line"), (4, "empty line")]  # the one at the end is no record
    assert [f.text("en") for f in src.header_findings] == [
        "1 blank line(s) at the end of the file: not read as records"
    ]


@pytest.mark.parametrize(
    ("end", "blank"),
    [(b"\n", 0), (b"", 0), (b"\n\n", 1), (b"\r\n\r\n\r\n", 2), (b"\r\n\n", 1), (b"\r", 0)],
)
def test_blank_lines_that_end_a_file_are_no_records(tmp_path: Path, end: bytes, blank: int) -> None:
    """An export's extra line end is not a record: the rows match the sender's 件数表, and the
    file's SHA-256 is still of every byte."""
    import hashlib

    path = tmp_path / "f.csv"
    data = b"a,b\r\n1,2\r\n3,4" + end
    path.write_bytes(data)
    src = CsvSource(path)
    digest = hashlib.sha256()
    digest.update(data[: src.data_start])
    records = sum(b.records for b in src.batches(2, digest=digest))
    assert records == 2
    assert digest.hexdigest() == hashlib.sha256(data).hexdigest()
    assert len(src.header_findings) == (1 if blank else 0)
    if blank:
        assert src.header_findings[0].severity == "warning"
        assert src.header_findings[0].text("en").startswith(f"{blank} blank line(s)")


# --- a byte-order mark inside the file (two exports joined, the second saved with one) -------

BOM_JOINED = b"".join(b"%d,x\n" % i for i in range(10)) + "\ufeff10,y\n11\n12\n13\n14,z\n".encode()


def test_a_batch_that_starts_with_a_bom_is_not_read_fast() -> None:
    # polars drops a leading BOM, so its 3 bytes would hide 3 missing fields from the proof
    assert read_regular(b"\xef\xbb\xbf1,2\n3\n4\n5\n", 2, ",") is None


def _read_all(path: Path, batch_bytes: int) -> tuple[list[tuple[int | None, str]], list[tuple]]:  # type: ignore[type-arg]
    source = CsvSource(path, has_header=False, batch_bytes=batch_bytes)
    found: list[tuple[int | None, str]] = []
    rows: list[tuple] = []  # type: ignore[type-arg]
    for batch in source.batches(2):
        found += [(f.row, f.code) for f in batch.findings]
        rows += batch.frame.rows()
    return found, rows


def test_a_bom_inside_the_file_reads_the_same_wherever_a_batch_starts(tmp_path: Path) -> None:
    path = tmp_path / "joined.csv"
    path.write_bytes(BOM_JOINED)
    found, rows = _read_all(path, 1 << 20)
    assert found == [(12, "row-shape"), (13, "row-shape"), (14, "row-shape")]
    assert (11, "\ufeff10", "y") in rows  # the mark stays in the value: a type finding later
    for size in range(4, len(BOM_JOINED) + 2):
        assert _read_all(path, size) == (found, rows), size
