"""Texts of ``coverage`` (text, JSON messages and the HTML page), ja and en."""

from __future__ import annotations

COVERAGE_TEMPLATES: dict[str, tuple[str, str]] = {
    # summary table columns
    "covcol.file": ("ファイル", "file"),
    "covcol.name": ("名称", "name"),
    "covcol.vendor": ("移行元", "vendor"),
    "covcol.items": ("項目数", "items"),
    "covcol.covered": ("対応", "covered"),
    "covcol.narrower": ("型・桁数不足", "narrower"),
    "covcol.constant": ("固定値", "constant"),
    "covcol.missing": ("欠落", "missing"),
    "covcol.covered-pct": ("対応率", "covered%"),
    "covcol.required": ("必須", "required"),
    "covcol.req-covered": ("必須対応", "req.covered"),
    "covcol.required-pct": ("必須対応率", "required%"),
    "covcol.area": ("（業務全体）", "(area)"),
    "covcol.no": ("番号", "no"),
    "covcol.item": ("項目", "item"),
    "covcol.type": ("型", "type"),
    "covcol.length": ("桁数", "length"),
    "covcol.standard": ("標準", "standard"),
    "covcol.from": ("取得元", "from"),
    "covcol.why": ("理由", "why"),
    "covcol.value": ("値", "value"),
    "covcol.status": ("状態", "status"),
    "covcol.vendor-items": ("移行元の項目", "vendor"),
    "covcol.via": ("取得方法", "via"),
    "covcol.vendor-file": ("移行元のファイル", "vendor file"),
    "covcol.standard-file": ("標準のファイル", "standard file"),
    "covcol.unplaced": ("対応なし", "unplaced"),
    "covcol.list": ("一覧", "list"),
    "cov.required-mark": ("必須", "required"),
    "cov.vendor-line": (
        "{id}（{name}）: {of}中 {n} — {names}",
        "{id} ({name}): {n} of {of} — {names}",
    ),
    # statuses
    "status.covered": ("対応", "covered"),
    "status.narrower": ("型・桁数不足", "narrower"),
    "status.constant": ("固定値", "constant"),
    "status.missing": ("欠落", "missing"),
    # the HTML page
    "covhtml.title": ("網羅状況 {area} — {verdict}", "Coverage {area} — {verdict}"),
    "covhtml.footer": (
        "layout-tool {version} — 中間標準レイアウト仕様 v{spec}（{standard}）。",
        "layout-tool {version} — 中間標準レイアウト仕様 v{spec} ({standard}).",
    ),
    "covhtml.fig-covered": ("対応率", "covered"),
    "covhtml.fig-required": ("必須項目の対応率", "required covered"),
    "covhtml.fig-unplaced": ("標準外の項目", "unplaced"),
    "covhtml.file-line": (
        "{items}項目中 {covered}項目に対応（{pct}）、必須 {required}項目中 {req_covered}項目"
        "（{req_pct}）。欠落・型桁数不足・固定値・対応の順に、それぞれ必須項目を先頭に並べています。",
        "{covered} of {items} items covered ({pct}), required {req_covered} of {required}"
        " ({req_pct}). Missing, narrower, constant and covered items, in that order, required"
        " first.",
    ),
    "covhtml.no-vendor": (
        "対応する移行元のファイルなし",
        "no vendor file",
    ),
    "covhtml.unplaced": (
        "標準に対応しない移行元の{what}（団体独自項目?）",
        "Vendor {what} with no standard home (団体独自項目?)",
    ),
    # why an item is narrower (coverage --mapping)
    "covwhy.no-date": (
        "日付の変換がありません: 移行元の値はそのまま渡るので、すでに {shape} でなければなりません"
        "（そうなら {date: {hint}}、でなければ移行元の形式を書いてください）",
        "no date transform: the vendor value passes as text and must already be {shape} (say"
        " {date: {hint}} if it is, or the vendor's own shape)",
    ),
    "covwhy.no-code": (
        "コード対応表がありません: 移行元の値はすでにコード表 {table} のコードでなければなりません",
        "no code map: the vendor values must already be codes of table {table}",
    ),
    "covwhy.keep": (
        "コード対応表が対応のない移行元コードをそのまま残します（unmapped: keep）",
        "the code map keeps unmapped vendor codes (unmapped: keep)",
    ),
    "covwhy.hankaku": (
        "hankaku 変換が {type} の項目に半角を書きます",
        "the hankaku transform writes half-width into {type}",
    ),
    "covwhy.zenkaku": (
        "zenkaku 変換が {type} の項目に全角を書きます",
        "the zenkaku transform writes full-width into {type}",
    ),
    "covwhy.hiragana": (
        "hiragana 変換がカナの項目にひらがなを書きます",
        "the hiragana transform writes ひらがな into a kana item",
    ),
    "covwhy.capacity": (
        "移行元のフィールドは最大 {capacity}{unit}です。桁数は {length}",
        "the vendor field holds at most {capacity} {unit}; 桁数 is {length}",
    ),
    "covwhy.unit-full": ("全角文字", "全角 characters"),
    "covwhy.unit": ("文字", "characters"),
    "covwhy.unmapped-files": (
        "どの移行元ファイルも対応していない標準ファイル: {files}",
        "no vendor file is mapped to: {files}",
    ),
    # why a declared item is narrower (coverage --layout)
    "covwhy.declared-type": (
        "申告は {theirs}、標準は {ours}: {reason}",
        "declared {theirs}, standard {ours}: {reason}",
    ),
    "covwhy.cannot-hold": ("{theirs} では {ours} を表せません", "{theirs} cannot hold {ours}"),
    "covwhy.shorter": (
        "申告の桁数 {theirs} は {ours} より短い",
        "declared 桁数 {theirs} is shorter than {ours}",
    ),
    "covwhy.integer-digits": (
        "申告の整数部 {theirs}桁、標準は {ours}桁",
        "declared {theirs} integer digits, standard {ours}",
    ),
    "covwhy.decimals": (
        "申告の小数部 {theirs}桁、標準は {ours}桁",
        "declared {theirs} decimals, standard {ours}",
    ),
    "covwhy.zenkaku-hankaku": (
        "半角の文字列では全角文字を表せません",
        "half-width text cannot hold 全角 characters",
    ),
    "covwhy.kana-hankaku": (
        "半角の文字列では全角カタカナを表せません",
        "half-width text cannot hold 全角 katakana",
    ),
    "covwhy.zenkaku-kana": (
        "カナの項目はカタカナだけで、漢字を表せません",
        "a kana item holds katakana only, not kanji",
    ),
    "covwhy.hankaku-zenkaku": (
        "全角の文字列では半角文字を表せません",
        "full-width text cannot hold half-width characters",
    ),
    "covwhy.digits-number": ("数値では先頭の0が失われます", "a number loses leading zeros"),
    "covwhy.number-digits": (
        "数字の並びでは符号や小数を表せません",
        "digits cannot hold a sign or decimals",
    ),
    "covwhy.code-number": (
        "数値ではコードの先頭の0が失われます",
        "a number loses the leading zeros of codes",
    ),
    "covwhy.width": (
        "全角・半角を揃えて名前が一致",
        "name matched after width normalisation",
    ),
    "covwhy.lonely": (
        "どの標準ファイルにも対応しない移行元のファイル: {files}（--match を使ってください）",
        "vendor files matched to no standard file: {files} (use --match)",
    ),
}
