"""Properties: the fast forms of the item checks give exactly what the plain forms give.

The type check of digits and the date checks read a value through polars' integer cast
instead of a regex, and zenkaku, kana and text items scan text once (``char_screen``) for
both the type and the 外字 check. These hold each fast form to the plain regex or to the
check without the screen, on values made to hit the edges of the cast (signs, spaces, other
scripts' digits, more digits than 64 bits hold) and of the character classes.
"""

from __future__ import annotations

import re

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from layout_tool.checks.dates import _digits, date_ok
from layout_tool.checks.digits import all_digits, non_digit
from layout_tool.checks.items import BAD_CHAR, char_screen, finding_code, gaiji_present
from layout_tool.spec.model import CodeTable, Item

# Characters at the edges of the cast and of every class: ASCII digits and signs, spaces,
# full-width and Arabic-Indic digits, controls (C0, DEL, C1), half-width katakana, kana,
# kanji, the full-width space, and private-use characters of both planes.
EDGE = (
    "0123456789+-. _eE"
    "\x00\x01\x1f\x7f\x80\x9f\t\n"
    "０１９٣"
    "ｱｶﾟ｡"
    "アイウーヽヾ\u3000ぁ漢字"
    "\ue000\uf8ff\U000f0000\U0010fffd"
    "a𠀋"
)
DIGITS = "0123456789"


def values() -> st.SearchStrategy[str | None]:
    """Mostly digit strings (up to 25 digits, past the 20 a UInt64 can hold), then edges."""
    digit_runs = st.text(DIGITS, max_size=25)
    mixed = st.text(EDGE, max_size=12)
    signed = st.tuples(st.sampled_from("+- "), st.text(DIGITS, max_size=20)).map("".join)
    return st.one_of(st.none(), digit_runs, mixed, signed)


def column(vals: list[str | None]) -> pl.DataFrame:
    return pl.DataFrame({"v": vals}, schema={"v": pl.String})


@settings(max_examples=300, deadline=None)
@given(st.lists(values(), min_size=1, max_size=40))
def test_digit_tests_match_the_regexes(vals: list[str | None]) -> None:
    v = pl.col("v")
    got = column(vals).select(
        non_digit(v).alias("non"),
        v.str.contains("[^0-9]").alias("non_re"),
        all_digits(v).alias("all"),
        v.str.contains("^[0-9]+$").alias("all_re"),
    )
    assert got["non"].to_list() == got["non_re"].to_list()
    assert got["all"].to_list() == got["all_re"].to_list()


@settings(max_examples=300, deadline=None)
@given(st.lists(values(), min_size=1, max_size=40), st.sampled_from([6, 8]))
def test_fixed_width_digits_match_the_regex(vals: list[str | None], length: int) -> None:
    v = pl.col("v")
    plain = pl.when(v.str.contains(f"^[0-9]{{{length}}}$")).then(v.cast(pl.Int64, strict=False))
    got = column(vals).select(_digits(v, length).cast(pl.Int64).alias("fast"), plain.alias("re"))
    assert got["fast"].to_list() == got["re"].to_list()


def date_values() -> st.SearchStrategy[str | None]:
    """Eight-character values: real and impossible days, signs and other digits inside."""
    eight = st.text(DIGITS, min_size=8, max_size=8)
    ymd = st.tuples(
        st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32), st.sampled_from(["", "-"])
    ).map(lambda t: f"{t[0]:04d}{t[3]}{t[1]:02d}{t[3]}{t[2]:02d}")
    edged = st.tuples(eight, st.integers(0, 7), st.sampled_from("+- ０٣a")).map(
        lambda t: t[0][: t[1]] + t[2] + t[0][t[1] + 1 :]
    )
    return st.one_of(st.none(), st.just(""), eight, ymd, edged)


