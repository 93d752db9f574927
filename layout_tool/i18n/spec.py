"""Texts of ``spec list`` and ``spec show``, ja and en."""

from __future__ import annotations

SPEC_TEMPLATES: dict[str, tuple[str, str]] = {
    "speccol.no": ("番号", "no"),
    "speccol.id": ("ID", "id"),
    "speccol.area": ("業務", "業務"),
    "speccol.version": ("版", "version"),
    "speccol.provenance": ("出典", "provenance"),
    "speccol.files": ("ファイル数", "files"),
    "speccol.items": ("項目数", "items"),
    "speccol.status": ("状態", "status"),
    "speccol.name": ("データ項目名称", "データ項目名称"),
    "speccol.type": ("型", "型"),
    "speccol.length": ("桁数", "桁数"),
    "speccol.code": ("コード", "コード"),
    "spec.no-detail-files": ("（詳細なファイル定義なし）", "(no detailed files)"),
    "spec.footer": (
        "{areas}業務、うち詳細な仕様のあるもの {detailed}",
        "{areas} areas, {detailed} with detailed specs",
    ),
    "spec.other-families": (
        "ほかの系統: {families}（spec list --family NAME）",
        "other families: {families} (spec list --family NAME)",
    ),
    "spec.title": (
        "{name}（{id}、業務 {number}）— {standard} v{version}",
        "{name} ({id}, 業務 {number}) — {standard} v{version}",
    ),
    "spec.provenance": ("出典: {provenance}", "provenance: {provenance}"),
    "spec.edition": ("版: {edition}", "edition: {edition}"),
    "spec.charset": ("文字セット: {charset}", "charset: {charset}"),
    "spec.length-count": ("桁数の数え方: {count}", "桁数 counted as: {count}"),
    "spec.file": (
        "[{id}] {name}  ファイル名: {filename}  キー: {key}",
        "[{id}] {name}  file name: {filename}  key: {key}",
    ),
    "spec.references": ("参照（移行ファイル関連図）:", "references (移行ファイル関連図):"),
    "spec.code-tables": ("コード表:", "code tables:"),
}
