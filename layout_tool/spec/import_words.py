"""The words of official-style item tables, and what they mean to the spec model.

Column headings and cell words vary between editions and between 業務 (BRIEF §1: match
by name and synonyms, never by position), so every heading and word is compared after
the same normalisation: NFKC (full-width letters, half-width kana), no spaces or line
breaks, no trailing note marks, case-folded. The tables here are data: extend them when
a real workbook uses a word they miss, and users can name columns with ``--column``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from layout_tool.spec.model import ITEM_TYPES, ItemType

# Canonical field → headings that mean it, in a データ項目一覧表.
ITEM_FIELDS: dict[str, tuple[str, ...]] = {
    "no": ("項番", "no", "no.", "番号", "連番", "項目番号", "#"),
    "name": (
        "データ項目名称", "データ項目名", "項目名称", "項目名", "データ項目", "項目",
        "論理名", "論理項目名", "name", "item",
    ),
    "type": (
        "データ型", "データタイプ", "型", "属性", "データ属性", "項目属性", "タイプ", "type",
    ),
    "length": ("桁数", "桁", "最大桁数", "長さ", "サイズ", "length", "digits"),
    "scale": ("小数桁数", "小数部桁数", "小数桁", "小数点以下桁数", "scale"),
    "gaiji": ("外字使用", "外字", "外字有無", "外字使用有無", "外字可否", "外字使用可否", "gaiji"),
    "code": ("コード", "コード名", "コード表", "コード種別", "コードid", "参照コード", "code"),
    "required": ("必須", "必須項目", "必須区分", "必須有無", "必須/任意", "required"),
    "repeat": ("繰返し", "繰り返し", "繰返", "繰返し有無", "繰り返し有無", "繰返回数", "repeat"),
    "note": ("備考", "説明", "摘要", "内容", "補足", "注記", "description", "note"),
    "key": ("キー", "主キー", "キー項目", "key", "pk"),
    "file": ("移行ファイル", "移行ファイル名", "ファイル名", "ファイル", "file"),
}  # fmt: skip
ITEM_REQUIRED = ("name", "type")

# Further headings of the 基本データリスト (標準準拠システム) item sheets, as a vendor's import
# tool and public summaries name them (BRIEF §10); assumptions until an official workbook is
# imported. ``group`` is the 6-digit file group id (業務 3 digits + serial 3 digits).
KIHON_FIELDS: dict[str, tuple[str, ...]] = {
    "group": (
        "データグループid", "データグループ番号", "ファイルグループid", "グループid",
        "グループ番号", "グループコード", "データグループコード",
    ),
    "file": ("データグループ名", "データグループ名称", "データグループ", "ファイルグループ名"),
    "name": ("データ項目名称(論理名)", "項目名(論理名)", "データ名称"),
    "length": ("最大長", "最大桁", "桁数(最大)", "バイト数"),
    "required": ("必須・任意", "必須/任意区分", "必須任意", "必須区分(〇:必須)"),
    "key": ("主キー区分", "キー区分", "キー項目区分"),
    "code": ("マスタ", "参照マスタ", "コード値参照", "参照コード表"),
}  # fmt: skip
for _field, _words in KIHON_FIELDS.items():
    ITEM_FIELDS[_field] = ITEM_FIELDS.get(_field, ()) + _words

# Canonical field → headings, in a コード一覧 sheet.
CODE_FIELDS: dict[str, tuple[str, ...]] = {
    "table": (
        "コード名", "コード表名", "コード種別", "コード表", "コード表id", "コードid", "table",
    ),
    "value": ("コード", "コード値", "値", "区分値", "code", "value"),
    "label": ("名称", "内容", "意味", "コード内容", "コード名称", "説明", "ラベル", "label"),
}  # fmt: skip
CODE_REQUIRED = ("value", "label")

# Labels written beside a value above the header row ("移行ファイル名：個人").
FILE_NAME_LABELS = ("移行ファイル名", "移行ファイル名称", "ファイル名", "ファイル名称")
FILE_ID_LABELS = ("ファイルid", "物理名", "ファイル物理名", "物理ファイル名", "ファイル英名")
TABLE_LABELS = ("コード名", "コード表名", "コード種別")

# Data-type words, tried in order; the first word found inside the cell decides.
# Order matters: 全角カナ before 全角, 英数字 before 数字, 年月日 before 年月.
TYPE_WORDS: tuple[tuple[str, ItemType], ...] = (
    ("和暦", "wareki"),
    ("年月日", "date"), ("日付", "date"), ("yyyymmdd", "date"), ("西暦", "date"),
    ("時刻", "time"), ("時分秒", "time"), ("hhmmss", "time"),
    ("年月", "yearmonth"), ("yyyymm", "yearmonth"),
    ("コード", "code"),
    ("半角カナ", "text"), ("半角カタカナ", "text"),
    ("カナ", "kana"), ("カタカナ", "kana"), ("フリガナ", "kana"),
    ("英数", "hankaku"), ("英字", "hankaku"),
    ("数値", "number"), ("金額", "number"), ("数量", "number"), ("整数", "number"),
    ("numeric", "number"), ("decimal", "number"),
    ("数字", "digits"),
    ("全角", "zenkaku"), ("漢字", "zenkaku"), ("日本語", "zenkaku"),
    ("半角", "hankaku"), ("ascii", "hankaku"),
    ("文字", "text"), ("テキスト", "text"), ("string", "text"), ("char", "text"),
)  # fmt: skip
# Whole-cell words of COBOL-style layouts (X 半角, N 全角, 9 数字).
EXACT_TYPE_WORDS: dict[str, ItemType] = {"x": "hankaku", "n": "zenkaku", "9": "digits"}
# Words that map, but only approximately: the command warns about them.
APPROXIMATE_WORDS = frozenset({"半角カナ", "半角カタカナ"})

TRUE_WORDS = frozenset(
    {"○", "◯", "〇", "●", "◎", "有", "有り", "あり", "可", "使用", "使用可", "必須", "要",
     "1", "y", "yes", "true", "t", "する", "o"}
)  # fmt: skip
FALSE_WORDS = frozenset(
    {"", "×", "✕", "-", "ー", "―", "‐", "無", "無し", "なし", "不可", "否", "0", "n", "no",
     "false", "f", "しない", "任意", "不要", "未使用", "使用不可"}
)  # fmt: skip

_NOTE_MARKS = "※*＊"
_PARENS = re.compile(r"[(（\[［【].*?[)）\]］】]")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The comparable form of a heading or word (see the module docstring)."""
    out = unicodedata.normalize("NFKC", text)
    out = _SPACES.sub("", out).strip(_NOTE_MARKS)
    return out.casefold()


