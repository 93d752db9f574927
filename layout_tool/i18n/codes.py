"""Every finding code, declared once: its title and what to do about it (対応方法), ja and en.

The code is the stable identity (the contract); titles and actions may be reworded freely.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CodeInfo:
    title_ja: str
    title_en: str
    action_ja: str
    action_en: str


CODE_INFO: dict[str, CodeInfo] = {
    "encoding": CodeInfo(
        "読めないバイト列（文字コード）",
        "bytes that do not decode",
        "送付元: 指定の文字コード（UTF-8 または CP932）で出力し直してください。"
        "受領側: --encoding の指定が正しいか確かめてください。",
        "Sender: export again in the agreed encoding (UTF-8 or CP932)."
        " Receiver: check that --encoding is right.",
    ),
    "row-shape": CodeInfo(
        "レコード形式の誤り",
        "malformed row",
        "送付元: 項目数・引用符・改行の扱いを仕様どおりに直して出力し直してください。",
        "Sender: fix the number of fields, quoting or line breaks and export again.",
    ),
    "header": CodeInfo(
        "見出し行（列）の問題",
        "header column problem",
        "送付元: 見出し行の項目名と順序を仕様の項目一覧に合わせてください。"
        "受領側: ファイルの取り違えがないか、--file の指定を確かめてください。",
        "Sender: make the header's item names and order those of the spec."
        " Receiver: check the file is the right one (--file).",
    ),
    "required": CodeInfo(
        "必須項目が空",
        "required item is empty",
        "送付元: 必須項目に値を入れてください。不明の場合の記録方法は仕様で確認してください。",
        "Sender: fill the required item; see the spec for how to record an unknown value.",
    ),
    "type": CodeInfo(
        "型（文字種）の誤り",
        "value of the wrong type",
        "送付元: 全角・半角・数字など、項目の型どおりの文字で記録してください。",
        "Sender: write the value in the item's type (全角, 半角, digits…).",
    ),
    "length": CodeInfo(
        "桁数超過",
        "value longer than the item's 桁数",
        "送付元: 仕様の桁数に収めてください（切り詰めの可否は受領側と協議）。",
        "Sender: keep the value within the item's 桁数 (agree with the receiver before cutting).",
    ),
    "code": CodeInfo(
        "コード表にない値",
        "value not in the code table",
        "送付元: コード表の値に変換してください。独自コードは受領側と対応表を協議してください。",
        "Sender: map the value to the code table; agree local codes with the receiver.",
    ),
    "date": CodeInfo(
        "日付の誤り",
        "impossible or malformed date",
        "送付元: 存在する日付を仕様の形式で記録してください。"
        "不詳日の扱いは仕様で確認してください。",
        "Sender: write a real date in the item's format; see the spec for unknown dates.",
    ),
    "check-digit": CodeInfo(
        "チェックデジットの誤り",
        "wrong check digit",
        "送付元: 番号の転記誤りがないか確認してください。"
        "受領側: モデル化した検査（M11 など）は移行元の番号体系と合うか確認してください。",
        "Sender: check the number for a copying mistake. Receiver: check that a modelled"
        " check (M11…) fits the source's numbering.",
    ),
    "gaiji": CodeInfo(
        "外字（私用領域の文字）",
        "外字 (private-use character)",
        "送付元: 外字を標準の文字（MJ文字等）に置き換えるか、外字対応表を添えてください。",
        "Sender: replace the 外字 by a standard character (MJ…) or send a 外字 table.",
    ),
    "key-duplicate": CodeInfo(
        "主キーの重複",
        "duplicate primary key",
        "送付元: 同じキーの行が二重に出力されていないか確認し、1行にしてください。",
        "Sender: check for rows exported twice and keep one row per key.",
    ),
    "reference": CodeInfo(
        "参照先にないキー",
        "key missing in the referenced file",
        "送付元: 参照先ファイルに該当する行を含めるか、参照元の値を直してください。",
        "Sender: include the referenced row, or fix the referring value.",
    ),
    "count": CodeInfo(
        "ファイル構成・件数の不一致（件数表・マニフェスト）",
        "file set or row count differs from the manifest / 件数表",
        "受領側: 送付元に件数表と実ファイルのどちらが正しいか確認し、再送を依頼してください。",
        "Receiver: ask the sender which is right, the 件数表 or the files, and for a resend.",
    ),
    "xsd": CodeInfo(
        "XMLスキーマ違反",
        "XML schema violation",
        "送付元: XMLの要素と属性を仕様のXMLスキーマに合わせて出力し直してください。",
        "Sender: make the XML's elements and attributes those of the schema and export again.",
    ),
    "rule": CodeInfo(
        "業務ルール違反",
        "rule of the area broken",
        "送付元: 世帯主の数や連番など、業務の整合を確認してデータを直してください。",
        "Sender: check the records against the area's rule (one 世帯主, numbering…) and fix.",
    ),
    "round-trip": CodeInfo(
        "逆変換で元に戻らない行（可逆マッピング）",
        "row would not convert back exactly (lossless mapping)",
        "変換担当: マッピングの変換規則を見直すか、lossless: false にしてください。",
        "Mapping author: fix the rule, or declare the mapping lossless: false.",
    ),
    "file-missing": CodeInfo(
        "業務のファイルが入力にない",
        "a file of the area is not among the inputs",
        "受領側: 送付元に不足ファイルを依頼するか、対象外であることを確認してください。",
        "Receiver: ask the sender for the missing file, or confirm it is out of scope.",
    ),
    "charset": CodeInfo(
        "文字セット外の文字（未登録のIVSを含む）",
        "character outside the spec's character set, or an unregistered IVS",
        "送付元: 行政事務標準文字（MJ+）の文字に同定するか、外字対応表に登録してください。",
        "Sender: identify the character in MJ+ (行政事務標準文字) or add it to the 外字 table.",
    ),
    "lost-char": CodeInfo(
        "失われた文字（◆…◆、{MJ…}、&#x…; などのエスケープ表記や U+FFFD）",
        "lost character: escape text (◆…◆, {MJ…}, &#x…;) or U+FFFD",
        "送付元: 元システムで正しい文字を確認し、文字として出力し直してください。",
        "Sender: look up the real character in the old system and export it as a character.",
    ),
}


def title(code: str, lang: str) -> str:
    info = CODE_INFO.get(code)
    if info is None:
        return code
    return info.title_ja if lang == "ja" else info.title_en


def action(code: str, lang: str) -> str:
    info = CODE_INFO.get(code)
    if info is None:
        return ""
    return info.action_ja if lang == "ja" else info.action_en
