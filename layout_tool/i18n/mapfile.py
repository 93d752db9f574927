"""What is wrong in a mapping file (its transforms, rules, sources), ja and en; the loader
puts ``file:line`` before it and the CLI ``error: ``."""

from __future__ import annotations

MAPFILE_TEMPLATES: dict[str, tuple[str, str]] = {
    # transform parameters
    "param.unknown-transform": (
        "変換 {name} はありません（使える変換: {known}）",
        "unknown transform {name} (known: {known})",
    ),
    "param.not-options": (
        "{name}: オプションの対応（キー: 値）を書いてください。{raw} ではありません",
        "{name}: expects a mapping of options, not {raw}",
    ),
    "param.unknown-option": (
        "{name}: オプション {key} はありません（使えるオプション: {keys}）",
        "{name}: unknown option {key} (options: {keys})",
    ),
    "param.none": ("なし", "none"),
    "param.not-number": (
        "{name}: {key} は数値にしてください。{value} ではありません",
        "{name}: {key} must be a number, not {value}",
    ),
    "param.wrong-type": (
        "{name}: {key} の型が違います（{value}）",
        "{name}: {key} has the wrong type ({value})",
    ),
    "param.not-one-of": (
        "{name}: {key} は {allowed} のいずれかにしてください。{value} ではありません",
        "{name}: {key} must be one of {allowed}, not {value}",
    ),
    "param.say-from": (
        "{name}: 移行元の形式を書いてください（from: {shapes}）",
        "{name}: say which shape the vendor writes (from: {shapes})",
    ),
    "param.say-to": (
        "date: `to:` を書いてください（項目 {item} は {type}、形式 {format}）",
        "date: say `to:` (item {item} is {type}, format {format})",
    ),
    "param.trim-empty": ("trim: chars を空にはできません", "trim: chars must not be empty"),
    "param.trim-pad": (
        "trim: pad は trim する文字 {chars} のどれかにしてください。{pad} ではありません",
        "trim: pad must be one of the trimmed chars {chars}, not {pad}",
    ),
    "param.trim-full": (
        "trim: 全角の pad には、奇数バイトの最後を埋める ' ' を chars に含めてください",
        "trim: a full-width pad needs ' ' in chars for an odd last byte",
    ),
    "param.one-char": (
        "{name}: char は1文字にしてください。{char} ではありません",
        "{name}: char must be one character, not {char}",
    ),
    "param.width": ("{name}: width は1以上にしてください", "{name}: width must be 1 or more"),
    "param.replace-map": (
        "replace: 置き換える文字列と置換後の対応を書いてください（例: {'～': '〜'}）",
        "replace: expects a mapping of text to replacement, e.g. {'～': '〜'}",
    ),
    "param.replace-empty": (
        "replace: 置き換える文字列を空にはできません",
        "replace: the text to replace must not be empty",
    ),
    "param.default-value": (
        "default: 値を書いてください（例: {default: '0'}）",
        "default: give the value, e.g. {default: '0'}",
    ),
    "param.width-class": (
        "{name}: 使えるのは {classes} だけです。{value} ではありません",
        "{name}: only takes {classes}, not {value}",
    ),
    "param.scale": (
        "number: scale は0～18にしてください",
        "number: scale must be between 0 and 18",
    ),
    "param.zfill-width": (
        "number: zfill には幅が必要です（固定長フィールドか `width:`）",
        "number: zfill needs a width (a fixed-width field or `width:`)",
    ),
    "param.flag-both": (
        "date: フラグの値 {known} が「既知」と「不詳」の両方を意味しています",
        "date: flag value {known} cannot mean both known and unknown",
    ),
    "param.flag-same": (
        "date: 同じ不詳部分に二つのフラグの値があり、区別できません",
        "date: two flag values for the same unknown parts cannot be told apart",
    ),
    "param.flag-shapes": (
        "date: {src} → {dst} では不詳部分（00）を表せません",
        "date: {src} → {dst} cannot carry unknown parts (00)",
    ),
    "param.code-map": (
        "{name}: 移行元コード → 標準コードの `map:` を書いてください（空にはできません）",
        "{name}: needs a non-empty `map:` of vendor code → standard code",
    ),
    "param.code-default": (
        "{name}: `default:` は `unmapped: default` と組みで使います（それ以外では使えません）",
        "{name}: `default:` goes with `unmapped: default` (and only with it)",
    ),
    "param.code-target": (
        "コード対応表 {map}: 標準の値 {value} はコード表 {table}（{known}）にありません",
        "code map {map}: standard value {value} is not in code table {table} ({known})",
    ),
    "param.no-code-map": (
        "code: `codes:` にコード対応表 {name} はありません（対応表: {names}）",
        "code: no code map {name} in `codes:` (maps: {names})",
    ),
    # what the mapping file schema says (JSON Schema validators)
    "schema.required": (
        "{where}: {name} を書いてください（必須）",
        "{where}: {name} is a required property",
    ),
    "schema.too-long": (
        "{where}: {value} は長すぎます（{limit}文字まで）",
        "{where}: {value} is too long (at most {limit})",
    ),
    "schema.too-short": (
        "{where}: {value} は短すぎます（{limit}文字以上）",
        "{where}: {value} is too short (at least {limit})",
    ),
    "schema.minimum": (
        "{where}: {value} は最小値 {limit} より小さい値です",
        "{where}: {value} is less than the minimum of {limit}",
    ),
    "schema.maximum": (
        "{where}: {value} は最大値 {limit} より大きい値です",
        "{where}: {value} is greater than the maximum of {limit}",
    ),
    "schema.few-items": (
        "{where}: {value} には {limit}件以上が必要です",
        "{where}: {value} needs at least {limit} entries",
    ),
    # spec files and names
    "spec.no-file": (
        "業務 {area} にファイル {name} はありません{hint}（ファイル: {known}）",
        "area {area} has no file {name}{hint} (files: {known})",
    ),
    "specfile.unknown-key": (
        "不明なキー {key}（使えるキー: {allowed}）",
        "unknown key {key} (allowed: {allowed})",
    ),
    "specfile.group": (
        "ファイルのグループ {group} が業務番号 {number} で始まっていません",
        "file group {group} does not start with the 業務 number {number}",
    ),
    "specfile.code-not-string": (
        "コード表 {table}: コード {code} が文字列ではありません。引用符で囲んでください"
        "（引用符のない 01 は数値 1 と読まれます）",
        "code table {table}: code {code} is not a string; quote it (unquoted 01 reads as the"
        " number 1)",
    ),
    "specfile.duplicate": ("{what} {name} が重複しています", "duplicate {what} {name}"),
    "specfile.no": (
        "項目 {item}: no が {no} です（{expected} のはずです）",
        "item {item}: no is {no}, expected {expected}",
    ),
    "specfile.no-table": (
        "項目 {item}: コード表 {table} が定義されていません",
        "item {item}: code table {table} is not defined",
    ),
    "specfile.code-needs-table": (
        "項目 {item}: 型 code には `code:` の表が必要です",
        "item {item}: type code needs a `code:` table",
    ),
    "specfile.unknown-date": (
        "項目 {item}: allow_unknown_date は日付の型で使います（{type} ではありません）",
        "item {item}: allow_unknown_date needs a date type, not {type}",
    ),
    "specfile.key-item": (
        "key が存在しない項目 {key} を指しています",
        "key names a missing item {key}",
    ),
    "specfile.ref-file": (
        "参照先のファイル {file} がありません",
        "reference to a missing file {file}",
    ),
    "specfile.no-item": (
        "ファイル {file} に項目 {item} はありません",
        "file {file} has no item {item}",
    ),
    "specfile.ref-width": (
        "from と to には同じ数の項目を書いてください",
        "from and to must name the same number of items",
    ),
    "specfile.rule-file": (
        "ルールの対象ファイル {file} がありません",
        "rule on a missing file {file}",
    ),
    "specfile.rule-item": (
        "ルールがファイル {file} にない項目 {item} を指しています",
        "rule names a missing item {item} of file {file}",
    ),
    "specfile.rule-needs-item": (
        "ルール {rule} には `item:` が必要です",
        "rule {rule} needs `item:`",
    ),
    "specfile.rule-needs-value": (
        "ルール one-per-group には `value:` が必要です",
        "rule one-per-group needs `value:`",
    ),
    # rules, sources and targets
    "rule.no-field": (
        "移行元 {source} にフィールド {name} はありません（フィールド: {known}）",
        "source {source} has no field {name} (fields: {known})",
    ),
    "rule.filler": (
        "フィールド {name} は埋め草（filler）で、データがありません",
        "field {name} is a filler and holds no data",
    ),
    "rule.transform-shape": (
        "{item}: 変換は名前か {名前: オプション} で書いてください",
        "{item}: a transform is a name or {name: options}",
    ),
    "rule.in-item": ("{item}: {detail}", "{item}: {detail}"),
    "rule.split-part": (
        "{item}: {count}個の部分しかないのに part {part} です",
        "{item}: part {part} of only {count} parts",
    ),
    "rule.split-sep": (
        "{item}: split には空でない sep が必要です",
        "{item}: split needs a non-empty sep",
    ),
    "rule.lookup-own": (
        "lookup で行自身の移行元は参照できません: `from:` を使ってください",
        "lookup in the row's own source: use `from:`",
    ),
    "rule.lookup-keys": (
        "lookup: `on` と `key` のフィールド数を同じにしてください",
        "lookup: `on` and `key` need the same number of fields",
    ),
    "rule.flag-other": (
        "{item}: 不詳フラグは別のフィールドにしてください",
        "{item}: the 不詳フラグ must be another field",
    ),
    "rule.condition": (
        "条件はフィールド名または項目名と値の対応で書いてください",
        "a condition is a mapping of field or item names to values",
    ),
    "rule.test": (
        "{name}: 条件の値は、値・リスト・null・{not: …} のどれかです",
        "{name}: a test is a value, a list, null or {not: …}",
    ),
    "rule.count-distinct": (
        "{item}: count は distinct: のある変換先で使います",
        "{item}: count needs a target with distinct:",
    ),
    "rule.no-field-short": (
        "移行元 {source} にフィールド {name} はありません",
        "source {source} has no field {name}",
    ),
    "rule.pick-distinct": ("pick: は distinct: と組みで使います", "pick: goes with distinct:"),
    "rule.pick-shape": (
        "pick: には first、{where: {…}}、またはそのリストを書きます",
        "pick: first, {where: {…}}, or a list of them",
    ),
    "source.key-format": ("{key} は {kind} の移行元で使います", "{key} is for {kind} sources"),
    "source.newline": (
        "newline: none は固定長の移行元で使います",
        "newline: none is for fixed-width sources",
    ),
    "source.fixed-length": (
        "フィールド {name}: 固定長のフィールドには `length`（バイト数）が必要です",
        "field {name}: a fixed-width field needs `length` (bytes)",
    ),
    "source.csv-length": (
        "フィールド {name}: start/length は固定長の移行元で使います",
        "field {name}: start/length are for fixed-width sources",
    ),
    "source.cp932": (
        "固定長の移行元は cp932 で読みます（バイト位置のため）",
        "fixed-width sources are read as cp932 (byte positions)",
    ),
}
