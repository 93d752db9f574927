"""The compare and rehearsal reports as titled tables: what the HTML page and the workbook
show, written once. Headings are Japanese with the English word after them."""

from __future__ import annotations

from dataclasses import dataclass, field

from layout_tool.compare.model import CompareReport
from layout_tool.compare.rehearsal import RehearsalReport
from layout_tool.compare.render import key_text

Cell = str | int | None
STATUS_JA = {"new": "新規 new", "fixed": "解消 fixed", "open": "未解消 open"}


@dataclass
class Table:
    id: str  # the HTML id and what tests look for
    sheet: str  # the workbook sheet
    title: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    numeric: frozenset[int] = frozenset()  # columns sorted as numbers
    values: frozenset[int] = frozenset()  # columns of data values (shown as they are)


@dataclass
class Shown:
    """Everything a page or workbook needs: verdict, figures, tables, notes."""

    title: str
    same: bool
    verdict: str
    lines: list[str]
    figures: list[tuple[str, str, int]]  # (id, label, value)
    tables: list[Table]
    notes: list[str]


def _nums(*cols: int) -> frozenset[int]:
    return frozenset(cols)


def shown(report: CompareReport | RehearsalReport) -> Shown:
    if isinstance(report, RehearsalReport):
        return _rehearsal(report)
    s = report.summary()
    counts = Table(
        "counts", "件数", "件数照合 counts per file",
        ["ファイル file", "旧 old", "新 new", "照合 matched", "旧のみ only old", "新のみ only new",
         "変更行 changed rows", "変更値 changed values", "キー重複 旧 dup old",
         "キー重複 新 dup new",
         "旧 path", "新 path"],
        [[f.file_id, f.rows_old, f.rows_new, f.matched, f.only_old, f.only_new, f.changed_rows,
          f.changed_values, f.duplicate_keys_old, f.duplicate_keys_new, " ".join(f.old),
          " ".join(f.new)] for f in report.files],
        _nums(1, 2, 3, 4, 5, 6, 7, 8, 9),
    )  # fmt: skip
    items = Table(
        "items", "項目別", "項目別の差異 differences per item",
        ["ファイル file", "項目 item", "変更 changed", "正規化のみ normalised", "許容 allowed"],
        [[i.file_id, i.item, i.changed, i.normalised, "許容" if i.allowed else ""]
         for i in report.items],
        _nums(2, 3),
    )  # fmt: skip
    diffs = Table(
        "differences", "差異", "差異の例 differences (first per item)",
        ["ファイル file", "種別 kind", "キー key", "項目 item", "旧 old", "新 new", "旧行 row old",
         "新行 row new"],
        [[d.file_id, "正規化のみ" if d.normalised else "変更", key_text(d.key), d.item, d.old,
          d.new, d.row_old, d.row_new] for d in report.differences],
        _nums(6, 7),
        _nums(4, 5),
    )  # fmt: skip
    for f in report.files:
        for kind, keys in (("旧のみ", f.only_old_keys), ("新のみ", f.only_new_keys)):
            diffs.rows += [
                [f.file_id, kind, key_text(k), None, None, None, None, None] for k in keys
            ]
        for dup in f.duplicate_keys:
            key = dup["key"]
            assert isinstance(key, dict)
            kind = f"キー重複（{'旧' if dup['side'] == 'old' else '新'}・{dup['rows']}行）"
            diffs.rows.append([f.file_id, kind, key_text(key), None, None, None, None, None])
    totals = Table(
        "totals", "金額", "金額照合 totals",
        ["ファイル file", "項目 item", "集計単位 by", "旧 old", "新 new", "差 diff",
         "旧 不正値 invalid old", "新 不正値 invalid new", "判定"],
        [[t.file_id, t.item, key_text(t.by) if t.by else "（全体）", *_sums(t.to_dict()),
          t.invalid_old, t.invalid_new, _judged(t.diff == 0, t.within)]
         for t in report.totals],
        _nums(3, 4, 5, 6, 7),
    )  # fmt: skip
    return Shown(
        title=f"比較レポート {report.area} — {'SAME' if report.same else 'DIFFERENT'}",
        same=report.same,
        verdict="一致 SAME" if report.same else "差異あり DIFFERENT",
        lines=[
            f"業務 {report.area} ／ 中間標準レイアウト仕様 v{report.spec_version}",
            f"旧 {s['rows_old']:,} 行、新 {s['rows_new']:,} 行、照合 {s['matched']:,} 行",
        ],
        figures=[
            ("files", "ファイル数 files", s["files"]),
            ("matched", "照合 matched", s["matched"]),
            ("only_old", "旧のみ only old", s["only_old"]),
            ("only_new", "新のみ only new", s["only_new"]),
            ("changed_values", "変更値 changed", s["changed_values"]),
            ("duplicate_keys", "キー重複 duplicates", s["duplicate_keys"]),
            ("totals_outside_tolerance", "金額不一致 totals", s["totals_outside_tolerance"]),
        ],
        tables=[counts, items, diffs, totals],
        notes=report.notes,
    )


def _judged(equal: bool, within: bool) -> str:
    return "一致" if equal else ("許容内" if within else "不一致")


def _sums(d: dict[str, object]) -> list[Cell]:
    return [str(d["old"]), str(d["new"]), str(d["diff"])]


def _rehearsal(report: RehearsalReport) -> Shown:
    s = report.summary()
    files = Table(
        "files", "ファイル", "ファイル別の行数 rows per file",
        ["ファイル file", "旧 old", "新 new", "増減 change"],
        [[str(r["file_id"]), _int(r["rows_old"]), _int(r["rows_new"]), _int(r["change"])]
         for r in report.rows],
        _nums(1, 2, 3),
    )  # fmt: skip
    by_code = Table(
        "by-code", "コード別", "コード別の指摘 findings per code",
        ["コード code", "旧 old", "新 new", "増減 change", "状態 status"],
        [[c.code, c.old, c.new, c.change, STATUS_JA[c.status]] for c in report.by_code],
        _nums(1, 2, 3),
    )  # fmt: skip
    codes = Table(
        "codes", "ファイル×コード", "ファイル・コード別の指摘 findings per file and code",
        ["ファイル file", "コード code", "旧 old", "新 new", "増減 change", "状態 status"],
        [[c.file_id, c.code, c.old, c.new, c.change, STATUS_JA[c.status]] for c in report.codes],
        _nums(2, 3, 4),
    )  # fmt: skip
    return Shown(
        title=f"リハーサル比較 {report.area}",
        same=not report.regressed,
        verdict="改善・変化なし OK" if not report.regressed else "新たな指摘あり REGRESSED",
        lines=[f"旧 {report.old}（{report.kinds[0]}）", f"新 {report.new}（{report.kinds[1]}）"],
        figures=[
            ("findings_old", "旧の指摘 old", s["findings_old"]),
            ("findings_new", "新の指摘 new", s["findings_new"]),
            ("codes_new", "新規 new", s["codes_new"]),
            ("codes_fixed", "解消 fixed", s["codes_fixed"]),
            ("codes_open", "未解消 open", s["codes_open"]),
        ],
        tables=[files, by_code, codes],
        notes=report.notes,
    )


def _int(value: object) -> int:
    return value if isinstance(value, int) else 0