def reference_ymd(text: str | None, allow_unknown: bool) -> bool | None:
    """docs/checks.md for YYYYMMDD, one value at a time."""
    if not text:
        return None
    if len(text) != 8 or not all(c in DIGITS for c in text):
        return False
    year, month, day = int(text[:4]), int(text[4:6]), int(text[6:])
    if year < 1 or not 0 <= month <= 12 or not 0 <= day <= 31:
        return False
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = [0, 31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    real = month >= 1 and 1 <= day <= days[month]
    return real or allow_unknown


@settings(max_examples=300, deadline=None)
@given(st.lists(date_values(), min_size=1, max_size=40), st.booleans())
def test_yyyymmdd_matches_the_rules(vals: list[str | None], allow_unknown: bool) -> None:
    got = column(vals).select(date_ok(pl.col("v"), "date", None, allow_unknown).alias("ok"))
    assert got["ok"].to_list() == [reference_ymd(v, allow_unknown) for v in vals]


@settings(max_examples=200, deadline=None)
@given(st.lists(date_values(), min_size=1, max_size=40), st.booleans())
def test_reordered_and_punctuated_formats_read_the_same_day(
    vals: list[str | None], allow_unknown: bool
) -> None:
    def dmy(text: str | None) -> str | None:  # the same fields written as %d%m%Y
        if not text or len(text) != 8:
            return text and "?" + text  # bad as YYYYMMDD, and bad here too
        return text[6:] + text[4:6] + text[:4]

    def dashed(text: str | None) -> str | None:  # ... and as %Y-%m-%d
        if not text or len(text) != 8:
            return text and "?" + text
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"

    frame = pl.DataFrame(
        {"ymd": vals, "dmy": [dmy(v) for v in vals], "dash": [dashed(v) for v in vals]},
        schema={"ymd": pl.String, "dmy": pl.String, "dash": pl.String},
    )
    got = frame.select(
        date_ok(pl.col("ymd"), "date", None, allow_unknown).alias("ymd"),
        date_ok(pl.col("dmy"), "date", "%d%m%Y", allow_unknown).alias("dmy"),
        date_ok(pl.col("dash"), "date", "%Y-%m-%d", allow_unknown).alias("dash"),
    )
    assert got["dmy"].to_list() == got["ymd"].to_list()
    assert got["dash"].to_list() == got["ymd"].to_list()


def text_values() -> st.SearchStrategy[str | None]:
    return st.one_of(st.none(), st.text(EDGE, max_size=10), st.text("アイウー\u3000漢", max_size=6))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(text_values(), min_size=1, max_size=40),
    st.sampled_from(["zenkaku", "kana", "text"]),
    st.booleans(),
    st.integers(1, 8),
)
def test_screened_checks_equal_the_plain_ones(
    vals: list[str | None], kind: str, required: bool, length: int
) -> None:
    item = Item(no=1, name="x", type=kind, length=length, required=required)  # type: ignore[arg-type]
    codes: dict[str, CodeTable] = {}
    v = pl.col("v")
    chars = char_screen(item, v)
    assert chars is not None
    got = column(vals).select(
        finding_code(item, v, codes).alias("plain"),
        finding_code(item, v, codes, chars).alias("screened"),
        gaiji_present(v).alias("gaiji"),
        gaiji_present(chars).alias("gaiji_screened"),
    )
    assert got["screened"].to_list() == got["plain"].to_list()
    assert got["gaiji_screened"].to_list() == got["gaiji"].to_list()


def reference_code(value: str | None, kind: str, length: int, fixed: bool) -> str | None:
    """docs/checks.md for a required digits or hankaku item, one value at a time."""
    if value is None:
        return "required"
    allowed = DIGITS if kind == "digits" else "".join(map(chr, range(0x20, 0x7F)))
    if any(c not in allowed for c in value):
        return "type"
    if (len(value) != length) if fixed else (len(value) > length):
        return "length"
    return None


