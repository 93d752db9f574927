"""CSV → XML → CSV is the identity, for every bundled spec, on data drawn from each item type's
characters plus what XML and CSV must escape: quotes, < > &, commas, newlines, CR, 外字."""

from __future__ import annotations

import tempfile
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout_tool.conversion.forms import convert_standard
from layout_tool.spec.catalogue import catalogue
from layout_tool.spec.model import AreaSpec, FileSpec, Item

AREAS = [entry.spec for entry in catalogue() if entry.spec is not None]

CLASSES = {
    "zenkaku": "山田太郎あいう漢字〜－　１２３髙﨑",
    "kana": "アイウエオヴーヽヾ　",
    "hankaku": "AZaz09 !#$%()*+-./:;=?@[]^_`{|}~",
    "text": "AaＡあ 1 ～",
    "digits": "0123456789",
    "number": "-.0123456789",
}
ESCAPES = "\"'<>&,\n\r\t ]]\ue000\U000f0000"


def values(item: Item) -> st.SearchStrategy[str | None]:
    alphabet = CLASSES.get(item.type, "0123456789") + ESCAPES
    text = st.text(alphabet=alphabet, min_size=1, max_size=max(2, min(item.length + 2, 12)))
    return st.none() | text


@st.composite
def table(draw: st.DrawFn, spec: AreaSpec) -> tuple[FileSpec, pl.DataFrame]:
    file = draw(st.sampled_from(spec.files))
    rows = draw(st.integers(min_value=0, max_value=6))
    data = {item.name: [draw(values(item)) for _ in range(rows)] for item in file.items}
    return file, pl.DataFrame(data, schema={item.name: pl.String for item in file.items})


def round_trip(spec: AreaSpec, file: FileSpec, frame: pl.DataFrame) -> tuple[bytes, bytes]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "in" / f"{file.filename or file.id}.csv"
        source.parent.mkdir()
        frame.write_csv(source, line_terminator="\n", null_value="")
        xml = convert_standard(spec, [source], folder / "xml", "xml", file_id=file.id)
        assert xml.ok, xml.to_dict()
        back = convert_standard(spec, [folder / "xml"], folder / "csv", "csv")
        assert back.ok, back.to_dict()
        assert [f.rows_out for f in back.files] == [frame.height]
        return source.read_bytes(), (folder / "csv" / source.name).read_bytes()


def test_every_bundled_area_is_covered() -> None:
    assert {s.id for s in AREAS} >= {"jumin", "kaigo"}


@pytest.mark.parametrize("spec", AREAS, ids=[s.id for s in AREAS])
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_csv_xml_csv_is_the_identity(spec: AreaSpec, data: st.DataObject) -> None:
    file, frame = data.draw(table(spec))
    original, again = round_trip(spec, file, frame)
    assert again == original
