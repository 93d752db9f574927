"""Seeded byte faults never change the detected encoding, and each is exactly one finding.

Any generated file of any bundled area, in UTF-8 or CP932, with K of its data characters
(ASCII letters or digits, at character boundaries) replaced by the byte 0xFF (never valid in
either encoding): ``validate --encoding auto`` names the encoding it names for the clean copy,
and reports exactly K ``encoding`` findings (no flood, no summary: K is small).
"""

from __future__ import annotations

import random
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout_tool.report.report import Filter
from layout_tool.sample import generate, write
from layout_tool.spec.catalogue import load_area
from layout_tool.validate import Options, validate_paths

AREAS = ("jumin", "kojin_juminzei", "kotei", "kokuho", "kaigo", "kouki")


@cache
def clean_files(area: str, tmp: str) -> tuple[Path, ...]:
    spec = load_area(area)
    folder = Path(tmp) / area
    write(generate(spec, 12, 5), spec, folder)
    return tuple(sorted(folder.glob("*.csv")))


def faulted(data: str, encoding: str, k: int, rnd: random.Random) -> bytes:
    """``data`` encoded, with ``k`` data characters (not in the header) made 0xFF."""
    body_start = data.index("\n") + 1
    spots: list[int] = []
    offset = 0
    pieces: list[bytes] = []
    for i, ch in enumerate(data):
        raw = ch.encode(encoding)
        if i >= body_start and ch.isascii() and ch.isalnum():
            spots.append(offset)
        pieces.append(raw)
        offset += len(raw)
    out = bytearray(b"".join(pieces))
    for at in rnd.sample(spots, min(k, len(spots))):
        out[at] = 0xFF
    return bytes(out)


def check(area: str, path: Path, fid: str, tmp: Path) -> tuple[str | None, int]:
    spec = load_area(area)
    options = Options(file_id=fid, filter=Filter(max_findings=None))
    report = validate_paths(spec, [path], options)
    return report.files[0].encoding, report.by_code["encoding"]


@settings(max_examples=40, deadline=None)
@given(
    area=st.sampled_from(AREAS),
    which=st.integers(min_value=0, max_value=5),
    encoding=st.sampled_from(["utf-8", "cp932"]),
    k=st.integers(min_value=0, max_value=8),
    seed=st.integers(min_value=0, max_value=2**16),
)
def test_k_faults_k_findings_same_encoding(
    tmp_path_factory: pytest.TempPathFactory,
    area: str,
    which: int,
    encoding: str,
    k: int,
    seed: int,
) -> None:
    base = tmp_path_factory.getbasetemp() / "encoding-faults"
    files = clean_files(area, str(base))
    src = files[which % len(files)]
    spec = load_area(area)
    fid = next(f.id for f in spec.files if (f.filename or f.id) == src.stem)
    text = src.read_text(encoding="utf-8")
    try:
        text.encode(encoding)
    except UnicodeEncodeError:  # a 外字 CP932 cannot hold: this draw is UTF-8 only
        encoding = "utf-8"
    work = base / f"{area}-{encoding}-{k}-{seed}"
    work.mkdir(parents=True, exist_ok=True)
    clean = work / "clean" / src.name
    clean.parent.mkdir(exist_ok=True)
    clean.write_bytes(text.encode(encoding))
    broken = work / "broken" / src.name
    broken.parent.mkdir(exist_ok=True)
    data = faulted(text, encoding, k, random.Random(seed))
    broken.write_bytes(data)
    expected = data.count(b"\xff")
    clean_encoding, clean_count = check(area, clean, fid, work)
    got_encoding, got_count = check(area, broken, fid, work)
    assert clean_count == 0
    assert got_encoding == clean_encoding
    assert got_count == expected
