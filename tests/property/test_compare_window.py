"""The window (rows matched while both sides are read) changes what is written, never what
is reported: with tiny batches, a tiny window and shuffled, duplicated and edited rows, the
spilled comparison gives the same report as the one made in memory."""

from __future__ import annotations

from pathlib import Path
from unittest.mock import patch

import pytest
from conftest import PEOPLE_HEAD
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout_tool.compare import Options, compare_paths, sides, spool, window
from layout_tool.spec.catalogue import load_area

SPEC = (
    PEOPLE_HEAD
    + """\
    key: [番号, 枝番]
    items:
      - {no: 1, name: 番号, type: digits, length: 3}
      - {no: 2, name: 枝番, type: digits, length: 1}
      - {no: 3, name: 氏名, type: text, length: 20}
      - {no: 4, name: 金額, type: number, length: 8}
"""
)
EVERYTHING = {"show_values": True, "examples": 10_000, "listed_keys": 10_000}

row = st.tuples(
    st.integers(0, 40).map(lambda n: f"{n:03d}"),
    st.sampled_from(["", "1", "2"]),
    st.sampled_from(["", "試験　太郎", "検証　花子", "架空"]),
    st.integers(0, 3).map(str),
)


def _write(folder: Path, rows: list[tuple[str, str, str, str]]) -> None:
    folder.mkdir()
    lines = ["番号,枝番,氏名,金額", *(",".join(r) for r in rows)]
    (folder / "PEOPLE.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    old=st.lists(row, max_size=60),
    edits=st.lists(st.tuples(st.integers(0, 59), row), max_size=20),
    shuffle=st.randoms(use_true_random=False),
    held=st.integers(1, 3),
    pending=st.integers(1, 30),
    batch=st.integers(30, 400),
    budget=st.sampled_from([1, 10_000, 1 << 30]),
    keep=st.integers(1, 8),
)
def test_window_changes_nothing_reported(
    tmp_path_factory: pytest.TempPathFactory,
    old: list[tuple[str, str, str, str]],
    edits: list[tuple[int, tuple[str, str, str, str]]],
    shuffle: object,
    held: int,
    pending: int,
    batch: int,
    budget: int,
    keep: int,
) -> None:
    new = list(old)
    for i, r in edits:  # replace a row (same key: a change; other key: one in, one out) or add
        if i < len(new):
            new[i] = (new[i][0], new[i][1], r[2], r[3]) if r[0] < "020" else r
        else:
            new.append(r)
    if len(new) > 1 and new[0][0] < "030":
        new = new[1:] + new[:1]  # out of step
    if new and new[-1][0] > "035":
        shuffle.shuffle(new)  # type: ignore[attr-defined]
    base = tmp_path_factory.mktemp("win")
    (base / "spec.yaml").write_text(SPEC, encoding="utf-8")
    spec = load_area(str(base / "spec.yaml"))
    _write(base / "old", old)
    _write(base / "new", new)
    paths = ([base / "old"], [base / "new"])
    memory = compare_paths(spec, *paths, Options(**EVERYTHING))  # type: ignore[arg-type]
    with (
        patch.object(sides, "BATCH_BYTES", batch),
        patch.object(window, "HELD", held),
        patch.object(window, "PENDING_ROWS", pending),
        patch.object(window, "WINDOW_BYTES", budget),
        patch.object(spool, "KEEP_ROWS", keep),
    ):
        spilled = compare_paths(
            spec,
            *paths,
            Options(bucket_bytes=100, **EVERYTHING),  # type: ignore[arg-type]
        )
    assert spilled.to_dict() == memory.to_dict()
