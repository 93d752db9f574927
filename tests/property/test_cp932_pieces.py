"""CP932 decoded piece by piece (``io.cp932.cp932_to_utf8``) is the whole decoded at once.

The reader decodes a chunk in pieces of about 1 MB, cut after line feeds, so that the codec
does not hold the GIL for a whole chunk. Whatever the bytes (characters, stray single
bytes, lead bytes cut off before a line feed, user-defined 外字) and wherever the cuts fall,
the text and the bad bytes (offsets within the chunk) must be those of one decode.
"""

from __future__ import annotations

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
