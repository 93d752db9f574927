"""The faster ways the converter computes the same answers: each held to the plain way.

- ``Memo`` remembers a conversion across batches: the same values as converting each batch.
- ``trim`` with several characters strips in quick rounds, then a regular expression: the
  same as Python's ``rstrip``/``lstrip``, staged or not.
- ``char_map_breaker``: a character map comes back exactly where no breaker occurs.
- The bundled area is read from its own file: the same spec as the catalogue's.
- A 外字 in a digits item is looked for only on rows with findings, and still reported.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from layout_tool.conversion import convert
from layout_tool.conversion.plan import run
from layout_tool.conversion.stages import Stages, Val
from layout_tool.mapping import load_mapping
from layout_tool.mapping.loader import _bundled_area
from layout_tool.mapping.transforms import Context, build
from layout_tool.mapping.transforms.base import char_map_breaker
from layout_tool.mapping.transforms.dates import convert as convert_dates
from layout_tool.mapping.transforms.dates import convert_series
from layout_tool.mapping.transforms.memo import Memo
from layout_tool.mapping.transforms.width import half_to_full, hira_to_kata
from layout_tool.spec.catalogue import load_area
from layout_tool.spec.model import Item

SAMPLES = Path(__file__).resolve().parents[2] / "sample_data" / "vendors"
TEXT = Item(1, "x", "text", 40)
DATES = ["令和4年11月28日", "平成12年1月19日", "平成31年5月1日", "昭和64年1月7日", "x", "", None]


def _column(n: int, values: list[str | None], seed: int) -> pl.Series:
    return pl.Series([values[(i * 3 + seed) % len(values)] for i in range(n)], dtype=pl.String)


def test_memo_gives_each_batch_what_converting_it_gives() -> None:
    calls: list[int] = []

    def plain(s: pl.Series) -> pl.Series:
        calls.append(s.len())
        return convert_series(s, "kanji", "compact", False)

    memo = Memo(plain, small=10)
    for seed in range(4):  # a new value appears in the third batch
        values = DATES + (["令和5年2月3日"] if seed >= 2 else [])
        batch = _column(500, values, seed).rename(f"b{seed}")
        got = memo(batch)
        assert got.name == batch.name
        assert got.to_list() == convert_series(batch, "kanji", "compact", False).to_list()
    assert calls == [6, 1]  # the distinct non-null values once, then only the new one


def test_memo_stops_growing_at_its_limit_and_stays_right() -> None:
    memo = Memo(lambda s: s.str.to_uppercase(), small=1, limit=3)
    for seed in range(3):
        batch = pl.Series([f"v{(i + seed * 5) % 9}" for i in range(40)])
        assert memo(batch).to_list() == batch.str.to_uppercase().to_list()
    assert memo.table.height <= 3


def test_date_expression_with_memo_equals_the_series_conversion() -> None:
    frame = pl.DataFrame({"v": _column(9000, DATES, 1)})
    expr = convert_dates(pl.col("v"), "kanji", "wareki", False)
    for part in (frame.head(5000), frame.tail(4000), frame.head(5000)):
        got = part.select(expr.alias("o"))["o"].to_list()
        assert got == convert_series(part["v"], "kanji", "wareki", False).to_list()


PADDED = st.lists(
    st.text(alphabet=st.sampled_from(["山", "a", " ", "　", "x", ".", "]"]), max_size=10)
    | st.none(),
    min_size=1,
    max_size=12,
)


@settings(max_examples=120, deadline=None)
@given(PADDED, st.sampled_from(["　 ", " 　", "x.", ".]", " "]), st.sampled_from(["right", "left"]))
def test_trim_with_several_characters_strips_like_python(
    values: list[str | None], chars: str, side: str
) -> None:
    params = {"chars": chars, "side": side, "pad": chars[0]}
    step = build("trim", params, Context(item=TEXT, width=40))
    frame = pl.DataFrame({"v": values}, schema={"v": pl.String})
    direct = frame.select(step.forward(pl.col("v")).alias("o"))["o"].to_list()
    stages = Stages("__x")
    out = run(stages, Val("v"), [step], False, 0, [])
    staged = stages.apply(frame.lazy(), [out.name]).collect()[out.name].to_list()
    strip = str.rstrip if side == "right" else str.lstrip
    expected = [None if v is None else strip(v, chars) or None for v in values]
    assert direct == staged == expected


HALF = "".join(half_to_full(("ascii", "space", "kana")))
FULL = "".join(half_to_full(("ascii", "space", "kana")).values())
KANA = "".join(hira_to_kata()) + "".join(hira_to_kata().values())
MAPS = [
    ("zenkaku", None),
    ("zenkaku", {"only": "kana"}),
    ("katakana", None),
    ("hiragana", None),
    ("replace", {"～": "〜"}),
    ("replace", {"ab": "X", "c": "Y"}),
]


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(MAPS),
    st.lists(st.text(alphabet=st.sampled_from(HALF + FULL + KANA + "ﾞﾟ゛〜～abcXY山"), max_size=8)),
)
def test_a_character_map_comes_back_exactly_where_no_breaker_occurs(
    transform: tuple[str, object], values: list[str]
) -> None:
    name, params = transform
    step = build(name, params, Context(item=TEXT))
    assert step.breaker is not None and step.inverse is not None
    frame = pl.DataFrame({"v": values}, schema={"v": pl.String})
    out = frame.select(
        step.inverse(step.forward(pl.col("v"))).alias("back"),
        pl.col("v").str.contains(step.breaker).alias("broken"),
    )
    for value, back, broken in zip(values, out["back"], out["broken"], strict=True):
        assert (back == value) is (not broken), (name, value, back)


def test_maps_that_are_not_character_maps_have_no_breaker() -> None:
    assert build("hankaku", None, Context(item=TEXT)).breaker is None  # ｶﾞ is two characters
    assert build("replace", {"a": "bc"}, Context(item=TEXT)).breaker is None
    assert char_map_breaker({"a": "b", "b": "c"}, {"b": "a", "c": "b"}) is None  # b is both
    assert char_map_breaker({"a": "-"}, {"-": "a"}) == r"[\-]"


def test_a_bundled_area_read_alone_is_the_catalogues() -> None:
    for area in ("jumin", "kaigo", "kojin_juminzei"):
        assert _bundled_area(area, "2.7") == load_area(area)
    assert _bundled_area("catalogue", "2.7") is None
    assert _bundled_area("住民基本台帳", "2.7") is None  # names go through the catalogue


def test_a_gaiji_in_a_digits_item_is_reported_beside_its_type_finding(tmp_path: Path) -> None:
    """外字 in items whose checks reject them anyway are looked for on such rows only."""
    source = SAMPLES / "kaso-systems/kaigo/KSJ_KAIGO_HIHOKENSHA.csv"
    text = source.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    fields = text[1].split(",")
    fields[2] = fields[2][:-1] + "\ue000"  # 宛名コード → 宛名番号 (digits)
    text[1] = ",".join(fields)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / source.name).write_text("".join(text), encoding="utf-8-sig")
    report = convert(load_mapping("kaso-systems/kaigo"), [folder], tmp_path / "out")
    listed = [f for f in report.findings if f.row == 1 and f.item == "宛名番号"]
    codes = sorted(f.code for f in listed)
    assert codes == ["gaiji", "type"]
