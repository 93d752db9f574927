"""The plan made a block at a time (``sample.blocks``) and written from it (``sample.stream``).

What bounds `sample`'s memory at any row count: each block holds a bounded number of the main
file's entities (and the rows they give rise to), and the blocks are the whole-file plan
column for column, so the files written from them are byte-for-byte those of the whole-file
writer (``plan_for`` + ``write_plan``), for every bundled area and every ``--file``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_sample_valid import SMALL

from layout_tool.report.report import Filter
from layout_tool.sample import plan_for, sample_to_dir, write_plan
from layout_tool.sample.blocks import census, plain_rows, plan_blocks
from layout_tool.sample.plan import EVENTS, HISTORY, plan_area
from layout_tool.sample.shapes import shape
from layout_tool.sample.stream import streamable, write_streamed
from layout_tool.sample.structure import analyse
from layout_tool.spec.catalogue import catalogue, load_area
from layout_tool.spec.loader import load_area_file
from layout_tool.spec.model import AreaSpec
from layout_tool.validate import Options, validate_paths

BUNDLED = [e.id for e in catalogue() if e.spec is not None]
WHOLE_ONLY = {("kojin_juminzei", "tokucho_gimusha")}
"""Planned whole, as before: a small lookup before the main file (a twentieth of the rows)."""


def _small(tmp_path: Path) -> AreaSpec:
    path = tmp_path / "shiken.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return load_area_file(path, {})


def _streamed(spec: AreaSpec) -> list[str]:
    """The main file and the files after it that stream, in generation order."""
    order = list(analyse(spec).order)
    main_at = order.index(analyse(spec).main)
    return [f for f in order[main_at:] if streamable(spec, f)]


@pytest.mark.parametrize("area", BUNDLED)
@pytest.mark.parametrize(("rows", "block"), [(40, 3), (333, 29)])
def test_blocks_are_bounded_and_concatenate_to_the_whole_plan(
    area: str, rows: int, block: int
) -> None:
    spec = load_area(area)
    files = _streamed(spec)
    main = analyse(spec).main
    whole = plan_area(spec, rows, 5, stop_at=files[-1])
    parts: dict[str, list[pl.DataFrame]] = {f: [] for f in files}
    heads: list[pl.Series] = []
    count = 0
    for plan in plan_blocks(spec, rows, 5, files[-1], block):
        count += 1
        frame = plan.files[main].frame
        assert frame["_ent"].n_unique() <= block
        assert frame.height <= block * len(HISTORY)
        for f in files:
            parts[f].append(plan.files[f].frame)
            # at most 3 versions of a person, 4 events of a version: bounded by the block
            assert plan.files[f].frame.height <= block * len(HISTORY) * len(EVENTS)
        block_heads = plan.files[main].heads
        if block_heads is not None:
            heads.append(block_heads)
    assert count >= 2
    for f in files:
        assert pl.concat(parts[f]).equals(whole.files[f].frame), f
    whole_heads = whole.files[main].heads
    if whole_heads is not None:
        assert pl.concat(heads).equals(whole_heads)
        facts = census(spec, rows, 5, block)
        assert facts.groups == whole_heads.len()
        anchors = whole.files[main].frame["_anchor"].gather(whole_heads)
        assert facts.head_anchors.equals(anchors, check_names=False)


@pytest.mark.parametrize(("area", "file_id"), [("kotei", "nozeigimusha"), ("kokuho", "setai")])
def test_a_plain_file_is_looked_up_not_held(area: str, file_id: str) -> None:
    """Random draws reach beyond the block: a plain file's plan row follows from its number."""
    spec = load_area(area)
    found = shape(spec, None)
    assert found is not None and file_id in found.plain
    whole = plan_area(spec, 300, 4).files[file_id].frame
    assert plain_rows(whole["_row"].reverse()).equals(whole.reverse())


def _bytes(paths: list[Path]) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in paths]


@pytest.mark.parametrize("area", BUNDLED)
def test_streamed_files_are_byte_for_byte_the_whole_plans(area: str, tmp_path: Path) -> None:
    spec = load_area(area)
    for file_id in [None, *(f.id for f in spec.files)]:
        rows = 150 if file_id is None else 97
        folder = tmp_path / str(file_id)
        streamed = write_streamed(spec, rows, 3, folder / "blocks", file_id, block=17)
        assert (streamed is None) == ((area, file_id) in WHOLE_ONLY), file_id
        if streamed is None:
            continue
        whole = write_plan(*plan_for(spec, rows, 3, file_id), folder / "whole")
        assert _bytes(streamed) == _bytes(whole), file_id
        assert _bytes(sample_to_dir(spec, rows, 3, folder / "cli", file_id)) == _bytes(whole)


def test_a_spec_of_another_shape_streams_to_the_same_bytes(tmp_path: Path) -> None:
    small = _small(tmp_path)
    for rows in (1, 25, 400):
        for file_id in (None, "family", "history"):
            folder = tmp_path / f"{rows}-{file_id}"
            whole = write_plan(*plan_for(small, rows, 11, file_id), folder / "whole")
            streamed = write_streamed(small, rows, 11, folder / "blocks", file_id, block=9)
            if streamed is not None:
                assert _bytes(streamed) == _bytes(whole)
            assert _bytes(sample_to_dir(small, rows, 11, folder / "any", file_id)) == _bytes(whole)


def test_no_rows_and_no_groups_fall_back_to_the_whole_plan(tmp_path: Path) -> None:
    jumin = load_area("jumin")
    assert write_streamed(jumin, 0, 1, tmp_path / "none") is None
    for rows in range(1, 6):  # a handful of people may form no 世帯 at all
        whole = write_plan(*plan_for(jumin, rows, 2), tmp_path / f"w{rows}")
        assert _bytes(sample_to_dir(jumin, rows, 2, tmp_path / f"s{rows}")) == _bytes(whole)


@pytest.mark.parametrize("area", BUNDLED)
@settings(max_examples=3, deadline=None)
@given(seed=st.integers(0, 10**6), rows=st.integers(1, 260), block=st.integers(1, 60))
def test_any_seed_rows_and_block_give_the_whole_plans_bytes(
    area: str, seed: int, rows: int, block: int
) -> None:
    spec = load_area(area)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        streamed = write_streamed(spec, rows, seed, out / "blocks", block=block)
        whole = write_plan(*plan_for(spec, rows, seed), out / "whole")
        assert streamed is None or _bytes(streamed) == _bytes(whole)


def test_a_streamed_set_validates_without_findings(tmp_path: Path) -> None:
    """Cross-file consistency survives the blocks: 世帯番号 of 個人 in 世帯, one 世帯主 per
    世帯, 記載順位 1..n, 宛名番号 of 異動履歴 in 個人, checked by the validator itself."""
    jumin = load_area("jumin")
    paths = write_streamed(jumin, 700, 8, tmp_path, block=23)
    assert paths is not None
    report = validate_paths(jumin, [tmp_path], Options(filter=Filter(max_findings=None)))
    assert [f.to_dict() for f in report.findings] == []
    assert report.valid and {f.file_id for f in report.files} == {"kojin", "setai", "ido_rireki"}
