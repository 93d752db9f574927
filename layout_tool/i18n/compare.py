"""Texts of ``compare`` (and its rehearsal diff): text, CSV kinds, HTML and workbook, ja and en."""

from __future__ import annotations

COMPARE_TEMPLATES: dict[str, tuple[str, str]] = {
    "cmp.title": (
        "layout-tool 比較レポート — 業務 {area}、中間標準レイアウト仕様 v{version}",
        "layout-tool compare — area {area}, 中間標準レイアウト仕様 v{version}",
    ),
    "cmp.same": ("一致", "SAME"),
    "cmp.different": ("差異あり", "DIFFERENT"),
    "cmp.result": (
        "結果: {verdict} — 旧 {rows_old}行、新 {rows_new}行、照合 {matched}行、旧のみ {only_old}、"
        "新のみ {only_new}、変更 {changed_values}値（{changed_rows}行）、キー重複 {duplicates}",
        "Result: {verdict} — {rows_old} rows old, {rows_new} new, {matched} matched, {only_old}"
        " only old, {only_new} only new, {changed_values} values changed ({changed_rows} rows),"
        " {duplicates} duplicate keys",
    ),
    "cmp.mapped": (
        "（{side} 側をマッピング {mapping} で変換: 入力 {rows_in}行、除外 {rejected}行）",
        "({side} side converted with mapping {mapping}: {rows_in} rows in, {rejected} rejected)",
    ),
    "cmp.sec-counts": ("件数", "Counts per file"),
    "cmp.sec-items": ("項目別の差異", "Differences per item"),
    "cmp.sec-first": (
        "最初の差異（{shown}件／全{total}件）",
        "First differences ({shown} of {total} listed)",
    ),
    "cmp.sec-totals": (
        "金額照合（集計 {sums}件、うち差異 {differ}件）",
        "Totals ({sums} sums, {differ} differ)",
    ),
    "cmp.only-old-keys": ("旧のみ", "only in OLD"),
    "cmp.only-new-keys": ("新のみ", "only in NEW"),
    "cmp.dup": ("キー重複（{side}・{rows}行）", "duplicate key ({side}, {rows} rows)"),
    "cmp.side-old": ("旧", "old"),
    "cmp.side-new": ("新", "new"),
    "cmp.normalised-mark": ("（正規化）", " (normalised)"),
    "cmp.empty": ("(空)", "(empty)"),
    "cmp.kind-normalised": ("正規化のみ", "normalised"),
    "cmp.kind-changed": ("変更", "changed"),
    "cmp.whole": ("（全体）", "(all)"),
    "cmp.equal": ("一致", "equal"),
    "cmp.within": ("許容内", "within tolerance"),
    "cmp.unequal": ("不一致", "not equal"),
    "cmp.html-title": ("比較レポート {area} — {verdict}", "Compare {area} — {verdict}"),
    "cmp.banner": (
        "業務 {area} ／ 中間標準レイアウト仕様 v{version}",
        "area {area} / 中間標準レイアウト仕様 v{version}",
    ),
    "cmp.rows-line": (
        "旧 {old}行、新 {new}行、照合 {matched}行",
        "{old} rows old, {new} new, {matched} matched",
    ),
    "cmp.footer": ("layout-tool {version} — 比較レポート。", "layout-tool {version} — compare."),
    "cmp.filter": ("絞り込み（キー・項目・値）", "Filter (key, item, value)"),
    "cmp.shown": ("件表示", "shown"),
    "cmp.rows-count": ("{n}行", "{n|row|rows}"),
    # notes
    "cmpnote.no-key": (
        "{file}: 仕様にキーがないため、行全体で照合しました",
        "{file}: the spec gives no key; rows are matched whole",
    ),
    "cmpnote.key-missing": (
        "{file}: キー項目 {items} が片方にないため、行を照合していません",
        "{file}: key item(s) {items} missing on one side; rows not matched",
    ),
    "cmpnote.unread": (
        "読み取りエラーが{n}件あり（上の注記）、その内容は比較できていないため一致とはしません",
        "{n} reading error(s) (noted above): what they hold was not compared, so the sides are"
        " not reported as agreeing",
    ),
    "cmpnote.not-compared": (
        "{file}: 片方に列がないため比較していません: {items}",
        "{file}: not compared (no column on one side): {items}",
    ),
    "cmpnote.not-ours": (
        "{side}: {path}: {area} のファイルではありません。比較していません",
        "{side}: {path}: not a file of {area}; not compared",
    ),
    "cmpnote.capped": (
        "{path}: 指摘の一覧が上限で打ち切られています。ファイル別の件数は一覧にある指摘の数、"
        "コード別の合計は正確です",
        "{path}: the findings list was capped; per-file counts are of the listed findings,"
        " per-code totals are exact",
    ),
    "cmpnote.rejected": (
        "{side}: {rows_in}行中 {rejected}行が {mapping} での変換で除外されました"
        "（理由は convert で確かめてください）。比較していません",
        "{side}: {rejected} of {rows_in} rows were rejected by the conversion with {mapping}"
        " (run convert to see why); they are not compared",
    ),
    # columns
    "cmpcol.file": ("ファイル", "file"),
    "cmpcol.old": ("旧", "old"),
    "cmpcol.new": ("新", "new"),
    "cmpcol.matched": ("照合", "matched"),
    "cmpcol.only-old": ("旧のみ", "only old"),
    "cmpcol.only-new": ("新のみ", "only new"),
    "cmpcol.changed-rows": ("変更行", "changed rows"),
    "cmpcol.changed-values": ("変更値", "changed values"),
    "cmpcol.dup": ("重複 旧/新", "duplicates old/new"),
    "cmpcol.dup-old": ("キー重複 旧", "duplicates old"),
    "cmpcol.dup-new": ("キー重複 新", "duplicates new"),
    "cmpcol.path-old": ("旧のパス", "old path"),
    "cmpcol.path-new": ("新のパス", "new path"),
    "cmpcol.item": ("項目", "item"),
    "cmpcol.changed": ("変更", "changed"),
    "cmpcol.normalised": ("正規化のみ", "normalised"),
    "cmpcol.allowed": ("許容", "allowed"),
    "cmpcol.key": ("キー", "key"),
    "cmpcol.kind": ("種別", "kind"),
    "cmpcol.row-old": ("旧の行", "row old"),
    "cmpcol.row-new": ("新の行", "row new"),
    "cmpcol.by": ("集計単位", "by"),
    "cmpcol.diff": ("差", "diff"),
    "cmpcol.invalid-old": ("旧の不正値", "invalid old"),
    "cmpcol.invalid-new": ("新の不正値", "invalid new"),
    "cmpcol.judged": ("判定", "verdict"),
    "cmpcol.change": ("増減", "change"),
    "cmpcol.status": ("状態", "status"),
    "cmpcol.code": ("コード", "code"),
    # sheets and table titles
    "cmpsheet.counts": ("件数", "Counts"),
    "cmpsheet.items": ("項目別", "Items"),
    "cmpsheet.differences": ("差異", "Differences"),
    "cmpsheet.totals": ("金額", "Totals"),
    "cmpsheet.files": ("ファイル", "Files"),
    "cmpsheet.by-code": ("コード別", "By code"),
    "cmpsheet.codes": ("ファイル×コード", "File x code"),
    "cmptitle.counts": ("件数照合", "Counts per file"),
    "cmptitle.items": ("項目別の差異", "Differences per item"),
    "cmptitle.differences": (
        "差異の例（項目ごとに最初のもの）",
        "Differences (first per item)",
    ),
    "cmptitle.totals": ("金額照合", "Totals"),
    "cmptitle.files": ("ファイル別の行数", "Rows per file"),
    "cmptitle.by-code": ("コード別の指摘", "Findings per code"),
    "cmptitle.codes": ("ファイル・コード別の指摘", "Findings per file and code"),
    # figures
    "cmpfig.files": ("ファイル数", "files"),
    "cmpfig.matched": ("照合", "matched"),
    "cmpfig.only-old": ("旧のみ", "only old"),
    "cmpfig.only-new": ("新のみ", "only new"),
    "cmpfig.changed": ("変更値", "changed values"),
    "cmpfig.duplicates": ("キー重複", "duplicate keys"),
    "cmpfig.totals": ("金額不一致", "totals outside tolerance"),
    # the rehearsal diff (two reports of validate or convert)
    "reh.title": ("リハーサル比較 {area}", "Rehearsal diff {area}"),
    "reh.text-title": (
        "layout-tool 比較（リハーサル）— 業務 {area}",
        "layout-tool compare (rehearsal) — area {area}",
    ),
    "reh.ok": ("改善・変化なし", "OK"),
    "reh.regressed": ("新たな指摘あり", "REGRESSED"),
    "reh.old-line": ("旧 {path}（{kind}）", "old {path} ({kind})"),
    "reh.new-line": ("新 {path}（{kind}）", "new {path} ({kind})"),
    "reh.result": (
        "結果: {verdict} — 指摘 {old} → {new}、新規コード {codes_new}、解消 {fixed}、未解消 {open}",
        "Result: {verdict} — findings {old} → {new}; codes new {codes_new}, fixed {fixed},"
        " still open {open}",
    ),
    "reh.sec-rows": ("行数", "Rows per file"),
    "reh.sec-codes": ("コード別", "Per code"),
    "reh.sec-file-codes": ("ファイル・コード別", "Per file and code"),
    "reh.status-new": ("新規", "new"),
    "reh.status-fixed": ("解消", "fixed"),
    "reh.status-open": ("未解消", "open"),
    "rehfig.findings-old": ("旧の指摘", "findings old"),
    "rehfig.findings-new": ("新の指摘", "findings new"),
    "rehfig.codes-new": ("新規", "new codes"),
    "rehfig.codes-fixed": ("解消", "fixed"),
    "rehfig.codes-open": ("未解消", "still open"),
}
