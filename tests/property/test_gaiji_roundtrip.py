"""A 外字 table in a conversion: forward with the table, back with the same table, exactly.

The bundled lossless mappings' sample exports get awkward values (private-use characters,
vendor codes, IVS sequences) planted; ``convert --gaiji-map`` replaces what the table names,
and ``convert --reverse --gaiji-map`` with the same table writes the vendor's 外字 again, so
every accepted row comes back byte for byte — unless the input already held a target of the
table as ordinary text, which the report counts (and the test then skips the comparison).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_mapping_roundtrip import SAMPLES, _mutate, _records, _rejected_rows

from layout_tool.conversion import ConvertOptions, convert
from layout_tool.gaiji.maptable import parse_map
from layout_tool.mapping import load_mapping

TABLE = parse_map(
    "source,target\nU+E000,U+845B U+E0100\nU+E001,U+FA11\n#G1,𠮷\n#G12,U+9DD7\n", "gaiji.csv"
)
PIECES = ["\ue000", "\ue001", "\ue002", "#G1", "#G12", "#G", "葛", "田", "\u3000", "ｱ", "1"]
VALUES = st.lists(st.sampled_from(PIECES), min_size=1, max_size=5).map("".join)


@pytest.mark.parametrize("name", ["kakuu-densan/jumin", "kaso-systems/jumin"])
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    edits=st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 30), st.integers(0, 40), VALUES),
        min_size=1,
        max_size=4,
    )
)
def test_mapped_gaiji_come_back_exactly(name: str, edits: list[tuple[int, int, int, str]]) -> None:
    mapping = load_mapping(name)
    with tempfile.TemporaryDirectory() as tmp:
        vendor, std, back = Path(tmp) / "v", Path(tmp) / "s", Path(tmp) / "b"
        shutil.copytree(SAMPLES / name, vendor)
        _mutate(mapping, vendor, edits)
        report = convert(mapping, [vendor], std, ConvertOptions(gaiji_map=TABLE))
        for f in report.files:
            assert f.rows_in == f.rows_out + f.rows_rejected
        assume(all(f.gaiji_clashes == 0 for f in report.files))
        for path in std.glob("*.csv"):  # what the table names is gone from the output
            text = path.read_text(encoding="utf-8")
            assert "\ue000" not in text and "\ue001" not in text and "#G1" not in text
        convert(mapping, [std], back, ConvertOptions(reverse=True, gaiji_map=TABLE))
        rejected = _rejected_rows(std)
        for f in report.files:
            source = mapping.source(f.source)
            original = _records(mapping, source.id, vendor / source.file)
            gone = rejected.get(Path(f.output).stem, set())
            kept = [r for i, r in enumerate(original, start=1) if i not in gone]
            assert _records(mapping, source.id, back / source.file) == kept
