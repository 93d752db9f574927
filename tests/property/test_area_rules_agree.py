"""The area rules, kept as narrow columns (row, group hash, item flag or number), agree with
a plain Python reading of the rule on the strings, whatever the batches."""

from __future__ import annotations

import re
from dataclasses import replace

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from layout_tool.checks import crossfile
from layout_tool.findings import Finding
from layout_tool.i18n import Msg
from layout_tool.io.csvsource import ROW
from layout_tool.spec.catalogue import load_area
from layout_tool.spec.model import AreaSpec, Rule

SPEC = load_area("jumin")
RULES = {r.rule: r for r in SPEC.rules if r.file == "kojin"}
NAMES = {"世帯番号": "c0", "続柄": "c1", "記載順位": "c2", "最新フラグ": "c3", "住民状態": "c4"}

cells = st.one_of(st.none(), st.sampled_from(["", "1", "2", "3", "02", "01", "x"]))
numbers = st.one_of(
    st.none(), st.sampled_from(["", "1", "2", "3", "4", "01", "-1", "0", "x", "99999999999"])
)
rows = st.lists(
    st.tuples(
        st.sampled_from([None, "", "A", "B", "C"]),
        cells,
        numbers,
        st.sampled_from([None, "1", "0"]),
        st.sampled_from(["1", "1", "2"]),
    ),
    max_size=40,
)


def _expected(rule: Rule, data: list[tuple[str | None, ...]]) -> list[tuple[int, int]]:
    groups: dict[tuple[str | None, ...], list[tuple[int, str | None]]] = {}
    for row, (g, rel, pos, latest, state) in enumerate(data, start=1):
        if latest == "1" and state == "1":
            key = (g,) if rule.group else ()
            groups.setdefault(key, []).append((row, rel if rule.rule == "one-per-group" else pos))
    out: list[tuple[int, int]] = []
    for members in groups.values():
        first, n = min(r for r, _ in members), len(members)
        if rule.rule == "one-per-group":
            heads = sum(v == rule.value for _, v in members)
            if heads != 1:
                out.append((first, heads))
            continue
        texts = [v for _, v in members]
        numeric = all(v is not None and re.fullmatch(r"-?\d+", v) for v in texts)
        if not numeric or sorted(int(v or 0) for v in texts) != list(range(1, n + 1)):
            out.append((first, n))
    return sorted(out)


def _found(spec: AreaSpec, data: list[tuple[str | None, ...]], cut: int) -> list[tuple[int, int]]:
    schema = dict.fromkeys(NAMES.values(), pl.String)
    frame = pl.DataFrame([list(r) for r in data], schema=schema, orient="row")
    frame = frame.with_row_index(ROW, offset=1)
    got = crossfile.Collected("kojin.csv")
    for part in (frame[:cut], frame[cut:]):
        crossfile.collect(spec, "kojin", part, NAMES, got)
    return sorted((f.row or 0, _n(f)) for f in crossfile.rules(spec, "kojin", got))


def _n(finding: Finding) -> int:
    assert isinstance(finding.message, Msg)
    n = finding.message.params["n"]
    assert isinstance(n, int)
    return n


def _only(rule: Rule) -> AreaSpec:
    return replace(SPEC, rules=(rule,))


@settings(max_examples=150, deadline=None)
@given(data=rows, cut=st.integers(0, 40), grouped=st.booleans())
def test_one_per_group_matches_the_strings(
    data: list[tuple[str | None, ...]], cut: int, grouped: bool
) -> None:
    rule = RULES["one-per-group"]
    rule = rule if grouped else replace(rule, group=())
    assert _found(_only(rule), data, cut) == _expected(rule, data)


@settings(max_examples=150, deadline=None)
@given(data=rows, cut=st.integers(0, 40), grouped=st.booleans())
def test_sequence_in_group_matches_the_strings(
    data: list[tuple[str | None, ...]], cut: int, grouped: bool
) -> None:
    rule = RULES["sequence-in-group"]
    rule = rule if grouped else replace(rule, group=())
    assert _found(_only(rule), data, cut) == _expected(rule, data)
