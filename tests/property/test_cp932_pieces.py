"""CP932 decoded piece by piece (``io.cp932.cp932_to_utf8``) is the whole decoded at once.

The reader decodes a chunk in pieces of about 1 MB, cut after line feeds, so that the codec
does not hold the GIL for a whole chunk. Whatever the bytes (characters, stray single
bytes, lead bytes cut off before a line feed, user-defined 外字) and wherever the cuts fall,
the text and the bad bytes (offsets within the chunk) must be those of one decode.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from layout_tool.io.cp932 import cp932_to_utf8
from layout_tool.io.encoding import decode_reporting

# Pieces of CP932: ASCII, line ends, half-width kana, kanji, 外字 (F040), a lead byte with
# no trail, never-valid single bytes, a lead byte before a line feed.
ATOMS = st.sampled_from(
    [b"a", b",", b"0", b"\n", b"\r\n", b"\xb1", "山".encode("cp932"), "ー".encode("cp932"),
     b"\xf0\x40", b"\x82", b"\xa0", b"\x80", b"\xfd", b"\xff", b"\x82\n", b"\x81\x5c"]
)  # fmt: skip


@given(st.lists(ATOMS, max_size=200), st.integers(1, 64))
def test_pieces_decode_as_the_whole(atoms: list[bytes], piece: int) -> None:
    data = b"".join(atoms)
    text, bad = decode_reporting(data, "cp932")
    got, got_bad = cp932_to_utf8(data, piece=piece)
    assert got == text.encode("utf-8")
    assert got_bad == bad


def test_a_large_chunk_is_cut_into_pieces_at_line_feeds() -> None:
    line = "山田,ﾔﾏﾀﾞ,\ue000\n".encode("cp932")
    data = line * 5000 + b"\xff\n" + line * 5000
    text, bad = decode_reporting(data, "cp932")
    got, got_bad = cp932_to_utf8(data, piece=4096)
    assert got == text.encode("utf-8")
    assert [b.offset for b in got_bad] == [len(line) * 5000] == [b.offset for b in bad]


def test_validate_reports_the_same_stray_bytes_whatever_the_piece_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An Excel-saved CP932 export (CRLF) with stray bytes in two rows far apart: decoded in
    64-byte pieces, ``validate`` names the same rows, items and byte offsets as whole."""
    from layout_tool.io import csvsource
    from layout_tool.report.report import Filter, Report
    from layout_tool.sample import generate, write
    from layout_tool.spec.catalogue import load_area
    from layout_tool.validate import Options, validate_paths

    spec = load_area("kaigo")
    write(generate(spec, 200, 4), spec, tmp_path)
    path = sorted(tmp_path.glob("*.csv"))[0]
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    lines = text.encode("cp932").split(b"\n")
    for row in (3, 150):  # a stray byte at the end of a field (never valid in CP932)
        if row < len(lines) - 1:
            lines[row] = lines[row].replace(b",", b"\xff,", 1)
    path.write_bytes(b"\r\n".join(lines))
    options = Options(filter=Filter(max_findings=None), batch_bytes=8192)

    def shown(report: Report) -> list[tuple[object, ...]]:
        return sorted(
            (f.row, f.item, f.offset, str(f.message))
            for f in report.findings
            if f.code == "encoding"
        )

    whole = shown(validate_paths(spec, [path], options))
    monkeypatch.setattr(csvsource, "cp932_to_utf8", lambda data: cp932_to_utf8(data, piece=64))
    pieces = shown(validate_paths(spec, [path], options))
    assert len(whole) == 2
    assert all(offset is not None for _, _, offset, _ in whole)
    assert pieces == whole
