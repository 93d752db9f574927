"""The fixed-width reader's quick paths give what the careful ones give.

A chunk whose records all have the layout's length and the same line end is cut into
records in one call (an Avro data block, see ``fixedwidth``); any other chunk is split at
its line feeds.
Decoded values come back as a column through polars' CSV reader unless they hold what that
reader would read otherwise (``cp932.lines``).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout_tool.io import cp932
from layout_tool.io.fixedwidth import FixedField, FixedWidthSource, Layout

FIELDS = (FixedField("ID", 0, 3), FixedField("NAME", 3, 8), FixedField("KANA", 11, 4))
SIZE = 15


def cp(text: str) -> bytes:
    return text.encode("cp932")


def read(
    tmp_path: Path, data: bytes, layout: Layout, batch: int = 1 << 20, quick: bool = True
) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]], int, int]:
    """Rows, findings, records, and how many chunks took the one-call cut (none if not
    ``quick``: every chunk is split at its line feeds)."""
    path = tmp_path / "in.dat"
    path.write_bytes(data)
    source = FixedWidthSource(path, layout, batch_bytes=batch)
    cuts = 0
    uniform = source._uniform

    def counted(chunk: bytes, records: int) -> tuple[int, int] | None:
        nonlocal cuts
        found = uniform(chunk, records) if quick else None
        cuts += found is not None
        return found

    source._uniform = counted  # type: ignore[method-assign]
    rows: list[tuple[object, ...]] = []
    findings: list[tuple[object, ...]] = []
    records = 0
    for b in source.batches():
        rows += b.frame.rows()
        findings += [(f.row, f.code, f.item, f.offset) for f in b.findings]
        records += b.records
    return rows, findings, records, cuts


def careful(tmp_path: Path, data: bytes, layout: Layout, batch: int = 1 << 20) -> object:
    """The same file read with every chunk split at its line feeds."""
    return read(tmp_path, data, layout, batch, quick=False)[:3]


BAD = {3: 1, 4: 1, 5: 5}  # encoding findings of each of these records (by its ID)
RECORDS = [  # each SIZE bytes
    b"001" + cp("山田太郎") + cp("ﾔﾏﾀﾞ"),
    b"002" + cp("髙\ue000～").ljust(8) + b"ab  ",
    b"003" + b"\x81 " + b"x" * 6 + cp("÷") + b"  ",  # a lead byte alone: an encoding finding
    b"004" + b"abcdefg" + cp("太")[:1] + cp("太")[1:] + b"cd ",  # a character cut by a boundary
    b"005" + b"\x80\xa0\xfd\xfe\xff" + b"   " + b"abcd",
]


@pytest.mark.parametrize("newline", ["crlf", "lf", "none"])
@pytest.mark.parametrize("batch", [SIZE + 2, 3 * (SIZE + 2), 1 << 20])
def test_regular_chunks_are_cut_in_one_call_and_read_alike(
    tmp_path: Path, newline: str, batch: int
) -> None:
    end = {"crlf": b"\r\n", "lf": b"\n", "none": b""}[newline]
    data = b"".join(r + end for r in RECORDS * 3)
    layout = Layout(FIELDS, newline)
    rows, findings, records, quick = read(tmp_path, data, layout, batch)
    assert quick > 0
    assert (rows, findings, records) == careful(tmp_path, data, layout, batch)
    assert records == 15 and len(rows) == 15
    expected = [row for row in range(1, 16) for _ in range(BAD.get((row - 1) % 5 + 1, 0))]
    assert [f[0] for f in findings if f[1] == "encoding"] == expected


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(RECORDS[0] + b"\r\n" + RECORDS[1] + b"\n", id="crlf-then-lf"),
        pytest.param(RECORDS[0] + b"\r\n" + RECORDS[1][:-1] + b"\r\n", id="a-short-record"),
        pytest.param(RECORDS[0][:-1] + b"\r\n" + RECORDS[1][:-1] + b"\r\n", id="all-short"),
        pytest.param(RECORDS[0][:-1] + b"\r\n" + RECORDS[1][:-1] + b"\r\r\n", id="cr-as-data"),
        pytest.param(RECORDS[0][:3] + b"\n" + RECORDS[0][4:] + b"\r\n", id="lf-in-a-record"),
        pytest.param(RECORDS[0][:-1] + b"\r\n" + RECORDS[1][:-1] + b"\r\n\n", id="empty-line"),
    ],
)
@pytest.mark.parametrize("newline", ["crlf", "lf"])
def test_irregular_chunks_take_the_careful_path(tmp_path: Path, data: bytes, newline: str) -> None:
    layout = Layout(FIELDS, newline)
    got = read(tmp_path, data, layout)
    assert got[3] == 0
    assert got[:3] == careful(tmp_path, data, layout)


def test_a_cr_as_the_last_byte_of_lf_records_is_a_line_end(tmp_path: Path) -> None:
    """LF records of the layout's length whose last byte is a CR are one byte short."""
    data = b"".join(r[:-1] + b"\r\n" for r in RECORDS[:2])
    rows, findings, records, quick = read(tmp_path, data, Layout(FIELDS, "lf"))
    assert quick == 0 and rows == [] and records == 2
    assert [f[1] for f in findings] == ["row-shape", "row-shape"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=6).filter(lambda t: "\n" not in t), max_size=30))
def test_lines_give_back_the_values(values: list[str]) -> None:
    column = cp932.lines("\n".join(values), len(values))
    assert column.dtype == pl.String and column.to_list() == values


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.sampled_from(RECORDS), min_size=1, max_size=12),
    st.sampled_from(["crlf", "lf", "none"]),
    st.sampled_from([SIZE + 2, 40, 1 << 20]),
)
def test_any_mix_of_records_reads_as_the_careful_path_reads(
    tmp_path: Path, records: list[bytes], newline: str, batch: int
) -> None:
    end = {"crlf": b"\r\n", "lf": b"\n", "none": b""}[newline]
    data = b"".join(r + end for r in records)
    layout = Layout(FIELDS, newline)
    assert read(tmp_path, data, layout, batch)[:3] == careful(tmp_path, data, layout, batch)
