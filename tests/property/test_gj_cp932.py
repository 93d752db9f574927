"""Any GJ character is refused when writing CP932 (an ``encoding`` finding), never replaced.

The 架空電算 sample (a CP932 fixed-width layout) is converted to the standard once; then a
plane-16 character (every GJ character lives in U+100000–U+10FFFD, none of which CP932
can write) is planted in a 氏名 and the set is converted back. The row is rejected with an
``encoding`` finding naming the character, the vendor file holds no substitute, and every
row is accounted for. A 外字 table that gives the GJ character a CP932 target (the user
area) lets the row through.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_mapping_roundtrip import SAMPLES

from layout_tool.conversion import ConvertOptions, convert
from layout_tool.gaiji.maptable import parse_map
from layout_tool.mapping import load_mapping

NAME = "kakuu-densan/jumin"
GJ = st.integers(0x100000, 0x10FFFD).map(chr)


@pytest.fixture(scope="module")
def standard(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("std")
    convert(load_mapping(NAME), [SAMPLES / NAME], out, ConvertOptions())
    return out


def _plant(folder: Path, char: str) -> tuple[Path, int]:
    """Put ``char`` after the first character of 氏 and 氏名 of data row 3; (file, row)."""
    for path in sorted(folder.glob("*.csv")):
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
        if "氏名" not in rows[0]:
            continue
        for name in ("氏名", "氏"):
            if name in rows[0]:
                col = rows[0].index(name)
                rows[3][col] = rows[3][col][:1] + char + rows[3][col][1:]
        buf = io.StringIO(newline="")
        csv.writer(buf, lineterminator="\r\n").writerows(rows)
        path.write_text(buf.getvalue(), encoding="utf-8")
        return path, 3
    raise AssertionError("no file with 氏名")


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(char=GJ)
def test_gj_is_refused_in_cp932_never_replaced(standard: Path, char: str) -> None:
    mapping = load_mapping(NAME)
    with tempfile.TemporaryDirectory() as tmp:
        std, back = Path(tmp) / "s", Path(tmp) / "b"
        shutil.copytree(standard, std, ignore=shutil.ignore_patterns("conversion"))
        planted, _ = _plant(std, char)
        baseline = Path(tmp) / "clean"
        shutil.copytree(standard, baseline, ignore=shutil.ignore_patterns("conversion"))
        clean_back = Path(tmp) / "cb"
        convert(mapping, [baseline], clean_back, ConvertOptions(reverse=True))
        report = convert(mapping, [std], back, ConvertOptions(reverse=True))
        for f in report.files:
            assert f.rows_in == f.rows_out + f.rows_rejected
        assert sum(f.rows_rejected for f in report.files) == 1
        found = [f for f in report.findings if f.code == "encoding"]
        assert found and char in found[0].message
        # Nothing was written in the character's place: the vendor files lost exactly one
        # record and hold no more '?' (or anything else) than the clean conversion back.
        for path in back.glob("*"):
            if path.is_file():
                clean = (clean_back / path.name).read_bytes()
                assert path.read_bytes().count(b"?") == clean.count(b"?")
        rejects = (back / "conversion").glob("*.rejects.csv")
        assert any(char in p.read_text(encoding="utf-8-sig") for p in rejects)
        assert planted.is_file()


def test_gaiji_map_with_a_cp932_target_lets_gj_through(standard: Path) -> None:
    mapping = load_mapping(NAME)
    text = "source,target\nU+E010,U+100229\n"  # GJ000554 ← F050, a CP932 user-area code
    table = parse_map(text, "gaiji.csv", standard=frozenset({"\U00100229"}))
    with tempfile.TemporaryDirectory() as tmp:
        std, back = Path(tmp) / "s", Path(tmp) / "b"
        shutil.copytree(standard, std, ignore=shutil.ignore_patterns("conversion"))
        _plant(std, "\U00100229")
        report = convert(mapping, [std], back, ConvertOptions(reverse=True, gaiji_map=table))
        assert sum(f.rows_rejected for f in report.files) == 0
        data = b"".join(p.read_bytes() for p in back.glob("*") if p.is_file())
        assert "\ue010".encode("cp932") in data


def test_gj_target_needs_the_charset() -> None:
    from layout_tool.errors import LayoutToolError

    with pytest.raises(LayoutToolError, match="private-use"):
        parse_map("source,target\nU+E010,U+100229\n", "gaiji.csv")
