"""Texts of ``mapping check`` and ``mapping init`` (the draft's comments), ja and en."""

from __future__ import annotations

MAPPING_TEMPLATES: dict[str, tuple[str, str]] = {
    # mapping check
    "check.title": (
        "layout-tool マッピング検査 — {name}、業務 {area}、"
        "中間標準レイアウト仕様 v{version}（{kind}）",
        "layout-tool mapping check — {name}, area {area},"
        " 中間標準レイアウト仕様 v{version} ({kind})",
    ),
    "check.mapping": ("マッピング: {path}", "Mapping: {path}"),
    "check.ok": ("結果: 問題なし", "Result: OK"),
    "check.warned": ("結果: 警告 {warnings}", "Result: {warnings}"),
    "check.warnings": ("警告", "Warnings"),
    "check.coverage": ("網羅状況", "Coverage"),
    "check.no-rule": (
        "{file}: 必須項目 {item} に規則がありません。すべての行が除外されます（required）",
        "{file}: required item {item} has no rule: every row will be rejected (required)",
    ),
    "check.unpicked": (
        "{file}: {path} の見本で、{keys} のグループ {groups}件に pick: が求める行がありません。"
        "除外されます（rule）。最初の行を採るには pick: の最後に `first` を書いてください",
        "{file}: {groups|group|groups} of {keys} in {path}'s sample have no row that pick:"
        " asks for: they will be rejected (rule); end pick: with `first` to take their first row",
    ),
    "check.no-code": (
        "{file}.{item}: コード対応表に {values}{more} がありません（{path} のフィールド {field}"
        " にあります）。これらを含む行は除外されます（code）",
        "{file}.{item}: the code map has no entry for {values}{more}, seen in {path} (field"
        " {field}): rows with them will be rejected (code)",
    ),
    "check.and-more": ("（ほか{n}件）", " (and {n} more)"),
    "check.target": (
        "{file}（{name}）← {source}{how}: {items}項目中 {ruled}項目に規則あり、"
        "必須 {required}項目中 {req}項目",
        "{file} ({name}) ← {source}{how}: {ruled} of {items} items have a rule; required {req}"
        " of {required}",
    ),
    "check.how": (" [{how}]", " [{how}]"),
    "check.distinct": ("distinct {keys}", "distinct {keys}"),
    "check.source": (
        "移行元 {source}（{file}）: {n}フィールド中 {used}フィールドを使用",
        "source {source} ({file}): {used} of {n} fields used",
    ),
    "check.unused": ("。未使用: {fields}", "; unused: {fields}"),
    "check.which-source": (
        "{path}: マッピングのどの移行元ファイルか分かりません",
        "{path}: cannot tell which source of the mapping it is",
    ),
    "cli.warning": ("警告: {text}", "warning: {text}"),
    "cli.draft-written": ("下書き: {path}", "draft: {path}"),
    # mapping init: the draft's comments (the evidence for each guessed rule)
    "draft.head-1": (
        "# `layout-tool mapping init` が書いた下書きです。規則はどれもフィールド名と見本の値からの"
        "推測で、",
        "# A DRAFT written by `layout-tool mapping init`: every rule is a guess from field names",
    ),
    "draft.head-2": (
        "# 根拠をコメントに書いています。一つずつ読んで誤りを直し、",
        "# and sampled values, with its evidence in a comment. Read each one, fix what is wrong,",
    ),
    "draft.head-3": (
        "# `layout-tool mapping check この.yaml 移行元ファイル` と `layout-tool convert` を"
        "実行してください。",
        "# then run `layout-tool mapping check THIS.yaml EXPORT` and `layout-tool convert`.",
    ),
    "draft.name": ("{files} からの下書き", "draft for {files}"),
    "draft.lossless": (
        "すべてのフィールドに逆変換のある規則があれば true（読込時に確かめます）",
        "true when every field has a rule with an inverse (the loader checks)",
    ),
    "draft.detected": (
        "判定: {encoding}（{how}）、見本 {rows}",
        "detected: {encoding} ({how}); {rows} sampled",
    ),
    "draft.unread": ("どの規則も読まないフィールド: {fields}", "fields no rule reads: {fields}"),
    "draft.no-target": (
        "標準のファイルに合うものがありません: 項目を手で書いてください",
        "no standard file matched: name the items by hand",
    ),
    "draft.target": (
        "{name}: {items}項目中 {matched}項目が一致",
        "{name}: {matched} of {items} items matched",
    ),
    "draft.distinct": (
        "{field} が見本で繰り返し現れます: 値ごとに1行",
        "{field} repeats in the sample: a row per value",
    ),
    "draft.pick": (
        "グループのどの行から値を採るか",
        "which row of a group supplies the values",
    ),
    "draft.no-key": (
        "キー項目 {items} に対応するフィールドがまだありません",
        "its key item(s) {items} have no field yet",
    ),
    "draft.unmatched": (
        "フィールドのない標準の項目（必須を先に）:",
        "standard items without a field (required first):",
    ),
    "draft.required": (" 必須", " REQUIRED"),
    "draft.name-why": ("名前: {why}", "name: {why}"),
    "draft.name-why-score": ("名前: {why}（{score}）", "name: {why} ({score})"),
    "draft.joined": (
        "{parts}（標準では全角スペースで連結）",
        "{parts}, which the standard joins with a full-width space",
    ),
    "draft.joined-fields": ("フィールド {fields}", "fields {fields}"),
    "draft.field-of": ("{item} のフィールド", "the field of {item}"),
    # why a field was matched to an item (match.py)
    "match.same": ("同じ名前", "same name"),
    "match.synonyms": ("同義語を考慮して同じ名前", "same name with synonyms"),
    "match.field-inside": ("フィールド名が項目名に含まれる", "field name inside the other"),
    "match.item-inside": ("項目名がフィールド名に含まれる", "item name inside the other"),
    "match.similar": ("似た綴り", "similar spelling"),
    "match.ambiguous": ("候補が複数: {names}", "ambiguous: {names}"),
    # the evidence from sampled values
    "draft.like": ("{n}件、例: {values}", "{n|value|values} like {values}"),
    "draft.no-values": ("見本に値がありません", "no values in the sample"),
    "draft.padded": ("スペースで埋められた値（{like}）", "values padded with spaces ({like})"),
    "draft.date-unknown-shape": (
        "既知の形式でない日付（{like}）: date: {from: …} を書いてください",
        "dates in no known shape ({like}): say date: {from: …}",
    ),
    "draft.date-flagged": (
        "{shape} の日付（{like}）。{flag} の値は {flags}: 各値の意味を確かめてください",
        "{shape} dates ({like}); {flag} holds {flags}: check what each flag value means",
    ),
    "draft.dates": ("{shape} の日付（{like}）", "{shape} dates ({like})"),
    "draft.standard-shape": ("すでに標準の形式（{like}）", "already the standard's shape ({like})"),
    "draft.yearmonths": ("{shape} の年月（{like}）", "{shape} year-months ({like})"),
    "draft.times": ("{shape} の時刻（{like}）", "{shape} times ({like})"),
    "draft.unknown": ("不明な形式", "unknown"),
    "draft.full-width": ("全角の文字（{like}）", "full-width characters ({like})"),
    "draft.digits": (
        "{low}～{high}桁、項目は{length}桁",
        "{low}-{high} digits, the item has {length}",
    ),
    "draft.half-kana": (
        "全角の項目に半角カナ（{like}）",
        "half-width kana in a full-width item ({like})",
    ),
    "draft.hiragana": ("ひらがなの読み（{like}）", "readings in hiragana ({like})"),
    "draft.as-is": ("そのまま（{like}）", "as it is ({like})"),
    "draft.codes": ("コード表 {table} のコード（{values}）", "codes of table {table} ({values})"),
    "draft.codes-narrow": (
        "コード表 {table} より桁の少ないコード: {values}",
        "codes narrower than table {table}: {values}",
    ),
    "draft.labels": (
        "値はコード表 {table} の名称です",
        "values are the labels of table {table}",
    ),
    "draft.labels-missing": (
        "。見つからない値は対応表に加えてください: {values}",
        "; not found, add them to the map: {values}",
    ),
    "draft.not-codes": (
        "コード表 {table} にない値（{values}）: コード対応表を書いてください",
        "values not in table {table} ({values}): write a code map",
    ),
    "draft.sep": ("。", "; "),
}
