"""A quote inside an unquoted value (``身長5'2"``) is the value's own character.

The csv module reads it so, and so must the reader's record-by-record path (``fallback``),
which once joined every line from one such quote to the next into one "record" and kept
only its first line: the records between two stray quotes vanished, with no finding and a
report whose counts still added up.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from layout_tool.io.csvparse import SENTINEL, fallback, open_quote, record_texts
from layout_tool.io.csvsource import CsvSource
from layout_tool.spec.catalogue import load_area
from layout_tool.validate import Options, validate_paths


def test_records_between_two_stray_quotes_are_kept() -> None:
    frame = fallback('a,5"x,c\r\nd,e,f\r\ng,7"y,i\r\nj,k,l\r\n', 3)
    assert [r[:3] for r in frame.rows()] == [
        ("a", '5"x', "c"),
        ("d", "e", "f"),
        ("g", '7"y', "i"),
        ("j", "k", "l"),
    ]
    assert all(r[3] == SENTINEL for r in frame.rows())  # each has its 3 fields


def test_a_quote_opens_a_field_only_where_the_field_starts() -> None:
    assert open_quote('a,"b') and open_quote('"b') and open_quote('a,"b""c')
    assert not open_quote('a,5"x') and not open_quote('a,"b"') and not open_quote('a,"b""c"')
    assert open_quote("x\nmore", inside=True) and not open_quote('x"\n', inside=True)
    assert open_quote('a\t"b', delimiter="\t") and not open_quote('a,"b', delimiter="\t")


# A value: plain text that may hold a quote anywhere but at its start, or a quoted value
# (with doubled quotes, commas and line feeds inside).
PLAIN = st.text("ab\"5', ", max_size=6).filter(lambda v: not v.startswith('"') and "," not in v)
QUOTED = st.text('ab,\n"', max_size=6).map(lambda v: '"' + v.replace('"', '""') + '"')
RECORD = st.lists(PLAIN | QUOTED, min_size=3, max_size=3).map(",".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(RECORD, min_size=1, max_size=25))
def test_fallback_reads_every_record_the_csv_module_reads(records: list[str]) -> None:
    text = "".join(r + "\r\n" for r in records)
    expected = list(csv.reader(io.StringIO(text, newline="")))
    frame = fallback(text, 3)
    assert frame.height == len(expected) == len(records)
    got = [[v or "" for v in row[:3]] for row in frame.rows()]
    assert got == expected
    raw = record_texts(text.encode(), 0, set(range(1, len(records) + 1)))
    assert [raw[i + 1] for i in range(len(records))] == records


def test_a_file_with_two_stray_quotes_keeps_every_row(tmp_path: Path) -> None:
    spec = load_area("jumin")
    fspec = spec.file("kojin")
    names = [i.name for i in fspec.items]
    pos = names.index("方書")
    lines = []
    for i in range(24):
        row = [""] * len(names)
        row[names.index("宛名番号")] = f"{900000000000001 + i}"
        row[pos] = '見本5"号' if i in (2, 9) else "見本"
        lines.append(",".join(row))
    lines[5] = '"' + lines[5]  # and a broken line, so the batch is read record by record
    path = tmp_path / "JUMIN_KOJIN.csv"
    path.write_text(",".join(names) + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    source = CsvSource(path)
    assert sum(b.records for b in source.batches(len(names))) == 24
    report = validate_paths(spec, [path], Options(file_id="kojin"))
    assert report.rows == 24
