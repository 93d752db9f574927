"""The 外字 inventory: exact counts per character, file and item, with the first rows."""

from __future__ import annotations

from pathlib import Path

import polars as pl
from conftest import PEOPLE_HEAD
from hypothesis import given, settings
from hypothesis import strategies as st

from layout_tool.gaiji.inventory import (
    FIRST_ROWS,
    GaijiInventory,
    codepoints,
    gaiji_tokens,
    longest_first,
    tally,
)
from layout_tool.report.report import Filter
from layout_tool.spec.catalogue import load_area
from layout_tool.validate import Options, validate_paths

SPEC = (
    PEOPLE_HEAD
    + """\
    key: [番号]
    items:
      - {no: 1, name: 番号, type: digits, length: 5, required: true}
      - {no: 2, name: 氏名, type: zenkaku, length: 20, required: true, gaiji: true}
      - {no: 3, name: フリガナ, type: kana, length: 40}
      - {no: 4, name: 住所, type: text, length: 40}
"""
)
E0, E1, SUPP = "\ue000", "\ue001", "\U000f0001"


def frame(*rows: tuple[str | None, ...]) -> pl.DataFrame:
    data: dict[str, list[object]] = {"__row": list(range(1, len(rows) + 1))}
    for i in range(len(rows[0])):
        data[f"c{i}"] = [r[i] for r in rows]
    return pl.DataFrame(data, schema_overrides={f"c{i}": pl.String for i in range(len(rows[0]))})


def as_set(t: pl.DataFrame) -> set[tuple[str, str, int, tuple[int, ...]]]:
    return {(tok, item, n, tuple(rows)) for tok, item, n, rows in t.iter_rows()}


def test_tally_counts_occurrences_per_item_with_first_rows() -> None:
    f = frame((f"山{E0}{E0}", "x"), (None, f"大阪{SUPP}"), ("普通", "y"), (E0, E1))
    got = as_set(tally(f, {"氏名": "c0", "住所": "c1"}))
    assert got == {(E0, "氏名", 3, (1, 4)), (SUPP, "住所", 1, (2,)), (E1, "住所", 1, (4,))}


def test_tally_of_a_batch_without_gaiji_is_empty() -> None:
    f = frame(("山田", "東京"), (None, None))
    assert tally(f, {"氏名": "c0", "住所": "c1"}).height == 0
    assert tally(f, {}).height == 0


def test_vendor_codes_are_matched_longest_first_and_their_pua_not_counted_twice() -> None:
    f = frame(
        (f"#G12{E0}x#G1", f"#G{E1}#G1"),
    )
    got = as_set(tally(f, {"a": "c0", "b": "c1"}, sources=["#G1", "#G12", f"#G{E1}"]))
    assert got == {
        ("#G12", "a", 1, (1,)),
        ("#G1", "a", 1, (1,)),
        (E0, "a", 1, (1,)),
        (f"#G{E1}", "b", 1, (1,)),
        ("#G1", "b", 1, (1,)),
    }


def test_tokens_and_helpers() -> None:
    out = pl.select(gaiji_tokens(pl.lit(f"a{E0}b{SUPP}"))).item()
    assert list(out) == [E0, SUPP]
    assert longest_first(["a", "abc", "ab", "a"]) == ["abc", "ab", "a"]
    assert codepoints("葛\U000e0100") == "U+845B U+E0100"


def test_inventory_merges_batches_and_caps_first_rows() -> None:
    inv = GaijiInventory()
    for start in (1, 4, 7):
        rows = [(E0,)] * 3
        f = frame(*rows).with_columns(pl.col("__row") + start - 1)
        inv.add("a.csv", tally(f, {"氏名": "c0"}))
    inv.add("b.csv", tally(frame((E0,)), {"氏名": "c0"}))
    (entry,) = inv.entries()
    assert entry.count == 10 and inv.total == 10
    assert entry.files == ("a.csv", "b.csv") and entry.items == ("氏名",)
    assert [(r.file, r.row) for r in entry.first_rows] == [("a.csv", r) for r in range(1, 6)]
    assert len(entry.first_rows) == FIRST_ROWS
    assert entry.places == (("a.csv", "氏名", 9), ("b.csv", "氏名", 1))
    d = inv.to_list()[0]
    assert d["codepoints"] == "U+E000" and d["count"] == 10


def test_entries_most_frequent_first() -> None:
    inv = GaijiInventory()
    inv.add("a.csv", tally(frame((E1,), (E0,), (E0,)), {"x": "c0"}))
    assert [e.token for e in inv.entries()] == [E0, E1]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(["a", "山", E0, E1, SUPP, "#G1"]), max_size=6).map("".join),
        min_size=1,
        max_size=30,
    )
)
def test_tally_equals_a_plain_python_count(values: list[str]) -> None:
    f = frame(*[(v or None,) for v in values])
    counted = {tok: n for tok, _, n, _ in tally(f, {"x": "c0"}).iter_rows()}
    expected: dict[str, int] = {}
    for v in values:
        for ch in v:
            if ch in (E0, E1, SUPP):
                expected[ch] = expected.get(ch, 0) + 1
    assert counted == expected


def write_demo(tmp_path: Path, rows: list[str]) -> Path:
    (tmp_path / "spec.yaml").write_text(SPEC, encoding="utf-8")
    path = tmp_path / "PEOPLE.csv"
    path.write_text("番号,氏名,フリガナ,住所\n" + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def test_validation_report_inventory_is_exact_across_batches_and_capped_findings(
    tmp_path: Path,
) -> None:
    rows = [
        f"{i:05d},山{E0 if i % 3 == 0 else ''}田,ヤマダ,東京{E1 if i % 7 == 0 else ''}"
        for i in range(1, 401)
    ]
    path = write_demo(tmp_path, rows)
    spec = load_area(str(tmp_path / "spec.yaml"))
    options = Options(batch_bytes=512)
    capped = Options(batch_bytes=512, filter=Filter(max_findings=5))
    for opts in (options, capped):
        report = validate_paths(spec, [path], opts)
        by_token = {e.token: e for e in report.gaiji.entries()}
        assert by_token[E0].count == 133 and by_token[E0].items == ("氏名",)
        assert by_token[E1].count == 57 and by_token[E1].items == ("住所",)
        assert [r.row for r in by_token[E0].first_rows] == [3, 6, 9, 12, 15]
        assert report.by_code["gaiji"] == 133 + 57
    assert report.truncated
    assert report.to_dict()["gaiji"] == report.gaiji.to_list()


def test_ignoring_gaiji_leaves_the_inventory_empty(tmp_path: Path) -> None:
    path = write_demo(tmp_path, [f"00001,山{E0},ヤマダ,東京"])
    spec = load_area(str(tmp_path / "spec.yaml"))
    report = validate_paths(spec, [path], Options(filter=Filter(ignore=frozenset({"gaiji"}))))
    assert not report.gaiji and report.to_dict()["gaiji"] == []


def test_first_rows_text_names_a_row_once_even_with_two_items() -> None:
    from layout_tool.gaiji.inventory import FirstRow, GaijiEntry, first_rows_text

    rows = (
        FirstRow("d/A.csv", "氏", 5),
        FirstRow("d/A.csv", "氏名", 5),
        FirstRow("B.csv", "名", 2),
    )
    entry = GaijiEntry("\ue001", 3, ("d/A.csv", "B.csv"), ("氏", "氏名", "名"), rows, ())
    assert first_rows_text(entry, several_files=True) == "A.csv:5, B.csv:2"
    assert first_rows_text(entry, several_files=False) == "5, 2"
