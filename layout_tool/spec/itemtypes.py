"""The item-type registry: everything the tool knows about one データ型, declared once.

Each type of docs/checks.md is one :class:`ItemTypeDef` in :data:`ITEM_TYPE_DEFS`: its
character screen (the regex classes the type check and the 外字 check run), how 桁数 is
counted, its own last check, its display names, its XSD character class, its 外字 policy and
the sample generator that makes valid values of it. The checks (``checks.items``), the
messages, the XSD generator, the sample generator, the charset checks, the importer and the
JSON Schema of spec files read it from here, so a new type is one declaration here plus its
own check, XSD and sample generator where it needs a new kind of them.

Regexes are polars (Rust ``regex``) classes; XSD classes are XSD 1.0 regexes (implicitly
anchored, ``*`` = the whole value). This module imports nothing of the package, so every
layer may read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ItemType = Literal[
    "zenkaku", "kana", "hankaku", "text", "digits", "number",
    "date", "wareki", "yearmonth", "time", "code",
]  # fmt: skip

# Private use (外字): the BMP area and planes 15-16.
PUA = "\ue000-\uf8ff\U000f0000-\U0010fffd"
# Controls, and the bidi embeddings/overrides/isolates (U+202A–U+202E, U+2066–U+2069) that
# reorder what a screen shows: never valid 全角 or printable text (docs/security.md).
CONTROL = "\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
GAIJI = f"[{PUA}]"
# Characters the character checks of layout_tool.charset look for: escape marks (◆ { &),
# U+FFFD and IVS selectors, so that those checks can read the screened column too.
CHARSET_MARKS = "◆{&\ufffd\U000e0100-\U000e01ef"
# 全角カナ: katakana, 中黒 ・ and ＝ (they separate the parts of foreign residents' readings,
# ヤマダ＝タロウ), ー ヽ ヾ and the full-width space.
_KANA = "\u30a1-\u30f6\u30fb\u30fc\u30fd\u30fe\u3000\uff1d"
NUMBER = r"^-?[0-9]+(\.[0-9]+)?$"
DIGITS_ONLY = "[^0-9]"  # checked without a regex (``checks.digits.non_digit``)

# XSD 1.0 pieces of the same classes.
_XSD_ASCII = " -~"
_XSD_HALF_KANA = "\uff61-\uff9f"
_XSD_KANA = "\u30a1-\u30f6\u30fb-\u30fe\u3000\uff1d"
_XSD_PRIVATE = PUA  # libxml2's \p{Co} misses plane 15

LengthRule = Literal["chars", "bytes", "number", "none"]
"""How ``length`` is checked: characters (or the spec's ``length_count``), bytes of an
ASCII-only type (the same count wherever the check decides), digits and decimals of a
number, or not at all (dates and codes have their own check)."""

OwnCheck = Literal["date", "code"]
GaijiPolicy = Literal["may-pass", "fails", "date-format", "code-values"]
"""Whether a 外字 can pass the type's own checks: ``may-pass`` (text types: the 外字 check
must look at every value), ``fails`` (a 外字 is always another finding too, so it is looked
for only on rows that have one), or it depends on the item's ``format`` / code table."""

SampleKind = Literal["text", "digits", "number", "date", "time", "code"]
"""Which generator of ``layout_tool.sample.values`` makes valid values of the type."""


@dataclass(frozen=True)
class XsdClass:
    """The type's character class in the generated XSD, without and with 外字 allowed."""

    pattern: str
    doc: str
    gaiji_pattern: str | None = None  # None: 外字 cannot be allowed in this type
    gaiji_doc: str = ""


@dataclass(frozen=True)
class ItemTypeDef:
    """One データ型 of docs/checks.md."""

    name: ItemType
    ja: str  # display name in Japanese (messages, reports)
    en: str  # display name in English (docs, help)
    sample: SampleKind
    bad_char: str | None = None  # regex class of a character that is not of the type
    screen: str | None = None  # bad_char ∪ 外字 ∪ charset marks, when one scan serves all
    length: LengthRule = "chars"
    own_check: OwnCheck | None = None
    xsd: XsdClass | None = None  # None: the XSD generator has a dedicated rule
    gaiji: GaijiPolicy = "fails"
    text: bool = False  # free text: the charset checks (escapes, IVS, lost characters) apply
    pad: str | None = None  # what a fixed-length sample value is padded with
    fixed_length: int | None = None  # the standard's 桁数 of the type, when it has one


