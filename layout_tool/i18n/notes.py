"""Notes of reports (what was not checked, and why) and message fragments, ja and en."""

from __future__ import annotations

NOTE_TEMPLATES: dict[str, tuple[str, str]] = {
    "frag.at-row": ("（{line}行目）", " (row {line})"),
    "frag.n-rows": ("（{rows}件）", " ({rows} rows)"),
    "frag.not-checked": ("行は検査していません", "rows not checked"),
    "frag.not-converted": ("何も変換していません", "nothing converted"),
    "frag.not-inventoried": ("外字一覧に含めていません", "nothing inventoried"),
    "frag.clean-as": (
        "。{best} としては問題なく読めます: --encoding auto か {best} を指定してください",
        "; decodes cleanly as {best}: use --encoding auto or {best}",
    ),
    "frag.better-as": (
        "。{best} としては先頭1MBで読めないバイト列が{n}個です:"
        " --encoding auto か {best} を指定してください",
        "; decodes as {best} with {n} undecodable sequences in its first MB: use --encoding"
        " auto or {best}",
    ),
    "frag.clean-as-only": (  # auto already chose (a BOM, or the sample): only naming it helps
        "。{best} としては問題なく読めます: --encoding {best} を指定してください",
        "; decodes cleanly as {best}: use --encoding {best}",
    ),
    "frag.better-as-only": (
        "。{best} としては先頭1MBで読めないバイト列が{n}個です:"
        " --encoding {best} を指定してください",
        "; decodes as {best} with {n} undecodable sequences in its first MB: use --encoding {best}",
    ),
    "frag.none-better": (
        "。ほかの文字コードでも読めません",
        "; no other encoding decodes it either",
    ),
    "frag.charset-ivs": ("、または {table} にない IVS", ", or an IVS sequence not in {table}"),
    "frag.charset-outside": ("、または {base} の外の文字", ", or a character outside {base}"),
    "frag.no-gj": ("GJ 表なし", "no GJ table"),
    "note.reference-unchecked": (
        "参照 {source}（{items}）→ {target} は検査していません: {target} が入力にありません",
        "reference {source}({items}) → {target} not checked: file {target} not among the inputs",
    ),
    "note.count-only": (
        "{path}: 行数だけを数え、検査していません（{encoding}として読めません）。"
        "このファイルとの参照も検査していません",
        "{path}: rows counted, not checked (the file does not decode as {encoding});"
        " references to and from it are not checked either",
    ),
    "note.no-file-element": (
        "{label}: 業務 {area} のファイル要素がないため、検査していません",
        "{label}: no file element of area {area} to check",
    ),
    "note.not-recognised-skipped": (
        "{path}: {area} のファイルとして認識できません（{why}）。読み飛ばしました",
        "{path}: not recognised as a file of {area} ({why}); skipped",
    ),
    "note.no-match": ("一致なし", "no match"),
    "note.file-skipped": (
        "{path}: ファイル {file} を読み飛ばしました（--file {only}）",
        "{path}: file {file} skipped (--file {only})",
    ),
    "note.stopped": (
        "{path}: 読み取りが途中で終わりました。以降のレコードは変換していません",
        "{path}: reading stopped early; later records not converted",
    ),
    "note.dropped-columns": (
        "{path}: 標準にない列は引き継ぎません: {columns}",
        "{path}: columns not in the standard are not carried: {columns}",
    ),
    "note.empty-skipped": (
        "{label}: 空か見出し行がありません。外字一覧に含めていません",
        "{label}: empty, or no header row; nothing inventoried",
    ),
    "note.charset-override": (
        "仕様は文字セット {named} を指定しています。--charset の {used} を使いました",
        "the spec names charset {named}; --charset gives {used}, used",
    ),
    "note.charset-missing": (
        "仕様は文字セット {named} を指定していますが、読み込まれていません: 私用領域の文字"
        "（GJ 文字も）は外字として報告します。`layout-tool charset import` で表を取り込み、"
        "--charset DIR を指定してください（または ${env} にそのフォルダを書いてください）",
        "the spec names charset {named}, which is not loaded: private-use characters (GJ"
        " characters too) are reported as 外字. Import the tables with `layout-tool charset"
        " import` and give --charset DIR (or list its folder in ${env})",
    ),
    "note.charset": (
        "文字セット {label}（{name}; {source}）{synthetic}: GJ 文字 {gj}字を標準の文字とし、"
        "登録済みの IVS は {ivs}件",
        "charset {label} ({name}; {source}){synthetic}: {gj} GJ characters are standard"
        " characters, {ivs} registered IVS sequences",
    ),
    "note.charset-synthetic": (
        " — 試験用の合成データで、公式の表ではありません",
        " — a SYNTHETIC test set, not the official table",
    ),
    "note.checked-against": (
        "{what} {source} と照合しました: 記載 {listed}件、検出 {found}件",
        "files checked against the {what} {source}: {listed} listed, {found} found",
    ),
}
