"""A ``distinct`` target never holds its whole source: it converts batch by batch (the
batches spilled to disk, only the group keys, ranks and counts kept), and its output and
reports do not depend on how the source is cut into batches."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from layout_tool.conversion import ConvertOptions, convert
from layout_tool.conversion import derive as derive_module
from layout_tool.io.batch import Batch
from layout_tool.mapping import load_mapping

ROOT = Path(__file__).resolve().parents[2]
WIDE = ROOT / "sample_data" / "vendors" / "shisaku-data" / "jumin" / "JUMIN_ICHIRAN.csv"

SMALL = """\
mapping: 1
name: distinct spill
vendor: test
area: jumin
lossless: false
sources:
  - id: s
    file: WIDE.csv
    format: csv
    encoding: utf-8
    fields: [宛名番号, 最新, 世帯番号, 続柄, 氏, 名]
targets:
  - file: setai
    source: s
    where: {最新: "1"}
    distinct: [世帯番号]
    pick: [{where: {続柄: "2"}}]
    items:
      市区町村コード: {const: "990019"}
      世帯番号: 世帯番号
      世帯主の宛名番号: 宛名番号
      世帯主氏名: {join: [氏, 名]}
      世帯状態: {const: "1"}
      世帯員数: {count: {where: {続柄: {not: "2"}}}}
"""
HEADER = "宛名番号,最新,世帯番号,続柄,氏,名"
# 世帯 …01 and …02 span the batches; …03 has no 世帯主 (unpicked, rejected); row 6 is too
# short (row-shape, rejected as read); row 8 is not 最新 (filtered)
ROWS = [
    "999910000000001,1,999920000000001,2,見本,太郎",
    "999910000000002,1,999920000000002,12,見本,花子",
    "999910000000003,1,999920000000003,20,試験,一郎",
    "999910000000004,1,999920000000001,12,試験,次郎",
    "999910000000005,1,999920000000003,20,例示,三郎",
    "999910000000006,1,999920000000002",
    "999910000000007,1,999920000000002,2,例示,四郎",
    "999910000000008,0,999920000000001,2,例示,五郎",
    "999910000000009,1,999920000000002,20,例示,六郎",
]


def _outputs(out: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(out)): p.read_bytes().replace(str(out).encode(), b"OUT")
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


def _count_batches(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The heights of the batches each ``distinct`` target hands to its plan."""
    heights: list[int] = []
    real = derive_module.derive

    def counting(batches: Iterator[Batch], target, source, counts) -> Iterator[Batch]:  # type: ignore[no-untyped-def]
        for batch in real(batches, target, source, counts):
            if target.distinct:
                heights.append(batch.frame.height)
            yield batch

    monkeypatch.setattr(derive_module, "derive", counting)
    return heights


@pytest.mark.parametrize("case", ["small", "wide"])
def test_tiny_batches_give_the_same_output_batch_by_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    if case == "small":
        path = tmp_path / "m.yaml"
        path.write_text(SMALL, encoding="utf-8")
        mapping = load_mapping(path)
        src = tmp_path / "WIDE.csv"
        src.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    else:
        mapping = load_mapping("shisaku-data/jumin")
        src = WIDE
    whole = convert(mapping, [src], tmp_path / "full" / "out")
    heights = _count_batches(monkeypatch)
    monkeypatch.setattr(derive_module, "FOLD_ROWS", 1)  # fold the groups after every batch
    tiny = convert(mapping, [src], tmp_path / "tiny" / "out", ConvertOptions(batch_bytes=128))
    # batch by batch: never the whole source as one batch, none bigger than a read batch
    assert len(heights) > 3 and max(heights) < sum(heights)
    assert _outputs(tmp_path / "full" / "out") == _outputs(tmp_path / "tiny" / "out")
    assert whole.to_dict() == tiny.to_dict() or _same_but_paths(whole.to_dict(), tiny.to_dict())
    for f in tiny.files:
        assert f.rows_in == f.rows_out + f.rows_rejected + f.rows_filtered + f.rows_merged
    if case == "small":
        (setai,) = tiny.files
        # rows: 3 groups picked from 8 最新 rows of 9; …03 unpicked; row 6 row-shape
        assert (setai.rows_in, setai.rows_out, setai.rows_rejected) == (9, 2, 2)
        assert (setai.rows_filtered, setai.rows_merged) == (1, 4)


def _same_but_paths(a: object, b: object) -> bool:
    return str(a).replace("/full/", "/x/") == str(b).replace("/tiny/", "/x/")


@pytest.mark.parametrize("batch_bytes", [None, 128])
def test_a_short_row_keeps_its_text_as_read_in_the_rejects(
    tmp_path: Path, batch_bytes: int | None
) -> None:
    """A row the reader cannot split goes to the rejects with the record as read (``raw``),
    also through a ``where`` filter and a ``distinct`` target's spilled batches."""
    import csv
    import json

    path = tmp_path / "m.yaml"
    path.write_text(SMALL, encoding="utf-8")
    src = tmp_path / "WIDE.csv"
    src.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    convert(load_mapping(path), [src], out, ConvertOptions(batch_bytes=batch_bytes))
    (rejects,) = sorted(out.rglob("*.rejects.csv"))
    with rejects.open(encoding="utf-8-sig", newline="") as fh:
        rows = {r["row"]: r for r in csv.DictReader(fh)}
    assert json.loads(rows["6"]["raw"]) == ROWS[5]  # the record as read, JSON-quoted
    assert "row-shape" in rows["6"]["codes"]