def heading_keys(text: str) -> list[str]:
    """A heading's comparable forms: as written, then without a bracketed remark."""
    full = normalise(text)
    bare = normalise(_PARENS.sub("", unicodedata.normalize("NFKC", text)))
    return [full] if bare in {"", full} else [full, bare]


def synonym_index(fields: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """Normalised heading → canonical field."""
    return {normalise(word): field for field, words in fields.items() for word in words}


def field_of(word: str, fields: Mapping[str, tuple[str, ...]]) -> str | None:
    """The canonical field a user names in ``--column FIELD=HEADING`` (English or a synonym)."""
    key = normalise(word)
    if key in fields:
        return key
    return synonym_index(fields).get(key)


def type_of(word: str, extra: Mapping[str, ItemType] | None = None) -> tuple[ItemType, bool]:
    """The item type a データ型 word means, and whether the word was understood.

    Unknown words give ``text`` (the loosest check) and False, so the caller can warn.
    """
    key = normalise(word)
    if extra:
        for user_word, item_type in extra.items():
            if normalise(user_word) == key:
                return item_type, True
    if key in ITEM_TYPES:
        return key, True
    if key in EXACT_TYPE_WORDS:
        return EXACT_TYPE_WORDS[key], True
    for fragment, item_type in TYPE_WORDS:
        if fragment in key:
            return item_type, fragment not in APPROXIMATE_WORDS
    return "text", False


def flag(word: str) -> bool | None:
    """A ○/× style cell as a boolean; None when the word is not a known yes or no."""
    key = normalise(word)
    if key in TRUE_WORDS:
        return True
    if key in FALSE_WORDS:
        return False
    return None


_LENGTH = re.compile(r"^(\d+)(?:[.,、，．(（](\d+)[)）]?)?(?:桁|文字|バイト|byte|bytes)?$")


def parse_length(text: str) -> tuple[int, int | None] | None:
    """``12`` → (12, None); ``12,2`` / ``12.2`` / ``12(2)`` → (12, 2); None if unreadable."""
    key = normalise(text)
    match = _LENGTH.match(key)
    if match is None:
        return None
    scale = match.group(2)
    return int(match.group(1)), (int(scale) if scale is not None else None)


_SLUG_DROP = re.compile(r"[^a-z0-9_]+")


def slug(text: str) -> str | None:
    """An ASCII name as a spec id (``JUMIN_KOJIN`` → ``jumin_kojin``); None if none is left."""
    ascii_text = unicodedata.normalize("NFKC", text).casefold().replace("-", "_")
    out = _SLUG_DROP.sub("_", ascii_text).strip("_")
    out = re.sub("_+", "_", out)
    if not out or not out[0].isalpha() or not out.isascii():
        return None
    return out
