"""A run that recognises no file of the area: exit 2, the first line in the run's language,
then one line per file seen and why it is not one (docs/contract-extensions.md)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from layout_tool.cli.main import main

KAIGO = Path(__file__).resolve().parents[2] / "sample_data" / "handover" / "kaigo"


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    with pytest.raises(SystemExit) as exit_:
        main(args)
    code = exit_.value.code if isinstance(exit_.value.code, int) else 0
    return code, capsys.readouterr().err.splitlines()


@pytest.mark.parametrize(
    ("lang", "first"),
    [
        ("ja", "error: 何も検査していません: 入力に jumin（住民基本台帳）のファイルがありません"),
        ("en", "error: nothing checked: no file of jumin (住民基本台帳) among the inputs"),
    ],
)
def test_nothing_checked_lists_each_file_on_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, first: str
) -> None:
    folder = tmp_path / "wrong"
    shutil.copytree(KAIGO, folder)
    seen = sorted(p.name for p in folder.iterdir() if p.suffix == ".csv")
    code, lines = _run(["validate", "--spec", "jumin", str(folder), "--lang", lang], capsys)
    assert code == 2
    assert lines[0] == first
    assert [line.split(": ")[0].rsplit("/", 1)[-1] for line in lines[1:]] == seen
    assert all("\\x0a" not in line and "kaigo/" in line for line in lines[1:])


def test_an_empty_folder_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    code, lines = _run(["validate", "--spec", "jumin", str(tmp_path / "empty")], capsys)
    assert code == 2 and lines[1] == "  （ファイルが一つもありません）"