ITEM_TYPE_DEFS: dict[str, ItemTypeDef] = {
    d.name: d
    for d in (
        ItemTypeDef(
            "zenkaku", "全角", "full-width text", "text",
            bad_char=f"[{CONTROL}\x20-\x7e\uff61-\uff9f]",
            screen=f"[{CONTROL}\x20-\x7e\uff61-\uff9f{PUA}{CHARSET_MARKS}]",
            xsd=XsdClass(
                f"[^\\p{{Cc}}{_XSD_ASCII}{_XSD_HALF_KANA}{_XSD_PRIVATE}]*",
                "全角: no ASCII, half-width kana, 外字",
                f"[^\\p{{Cc}}{_XSD_ASCII}{_XSD_HALF_KANA}]*",
                "全角: no ASCII or half-width kana",
            ),
            gaiji="may-pass", text=True, pad="　",
        ),
        ItemTypeDef(
            "kana", "全角カナ", "full-width katakana", "text",
            bad_char=f"[^{_KANA}{PUA}]",
            screen=f"[^{_KANA}]",
            xsd=XsdClass(
                f"[{_XSD_KANA}]*", "カナ: katakana, ・, ＝, ー, ヽ, ヾ, full-width space",
                f"[{_XSD_KANA}{_XSD_PRIVATE}]*", "カナ, and 外字 (private use)",
            ),
            gaiji="may-pass", text=True, pad="ー",
        ),
        ItemTypeDef(
            "hankaku", "半角", "half-width (printable ASCII)", "text",
            bad_char="[^\x20-\x7e]", length="bytes",
            xsd=XsdClass(f"[{_XSD_ASCII}]*", "半角: printable ASCII"),
            text=True, pad=" ",
        ),
        ItemTypeDef(
            "text", "文字", "any text", "text",
            bad_char=f"[{CONTROL}]",
            screen=f"[{CONTROL}{PUA}{CHARSET_MARKS}]",
            xsd=XsdClass(
                f"[^\\p{{Cc}}{_XSD_PRIVATE}]*", "text: no control characters or 外字",
                "[^\\p{Cc}]*", "text: no control characters",
            ),
            gaiji="may-pass", text=True, pad="　",
        ),
        ItemTypeDef(
            "digits", "数字", "digits", "digits",
            bad_char=DIGITS_ONLY, length="bytes",
            xsd=XsdClass("[0-9]*", "digits: ASCII 0-9"), pad="0",
        ),
        ItemTypeDef("number", "数値", "signed decimal", "number", length="number"),
        ItemTypeDef(
            "date", "年月日", "date", "date", length="none", own_check="date",
            gaiji="date-format", fixed_length=8,
        ),
        ItemTypeDef(
            "wareki", "和暦年月日", "Japanese-era date", "date", length="none",
            own_check="date", fixed_length=8,
        ),
        ItemTypeDef(
            "yearmonth", "年月", "year and month", "date", length="none", own_check="date",
            fixed_length=6,
        ),
        ItemTypeDef(
            "time", "時刻", "time of day", "time", length="none", own_check="date",
            fixed_length=6,
        ),
        ItemTypeDef(
            "code", "コード", "code of a code table", "code", length="none", own_check="code",
            gaiji="code-values",
        ),
    )
}  # fmt: skip

ITEM_TYPES: tuple[ItemType, ...] = tuple(d.name for d in ITEM_TYPE_DEFS.values())
DATE_TYPES: frozenset[str] = frozenset(
    n for n, d in ITEM_TYPE_DEFS.items() if d.own_check == "date"
)
TEXT_TYPES: frozenset[str] = frozenset(n for n, d in ITEM_TYPE_DEFS.items() if d.text)


def item_type(name: str) -> ItemTypeDef:
    """The declaration of a type (KeyError for an unknown one: the loader checked it)."""
    return ITEM_TYPE_DEFS[name]


def as_item_type(value: str) -> ItemType:
    """``value`` as an :data:`ItemType`; ValueError when it names no type."""
    if value not in ITEM_TYPE_DEFS:
        raise ValueError(value)
    return ITEM_TYPE_DEFS[value].name
