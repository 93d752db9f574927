"""Headings, labels and summary lines of the reports and the CLI, ja and en."""

from __future__ import annotations

UI_TEMPLATES: dict[str, tuple[str, str]] = {
    # counters: the number and the word that fits it
    "unit.error": ("{n}件", "{n|error|errors}"),
    "unit.warning": ("{n}件", "{n|warning|warnings}"),
    "unit.file": ("{n}ファイル", "{n|file|files}"),
    "unit.row": ("{n}行", "{n|row|rows}"),
    "unit.finding": ("{n}件", "{n|finding|findings}"),
    "unit.entry": ("{n}件", "{n|entry|entries}"),
    "unit.occurrence": ("{n}箇所", "{n|occurrence|occurrences}"),
    "unit.character": ("{n}文字", "{n|character|characters}"),
    # fragments of messages
    "unit.len-codepoints": ("文字", "characters"),
    "unit.len-characters": (
        "文字（IVS は基底文字と合わせて1文字）",
        "characters (an IVS counted with its base)",
    ),
    "unit.len-bytes:cp932": ("バイト（CP932）", "CP932 bytes"),
    "unit.len-bytes:utf-8": ("バイト（UTF-8）", "UTF-8 bytes"),
    # the report's head
    "kind.validation": ("検証", "validation"),
    "kind.verification": ("照合", "verification"),
    "report.title": (
        "layout-tool {kind}レポート — 業務 {area}、{standard} v{version}",
        "layout-tool {kind} — area {area}, {standard} v{version}",
    ),
    "verdict.pass": ("合格", "PASS"),
    "verdict.fail": ("不合格", "FAIL"),
    "report.coverage": (
        "業務のファイル {of} 件中 {checked} 件を検証",
        "{checked} of {of} files of the area checked",
    ),
    "report.result": (
        "結果: {verdict} — エラー {errors}、警告 {warnings}（{files}、{rows}）",
        "Result: {verdict} — {errors}, {warnings} in {files}, {rows}",
    ),
    "head.made": ("作成日時", "Made"),
    "head.inputs": ("検査した入力", "Inputs checked"),
    "head.spec": ("仕様", "Spec"),
    "head.profile": ("プロファイル", "Profile"),
    "head.tool": ("ツール", "Tool"),
    "head.none": ("なし", "none"),
    "head.inputs-value": ("{inputs}（{files}）", "{inputs} ({files})"),
    "head.spec-value": (
        "{standard} v{version}（業務 {area}、出典: {provenance}）",
        "{standard} v{version} (area {area}, provenance: {provenance})",
    ),
    "provenance.modelled": ("モデル化（公開仕様からの推定を含む）", "modelled"),
    "provenance.imported": ("取込（公式の項目表から）", "imported"),
    "provenance.official": ("公式", "official"),
    # sections
    "sec.files": ("ファイル", "Files"),
    "sec.by-code": ("検出結果（コード別）", "Findings by code"),
    "sec.by-item": ("項目別（最初の行）", "Findings by item (with first rows)"),
    "sec.first": ("検出一覧（先頭{shown}件／全{total}件）", "First findings ({shown} of {total})"),
    "sec.truncated": (
        "（一覧は{listed}件までです。上の件数は正確です）",
        "(the list holds {listed} findings; counts above are exact)",
    ),
    "sec.gaiji": (
        "外字一覧（{distinct}種類、計{total}件）",
        "外字 inventory ({distinct} distinct, {total} in all)",
    ),
    "sec.notes": ("注記", "Notes"),
    "sec.legend": ("位置の見方", "How to read positions"),
    "sec.actions": ("対応方法", "What to do"),
    # column headings
    "col.file": ("ファイル", "file"),
    "col.file-id": ("ファイルID", "file id"),
    "col.rows": ("行数", "rows"),
    "col.encoding": ("文字コード", "encoding"),
    "col.code": ("コード", "code"),
    "col.count": ("件数", "count"),
    "col.meaning": ("意味", "meaning"),
    "col.action": ("対応方法", "what to do"),
    "col.item": ("項目", "item"),
    "col.first-rows": ("最初の行", "first rows"),
    "col.where": ("位置", "where"),
    "col.row": ("データ行", "row"),
    "col.line": ("物理行", "line"),
    "col.excel-row": ("Excel行", "Excel row"),
    "col.value": ("値", "value"),
    "col.message": ("メッセージ", "message"),
    "col.severity": ("重大度", "severity"),
    "col.code-point": ("コードポイント", "code point"),
    "col.items": ("項目", "items"),
    "severity.error": ("エラー", "error"),
    "severity.warning": ("警告", "warning"),
    # HTML and Excel headings
    "h.summary": ("概要", "Summary"),
    "h.files": ("ファイル別の行数", "Rows per file"),
    "h.by-code": ("指摘の種類別件数", "Findings by code"),
    "h.by-item": ("項目別件数と例", "Findings by item"),
    "h.gaiji": ("外字一覧", "外字 inventory"),
    "h.masked": ("値の表示", "Masked values"),
    "h.list": ("指摘一覧", "Findings"),
    "h.list-hint": ("見出しを押すと並べ替え", "click a heading to sort"),
    "h.notes": ("備考", "Notes"),
    "h.no-findings": ("指摘はありません。", "No findings."),
    "xlsx.title": ("layout-tool 検証レポート", "layout-tool validation report"),
    "xlsx.result": ("結果", "Result"),
    "xlsx.unmasked": ("マスクなし（--show-values）", "unmasked (--show-values)"),
    "xlsx.masked": (
        "機微な項目は先頭4文字以外を * で表示",
        "sensitive items: all but the first 4 characters shown as *",
    ),
    "sheet.summary": ("概要", "Summary"),
    "sheet.findings": ("指摘", "Findings"),
    "sheet.gaiji": ("外字", "Gaiji"),
    "col.xpath": ("XPath", "XPath"),
    "col.files-list": ("ファイル", "files"),
    "fig.area": ("業務", "area"),
    "fig.files": ("ファイル数", "files"),
    "fig.rows": ("行数", "rows"),
    "fig.errors": ("エラー", "errors"),
    "fig.warnings": ("警告", "warnings"),
    "fig.gaiji": ("外字（種類）", "distinct 外字"),
    "fig.gaiji-total": ("外字（出現数）", "外字 occurrences"),
    "fig.listed": ("指摘シートの件数", "listed findings"),
    "fig.all": ("指摘の総数", "all findings"),
    "fig.values": ("値の表示", "values"),
    "col.bytes": ("バイト数", "bytes"),
    "col.examples": ("例", "examples"),
    "col.occurrences": ("出現数", "count"),
    "col.column": ("列", "column"),
    "col.first-values": ("例（値）", "values"),
    "col.offset": ("バイト位置", "offset"),
    "col.file-name": ("ファイル名", "file name"),
    # how a file's encoding was found
    "detect.declared": ("指定", "declared"),
    "detect.bom": ("BOMで判定", "bom"),
    "detect.sample": ("内容から推定", "sample"),
    "detect.xml declaration": ("XML宣言", "xml declaration"),
    # HTML page texts
    "html.offline": (
        "このファイルは外部に接続せずに表示できます。",
        "This page shows without any network connection.",
    ),
    "html.banner": (
        "業務 {area} ／ {standard} v{version}",
        "area {area} / {standard} v{version}",
    ),
    "html.counts": (
        "エラー {errors}、警告 {warnings}（{files}、{rows}）",
        "{errors}, {warnings} in {files}, {rows}",
    ),
    "html.no-gaiji": ("外字（私用領域の文字）はありません。", "No 外字 (private-use characters)."),
    "html.gaiji-intro": (
        "{distinct} 種類、計 {total} 文字。出現数は文字の数です（指摘の件数はセルの数）。"
        "コードポイントを押すと、その外字を含む指摘に絞り込みます。",
        "{distinct} distinct, {total} characters in all. The count is of characters (findings"
        " count cells). Click a code point to show the findings that hold it.",
    ),
    "html.shown-values": (
        "--show-values で作成されたため、個人番号などの値をマスクせずに表示しています。"
        "個人情報として取り扱ってください。",
        "Made with --show-values: values such as 個人番号 are shown unmasked. Handle this report"
        " as personal data.",
    ),
    "html.no-masked": (
        "機微な項目（個人番号など）の値は、先頭4文字以外を * で隠して表示します。"
        "この報告にはマスクした値はありません。",
        "Values of sensitive items (個人番号…) are shown with all but their first 4 characters"
        " hidden by *. This report has no masked value.",
    ),
    "html.masked": (
        "機微な項目（個人番号など）の値は、先頭4文字以外を * で隠して表示しています"
        "（例: 1234********）。",
        "Values of sensitive items (個人番号…) are shown with all but their first 4 characters"
        " hidden by * (e.g. 1234********).",
    ),
    "col.masked": ("マスクした値", "masked"),
    "html.filter": ("絞り込み", "Filter"),
    "html.filter-hint": (
        "ファイル・項目・値・メッセージ・U+E000",
        "file, item, value, message, U+E000",
    ),
    "html.all": ("すべて", "all"),
    "html.shown": ("件を表示 ／ 一覧", "shown of"),
    "html.listed": ("件", "listed"),
    "html.capped": (
        "一覧は最初の {listed} 件です（全 {total} 件）。上の件数はすべて正確です。"
        "--max-findings で増やせます。",
        "The list holds the first {listed} findings (of {total}). The counts above are exact."
        " --max-findings lists more.",
    ),
    # positions
    "legend.row": (
        "データ行: 見出し行を数えない、1から始まるデータの行番号",
        "row: the 1-based data row (the header is not counted)",
    ),
    "legend.line": (
        "物理行: ファイル中の物理的な行（CSVは見出し行を含む。XMLはレコード要素の行）",
        "line: the physical line where the row starts (CSV: header included; XML: the"
        " record's element)",
    ),
    "legend.excel": (
        "Excel行: CSVをExcelで開いたときの行番号（見出し行が1行目）",
        "Excel row: the row number when the CSV is opened in Excel (the header is row 1)",
    ),
    "where.row": ("{row}行目", "row {row}"),
    "where.offset": ("バイト位置 {offset}", "byte offset {offset}"),
    "where.extra": ("{where}（{extra}）", "{where} ({extra})"),
    "where.sep": ("、", ", "),
    "where.line": ("物理行 {line}", "line {line}"),
    "where.excel": ("Excel {excel}行目", "Excel row {excel}"),
    # the conversion report
    "convert.forward": ("移行元 → 標準", "vendor → standard"),
    "convert.reverse": ("標準 → 移行元（--reverse）", "standard → vendor (--reverse)"),
    "convert.title": (
        "layout-tool 変換レポート — {name}（{direction}）、業務 {area}、"
        "中間標準レイアウト仕様 v{version}",
        "layout-tool convert — {name} ({direction}), area {area},"
        " 中間標準レイアウト仕様 v{version}",
    ),
    "convert.mapping": ("マッピング: {path}（{kind}）", "Mapping: {path} ({kind})"),
    "convert.lossless": ("可逆", "lossless"),
    "convert.lossy": ("非可逆", "lossy"),
    "convert.ok": ("正常", "OK"),
    "convert.rejected": ("除外した行あり", "ROWS REJECTED"),
    "convert.result": (
        "結果: {verdict} — 入力 {rows_in}、出力 {rows_out}行、除外 {rejected}行、警告 {warnings}",
        "Result: {verdict} — {rows_in} in, {rows_out} out, {rejected} rejected; {warnings}",
    ),
    "convert.rejects-where": (
        "除外した行は、検出内容とともに conversion/<出力名>.rejects.csv にあります。",
        "Rejected rows, with their findings, are in conversion/<output>.rejects.csv.",
    ),
    "convert.gaiji": (
        "外字対応表: {path}（{entries}）: {way}",
        "外字 table: {path} ({entries}): {way}",
    ),
    "convert.gaiji-replaced": ("{n}文字の外字を置き換えました", "{n} 外字 replaced"),
    "convert.gaiji-back": (
        "{n}文字の標準文字を移行元の外字に戻しました",
        "{n} standard characters written as the vendor's 外字",
    ),
    "convert.note-validate": (
        "変換では各行の項目を検査します。キー・参照・行やファイルをまたぐルールは、"
        "出力フォルダに対して `layout-tool validate` を実行して確かめてください",
        "convert checks every row's items; run `layout-tool validate` on the output folder"
        " for keys, references and rules across rows and files",
    ),
    "col.rows-in": ("入力行", "rows_in"),
    "col.rows-out": ("出力行", "rows_out"),
    "col.rows-rejected": ("除外行", "rows_rejected"),
    "convert.derived": (
        "、条件外 {filtered}行、集約 {merged}行",
        ", {filtered} filtered, {merged} merged",
    ),
    "col.rows-filtered": ("条件外行", "rows_filtered"),
    "col.rows-merged": ("集約行", "rows_merged"),
    "forms.title": (
        "layout-tool 変換レポート — 業務 {area}、標準のファイルを {to} に",
        "layout-tool convert — area {area}, standard files to {to}",
    ),
    "forms.findings": ("除外した行または指摘あり", "ROWS REJECTED OR FINDINGS"),
    "col.input": ("入力", "input"),
    "col.output": ("出力", "output"),
    # the 外字 inventory (layout-tool gaiji)
    "gaiji.title": (
        "layout-tool 外字一覧 — {files}、{rows}: 外字 {distinct}種類、計{total}",
        "layout-tool gaiji — {files}, {rows}: {distinct} distinct 外字, {total}",
    ),
    "gaiji.table": (
        "外字対応表 {path}（{entries}）: 対応済み {mapped}種類、未対応 {unmapped}種類",
        "Mapping table {path} ({entries}): {mapped} mapped, {unmapped} still unmapped",
    ),
    "gaiji.none-found": ("外字はありません。", "No 外字 found."),
    "gaiji.unmapped": ("未対応（{n}種類）", "Still unmapped ({n})"),
    "gaiji.mapped": ("対応済み（{n}種類）", "Mapped ({n})"),
    "gaiji.written": ("外字一覧: {path}（未対応 {n}種類）", "外字 list: {path} ({n} unmapped)"),
    "col.char": ("文字", "char"),
    "col.files": ("ファイル数", "files"),
    "col.source": ("外字", "source"),
    "col.target": ("置換先", "target"),
    # coverage
    "cov.title": (
        "網羅状況: {name}（{area}）、中間標準レイアウト仕様 v{version} [{provenance}]",
        "Coverage of {name} ({area}), 中間標準レイアウト仕様 v{version} [{provenance}]",
    ),
    "cov.by": ("{by} {title}{vendor} による", "by {by} {title}{vendor}"),
    "cov.by-mapping": ("マッピング", "mapping"),
    "cov.by-layout": ("申告レイアウト", "declared layout"),
    "cov.vendor": ("（ベンダー {vendor}）", " — vendor {vendor}"),
    "cov.pass": (
        "合格: 必須項目 {n}件すべてが、合う型で埋まります",
        "PASS: all {n} required items are covered with a compatible type",
    ),
    "cov.fail": ("不合格: {what}", "FAIL: {what}"),
    "cov.missing": ("必須項目 {n}件が欠落", "{n|required item|required items} missing"),
    "cov.narrower": ("必須項目 {n}件が狭い", "{n|required item|required items} narrower"),
    "cov.file": (
        "{items}項目中 {covered}項目（{pct}）、"
        "必須 {required}項目中 {req_covered}項目（{req_pct}）",
        "{covered} of {items} items covered ({pct}), required {req_covered} of {required}"
        " ({req_pct})",
    ),
    "cov.no-vendor-file": ("移行元ファイルなし", "no vendor file"),
    "cov.missing-list": ("欠落（{n}件、必須を先に）:", "missing ({n}), required first:"),
    "cov.narrower-list": ("狭い（{n}件）:", "narrower ({n}):"),
    "cov.constant-list": ("定数（{n}件）:", "constant ({n}):"),
    "cov.fields": ("フィールド", "fields"),
    "cov.items": ("項目", "items"),
    "cov.unplaced": (
        "標準に対応先のない移行元の{what}（団体独自項目?）: {n}",
        "vendor {what} with no standard home (団体独自項目?): {n}",
    ),
    # the CLI's last line
    "cli.report-written": ("レポート: {path}（{verdict}）", "report: {path} ({verdict})"),
    "cli.coverage-written": ("網羅状況: {path}（{verdict}）", "coverage: {path} ({verdict})"),
    "cli.report-folder": ("レポート: {path}", "report: {path}"),
    "cli.manifest-written": (
        "マニフェスト: {path}（{files}、{rows}）",
        "manifest: {path} ({files}, {rows})",
    ),
    "hint.did-you-mean": ("（もしかして: {names}）", " — did you mean {names}?"),
    # notes
}
