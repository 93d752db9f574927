"""The streaming XML writer: escaping, empty items, unwritable rows, atomic output, re-check."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from lxml import etree

from layout_tool.spec.catalogue import load_area
from layout_tool.xml.reader import XmlSource
from layout_tool.xml.writer import Checksum, normalise, recheck, write_xml
from layout_tool.xml.xsd import build_xsd

SPEC = load_area("kaigo")
FILE = SPEC.file("hihokensha")
NAMES = [item.name for item in FILE.items]


def frame(values: dict[str, list[str | None]]) -> pl.DataFrame:
    height = len(next(iter(values.values())))
    return pl.DataFrame(
        {n: values.get(n, [None] * height) for n in NAMES}, schema={n: pl.String for n in NAMES}
    )


def read_back(path: Path) -> pl.DataFrame:
    source = XmlSource(SPEC, path)
    parts = [b.frame for s in source.sections() for b in s.batches]
    out = pl.concat(parts).drop("__row")
    out.columns = NAMES
    return out


def test_awkward_text_round_trips(tmp_path: Path) -> None:
    hard: list[str | None] = [
        "a&b<c>d",
        "x\r\ny",
        "\r",
        "tab\there",
        ' "quoted" ',
        "]]>",
        "外字\ue000",
        "\n\n",
    ]
    data = frame({"氏名": hard, "方書": [None, "", *hard[2:]]})
    out = tmp_path / "h.xml"
    written = write_xml(SPEC, FILE, [data], out)
    assert written.rows == len(hard) and written.rejected == []
    back = read_back(out)
    assert back["氏名"].to_list() == hard
    assert back["方書"].to_list() == [None, None, *hard[2:]]  # empty is missing


def test_missing_items_are_empty_elements_and_required_ones_fail_the_schema(
    tmp_path: Path,
) -> None:
    out = tmp_path / "h.xml"
    write_xml(SPEC, FILE, [frame({"氏名": ["山田"]})], out)
    text = out.read_text(encoding="utf-8")
    assert "<氏名>山田</氏名>" in text and "<方書/>" in text and "<保険者番号/>" in text
    assert text.count("\n") == 6  # declaration, root, file, one record, two end tags
    schema = etree.XMLSchema(etree.fromstring(build_xsd(SPEC)))
    assert not schema.validate(etree.parse(str(out)))


def test_rows_xml_cannot_carry_are_returned_not_written(tmp_path: Path) -> None:
    data = frame({"氏名": ["ok", "bell\x07", "also ok", "\ufffe"]}).with_row_index("__row", 1)
    out = tmp_path / "h.xml"
    written = write_xml(SPEC, FILE, [data], out)
    assert written.rows == 2
    assert pl.concat(written.rejected)["__row"].to_list() == [2, 4]
    assert read_back(out)["氏名"].to_list() == ["ok", "also ok"]


def test_a_failed_write_leaves_nothing(tmp_path: Path) -> None:
    def frames() -> Iterator[pl.DataFrame]:
        yield frame({"氏名": ["a"]})
        raise OSError("disk full")

    out = tmp_path / "h.xml"
    with pytest.raises(OSError, match="disk full"):
        write_xml(SPEC, FILE, frames(), out)
    assert list(tmp_path.iterdir()) == []


def test_the_recheck_notices_a_difference(tmp_path: Path) -> None:
    out = tmp_path / "h.xml"
    write_xml(SPEC, FILE, [frame({"氏名": ["a", "b"]})], out)
    wrong = Checksum()
    wrong.update(normalise(FILE, frame({"氏名": ["a", "c"]})))
    with pytest.raises(RuntimeError, match="reads back differently"):
        recheck(SPEC, FILE, out, wrong)
    out.write_text(out.read_text(encoding="utf-8")[:-30], encoding="utf-8")
    with pytest.raises(RuntimeError, match="does not read back"):
        recheck(SPEC, FILE, out, Checksum())
