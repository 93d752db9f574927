"""Properties of mapped conversions.

- Every lossless bundled mapping: take its sample export, change a few fields to awkward
  values (〜 ～, half-width kana, 外字, blanks, boundary dates in every shape), convert,
  convert the output back with ``--reverse``: every accepted row comes back exactly.
- Every transform against its inverse, on the values it promises to keep.
- Vectorised date conversion gives the scalar reference's answer (``dates.convert_date_text``).
- ``rows_in == rows_out + rows_rejected`` on arbitrary, also invalid, input; and the same
  input gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from layout_tool.conversion import ConvertOptions, convert
from layout_tool.dates import SHAPES, convert_date_text, format_date
from layout_tool.mapping import Mapping, load_mapping
from layout_tool.mapping.transforms import Context, build
from layout_tool.mapping.transforms.dates import convert_series
from layout_tool.mapping.transforms.width import half_to_full, hira_to_kata
from layout_tool.spec.catalogue import bundled_root
from layout_tool.spec.model import Item

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_data" / "vendors"
MAPPINGS = sorted(p.relative_to(bundled_root("mappings")).with_suffix("").as_posix()
                  for p in bundled_root("mappings").glob("*/*.yaml")
                  if "lossless: true" in p.read_text(encoding="utf-8"))  # fmt: skip
SLOW = settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])

BOUNDARIES = [
    date(1868, 1, 23), date(1912, 7, 29), date(1912, 7, 30), date(1926, 12, 24),
    date(1926, 12, 25), date(1989, 1, 7), date(1989, 1, 8), date(2019, 4, 30),
    date(2019, 5, 1), date(2000, 2, 29), date(1900, 2, 28), date(2024, 12, 31),
]  # fmt: skip
AWKWARD = ["〜", "～", "ｶﾞ", "ガ", "\ue000", "\u3000", " ", "髙", "𠮷", "－", "−", "ｰ", "ー",
           "0", "9", "-", "/", ".", "年", "平成", "元", "ｱ", "あ", ",", '"', "A"]  # fmt: skip


def dates_in_shapes() -> st.SearchStrategy[str]:
    days = st.sampled_from(BOUNDARIES) | st.dates(date(1868, 1, 23), date(2099, 12, 31))
    written = st.builds(format_date, days, st.sampled_from(sorted(SHAPES)))
    unknown = written.map(lambda s: s[:-2] + "00" if s[-2:].isdigit() else s)
    return written | unknown


VALUES = (
    st.lists(st.sampled_from(AWKWARD), max_size=6).map("".join)
    | dates_in_shapes()
    | st.text(alphabet=st.sampled_from("0123456789 "), max_size=12)
)


# -- bundled mappings: convert, reverse, compare ---------------------------------------


def _rejected_rows(folder: Path) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for path in (folder / "conversion").glob("*.rejects.csv"):
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        out[path.name.removesuffix(".rejects.csv")] = {int(r["row"]) for r in rows}
    return out


def _records(mapping: Mapping, source_id: str, path: Path) -> list[object]:
    source = mapping.source(source_id)
    data = path.read_bytes()
    if source.format == "fixed":
        return [r for r in data.split(b"\r\n") if r]
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    return [tuple(r) for r in rows[1:]]


def _mutate(mapping: Mapping, folder: Path, edits: list[tuple[int, int, int, str]]) -> None:
    """Apply (source index, row, field index, value) edits to the vendor files in ``folder``."""
    for s_index, row, f_index, value in edits:
        source = mapping.sources[s_index % len(mapping.sources)]
        path = folder / source.file
        field = source.fields[f_index % len(source.fields)]
        if source.format == "fixed":
            records = path.read_bytes().split(b"\r\n")
            n = row % max(1, len(records) - 1)
            start = sum(f.length or 0 for f in source.fields[: source.fields.index(field)])
            raw = value.encode("cp932", errors="replace")[: field.length].ljust(field.length or 0)
            rec = records[n]
            records[n] = rec[:start] + raw + rec[start + (field.length or 0) :]
            path.write_bytes(b"\r\n".join(records))
        else:
            rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
            n = 1 + row % max(1, len(rows) - 1)
            rows[n][source.field_names.index(field.name)] = value
            buf = io.StringIO(newline="")
            csv.writer(buf, lineterminator="\r\n").writerows(rows)
            path.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))


@pytest.mark.parametrize("name", MAPPINGS)
@SLOW
@given(
    edits=st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 30), st.integers(0, 40), VALUES), max_size=4
    )
)
def test_accepted_rows_come_back_exactly(name: str, edits: list[tuple[int, int, int, str]]) -> None:
    mapping = load_mapping(name)
    assert mapping.lossless
    with tempfile.TemporaryDirectory() as tmp:
        vendor, std, back = Path(tmp) / "v", Path(tmp) / "s", Path(tmp) / "b"
        shutil.copytree(SAMPLES / name, vendor)
        _mutate(mapping, vendor, edits)
        report = convert(mapping, [vendor], std)
        for f in report.files:
            assert f.rows_in == f.rows_out + f.rows_rejected
        convert(mapping, [std], back, ConvertOptions(reverse=True))
        rejected = _rejected_rows(std)
        for f in report.files:
            source = mapping.source(f.source)
            stem = Path(f.output).stem
            original = _records(mapping, source.id, vendor / source.file)
            kept = [
                r for i, r in enumerate(original, start=1) if i not in rejected.get(stem, set())
            ]
            assert _records(mapping, source.id, back / source.file) == kept


# -- transforms against their inverses --------------------------------------------------

TEXT = Item(1, "x", "text", 40)
HALF = "".join(half_to_full(("ascii", "space", "kana")))
HIRA = "".join(hira_to_kata())


def _both(
    name: str, params: object, values: list[str], width: int | None = None
) -> list[str | None]:
    step = build(name, params, Context(item=TEXT, width=width))
    assert step.forward is not None and step.inverse is not None
    frame = pl.DataFrame({"v": values}, schema={"v": pl.String})
    there = frame.select(step.forward(pl.col("v")).alias("v"))
    return there.select(step.inverse(pl.col("v")).alias("v"))["v"].to_list()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(HALF), max_size=12), min_size=1, max_size=20))
def test_zenkaku_then_hankaku(values: list[str]) -> None:
    assert _both("zenkaku", None, values) == values


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(alphabet=st.sampled_from(HIRA + "ー　"), max_size=12), min_size=1, max_size=20)
)
def test_katakana_then_hiragana(values: list[str]) -> None:
    assert _both("katakana", None, values) == values


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(alphabet=st.sampled_from("山田ｶa1 　"), max_size=6), min_size=1, max_size=20)
)
def test_trim_then_pad_in_bytes(values: list[str]) -> None:
    raw = []
    for v in values:
        v = v.rstrip(" \u3000")
        padded = v.encode("cp932")
        padded += "\u3000".encode("cp932") * ((16 - len(padded)) // 2) + b" " * (
            (16 - len(padded)) % 2
        )
        raw.append(padded.decode("cp932"))
    assert _both("trim", {"chars": "\u3000 ", "pad": "\u3000"}, raw, width=16) == raw


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-(10**9), 10**10), min_size=1, max_size=20), st.integers(0, 4))
def test_number_then_back(numbers: list[int], scale: int) -> None:
    values = [("-" if n < 0 else "") + str(abs(n)).zfill(12 - (n < 0)) for n in numbers]
    assert _both("number", {"scale": scale}, values, width=12) == values
    trailing = [str(abs(n)).zfill(11) + "-" if n < 0 else str(n).zfill(12) for n in numbers]
    assert _both("number", {"sign": "trailing"}, trailing, width=12) == trailing


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="0123456789", min_size=1, max_size=8), min_size=1, max_size=20))
def test_zfill_then_strip(values: list[str]) -> None:
    values = [v.lstrip("0") or "0" for v in values]
    assert _both("zfill", 10, values) == values


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(alphabet=st.sampled_from("１－２～３ab"), max_size=8), min_size=1, max_size=20)
)
def test_replace_then_back(values: list[str]) -> None:
    assert _both("replace", {"～": "〜", "－": "−"}, values) == values


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.dates(date(1868, 1, 23), date(2200, 12, 31)), min_size=1, max_size=20),
    st.sampled_from(sorted(SHAPES)),
    st.sampled_from(sorted(SHAPES)),
)
def test_date_shapes_round_trip(days: list[date], src: str, dst: str) -> None:
    try:
        values = [format_date(d, src) for d in days]
    except ValueError:
        assume(False)
        return
    forward = convert_series(pl.Series(values), src, dst, False)
    back = convert_series(forward, dst, src, False).to_list()
    for value, there, again in zip(values, forward.to_list(), back, strict=True):
        if there is not None:
            assert again == value


# -- vectorised dates = the scalar reference ---------------------------------------------


def _parts() -> st.SearchStrategy[str]:
    def spell(shape: str, era: str, y: int, m: int, d: int, big: int) -> str:
        eras = {
            "wareki": ["01", "02", "03", "04", "05", "06"],
            "era-digit": list("123456"),
            "era-letter": list("MTSHRX"),
            "kanji": ["明治", "大正", "昭和", "平成", "令和"],
        }
        index = "123456".index(era) if era in "123456" else 0
        if shape in ("compact", "slash", "iso"):
            sep = {"compact": "", "slash": "/", "iso": "-"}[shape]
            return f"{big:04d}{sep}{m:02d}{sep}{d:02d}"
        if shape in ("kanji", "kanji-no-gannen"):
            names = eras["kanji"]
            yy = "元" if y == 1 and big % 2 else str(y)
            return f"{names[index % 5]}{yy}年{m}月{d}日"
        token = eras[shape][index]
        sep = "." if shape == "era-letter" else ""
        return f"{token}{y:02d}{sep}{m:02d}{sep}{d:02d}"

    return st.builds(
        spell,
        st.sampled_from(sorted(SHAPES)),
        st.sampled_from("123456"),
        st.integers(0, 99),
        st.integers(0, 13),
        st.integers(0, 32),
        st.sampled_from([1, 1867, 1868, 1912, 1926, 1989, 2019, 2000, 1900, 9999])
        | st.integers(1, 9999),
    )


@settings(max_examples=80, deadline=None)
@given(st.lists(_parts(), min_size=1, max_size=40), st.sampled_from(sorted(SHAPES)),
       st.sampled_from(sorted(SHAPES)), st.booleans())  # fmt: skip
def test_vectorised_dates_equal_the_scalar_reference(
    values: list[str], src: str, dst: str, allow: bool
) -> None:
    got = convert_series(pl.Series(values, dtype=pl.String), src, dst, allow).to_list()
    for value, answer in zip(values, got, strict=True):
        try:
            expected: str | None = convert_date_text(value, src, dst, allow_unknown=allow)
        except ValueError:
            expected = None
        assert answer == expected, (value, src, dst, allow)


# -- every row accounted for, on any input; same input, same bytes ---------------------


@pytest.mark.parametrize("name", ["kakuu-densan/jumin", "kaso-systems/kaigo"])
@SLOW
@given(data=st.binary(max_size=3000), cut=st.integers(0, 5000))
def test_rows_add_up_on_arbitrary_bytes(name: str, data: bytes, cut: int) -> None:
    mapping = load_mapping(name)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        shutil.copytree(SAMPLES / name, folder)
        first = folder / mapping.sources[0].file
        original = first.read_bytes()
        header = (
            original.index(b"\n") + 1
            if mapping.sources[0].header and mapping.sources[0].format == "csv"
            else 0
        )
        at = header + cut % (len(original) - header + 1)
        first.write_bytes(original[:at] + data + original[at:])
        report = convert(mapping, [folder], Path(tmp) / "out")
        for f in report.files:
            assert f.rows_in == f.rows_out + f.rows_rejected
        assert report.rows_in == report.rows_out + report.rows_rejected


def test_convert_is_deterministic(tmp_path: Path) -> None:
    outputs = []
    for _ in range(2):
        out = tmp_path / "out"
        if out.exists():
            shutil.rmtree(out)
        convert(load_mapping("kakuu-densan/jumin"), [SAMPLES / "kakuu-densan/jumin"], out)
        outputs.append(
            {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
        )
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == 5  # 3 outputs, 2 reports; one rejects file (2 inputs had none)


# -- steps that claim exactness skip the row-by-row check: hold them to it ---------------

DATE_ITEMS = {
    "wareki": Item(2, "w", "wareki", 8),
    "compact": Item(3, "d", "date", 8),
    "iso": Item(4, "d", "date", 10, format="%Y-%m-%d"),
}


@settings(max_examples=80, deadline=None)
@given(st.lists(_parts(), min_size=1, max_size=40), st.sampled_from(sorted(SHAPES)),
       st.sampled_from(sorted(DATE_ITEMS)))  # fmt: skip
def test_exact_date_steps_undo_what_they_accept(values: list[str], src: str, dst: str) -> None:
    from layout_tool.checks.dates import date_ok

    item = DATE_ITEMS[dst]
    step = build("date", {"from": src, "to": dst}, Context(item=item))
    assume(step.exact)
    assert step.inverse is not None
    frame = pl.DataFrame({"v": values}, schema={"v": pl.String})
    there = frame.select(step.forward(pl.col("v")).alias("s"))
    ok = there.select(date_ok(pl.col("s"), item.type, item.format, False).fill_null(False))
    back = there.select(step.inverse(pl.col("s")).alias("b"))["b"].to_list()
    for value, accepted, again in zip(values, ok.to_series().to_list(), back, strict=True):
        if accepted:
            assert again == value, (value, src, dst)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(alphabet=st.sampled_from("MFX12 ｶ山"), max_size=3), min_size=1, max_size=30)
)
def test_exact_code_and_trim_steps_undo_what_they_accept(values: list[str]) -> None:
    code = build("code", {"map": {"M": "1", "F": "2"}}, Context(item=TEXT))
    era = build("era-code", {"from": "letter", "to": "code"}, Context(item=TEXT))
    trim = build("trim", None, Context(item=TEXT, width=6))
    assert code.exact and era.exact and trim.exact
    raw = [v.encode("cp932")[:6].ljust(6).decode("cp932", errors="replace") for v in values]
    for step, column in ((code, values), (era, values), (trim, raw)):
        assert step.inverse is not None
        frame = pl.DataFrame({"v": column}, schema={"v": pl.String})
        there = frame.select(step.forward(pl.col("v")).alias("s"))
        back = there.select(step.inverse(pl.col("s")).alias("b"))["b"].to_list()
        for value, s, again in zip(column, there["s"].to_list(), back, strict=True):
            if s is not None or step.name == "trim":
                assert again == value, (step.name, value)
