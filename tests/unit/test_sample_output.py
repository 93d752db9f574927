"""Writing: determinism to the byte, batch independence, CSV shape, and the CLI."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from layout_tool.cli.main import main
from layout_tool.errors import LayoutToolError
from layout_tool.sample import generate, plan_for, sample_to_dir, write, write_plan
from layout_tool.spec.catalogue import load_area
from layout_tool.spec.model import AreaSpec


@pytest.fixture(scope="module")
def jumin() -> AreaSpec:
    return load_area("jumin")


def _bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_same_bytes_other_seed_other_bytes(jumin: AreaSpec, tmp_path: Path) -> None:
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        sample_to_dir(jumin, 120, seed, tmp_path / name)
    assert _bytes(tmp_path / "a") == _bytes(tmp_path / "b")
    assert _bytes(tmp_path / "a")["JUMIN_KOJIN.csv"] != _bytes(tmp_path / "c")["JUMIN_KOJIN.csv"]


def test_batches_render_the_same_bytes_as_whole_frames(jumin: AreaSpec, tmp_path: Path) -> None:
    area, file_ids = plan_for(jumin, 90, 3)
    write_plan(area, file_ids, tmp_path / "batched", batch_rows=7)
    write(generate(jumin, 90, 3), jumin, tmp_path / "whole")
    assert _bytes(tmp_path / "batched") == _bytes(tmp_path / "whole")


def test_csv_is_utf8_lf_with_item_header(jumin: AreaSpec, tmp_path: Path) -> None:
    paths = sample_to_dir(jumin, 30, 1, tmp_path)
    assert [p.name for p in paths] == ["JUMIN_KOJIN.csv", "JUMIN_SETAI.csv", "JUMIN_IDO_RIREKI.csv"]
    data = paths[0].read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" not in data and data.endswith(b"\n")
    text = data.decode("utf-8")
    assert text.splitlines()[0] == ",".join(jumin.file("kojin").item_names)
    back = pl.read_csv(paths[0], infer_schema=False)
    assert back.equals(generate(jumin, 30, 1)["kojin"])
    assert not list(tmp_path.glob(".*"))  # no temporary files left behind


def test_sample_data_is_cp932_encodable(jumin: AreaSpec) -> None:
    for frame in generate(jumin, 200, 2).values():
        for column in frame.columns:
            for value in frame[column].drop_nulls().unique().to_list():
                value.encode("cp932")


def test_bad_arguments_raise(jumin: AreaSpec, tmp_path: Path) -> None:
    with pytest.raises(LayoutToolError, match="ファイル 'nonexistent' はありません"):
        generate(jumin, 10, 1, "nonexistent")
    with pytest.raises(LayoutToolError):
        generate(jumin, -1, 1)
    with pytest.raises(LayoutToolError):
        sample_to_dir(jumin, 10, 1, tmp_path, faults=-2)


def test_cli_writes_and_prints_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as done:
        main(["sample", "kouki", "--rows", "12", "--seed", "3", "-o", str(out)])
    assert done.value.code == 0
    printed = capsys.readouterr().out.split()
    assert printed == [str(out / "KOUKI_HIHOKENSHA.csv"), str(out / "KOUKI_HOKENRYO.csv")]
    assert pl.read_csv(printed[0], infer_schema=False).height == 12


def test_cli_one_file_with_faults(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(
            [
                "sample",
                "jumin",
                "--file",
                "setai",
                "--rows",
                "25",
                "--faults",
                "3",
                "-o",
                str(tmp_path),
            ]
        )
    assert done.value.code == 0
    assert capsys.readouterr().out.split() == [
        str(tmp_path / "JUMIN_SETAI.csv"),
        str(tmp_path / "faults.csv"),
    ]
    assert pl.read_csv(tmp_path / "faults.csv").height == 3
    assert pl.read_csv(tmp_path / "JUMIN_SETAI.csv", infer_schema=False).height == 25


@pytest.mark.parametrize(
    "args",
    [
        ["sample", "no-such-area", "--rows", "5"],
        ["sample", "jumin", "--file", "nope", "--rows", "5"],
        ["sample", "jumin", "--rows", "-1"],
        ["sample", "jumin"],
    ],
)
def test_cli_errors_exit_2(
    args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        main([*args, "-o", str(tmp_path / "x")])
    assert done.value.code == 2
    assert "Traceback" not in capsys.readouterr().err
    assert not (tmp_path / "x").exists() or not list((tmp_path / "x").iterdir())
