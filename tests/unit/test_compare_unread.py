"""compare does not call two sides equal when a reader could not take all of them.

Rows skipped on both sides (a record of 78 fields in a 77-item file), bytes that do not
decode (different bytes both read as U+FFFD), an XML record that breaks the schema (an
item element repeated: only one value is read): what they hold was not compared, so the
sides are not known to agree. They used to be reported as agreeing, with notes only.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from layout_tool.compare.engine import compare_paths
from layout_tool.sample.generator import sample_to_dir
from layout_tool.spec.catalogue import load_area


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("base")
    sample_to_dir(load_area("jumin"), 30, 3, folder)
    return folder


def _copy_with(base: Path, tmp_path: Path, name: str, edit: bytes | None) -> Path:
    folder = tmp_path / name
    shutil.copytree(base, folder)
    if edit is not None:
        path = folder / "JUMIN_KOJIN.csv"
        lines = path.read_bytes().split(b"\n")
        lines[5] = lines[5] + edit
        path.write_bytes(b"\n".join(lines))
    return folder


def test_the_same_folder_agrees(base: Path, tmp_path: Path) -> None:
    report = compare_paths(load_area("jumin"), [base], [_copy_with(base, tmp_path, "b", None)])
    assert report.same and report.unread == 0


def test_a_row_skipped_on_both_sides_is_no_agreement(base: Path, tmp_path: Path) -> None:
    old = _copy_with(base, tmp_path, "old", b",one")
    new = _copy_with(base, tmp_path, "new", b",two")
    report = compare_paths(load_area("jumin"), [old], [new])
    assert not report.same
    assert report.unread == 2 and report.summary()["reader_errors"] == 2


def test_bad_bytes_on_both_sides_are_no_agreement(base: Path, tmp_path: Path) -> None:
    old = _copy_with(base, tmp_path, "old", None)
    new = _copy_with(base, tmp_path, "new", None)
    for folder, byte in ((old, b"\x83"), (new, b"\x84")):
        path = folder / "JUMIN_KOJIN.csv"
        data = path.read_bytes()
        cut = data.index(b"\n", data.index(b"\n") + 1) + 1  # start of the second record
        path.write_bytes(data[: cut + 3] + byte + data[cut + 4 :])
    report = compare_paths(load_area("jumin"), [old], [new])
    assert not report.same and report.unread >= 2
