"""Texts of conversions, ja and en: what a failed transform says, and round trips.

A transform's failure is a predicate (``xform.*``) that ``conv.failed`` puts after the
vendor value it concerns: "field 生年月日 'R01.13.01' is not a wareki date…" and
"フィールド 生年月日 の値 'R01.13.01' は、存在する wareki の日付…ではありません".
"""

from __future__ import annotations

CONVERT_TEMPLATES: dict[str, tuple[str, str]] = {
    # where the value came from (the subject of a failed transform)
    "conv.failed": ("{label} {value} は、{failure}", "{label} {value} {failure}"),
    "conv.field": ("フィールド {field} の値", "field {field}"),
    "conv.fields": ("フィールド {fields} の値", "fields {fields}"),
    "conv.key": ("キー {fields} の値", "key {fields}"),
    "conv.value": ("値", "value"),
    "conv.standard-value": ("標準の項目 {item} の値", "standard value of {item}"),
    # what a transform could not do (forward, then back)
    "xform.failed": ("変換できません", "cannot be converted"),
    "xform.failed-back": ("元に戻せません", "cannot be converted back"),
    "xform.yearmonth": (
        "{src} 形式の実在する年月ではありません",
        "is not a {src} year-month that exists",
    ),
    "xform.yearmonth-back": (
        "{src} 形式の年月として書けません",
        "cannot be written as a {src} year-month",
    ),
    "xform.time": (
        "{src} 形式の時刻（例: {example}）ではありません",
        "is not a {src} time (like {example})",
    ),
    "xform.time-back": (
        "{src} 形式の時刻として書けません（秒が失われます）",
        "cannot be written as a {src} time (seconds are lost)",
    ),
    "xform.date": (
        "{src} 形式（例: {example}）の実在する日付ではありません",
        "is not a {src} date (like {example}) that exists",
    ),
    "xform.date-back": ("{src} 形式の日付として書けません", "cannot be written as a {src} date"),
    "xform.flagged": (
        "{src} 形式の日付と既知の不詳フラグ（{known}、{flags}）ではありません",
        "is not a {src} date with a known 不詳フラグ ({known}, {flags})",
    ),
    "xform.flagged-back": (
        "{src} 形式の日付と不詳フラグとして書けません",
        "cannot be written as a {src} date and its 不詳フラグ",
    ),
    "xform.number": (
        "数値（数字のみ、符号は{sign}）ではありません",
        "is not a number (digits, sign {sign})",
    ),
    "xform.number-scaled": (
        "数値（小数点なしで小数{scale}桁を含む数字、符号は{sign}）ではありません",
        "is not a number (digits with {scale} implied decimals, sign {sign})",
    ),
    "xform.sign-leading": ("先頭", "leading"),
    "xform.sign-trailing": ("末尾", "trailing"),
    "xform.number-back": (
        "小数{scale}桁の数値として桁内に収まりません",
        "is not a number with {scale} decimals that fits",
    ),
    "xform.too-long-field": (
        "フィールドの長さ（{width}）を超えています",
        "is longer than the field ({width})",
    ),
    "xform.too-long": ("{width}文字を超えています", "is longer than {width} characters"),
    "xform.code": ("コード対応表 {map} にありません", "is not in code map {map}"),
    "xform.code-back": (
        "コード対応表 {map} に移行元のコードがありません",
        "has no vendor code in code map {map}",
    ),
    "xform.era": ("年号 {src} ではありません", "is not a 年号 {src}"),
    "xform.lookup": (
        "参照元 {source} に、その {key} の行がありません",
        "has no row in source {source} with that {key}",
    ),
    # why a transform has no inverse (mapping errors and `mapping check`)
    "lossy.no-inverse": ("逆変換がありません", "it has no inverse"),
    "lossy.trim-both": (
        "両側の trim では、埋め文字がどちらに何文字あったか分かりません",
        "trim on both sides cannot know how the padding was split",
    ),
    "lossy.trim-width": (
        "幅の分からない trim（固定長フィールドでも width: 指定でもない）は埋め戻せません",
        "trim without a width (a fixed-width field or `width:`) cannot pad back",
    ),
    "lossy.replace": (
        "二つの文字列が同じ置換結果になります",
        "two texts get the same replacement",
    ),
    "lossy.default": (
        "空の値と {value} がどちらも {value} になります",
        "an empty value and {value} both become {value}",
    ),
    "lossy.code-many": (
        "コード対応表 {map}: 複数の移行元コードが {codes} になります",
        "code map {map}: several vendor codes become {codes}",
    ),
    "lossy.code-default": (
        "コード対応表 {map}: 対応のない値が {value} になります",
        "code map {map}: unmapped values become {value}",
    ),
    # findings the converter adds
    "conv.code-kept": (
        "{item}: コード対応表にない移行元のコードを、そのまま残しました",
        "{item}: a vendor code not in the code map, kept as it is",
    ),
    "conv.xml-nonchar": (
        "{item}に U+FFFE または U+FFFF があります（XML 1.0 では表せません）",
        "{item} holds U+FFFE or U+FFFF, which XML 1.0 cannot carry",
    ),
    "conv.back-value": (
        "{value} として変換し戻されます（可逆のマッピングでは、行が完全に元に戻る必要があります）",
        "would convert back as {value} (lossless mapping: the row must convert back exactly)",
    ),
    "conv.fit-length": (
        "{value} はフィールド {field}（{bytes}バイト）に収まりません",
        "{value} does not fit field {field} ({bytes} bytes)",
    ),
    "conv.fit-encoding": (
        "{value} に {encoding} で書けない文字があります（フィールド {field}）",
        "{value} has a character {encoding} cannot write (field {field})",
    ),
    "conv.fit-row-shape": (
        "{value} はレコードを壊します（フィールド {field}: 改行・引用符・区切り文字）",
        "{value} would break the record (field {field}: line break, quote or delimiter)",
    ),
}
