"""The converter's short ways of checking a round trip decide exactly as converting back does.

``verify`` checks ``trim`` paddings and character maps (``zenkaku``, ``replace``…) without
converting back; a copy of each bundled fixed-width mapping whose steps say nothing about
padding or breakers takes the long way. Both convert the same mutated exports, and every
file they write must be the same, byte for byte.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout_tool.conversion import convert
from layout_tool.mapping import Mapping, load_mapping

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_data" / "vendors"
FIXED = ["kakuu-densan/jumin", "kakuu-densan/kaigo", "kakuu-densan/kojin_juminzei"]
PIECES = ["　", " ", "山", "ｶﾞ", "ガ", "ヴ", "ﾔﾏﾀﾞ", "～", "〜", "ａ", "a", "1", "\ue000", "髙"]
RAW = [b"", b"", b"", b"\x80", b"\r", b"\x81"]


def long_way(mapping: Mapping) -> Mapping:
    """The mapping with every step's padding and breaker forgotten."""
    targets = tuple(
        replace(
            t,
            rules=tuple(
                replace(r, steps=tuple(replace(s, padding=None, breaker=None) for s in r.steps))
                for r in t.rules
            ),
        )
        for t in mapping.targets
    )
    return replace(mapping, targets=targets)


def field_value(pieces: list[str], pad: list[str], raw: bytes, width: int) -> bytes:
    data = raw + "".join(pieces + pad).encode("cp932", errors="replace")
    return data[:width].ljust(width, b" ")


EDITS = st.lists(
    st.tuples(
        st.integers(0, 5),
        st.integers(0, 40),
        st.integers(0, 40),
        st.lists(st.sampled_from(PIECES), max_size=4),
        st.lists(st.sampled_from(["　", " "]), max_size=5),
        st.sampled_from(RAW),
    ),
    min_size=1,
    max_size=12,
)


def _outputs(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes().replace(str(folder).encode(), b"OUT")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("name", FIXED)
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=EDITS)
def test_short_and_long_round_trip_checks_agree(
    name: str, edits: list[tuple[int, int, int, list[str], list[str], bytes]]
) -> None:
    mapping = load_mapping(name)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        shutil.copytree(SAMPLES / name, folder)
        for s_index, row, f_index, pieces, pad, raw in edits:
            source = mapping.sources[s_index % len(mapping.sources)]
            path = folder / source.file
            records = path.read_bytes().split(b"\r\n")
            field = source.fields[f_index % len(source.fields)]
            start = sum(f.length or 0 for f in source.fields[: source.fields.index(field)])
            n = row % max(1, len(records) - 1)
            width = field.length or 0
            value = field_value(pieces, pad, raw, width)
            records[n] = records[n][:start] + value + records[n][start + width :]
            path.write_bytes(b"\r\n".join(records))
        short, long = Path(tmp) / "out1", Path(tmp) / "out2"
        convert(mapping, [folder], short)
        convert(long_way(mapping), [folder], long)
        assert _outputs(short) == _outputs(long)


def test_rows_with_a_stray_0x80_come_out_the_same(tmp_path: Path) -> None:
    """A stray 0x80 is no CP932 character: with or without a CR in the same field (the
    reader's careful path), it is U+FFFD and an ``encoding`` finding that rejects the row,
    and the short and the long way agree on everything."""
    mapping = load_mapping("kakuu-densan/kaigo")
    folder = tmp_path / "in"
    shutil.copytree(SAMPLES / "kakuu-densan/kaigo", folder)
    path = folder / "KGHIHO.DAT"
    records = path.read_bytes().split(b"\r\n")

    def put(n: int, start: int, end: int, raw: bytes) -> None:
        records[n] = records[n][:start] + raw.ljust(end - start)[: end - start] + records[n][end:]

    put(0, 43, 83, "山田\r".encode("cp932"))  # 氏名 (SHIMEI): the careful path for the batch
    put(1, 83, 123, b"\x80\xb1\xb2")  # 氏名カナ: trim, then zenkaku
    put(2, 131, 231, "東京".encode("cp932") + b"\x80" + "　".encode("cp932") * 10)  # 住所
    put(3, 43, 83, "山田".encode("cp932") + b"\x80   " + "　".encode("cp932"))
    path.write_bytes(b"\r\n".join(records))
    convert(mapping, [folder], tmp_path / "out1")
    convert(long_way(mapping), [folder], tmp_path / "out2")
    assert _outputs(tmp_path / "out1") == _outputs(tmp_path / "out2")
    rejects = (tmp_path / "out1" / "conversion" / "KAIGO_HIHOKENSHA.rejects.csv").read_text()
    assert "\ufffd" in rejects and "\x80" not in rejects
    assert rejects.count("encoding") >= 3
