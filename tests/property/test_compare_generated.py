"""compare reports exactly the edits made to a generated handover set, and nothing else.

A set is generated, then edited at random: rows dropped from either side (so they are
only on the other), values changed, amounts changed. The report must list exactly those
keys and values, and its totals must equal sums computed here with ``Decimal``. Comparing
a set with itself is empty; swapping OLD and NEW swaps the sides and the signs; the number
of hash buckets changes nothing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from unittest.mock import patch

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout_tool.compare import Options, compare_paths, engine
from layout_tool.sample import generate, write
from layout_tool.spec.catalogue import load_area
from layout_tool.spec.model import AreaSpec

AREAS = ["kojin_juminzei", "jumin"]
EVERYTHING = Options(show_values=True, examples=100_000, listed_keys=100_000)
Edits = dict[str, Any]


def _key(frame: pl.DataFrame, keys: list[str], i: int) -> tuple[str, ...]:
    return tuple(frame[k][i] or "" for k in keys)


def _edit(spec: AreaSpec, frames: dict[str, pl.DataFrame], data: st.DataObject) -> Edits:
    """Edited copies of the frames (old, new) and what the report must say."""
    old: dict[str, pl.DataFrame] = {}
    new: dict[str, pl.DataFrame] = {}
    only_old: set[tuple[str, tuple[str, ...]]] = set()
    only_new: set[tuple[str, tuple[str, ...]]] = set()
    changes: set[tuple[str, tuple[str, ...], str, str | None, str | None]] = set()
    for fid, frame in frames.items():
        fspec = spec.file(fid)
        keys = list(fspec.key)
        n = frame.height
        order = data.draw(st.permutations(range(n)), label=f"{fid} order")
        k_old = data.draw(st.integers(0, min(3, n)), label="drop from old")
        k_new = data.draw(st.integers(0, min(3, n - k_old)), label="drop from new")
        drop_old, drop_new = set(order[:k_old]), set(order[k_old : k_old + k_new])
        only_new |= {(fid, _key(frame, keys, i)) for i in drop_old}
        only_old |= {(fid, _key(frame, keys, i)) for i in drop_new}
        rows = frame.to_dicts()
        edited = [dict(r) for r in rows]
        kept = order[k_old + k_new :]
        editable = [i.name for i in fspec.items if i.name not in keys]
        for i in kept[: data.draw(st.integers(0, min(4, len(kept))), label="changed rows")]:
            item = data.draw(st.sampled_from(editable), label="item")
            before = rows[i][item]
            if fspec.item(item).type == "number":
                delta = data.draw(st.integers(-999, 999).filter(bool), label="delta")
                after = str(int(before or 0) + delta)
                if before is None and after == "0":
                    after = "1"
            else:
                after = (before or "") + "変"
            edited[i][item] = after
            changes.add((fid, _key(frame, keys, i), item, before, after))
        old[fid] = pl.DataFrame(
            [r for i, r in enumerate(rows) if i not in drop_old], schema=frame.schema
        )
        new[fid] = pl.DataFrame(
            [r for i, r in enumerate(edited) if i not in drop_new], schema=frame.schema
        )
    return {"old": old, "new": new, "only_old": only_old, "only_new": only_new, "changes": changes}


def _sums(spec: AreaSpec, frames: dict[str, pl.DataFrame]) -> dict[tuple[str, str], Decimal]:
    out = {}
    for fid, frame in frames.items():
        for item in spec.file(fid).items:
            if item.type == "number":
                out[(fid, item.name)] = sum(
                    (Decimal(v) for v in frame[item.name] if v is not None), Decimal(0)
                )
    return out


def _said(report: Any) -> dict[str, set[Any]]:
    return {
        "only_old": {(f.file_id, tuple(k.values())) for f in report.files for k in f.only_old_keys},
        "only_new": {(f.file_id, tuple(k.values())) for f in report.files for k in f.only_new_keys},
        "changes": {
            (d.file_id, tuple(d.key.values()), d.item, d.old, d.new) for d in report.differences
        },
    }


@pytest.mark.parametrize("area", AREAS)
@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 10**6), rows=st.integers(5, 40), data=st.data())
def test_compare_reports_exactly_the_edits(
    area: str, seed: int, rows: int, data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    spec = load_area(area)
    edits = _edit(spec, generate(spec, rows, seed), data)
    base = tmp_path_factory.mktemp("cmp")
    write(edits["old"], spec, base / "old")
    write(edits["new"], spec, base / "new")
    report = compare_paths(spec, [base / "old"], [base / "new"], EVERYTHING)
    said = _said(report)
    assert said["only_old"] == edits["only_old"]
    assert said["only_new"] == edits["only_new"]
    assert said["changes"] == edits["changes"]
    assert report.summary()["changed_values"] == len(edits["changes"])
    assert report.summary()["duplicate_keys"] == 0
    for f in report.files:
        assert f.rows_old == f.matched + f.only_old + f.duplicate_rows_old
        assert f.rows_new == f.matched + f.only_new + f.duplicate_rows_new
    want_old, want_new = _sums(spec, edits["old"]), _sums(spec, edits["new"])
    got = {(t.file_id, t.item): t for t in report.totals if t.by is None}
    assert set(got) == set(want_old)
    for k, t in got.items():
        assert (t.old, t.new, t.diff) == (want_old[k], want_new[k], want_new[k] - want_old[k])
    edited = bool(edits["only_old"] or edits["only_new"] or edits["changes"])
    assert report.same is (not edited)

    # swapping the sides swaps only-old/only-new, old/new values, and the signs of totals
    swapped = compare_paths(spec, [base / "new"], [base / "old"], EVERYTHING)
    back = _said(swapped)
    assert back["only_old"] == said["only_new"] and back["only_new"] == said["only_old"]
    assert back["changes"] == {(f, k, i, n, o) for f, k, i, o, n in said["changes"]}
    assert [(t.file_id, t.item, t.by, -t.diff) for t in report.totals] == [
        (t.file_id, t.item, t.by, t.diff) for t in swapped.totals
    ]

    # many small hash buckets (spilled to disk), and differing rows fetched one pass per
    # row, give the same report as one bucket in memory
    with patch.object(engine, "PAIRS_AT_ONCE", 1):
        spilled = compare_paths(
            spec,
            [base / "old"],
            [base / "new"],
            Options(show_values=True, examples=100_000, listed_keys=100_000, bucket_bytes=3000),
        )
    assert spilled.to_dict() == report.to_dict()


@pytest.mark.parametrize("area", AREAS)
@settings(
    max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 10**6), rows=st.integers(0, 60))
def test_a_set_compared_with_itself_is_empty(
    area: str, seed: int, rows: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    spec = load_area(area)
    out = tmp_path_factory.mktemp("same")
    write(generate(spec, rows, seed), spec, out)
    by = "課税年度" if area == "kojin_juminzei" else None
    report = compare_paths(spec, [out], [out], Options(by=by, bucket_bytes=5000))
    assert report.same
    assert report.items == [] and report.differences == []
    s = report.summary()
    assert s["only_old"] == s["only_new"] == s["changed_rows"] == s["duplicate_keys"] == 0
    assert s["matched"] == s["rows_old"] == s["rows_new"]
    assert all(t.diff == 0 for t in report.totals)
