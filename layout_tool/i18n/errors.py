"""The one-line errors of exit 2 (usage, paths, spec names, mapping files), ja and en.

The line always starts with ``error:`` (in every language, like the finding codes: scripts
look for it); what follows is said in the language of the run.
"""

from __future__ import annotations

ERROR_TEMPLATES: dict[str, tuple[str, str]] = {
    "cli.error": ("error: {text}", "error: {text}"),
    "cli.usage-hint": ("（使い方: {command} --help）", " (usage: {command} --help)"),
    "cli.internal": (
        "内部エラー（ツールの不具合です）: {kind}: {line}（詳細: {path}）",
        "internal error: {kind}: {line} (details: {path})",
    ),
    # click's usage errors, said again (see cli.usage)
    "usage.missing-option": ("オプション {name} を指定してください。", "Missing option {name}."),
    "usage.missing-argument": ("引数 {name} を指定してください。", "Missing argument {name}."),
    "usage.no-option": ("オプション {name} はありません。", "No such option {name}."),
    "usage.no-command": ("コマンド {name} はありません。", "No such command {name}."),
    "usage.maybe": ("（もしかして: {names}）", " Did you mean {names}?"),
    "usage.not-valid": (
        "{value} は正しい {kind} ではありません。",
        "{value} is not a valid {kind}.",
    ),
    "usage.invalid": ("{name} の値が正しくありません: {why}", "Invalid value for {name}: {why}"),
    "usage.not-one-of": (
        "{value} は {choices} のいずれでもありません。",
        "{value} is not one of {choices}.",
    ),
    "usage.no-path": ("{value} がありません。", "{value} does not exist."),
    "usage.is-file": ("{value} はファイルです（フォルダを指定）。", "{value} is a file."),
    "usage.is-folder": ("{value} はフォルダです（ファイルを指定）。", "{value} is a directory."),
    "usage.not-integer": ("{value} は整数ではありません。", "{value} is not a valid integer."),
    "usage.not-number": ("{value} は数値ではありません。", "{value} is not a valid float."),
    "usage.out-of-range": (
        "{value} は範囲 {range} にありません。",
        "{value} is not in the range {range}.",
    ),
    "usage.extra": ("余分な引数があります（{args}）", "Got unexpected extra arguments ({args})"),
    "usage.needs-value": (
        "オプション {name} には値が必要です。",
        "Option {name} requires an argument.",
    ),
    "usage.no-value": (
        "オプション {name} は値を取りません。",
        "Option {name} does not take a value.",
    ),
    "usage.missing-command": ("コマンドを指定してください。", "Missing command."),
    # paths
    "path.none": ("そのようなファイルもフォルダもありません", "no such file or folder"),
    "path.dangling": ("リンク先のないシンボリックリンクです", "a symbolic link to nothing"),
    "path.unreadable": ("読めません（{why}）", "cannot be read ({why})"),
    "path.folder": ("フォルダです", "a folder"),
    "path.fifo": (
        "FIFO（名前付きパイプ）で、ファイルではありません",
        "a FIFO (named pipe), not a file",
    ),
    "path.device": ("デバイスで、ファイルではありません", "a device, not a file"),
    "path.irregular": ("通常のファイルではありません", "not a regular file"),
    "path.cannot-list": ("一覧を読めません（{why}）", "cannot list ({why})"),
    "path.same-file": (
        "{other} と同じファイルです。1回だけ読みます",
        "the same file as {other}; read once",
    ),
    "path.skipped": ("{why}。読み飛ばしました", "{why}; skipped"),
    "path.link-out": (
        "フォルダの外を指すシンボリックリンクです",
        "a symbolic link out of the folder",
    ),
    "refuse.xlsx": (
        "Excelブック（xlsx）で、CSVではありません: 先に各シートをCSVで保存してください",
        "an Excel workbook (xlsx), not CSV: save each sheet as CSV first",
    ),
    "refuse.xls": (
        "Excel 97-2003 ブック（xls）で、CSVではありません: 先に各シートをCSVで保存してください",
        "an Excel 97-2003 workbook (xls), not CSV: save each sheet as CSV first",
    ),
    "refuse.zip": (
        "zip 書庫で、CSVではありません: 先に展開してください",
        "a zip archive, not CSV: unpack it first",
    ),
    "refuse.gzip": (
        "gzip 書庫で、CSVではありません: 先に展開してください",
        "a gzip archive, not CSV: unpack it first",
    ),
    "refuse.7z": (
        "7-Zip 書庫で、CSVではありません: 先に展開してください",
        "a 7-Zip archive, not CSV: unpack it first",
    ),
    "refuse.rar": (
        "RAR 書庫で、CSVではありません: 先に展開してください",
        "a RAR archive, not CSV: unpack it first",
    ),
    "refuse.pdf": ("PDF文書で、データではありません", "a PDF document, not data"),
    "refuse.utf-16": (
        "UTF-16 のテキストです: 先に UTF-8 か CP932（Shift_JIS）で保存してください",
        "UTF-16 text: save it as UTF-8 or CP932 (Shift_JIS) first",
    ),
    "refuse.binary": ("バイナリデータで、テキストではありません", "binary data, not text"),
    # outputs that would overwrite inputs
    "output.is-input": (
        "-o {output} は入力 {input} です: "
        "出力{kind}が入力を置き換えることはありません。別の場所を指定してください",
        "-o {output} is the input {input}: an output {kind} never replaces an input; choose"
        " another place",
    ),
    "output.in-input": (
        "-o {output} は入力フォルダ {input} の中です: "
        "入力として読まれてしまいます。別の場所を指定してください",
        "-o {output} is in the input folder {input}: it would be read as an input; choose"
        " another place",
    ),
    "output.holds-input": (
        "-o {output} は入力 {input} を含みます: "
        "出力が入力を置き換えるおそれがあります。別の場所を指定してください",
        "-o {output} holds the input {input}: an output could replace it; choose another place",
    ),
    "output.file": ("ファイル", "file"),
    "output.folder": ("フォルダ", "folder"),
    # which files of an area the inputs are
    "inputs.nothing": (
        "何も検査していません: 入力に {area}（{name}）のファイルがありません",
        "nothing checked: no file of {area} ({name}) among the inputs",
    ),
    "inputs.no-files": ("（ファイルが一つもありません）", "(no files at all)"),
    "inputs.empty": ("空か、見出し行がありません", "empty, or no header line"),
    "inputs.not-recognised": ("認識できません", "not recognised"),
    "inputs.not-data": ("データファイルではありません（{suffix}）", "not a data file ({suffix})"),
    "inputs.no-suffix": ("拡張子なし", "no suffix"),
    "inputs.which": (
        "{path}: {area} のどのファイルか分かりません（{names}）: {why}。--file を指定してください",
        "{path}: cannot tell which file of {area} this is ({names}): {why}; use --file",
    ),
    "inputs.looks-like": (
        "{other} のファイルのようです。{area} のファイルではありません",
        "looks like {other}, not a file of {area}",
    ),
    "inputs.neither": (
        "名前も見出し行（{n}列）も {area} のファイルに合いません",
        "neither its name nor its header ({n} columns) matches a file of {area}",
    ),
    "inputs.header-encoding": (
        "。見出し行を {encoding} として読めません",
        "; its header does not decode as {encoding}",
    ),
    # spec names
    "spec.unknown-area": (
        "業務 {name} はありません{hint}（詳細のある業務: {known}）",
        "unknown area {name}{hint} (detailed areas: {known})",
    ),
    "spec.no-detail": (
        "業務 {area}（{name}）は一覧にありますが、詳細な仕様はまだありません。"
        "`layout-tool spec import` で取り込んでください",
        "area {area} ({name}) is catalogued but has no detailed spec yet; import one with"
        " `layout-tool spec import`",
    ),
    "spec.unknown-family": (
        "{name} の仕様の系統 {family} はありません（系統: {known}）",
        "unknown spec family {family} in {name} (families: {known})",
    ),
    "spec.unknown-codes": ("不明な指摘コード: {codes}", "unknown finding code(s): {codes}"),
    # YAML files (specs, mappings, profiles)
    "yaml.not-found": ("ファイルがありません", "file not found"),
    "yaml.not-utf8": (
        "UTF-8 ではありません（{byte}バイト目）。UTF-8 で保存してください",
        "not UTF-8 (byte {byte}); save the file as UTF-8",
    ),
    "yaml.unreadable": ("読めません: {why}", "cannot read: {why}"),
    "yaml.empty": ("空のファイルです", "empty file"),
    # mapping files
    "map.unknown-key": (
        "{where}: 不明なキー {key}（使えるキー: {allowed}）",
        "{where}: unknown key {key} (allowed: {allowed})",
    ),
    "map.not-one-of": (
        "{where}: {value} は {options} のいずれでもありません",
        "{where}: {value} is not one of {options}",
    ),
    "map.wrong-type": (
        "{where}: {value} の型が違います（{kinds} が必要）",
        "{where}: {value} has the wrong type (expected {kinds})",
    ),
    "map.schema": ("{where}: {detail}", "{where}: {detail}"),
    "map.top": ("最上位", "top level"),
    "map.quote": (
        "。引用符で囲んでください: {hint}",
        "; quote it: {hint}",
    ),
    "map.not-lossless": (
        "lossless: true と宣言されていますが、"
        "{reason}{more}。直すか lossless: false としてください",
        "declared lossless: true, but {reason}{more}; fix it or say lossless: false",
    ),
    "map.more": ("（ほか{n}件）", " (and {n} more)"),
    "map.at-line": ("{reason}（{line}行目）", "{reason} (line {line})"),
    "map.lossy-step": (
        "{item}: 変換 {step} は非可逆です（{why}）",
        "{item}: transform {step} is lossy ({why})",
    ),
    "map.join-empty": (
        "{item}: sep '' の join は分割し戻せません（各フィールドにもそれぞれ規則を書いてください）",
        "{item}: a join with sep '' cannot be split back (map its fields by rules of their own"
        " too)",
    ),
    "map.split-parts": (
        "フィールド {field}: split の規則が {count} 個中 {parts} の部分しかありません",
        "field {field}: its split rules give parts {parts} of {count}",
    ),
    "map.unmapped-field": (
        "移行元 {source} のフィールド {field} に対応する規則がありません",
        "field {field} of source {source} is not mapped",
    ),
    "map.lookup-only": (
        "移行元 {source} は参照（lookup）だけに使われています。--reverse では書けません",
        "source {source} is only looked up; --reverse cannot write it",
    ),
    "map.derived-only": (
        "移行元 {source}: そのすべての変換先が行を絞り込むか集約します（where, distinct）。"
        "--reverse では作り直せません",
        "source {source}: every target of it filters or merges rows (where, distinct), so"
        " --reverse cannot rebuild it",
    ),
    "map.no-source": (
        "移行元 {source} はありません（移行元: {known}）",
        "no source {source} (sources: {known})",
    ),
    "map.no-item": (
        "ファイル {file}（{name}）に項目 {item} はありません",
        "file {file} ({name}) has no item {item}",
    ),
    "map.duplicate": ("{what} {value} が重複しています", "duplicate {what} {value}"),
    "map.unused-source": (
        "移行元 {source} はどの変換先でも使われていません",
        "source {source} is not used by any target",
    ),
    "map.lossy-refused": (
        "マッピング {name} は非可逆です（{why}{more}）: "
        "--reverse では移行元のデータを再現できないため、実行しません",
        "mapping {name} is lossy ({why}{more}): --reverse would not reproduce the vendor's data,"
        " so it is refused",
    ),
    "map.more-reasons": ("。ほか{n}件", "; and {n} more"),
    "map.reverse-to": (
        "--to xml は convert が書く標準ファイルの形式です。--reverse は移行元のレイアウトで書きます"
        "（標準の CSV か XML を拡張子で判断して読みます）",
        "--to xml names the form of the standard files convert writes; --reverse writes the"
        " vendor's layout (and reads standard CSV or XML by their suffix)",
    ),
    "files.which-source": (
        "{path}: どの移行元ファイルか分かりません（移行元: {names}）",
        "{path}: cannot tell which source it is (sources: {names})",
    ),
    "files.not-ours": (
        "{path}: このマッピングのファイルではありません。読み飛ばしました",
        "{path}: not a file of this mapping; skipped",
    ),
    "files.two-inputs": (
        "移行元 {source} の入力が二つあります: {first}, {second}",
        "two inputs for source {source}: {first}, {second}",
    ),
    "files.none": (
        "このマッピングに属する入力ファイルがありません",
        "no input file belongs to this mapping",
    ),
    "files.lookup": (
        "{target}.{item} は移行元 {source} を参照します: そのファイル（{file}）も指定してください",
        "{target}.{item} looks up source {source}: give its file ({file}) too",
    ),
    "files.not-standard": (
        "{path}: このマッピングが書き戻す標準ファイルではありません（{known}）",
        "{path}: not a standard file this mapping writes back ({known})",
    ),
    "files.not-standard-skipped": (
        "{path}: このマッピングの標準ファイルではありません。読み飛ばしました",
        "{path}: not a standard file of this mapping; skipped",
    ),
    "files.two-standard": (
        "{file} の入力が二つあります: {first}, {second}",
        "two inputs for {file}: {first}, {second}",
    ),
    "files.no-standard": (
        "このマッピングが移行元を作り直すための標準ファイルが入力にありません（{primary}）",
        "no input file is a standard file this mapping rebuilds its sources from ({primary})",
    ),
    "map.code-not-string": (
        "コード対応表 {map}: 移行元のコード {code} が文字列ではありません。引用符で囲んでください"
        "（引用符のない 01 は数値 1 と読まれます）",
        "code map {map}: vendor code {code} is not a string; quote it (unquoted 01 reads as"
        " the number 1)",
    ),
}
