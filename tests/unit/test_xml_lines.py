"""Record lines of XML documents in bounded memory (issue 15): ``xml.lines.LineStore``."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from layout_tool.conversion.forms import convert_standard
from layout_tool.spec.catalogue import load_area
from layout_tool.validate import validate_paths
from layout_tool.xml import lines as lines_module
from layout_tool.xml.lines import LineStore

FAULTY = Path(__file__).resolve().parents[2] / "sample_data" / "faulty" / "jumin"
INT32 = st.integers(min_value=-(2**31), max_value=2**31 - 1)


@given(
    pieces=st.lists(st.lists(INT32, max_size=12), max_size=12),
    chunk=st.integers(min_value=1, max_value=20),
)
def test_a_line_store_gives_back_what_went_in_holding_less_than_a_chunk(
    pieces: list[list[int]], chunk: int
) -> None:
    store = LineStore(chunk)
    data: list[int] = []
    try:
        for piece in pieces:
            store.extend(piece)
            data += piece
            assert len(store.held) < chunk  # the rest is on disk
            assert len(store) == len(data)
        assert list(store) == data
        assert [store[i] for i in range(len(data))] == data
        if data:
            assert store[-1] == data[-1]
        with pytest.raises(IndexError):
            store[len(data)]
    finally:
        store.close()


def test_validate_holds_a_chunk_of_lines_not_one_per_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fails if the lines of every record came back into memory: with a chunk of 2 lines,
    no store holds more than that, and every finding is still located (the cross-file ones,
    found after the last batch, read their lines back from disk)."""
    spec = load_area("jumin")
    assert convert_standard(spec, [FAULTY], tmp_path, "xml").ok
    stores: list[LineStore] = []
    most = 0
    extend = LineStore.extend

    def spy(self: LineStore, lines: object) -> None:
        nonlocal most
        if self not in stores:
            stores.append(self)
        extend(self, lines)  # type: ignore[arg-type]
        most = max(most, len(self.held))

    monkeypatch.setattr(lines_module, "CHUNK", 2)
    monkeypatch.setattr(LineStore, "extend", spy)
    report = validate_paths(spec, [tmp_path])
    assert report.rows > 100 and stores and most < 2
    on_records = [f for f in report.findings if f.row is not None]
    assert {f.code for f in on_records} >= {"key-duplicate", "reference", "rule", "type"}
    for f in on_records:
        assert f.row is not None
        assert f.line == f.row + 3  # declaration, root, file element, then a record a line
        where = f"/移行データ/{f.file_id}/レコード[{f.row}]"
        assert f.xpath is not None and f.xpath.startswith(where)
    assert all(len(s) == 0 for s in stores)  # closed once the findings are located
