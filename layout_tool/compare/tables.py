"""The compare and rehearsal reports as titled tables: what the HTML page and the workbook
show, written once. Headings are Japanese with the English word after them."""

from __future__ import annotations

from dataclasses import dataclass, field

from layout_tool.compare.model import CompareReport
from layout_tool.compare.rehearsal import RehearsalReport
from layout_tool.compare.render import key_text
from layout_tool.i18n import t

Cell = str | int | None


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


def _table(name: str, columns: list[str], rows: list[list[Cell]], *more: frozenset[int]) -> Table:
    """A table with its sheet name, title and column headings in the language of the run."""
    headers = [t(f"cmpcol.{c}") for c in columns]
    return Table(name, t(f"cmpsheet.{name}"), t(f"cmptitle.{name}"), headers, rows, *more)


def _nums(*cols: int) -> frozenset[int]:
    return frozenset(cols)


def shown(report: CompareReport | RehearsalReport) -> Shown:
    if isinstance(report, RehearsalReport):
        return _rehearsal(report)
    summary = report.summary()
    counts = _table(
        "counts",
        ["file", "old", "new", "matched", "only-old", "only-new", "changed-rows",
         "changed-values", "dup-old", "dup-new", "path-old", "path-new"],
        [[f.file_id, f.rows_old, f.rows_new, f.matched, f.only_old, f.only_new, f.changed_rows,
          f.changed_values, f.duplicate_keys_old, f.duplicate_keys_new, " ".join(f.old),
          " ".join(f.new)] for f in report.files],
        _nums(1, 2, 3, 4, 5, 6, 7, 8, 9),
    )  # fmt: skip
    allowed = t("cmpcol.allowed")
    items = _table(
        "items",
        ["file", "item", "changed", "normalised", "allowed"],
        [[i.file_id, i.item, i.changed, i.normalised, allowed if i.allowed else ""]
         for i in report.items],
        _nums(2, 3),
    )  # fmt: skip
    diffs = _table(
        "differences",
        ["file", "kind", "key", "item", "old", "new", "row-old", "row-new"],
        [[d.file_id, t("cmp.kind-normalised" if d.normalised else "cmp.kind-changed"),
          key_text(d.key), d.item, d.old,
          d.new, d.row_old, d.row_new] for d in report.differences],
        _nums(6, 7),
        _nums(4, 5),
    )  # fmt: skip
    for f in report.files:
        for kind, keys in ((t("cmpcol.only-old"), f.only_old_keys),
                           (t("cmpcol.only-new"), f.only_new_keys)):  # fmt: skip
            diffs.rows += [
                [f.file_id, kind, key_text(k), None, None, None, None, None] for k in keys
            ]
        for dup in f.duplicate_keys:
            key = dup["key"]
            assert isinstance(key, dict)
            side = t("cmp.side-old" if dup["side"] == "old" else "cmp.side-new")
            kind = t("cmp.dup", side=side, rows=dup["rows"])
            diffs.rows.append([f.file_id, kind, key_text(key), None, None, None, None, None])
    totals = _table(
        "totals",
        ["file", "item", "by", "old", "new", "diff", "invalid-old", "invalid-new", "judged"],
        [[s.file_id, s.item, key_text(s.by) if s.by else t("cmp.whole"), *_sums(s.to_dict()),
          s.invalid_old, s.invalid_new, _judged(s.diff == 0, s.within)]
         for s in report.totals],
        _nums(3, 4, 5, 6, 7),
    )  # fmt: skip
    verdict = t("cmp.same" if report.same else "cmp.different")
    return Shown(
        title=t("cmp.html-title", area=report.area, verdict=verdict),
        same=report.same,
        verdict=verdict,
        lines=[
            t("cmp.banner", area=report.area, version=report.spec_version),
            t(
                "cmp.rows-line",
                old=summary["rows_old"],
                new=summary["rows_new"],
                matched=summary["matched"],
            ),
        ],
        figures=[
            ("files", t("cmpfig.files"), summary["files"]),
            ("matched", t("cmpfig.matched"), summary["matched"]),
            ("only_old", t("cmpfig.only-old"), summary["only_old"]),
            ("only_new", t("cmpfig.only-new"), summary["only_new"]),
            ("changed_values", t("cmpfig.changed"), summary["changed_values"]),
            ("duplicate_keys", t("cmpfig.duplicates"), summary["duplicate_keys"]),
            ("totals_outside_tolerance", t("cmpfig.totals"), summary["totals_outside_tolerance"]),
        ],
        tables=[counts, items, diffs, totals],
        notes=report.notes,
    )


def _judged(equal: bool, within: bool) -> str:
    return t("cmp.equal" if equal else ("cmp.within" if within else "cmp.unequal"))


def _sums(d: dict[str, object]) -> list[Cell]:
    return [str(d["old"]), str(d["new"]), str(d["diff"])]


def _rehearsal(report: RehearsalReport) -> Shown:
    s = report.summary()
    files = _table(
        "files",
        ["file", "old", "new", "change"],
        [[str(r["file_id"]), _int(r["rows_old"]), _int(r["rows_new"]), _int(r["change"])]
         for r in report.rows],
        _nums(1, 2, 3),
    )  # fmt: skip
    by_code = _table(
        "by-code",
        ["code", "old", "new", "change", "status"],
        [[c.code, c.old, c.new, c.change, t(f"reh.status-{c.status}")] for c in report.by_code],
        _nums(1, 2, 3),
    )  # fmt: skip
    codes = _table(
        "codes",
        ["file", "code", "old", "new", "change", "status"],
        [[c.file_id, c.code, c.old, c.new, c.change, t(f"reh.status-{c.status}")]
         for c in report.codes],
        _nums(2, 3, 4),
    )  # fmt: skip
    return Shown(
        title=t("reh.title", area=report.area),
        same=not report.regressed,
        verdict=t("reh.regressed" if report.regressed else "reh.ok"),
        lines=[
            t("reh.old-line", path=report.old, kind=report.kinds[0]),
            t("reh.new-line", path=report.new, kind=report.kinds[1]),
        ],
        figures=[
            ("findings_old", t("rehfig.findings-old"), s["findings_old"]),
            ("findings_new", t("rehfig.findings-new"), s["findings_new"]),
            ("codes_new", t("rehfig.codes-new"), s["codes_new"]),
            ("codes_fixed", t("rehfig.codes-fixed"), s["codes_fixed"]),
            ("codes_open", t("rehfig.codes-open"), s["codes_open"]),
        ],
        tables=[files, by_code, codes],
        notes=report.notes,
    )


def _int(value: object) -> int:
    return value if isinstance(value, int) else 0
