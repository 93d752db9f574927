"""Seeded faults: exactly K, on distinct rows, each breaking exactly the check it names."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from layout_tool.checks.items import finding_code, gaiji_present
from layout_tool.errors import LayoutToolError
from layout_tool.sample import (
    FAULT_CODES,
    Fault,
    generate,
    sample_to_dir,
    seed_faults,
    supported_codes,
)
from layout_tool.sample.oracle import cross_row
from layout_tool.spec.catalogue import catalogue, load_area
from layout_tool.spec.model import AreaSpec

BUNDLED = [e.id for e in catalogue() if e.spec is not None]
PER_CELL = {"required", "type", "length", "code", "date", "check-digit", "gaiji"}


def _changed_cells(before: pl.DataFrame, after: pl.DataFrame) -> list[tuple[int, str]]:
    cells = []
    for name in before.columns:
        differs = (before[name].ne_missing(after[name])).arg_true().to_list()
        cells += [(row, name) for row in differs]
    return cells


@pytest.mark.parametrize("area", BUNDLED)
def test_k_faults_each_with_its_own_finding(area: str) -> None:
    spec = load_area(area)
    clean = generate(spec, 200, 5)
    frames, faults = seed_faults(clean, spec, 12, 5)
    assert len(faults) == 12
    assert len({(f.file_id, f.row) for f in faults}) == 12
    assert {f.code for f in faults} == set(supported_codes(spec))
    for fault in faults:
        item = spec.file(fault.file_id).item(fault.item)
        value = frames[fault.file_id][fault.item][fault.row - 1]
        cell = pl.DataFrame({"v": [value]}, schema={"v": pl.String}).select(
            finding_code(item, pl.col("v"), dict(spec.codes)).alias("c"),
            gaiji_present(pl.col("v")).alias("g"),
        )
        code, gaiji = cell["c"][0], cell["g"][0]
        if fault.code == "gaiji":
            assert (code, gaiji) == (None, True), fault
        elif fault.code in PER_CELL:
            assert (code, gaiji) == (fault.code, False), fault
            assert value != clean[fault.file_id][fault.item][fault.row - 1]
    cross = {(f.code, f.file_id, f.row, f.item) for f in faults if f.code not in PER_CELL}
    assert set(cross_row(spec, frames)) == cross
    assert sum(cross_row(spec, frames).values()) == len(cross)
    for file_id in clean:
        rows = {row + 1 for row, _ in _changed_cells(clean[file_id], frames[file_id])}
        mine = [f for f in faults if f.file_id == file_id]
        # One changed row per fault; a rule fault is reported on its group's first row instead.
        assert len(rows) == len(mine)
        assert {f.row for f in mine if f.code != "rule"} <= rows


def test_faults_are_deterministic() -> None:
    spec = load_area("kotei")
    clean = generate(spec, 100, 1)
    first = seed_faults(clean, spec, 8, 3)
    second = seed_faults(clean, spec, 8, 3)
    assert first[1] == second[1]
    assert all(first[0][f].equals(second[0][f]) for f in first[0])
    assert seed_faults(clean, spec, 8, 4)[1] != first[1]


def test_no_rule_faults_without_rules() -> None:
    spec = load_area("kotei")
    assert "rule" not in supported_codes(spec)
    assert "rule" in supported_codes(load_area("jumin"))
    assert set(supported_codes(load_area("jumin"))) == set(FAULT_CODES)


def test_too_many_faults_for_the_data_is_an_error() -> None:
    spec = load_area("kouki")
    clean = generate(spec, 2, 1)
    with pytest.raises(LayoutToolError, match="cannot seed"):
        seed_faults(clean, spec, 50, 1)


def test_faults_csv_lists_the_faults(tmp_path: Path) -> None:
    spec = load_area("jumin")
    paths = sample_to_dir(spec, 150, 2, tmp_path, faults=12)
    assert paths[-1] == tmp_path / "faults.csv"
    listed = pl.read_csv(tmp_path / "faults.csv", schema_overrides={"row": pl.Int64})
    assert listed.columns == ["code", "file_id", "row", "item"]
    assert listed.height == 12
    expected = seed_faults(generate(spec, 150, 2), spec, 12, 2)[1]
    assert [Fault(*row) for row in listed.iter_rows()] == expected
    kojin = pl.read_csv(tmp_path / "JUMIN_KOJIN.csv", infer_schema=False)
    faulted = seed_faults(generate(spec, 150, 2), spec, 12, 2)[0]["kojin"]
    assert kojin.equals(faulted)


def test_faults_on_one_file_only(tmp_path: Path) -> None:
    spec: AreaSpec = load_area("jumin")
    frames = generate(spec, 60, 1, "ido_rireki")
    _, faults = seed_faults(frames, spec, 9, 1)
    assert {f.file_id for f in faults} == {"ido_rireki"}
    assert "reference" not in {f.code for f in faults}  # its target is not among the frames