@settings(max_examples=300, deadline=None)
@given(
    st.lists(values(), min_size=1, max_size=40),
    st.sampled_from(["digits", "hankaku"]),
    st.integers(1, 22),
    st.booleans(),
)
def test_ascii_items_follow_the_rules(
    vals: list[str | None], kind: str, length: int, fixed: bool
) -> None:
    item = Item(no=1, name="x", type=kind, length=length, required=True, fixed=fixed)  # type: ignore[arg-type]
    got = column(vals).select(finding_code(item, pl.col("v"), {}).alias("c"))
    assert got["c"].to_list() == [reference_code(v, kind, length, fixed) for v in vals]


def test_there_is_a_screen_exactly_for_the_types_scanned_for_gaiji() -> None:
    screened = {
        kind
        for kind in [*BAD_CHAR, "number", "code", "date"]
        if char_screen(Item(no=1, name="x", type=kind, length=5), pl.col("v")) is not None  # type: ignore[arg-type]
    }
    assert screened == {"zenkaku", "kana", "text"}


def _plain_number(v: pl.Expr, length: int, scale: int) -> tuple[pl.Expr, pl.Expr]:
    """The number checks as plain regexes (the reference for the cast-first forms)."""
    from layout_tool.spec.itemtypes import NUMBER

    digits = v.str.replace_all(r"[-.]", "").str.len_chars()
    decimals = v.str.extract(r"\.([0-9]*)$", 1).str.len_chars().fill_null(0)
    return ~v.str.contains(NUMBER), (digits > length) | (decimals > scale)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            values(),
            st.tuples(
                st.sampled_from(["", "-", "+", "--"]),
                st.text(DIGITS, max_size=22),
                st.sampled_from(["", ".", ".5", ".25", ".", ".1234"]),
            ).map("".join),
        ),
        min_size=1,
        max_size=40,
    ),
    st.integers(1, 20),
    st.integers(0, 3),
)
def test_number_length_matches_the_regexes(vals: list[str | None], length: int, scale: int) -> None:
    from layout_tool.checks.items import number_long

    v = pl.col("v")
    bad_re, long_re = _plain_number(v, length, scale)
    got = column(vals).select(
        bad_re.alias("bad_re"),
        number_long(v, length, scale).alias("long"),
        long_re.alias("long_re"),
    )
    ok = ~got["bad_re"].fill_null(True)  # length decides only where the type check passed
    assert got["long"].filter(ok).to_list() == got["long_re"].filter(ok).to_list()


def _plain_code(item: Item, value: str | None) -> str | None:
    """The first failing check by the plain rules (docs/checks.md order), one value."""
    from layout_tool.identifiers import LENGTHS, is_valid

    if value is None:
        return "required" if item.required else None
    if item.type == "number":
        if not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", value, flags=re.ASCII):
            return "type"
        whole, _, decimals = value.lstrip("-").partition(".")
        too_long = len(whole) + len(decimals) > item.length or len(decimals) > (item.scale or 0)
        return "length" if too_long else None
    if item.type == "digits" and (not value.isascii() or not value.isdigit()) and value:
        return "type"
    if item.type == "zenkaku" and any(ch in BAD_ZENKAKU for ch in value):
        return "type"
    if len(value) > item.length:
        return "length"
    kind = item.check
    if kind is not None and 2 <= len(value) == LENGTHS.get(kind, len(value)):
        return None if is_valid(kind, value) else "check-digit"
    return None


