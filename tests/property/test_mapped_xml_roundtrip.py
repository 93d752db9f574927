"""Mapped conversions through the XML form agree with the CSV form on awkward input.

The bundled sample exports get awkward values planted (the strategy of
``test_mapping_roundtrip``: 〜 ～, half-width kana, 外字, blanks, boundary dates, ``&`` and
``<`` that XML must escape); converting with ``--to xml`` and with ``--to csv`` gives the
same counts and findings, and ``--reverse`` from either gives the same vendor files.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_mapping_roundtrip import SAMPLES, VALUES, _mutate

from layout_tool.conversion import ConvertOptions, convert
from layout_tool.mapping import load_mapping

XML_AWKWARD = st.sampled_from(["&", "<", ">", "&amp;", "]]>", "\r", "\t", "'", '"'])
EDIT_VALUES = VALUES | st.lists(XML_AWKWARD | VALUES, min_size=1, max_size=4).map("".join)


def _without_paths(report_json: Path) -> dict[str, object]:
    report = json.loads(report_json.read_text(encoding="utf-8"))
    return {"summary": report["summary"], "findings": [
        {k: v for k, v in f.items() if k != "file"} for f in report["findings"]
    ]}  # fmt: skip


@pytest.mark.parametrize("name", ["kakuu-densan/kojin_juminzei", "kaso-systems/jumin"])
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    edits=st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 30), st.integers(0, 40), EDIT_VALUES),
        max_size=4,
    )
)
def test_xml_and_csv_routes_agree(name: str, edits: list[tuple[int, int, int, str]]) -> None:
    mapping = load_mapping(name)
    with tempfile.TemporaryDirectory() as tmp:
        vendor = Path(tmp) / "v"
        shutil.copytree(SAMPLES / name, vendor)
        _mutate(mapping, vendor, edits)
        backs = {}
        for to in ("csv", "xml"):
            std, back = Path(tmp) / f"s-{to}", Path(tmp) / f"b-{to}"
            report = convert(mapping, [vendor], std, ConvertOptions(to=to))
            assert all(f.rows_in == f.rows_out + f.rows_rejected for f in report.files)
            backs[to] = (_without_paths(std / "conversion" / "report.json"), back)
            again = convert(mapping, [std], back, ConvertOptions(reverse=True))
            assert again.rows_rejected == 0  # what was accepted goes back
        (csv_report, csv_back), (xml_report, xml_back) = backs["csv"], backs["xml"]
        assert xml_report == csv_report
        for source in mapping.sources:
            if (csv_back / source.file).exists():
                assert (xml_back / source.file).read_bytes() == (
                    csv_back / source.file
                ).read_bytes()
