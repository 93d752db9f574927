"""Every registered reader yields the same rows for the same data, whatever its form.

The same records are written as CSV in UTF-8, CSV in CP932, fixed-width CP932 and an XML
document of the standard, then read back through the registry (``readers.open_reader``):
each form must give exactly the records written, in order, item by item.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout_tool.io.batch import ROW, col
from layout_tool.io.fixedwidth import FixedField, Layout, fit, write_records
from layout_tool.readers.protocol import ReadOptions
from layout_tool.readers.registry import FORMATS, open_reader
from layout_tool.spec.catalogue import load_area
from layout_tool.spec.model import FileSpec
from layout_tool.xml.writer import XmlWriter

AREA = load_area("jumin")
FILE = AREA.file("setai")
NARROW = "ABCXYZabcxyz0189-.,\"'&<>;:/ｱｲｳ"  # one CP932 byte each (ｱ: half-width kana)
WIDE = "山田太郎試験架空あいうアイウ漢字髙﨑"  # two CP932 bytes each


@st.composite
def records(draw: st.DrawFn) -> tuple[list[int], list[bool], list[tuple[str, ...]]]:
    """Per item a width in characters and whether it is double-byte; then the rows, each
    value exactly that wide (fixed-width pads with spaces, which the other forms keep)."""
    n = len(FILE.items)
    widths = draw(st.lists(st.integers(1, 4), min_size=n, max_size=n))
    wide = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    rows = draw(st.integers(0, 8))

    def value(i: int) -> st.SearchStrategy[str]:
        alphabet = WIDE if wide[i] else NARROW
        return st.text(alphabet=alphabet, min_size=widths[i], max_size=widths[i])

    data = [tuple(draw(value(i)) for i in range(n)) for _ in range(rows)]
    return widths, wide, data


def write_forms(
    folder: Path, fspec: FileSpec, widths: list[int], wide: list[bool], rows: list[tuple[str, ...]]
) -> dict[str, tuple[Path, ReadOptions]]:
    names = fspec.item_names
    frame = pl.DataFrame(rows, schema={n: pl.String for n in names}, orient="row")
    out: dict[str, tuple[Path, ReadOptions]] = {}
    utf8 = folder / "utf8.csv"
    frame.write_csv(utf8, line_terminator="\r\n")
    out["csv utf-8"] = (utf8, ReadOptions(area=AREA, file=fspec))
    cp932 = folder / "cp932.csv"
    cp932.write_bytes(utf8.read_text(encoding="utf-8").encode("cp932"))
    out["csv cp932"] = (cp932, ReadOptions(area=AREA, file=fspec, encoding="auto"))
    fields, start = [], 0
    for name, w, double in zip(names, widths, wide, strict=True):
        size = w * (2 if double else 1)
        fields.append(FixedField(name, start, size))
        start += size
    layout = Layout(tuple(fields), "crlf")
    fitted = frame.select(fit(pl.col(f.name), f.length)[0].alias(f.name) for f in fields)
    fixed = folder / "records.fix"
    with fixed.open("wb") as fh:
        write_records(fitted, names, "crlf", fh)
    out["fixed-width"] = (fixed, ReadOptions(area=AREA, file=fspec, layout=layout))
    xml = folder / "doc.xml"
    with xml.open("wb") as fh:
        writer = XmlWriter(fh, AREA, fspec)
        assert writer.write(frame).height == 0
        writer.close()
    out["xml"] = (xml, ReadOptions(area=AREA))
    return out


FORM_OF = {"csv utf-8": "csv", "csv cp932": "csv", "fixed-width": "fixed", "xml": "xml"}


def read_back(
    path: Path, options: ReadOptions, form: str, fspec: FileSpec
) -> list[tuple[str, ...]]:
    reader = open_reader(path, options, form)
    assert reader.format == form
    got: list[tuple[str, ...]] = []
    rows_seen = 0
    for section in reader.sections():
        assert section.file is not None and section.file.id == fspec.id
        for batch in section.batches:
            assert not [f for f in batch.findings if f.severity == "error"], batch.findings
            rows_seen += batch.records
            picked = batch.frame.sort(ROW).select(
                pl.col(col(section.positions[name])).alias(name) for name in fspec.item_names
            )
            got += [tuple(r) for r in picked.iter_rows()]
    assert rows_seen == len(got)
    return got


def test_every_form_of_the_registry_is_exercised() -> None:
    assert set(FORM_OF.values()) == set(FORMATS)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_each_reader_yields_the_same_rows(
    drawn: tuple[list[int], list[bool], list[tuple[str, ...]]],
) -> None:
    widths, wide, rows = drawn
    with tempfile.TemporaryDirectory() as tmp:
        forms = write_forms(Path(tmp), FILE, widths, wide, rows)
        for name, (path, options) in forms.items():
            assert read_back(path, options, FORM_OF[name], FILE) == rows, name
