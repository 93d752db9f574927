"""Finding messages by id: ``{name}`` parameters, the same in both languages.

The id starts with the finding code it belongs to (``header.duplicate`` → ``header``); a test
checks that every template exists in ja and en with the same parameters.
"""

from __future__ import annotations

FINDING_TEMPLATES: dict[str, tuple[str, str]] = {
    # per-item checks (validate and convert share them)
    "required": ("{item}は必須ですが空です", "{item} is required but empty"),
    "type": ("{item}は{kind}（{type}）で記録してください", "{item} must be {kind} ({type})"),
    "type.pattern": (
        "{item}は{kind}（{type}）で、形式 {pattern} に合う値にしてください",
        "{item} must be {kind} ({type}) matching {pattern}",
    ),
    "type.xml-control": (
        "XML 1.0 で表せない文字（TAB・LF・CR 以外の制御文字）があります",
        "a value holds a character XML 1.0 cannot carry (a control character other than TAB,"
        " LF, CR)",
    ),
    "length.number": (
        "{item}の桁数が{length}桁（小数{scale}桁）を超えています",
        "{item} has more than {length} digits or {scale} decimals",
    ),
    "length.exact": (
        "{item}はちょうど{length}文字にしてください",
        "{item} must have exactly {length} characters",
    ),
    "length.max": (
        "{item}は{length}文字以内にしてください",
        "{item} must have at most {length} characters",
    ),
    "code": (
        "{item}の値がコード表 {table} にありません",
        "{item} is not a value of code table {table}",
    ),
    "date": ("{item}は正しい日付ではありません（{type}）", "{item} is not a valid {type} value"),
    "date.unknown": (
        "{item}は正しい日付ではありません（{type}、不詳部分は可）",
        "{item} is not a valid {type} value (unknown parts allowed)",
    ),
    "check-digit": (
        "{item}のチェックデジットが正しくありません（{check}）",
        "{item} has a wrong check digit ({check})",
    ),
    "gaiji.allowed": (
        "{item}に外字（私用領域の文字）があります。外字一覧に載せました",
        "{item} holds a 外字 (private-use character); listed for the inventory",
    ),
    "gaiji.denied": (
        "{item}に外字（私用領域の文字）がありますが、この項目では外字を使えません",
        "{item} holds a 外字 (private-use character) but does not allow 外字",
    ),
    # reading files
    "encoding.bytes": (
        "バイト列 {bytes} は{encoding}として読めません",
        "bytes {bytes} do not decode as {encoding}",
    ),
    "encoding.field": (
        "項目 {field}（{start}～{end}バイト目）のバイト列 {bytes} はcp932として読めません",
        "bytes {bytes} in field {field} (bytes {start}-{end}) do not decode as cp932",
    ),
    "encoding.field-cut": (
        "項目 {field}（{start}～{end}バイト目）のバイト列 {bytes} はcp932として読めません:"
        " 項目 {after} との境界で2バイト文字が分断されています",
        "bytes {bytes} in field {field} (bytes {start}-{end}) do not decode as cp932: a"
        " double-byte character cut by the boundary of field {after}",
    ),
    "encoding.garbled": (
        "{item}に U+FFFD があります（ファイルの文字コードで読めないバイト列）",
        "{item} holds U+FFFD: bytes that do not decode in the file's encoding",
    ),
    "row-shape.too-many": (
        "項目数が{max}を超えています（期待値 {n}）",
        "more than {max} fields, expected {n}",
    ),
    "row-shape.fields": (
        "項目数が{fields}です（期待値 {n}）",
        "{fields|field|fields}, expected {n}",
    ),
    "row-shape.empty-line": ("空行です", "empty line"),
    "row-shape.unterminated": ("引用符が閉じていません", "unterminated quote"),
    "row-shape.broken": ("引用符の使い方が誤っています: {detail}", "broken quoting: {detail}"),
    "row-shape.nul": ("NULバイトが含まれています", "embedded NUL byte"),
    "row-shape.record-size": (
        "レコード長が{got}バイトです（期待値 {size}バイト）",
        "record is {got} bytes, expected {size}",
    ),
    "header.empty": (
        "見出し行がありません（ファイルが空です）",
        "no header row: the file is empty",
    ),
    "header.no-item": (
        "{file}の項目名と一致する列がありません（{n}列、先頭は {first}）。"
        "ファイル違いか、見出し行のないファイル（--no-header）ではありませんか",
        "no column is named after an item of {file} ({n} columns, first {first}); wrong file,"
        " or a file without header (--no-header)?",
    ),
    "header.duplicate": (
        "列 {name} が重複しています（最初は{first}列目）",
        "column {name} appears again (first at {first})",
    ),
    "header.unknown": (
        "列 {name} は{file}の項目ではありません",
        "column {name} is not an item of {file}",
    ),
    "header.missing-required": (
        "必須項目 {item} の列がありません",
        "required item {item} has no column",
    ),
    "header.missing": ("項目 {item} の列がありません", "item {item} has no column"),
    "header.order": (
        "列の順序が標準と異なります（最初にずれている列: {item}）",
        "columns are not in the standard's order (first out of place: {item})",
    ),
    "header.not-recognised": (
        "{area}のファイルとして認識できないため、検査していません",
        "not recognised as a file of {area}; not checked",
    ),
    "encoding.massive": (
        "{count}個のバイト列が{encoding}として読めません"
        "（最初のバイト位置 {where}）。{consequence}",
        "{count} byte sequences do not decode as {encoding} (first at byte offsets {where});"
        " {consequence}",
    ),
    "header.not-checked": ("検査していません: {why}", "not checked: {why}"),
    "row-shape.trailing-blank": (
        "ファイル末尾の空行{n}行はレコードとして読みません",
        "{n} blank line(s) at the end of the file: not read as records",
    ),
    "row-shape.no-data": (
        "データ行がありません（見出し行だけのファイルです）",
        "no data rows: the file holds only its header",
    ),
    "file-missing": (
        "{file}（{name}{filename}）が入力にありません: "
        "{area}の{of}ファイル中 {checked}ファイルを検査",
        "{file} ({name}{filename}) is not among the inputs: {checked} of {of} files of {area}"
        " checked",
    ),
    "rule.unpicked": (
        "グループ（{names}）のどの行も pick: が求める行ではありません",
        "no row of its group ({names}) is one that pick: asks for",
    ),
    "type.xml-value": (
        "XML 1.0 で表せない文字（TAB・LF・CR 以外の制御文字）があるか、XML の読み手が読める長さ"
        "（{limit}バイト）を超えています",
        "a value holds a character XML 1.0 cannot carry (a control character other than TAB,"
        " LF, CR), or is longer than an XML reader reads ({limit} bytes)",
    ),
    "length.counted-exact": (
        "{item}はちょうど{length}{unit}にしてください（桁数の数え方: {counting}）",
        "{item} must have exactly {length} {unit} (桁数 counted as {counting})",
    ),
    "length.counted-max": (
        "{item}は{length}{unit}以内にしてください（桁数の数え方: {counting}）",
        "{item} must have at most {length} {unit} (桁数 counted as {counting})",
    ),
    "charset": (
        "{item}に文字セット {charset} にない文字があります: GJ 文字（{gj}）でも移行元の外字でもない"
        "私用領域の文字{ivs}{outside}",
        "{item} holds a character outside charset {charset}: a private-use character that is"
        " neither a GJ character ({gj}) nor a vendor 外字{ivs}{outside}",
    ),
    "lost-char": (
        "{item}に失われた文字があります: 文字の代わりのエスケープ表記"
        "（◆…◆、{MJ……}/{GJ……}、&#x…;）か U+FFFD",
        "{item} holds a lost character: escape text for a character (◆…◆, {MJ……}/{GJ……},"
        " &#x…;) or U+FFFD",
    ),
    "round-trip": (
        "フィールド {field} は {value} として書き戻されます"
        "（可逆のマッピングでは、行が完全に元に戻る必要があります）",
        "field {field} would be written back as {value} (lossless mapping: the row must"
        " convert back exactly)",
    ),
    # cross-file and cross-row checks
    "key-duplicate": (
        "キー（{key}）が{first}行目と重複しています",
        "key ({key}) repeats that of row {first}",
    ),
    "key-duplicate.part": (
        "キー（{key}）が{file}の{first}行目と重複しています",
        "key ({key}) repeats that of row {first} of {file}",
    ),
    "reference": (
        "{items}が{target}（{target_items}）にありません",
        "{items} not found in {target} ({target_items})",
    ),
    "rule.one-per-group": (
        "{rule}: グループ内に{item}={value}の行が{n}行あります（1行であるべきです）",
        "{rule}: {n} rows with {item}={value} in the group, expected 1",
    ),
    "rule.sequence": (
        "{rule}: グループの{n}行の{item}が1～{n}の連番になっていません",
        "{rule}: {item} of the group's {n} rows is not 1..{n}",
    ),
    # manifests and 件数表
    "count.rows": (
        "件数: {what}では{expected}件、{path}は{got}件です",
        "row count: the {what} says {expected} rows, {path} has {got}",
    ),
    "count.changed": (
        "変更: {path}が{what}と異なります（SHA-256 {old}… → {new}…）",
        "changed: {path} differs from the {what} (SHA-256 {old}… → {new}…)",
    ),
    "count.changed-size": (
        "変更: {path}が{what}と異なります"
        "（SHA-256 {old}… → {new}…、{old_bytes} → {new_bytes}バイト）",
        "changed: {path} differs from the {what} (SHA-256 {old}… → {new}…; {old_bytes} →"
        " {new_bytes} bytes)",
    ),
    "count.ambiguous": (
        "件数表の{line}行目: {path} に当てはまるファイルが複数あります（{names}）。"
        "件数表にファイル名を書いてください",
        "件数表 row {line}: {path} matches several files ({names}); write the file names in"
        " the 件数表",
    ),
    "count.missing": (
        "欠落: {path}は{what}{where}{rows}に載っていますが、フォルダにありません",
        "missing: {path} is listed in the {what}{where}{rows} but not in the folder",
    ),
    "count.added": (
        "追加: {path}{rows}は{what}に載っていません",
        "added: {path}{rows} is not listed in the {what}",
    ),
    # XML
    "xsd.detail": ("{detail}", "{detail}"),
    "xsd.not-well-formed": (
        "XMLとして正しくありません: {detail}。ここで読み取りを中止しました",
        "not well-formed XML: {detail}; reading stopped here",
    ),
    "xsd.not-well-formed-at": (
        "XMLとして正しくありません: {detail}。ここで読み取りを中止しました（{line}行目）",
        "not well-formed XML: {detail}; reading stopped here (at line {line})",
    ),
    "xsd.not-xml": (
        "XML文書ではありません: 要素がありません（空か、XMLでないファイル）",
        "not an XML document: no element found (empty, or not XML at all)",
    ),
    "xsd.no-root": (
        "{root} 要素がありません: XML形式の文書ではありません",
        "no {root} element found: not a document of the XML form",
    ),
    "xsd.dtd": (
        "DOCTYPE があります: DTD付きの文書は読みません"
        "（実体展開・外部読込は危険で、XML形式にDTDは不要です）",
        "the document has a DOCTYPE: documents with a DTD are not read (entity expansion and"
        " external loading are unsafe, and the XML form needs no DTD)",
    ),
    "xsd.attribute-missing": (
        "属性 {name}（= {fixed}）がありません",
        "attribute {name} (= {fixed}) is missing",
    ),
    "xsd.attribute-value": (
        "属性 {name} が {value} です。{fixed} でなければなりません",
        "attribute {name} is {value}, must be {fixed}",
    ),
    "xsd.attribute-unknown": ("属性 {name} は使えません", "attribute {name} is not allowed"),
    "xsd.file-again": (
        "ファイル要素 {file} が再び現れました。そのレコードは読みません",
        "file element {file} appears again; its records are not read",
    ),
    "xsd.file-order": (
        "ファイル要素 {file} が {later} の後にあります。スキーマの順序は {order} です",
        "file element {file} comes after {later}: the schema's order is {order}",
    ),
    "xsd.text-in": ("{file} に余分な文字があります", "unexpected text in {file}"),
    "xsd.text": ("余分な文字があります", "unexpected text"),
    "xsd.element-in": (
        "{file} に想定外の要素 {name} があります",
        "unexpected element {name} in {file}",
    ),
    "xsd.element": ("想定外の要素 {name} があります", "unexpected element {name}"),
    "xsd.stray-record": (
        "{record} がファイル要素ではなく {where} の中にあります。読みません",
        "{record} inside {where}, not inside a file element; not read",
    ),
    "xsd.stopped": ("読み取りが途中で終わりました", "reading stopped early"),
}