ZENKAKU = "アイウーヽヾ\u3000ぁ漢字０１９٣\ue000𠀋"  # each passes a zenkaku item's type check
BAD_ZENKAKU = set("0123456789+-. _eE\x00\x01\x1f\x7f\x80\x9f\t\nｱｶﾟ｡a")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(values() | st.text(EDGE, max_size=30) | st.text(ZENKAKU, max_size=10), max_size=40),
    st.sampled_from(
        [
            ("digits", 15, "m11"),
            ("digits", 6, "lgcode"),
            ("digits", 13, "corporate"),  # 15+ digits once stopped the run (a UInt8 cast)
            ("digits", 12, "mynumber"),
            ("digits", 8, None),
            ("zenkaku", 6, None),
            ("number", 5, None),
            ("number", 19, "2"),
        ]
    ),
)
def test_the_engines_fast_form_gives_the_plain_codes(
    vals: list[str | None], kind: tuple[str, int, str | None]
) -> None:
    """validate's form of the checks (one cast shared by type and check digit, a check digit
    that trusts the type check, lengths counted past their bytes only, plain integers of a
    number item judged by a cast and their bytes, UInt8 codes) gives
    the code the plain rules give, and the same as ``finding_code``."""
    from layout_tool.checks.items import CHECK_CODES, check_steps, finding_index, precomputed

    type_, length, check = kind
    scale = int(check) if type_ == "number" and check else 0
    check = None if type_ == "number" else check
    item = Item(no=1, name="x", type=type_, length=length, required=True, check=check, scale=scale)  # type: ignore[arg-type]
    v = pl.col("v")
    screen = char_screen(item, v)
    pre = precomputed(item, v)
    frame = column(vals).with_columns(
        *([] if screen is None else [screen.alias("chars")]),
        *([] if pre is None else [pre[1].alias("pre")]),
    )
    chars = None if screen is None else pl.col("chars")
    shared = {} if pre is None else {pre[0]: pl.col("pre")}
    steps = check_steps(item, v, {}, chars, as_int=shared.get("as_int"), rest=shared.get("rest"))
    got = frame.select(finding_index(steps).alias("i"), finding_code(item, v, {}).alias("code"))
    fast = [None if i is None else CHECK_CODES[i] for i in got["i"].to_list()]
    assert fast == got["code"].to_list()
    if check != "m11" or all(v is None or len(v) <= 19 for v in vals):
        assert fast == [_plain_code(item, v) for v in vals]


UNSIGNED_EDGE = EDGE.replace("+", "").replace("-", "")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.none() | st.text(DIGITS, max_size=22) | st.text(UNSIGNED_EDGE, max_size=12),
        min_size=1,
        max_size=40,
    ),
    st.sampled_from(
        [
            ("digits", 15, "m11", None),
            ("digits", 8, None, None),
            ("number", 5, None, 0),
            ("number", 9, None, 2),
            ("date", 8, None, None),
            ("wareki", 8, None, None),
            ("yearmonth", 6, None, None),
            ("time", 6, None, None),
        ]
    ),
    st.sampled_from([frozenset("+"), frozenset("-"), frozenset("+-")]),
)
def test_checks_built_for_sign_free_batches_give_the_same_codes(
    vals: list[str | None],
    kind: tuple[str, int, str | None, int | None],
    signs: frozenset[str],
) -> None:
    """``checks.signs.absent``: on values holding neither sign, the checks built with the
    sign tests as constant false give every cell the code the full checks give (nulls too)."""
    from layout_tool.checks.items import CHECK_CODES, check_steps, finding_index, precomputed
    from layout_tool.checks.signs import absent

    type_, length, check, scale = kind
    item = Item(no=1, name="x", type=type_, length=length, check=check, scale=scale)  # type: ignore[arg-type]
    v = pl.col("v")

    def codes() -> list[str | None]:
        pre = precomputed(item, v)
        frame = column(vals).with_columns(*([] if pre is None else [pre[1].alias("pre")]))
        shared = {} if pre is None else {pre[0]: pl.col("pre")}
        steps = check_steps(item, v, {}, as_int=shared.get("as_int"), rest=shared.get("rest"))
        got = frame.select(finding_index(steps).alias("i"))["i"].to_list()
        return [None if i is None else CHECK_CODES[i] for i in got]

    full = codes()
    with absent(signs):
        assert codes() == full
