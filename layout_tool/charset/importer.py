"""``layout-tool charset import``: build a charset folder from the tables the user downloads.

The published tables are share-alike (MJ文字情報一覧表: CC BY-SA 2.1 JP; MJ縮退マップ:
CC BY-SA) so they are not bundled: the user downloads them and this turns them into the
documented format (docs/gaiji.md). Columns are found by their headings, not positions:

- MJ文字情報一覧表 (.xlsx, Strict or transitional, or a CSV export): MJ文字図形名 and the
  character — 実装したMoji_JohoコレクションIVS where present (``845B_E0102``), else
  実装したUCS, else 対応するUCS;
- a GJ table (.csv or .xlsx): GJ number, code point (U+100000–U+10FFFD), 代替 (optional);
- the IVD (IVD_Sequences.txt): ``845B E0100; Adobe-Japan1; CID+7652`` lines, optionally
  only some collections.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from layout_tool.charset.loader import FILE, GJ_NAME, MJ_NAME, load_charset
from layout_tool.charset.model import Charset, codepoints, parse_codepoints
from layout_tool.errors import LayoutToolError
from layout_tool.io.atomic import write_text_atomic
from layout_tool.io.workbook import calamine_sheets
from layout_tool.spec.import_read import Table, find_header, read_tables

MJ_FIELDS: dict[str, tuple[str, ...]] = {
    "mj": ("MJ文字図形名", "mj", "MJ番号"),
    "ivs": ("実装したMoji_JohoコレクションIVS", "Moji_JohoコレクションIVS", "実装したIVS"),
    "ucs": ("実装したUCS", "ucs"),
    "ucs2": ("対応するUCS", "対応UCS"),
}
GJ_FIELDS: dict[str, tuple[str, ...]] = {
    "gj": ("gj", "GJ番号", "GJ文字図形名", "GJ文字番号", "文字図形名", "番号", "id"),
    "ucs": ("ucs", "UCS", "コードポイント", "符号位置", "codepoint", "code point", "unicode"),
    "fallback": ("fallback", "代替", "代替文字", "代替字", "代替UCS"),
}


@dataclass
class Imported:
    """What was read: counts and rows skipped with the reason, for the user to check."""

    charset: Charset | None = None
    counts: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)


def import_charset(
    out: Path,
    *,
    charset_id: str,
    name: str,
    version: str,
    source: str,
    mj: Path | None = None,
    gj: Path | None = None,
    ivd: Path | None = None,
    collections: Sequence[str] = (),
    base: str = "mjplus",
    vendor: Sequence[str] = ("U+E000-U+F8FF",),
    closed: bool = False,
) -> Imported:
    """Write ``out/charset.yaml`` and its tables; returns what was read."""
    if mj is None and gj is None and ivd is None:
        raise LayoutToolError("give at least one table: --mj, --gj or --ivd")
    done = Imported()
    out.mkdir(parents=True, exist_ok=True)
    tables: dict[str, str] = {}
    if mj is not None:
        rows = _mj_rows(mj, done)
        _write_csv(out / "mj.csv", ["mj", "ucs"], rows)
        tables["mj"], done.counts["mj"] = "mj.csv", len(rows)
    if gj is not None:
        rows = _gj_rows(gj, done)
        _write_csv(out / "gj.csv", ["gj", "ucs", "fallback"], rows)
        tables["gj"], done.counts["gj"] = "gj.csv", len(rows)
    if ivd is not None:
        lines = _ivd_lines(ivd, collections)
        header = f"# Registered IVS sequences from {ivd.name}"
        write_text_atomic(out / "ivs.txt", "\n".join([header, *lines]) + "\n", encoding="utf-8")
        tables["ivs"], done.counts["ivs"] = "ivs.txt", len(lines)
    yaml = [
        "# Built by `layout-tool charset import` from the tables named in `source`.",
        f"charset: {charset_id}",
        f"name: {_quote(name)}",
        f"version: {_quote(version)}",
        f"source: {_quote(source)}",
        f"base: {base}",
        f"closed: {'true' if closed else 'false'}",
        "vendor: [" + ", ".join(_quote(v) for v in vendor) + "]",
        "tables:",
        *[f"  {kind}: {file}" for kind, file in tables.items()],
        "imported:",
        *[
            f"  {kind}: {_quote(str(p.name))}"
            for kind, p in (("mj", mj), ("gj", gj), ("ivd", ivd))
            if p
        ],
    ]
    write_text_atomic(out / FILE, "\n".join(yaml) + "\n", encoding="utf-8")
    done.charset = load_charset(out)  # what was written reads back, or the import fails
    return done


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _table(
    path: Path, fields: dict[str, tuple[str, ...]], required: tuple[str, ...]
) -> tuple[Table, dict[str, int]]:
    for table in _read(path):
        header = find_header(table, fields, required)
        if header is not None:
            cols = {k: v[0] for k, v in header.columns.items()}
            return Table(table.source, table.sheet, table.rows[header.row + 1 :]), cols
    wanted = " / ".join(fields[r][0] for r in required)
    raise LayoutToolError(f"{path}: no sheet with the columns {wanted}")


def _read(path: Path) -> list[Table]:
    """Workbooks through calamine (the MJ list has ~60,000 rows; no number formats matter
    here), CSV through the importer's reader."""
    if path.suffix.lower() in {".xlsx", ".xlsm"} and path.is_file():
        return [Table(path.name, name, rows) for name, rows in calamine_sheets(path)]
    return read_tables(path)


def _cell(row: list[str], col: int | None) -> str:
    return row[col].strip() if col is not None and col < len(row) else ""


def _mj_rows(path: Path, done: Imported) -> list[list[str]]:
    table, cols = _table(path, MJ_FIELDS, ("mj",))
    if not {"ivs", "ucs", "ucs2"} & set(cols):
        raise LayoutToolError(f"{path}: no column with the character (実装したUCS / 対応するUCS)")
    out = []
    for index, row in enumerate(table.rows):
        mj = _cell(row, cols["mj"])
        if not mj:
            continue
        raw = next((v for k in ("ivs", "ucs", "ucs2") if (v := _cell(row, cols.get(k)))), "")
        char = parse_codepoints(raw)
        if not MJ_NAME.match(mj) or not raw or (char == raw and len(raw) > 2):
            done.skipped.append(f"{path.name} {table.where(index)}: {mj!r} {raw!r} not read")
            continue
        out.append([mj, codepoints(char)])
    return out


def _gj_rows(path: Path, done: Imported) -> list[list[str]]:
    table, cols = _table(path, GJ_FIELDS, ("gj", "ucs"))
    out = []
    for index, row in enumerate(table.rows):
        number, raw = _cell(row, cols["gj"]), _cell(row, cols["ucs"])
        if not number and not raw:
            continue
        number = number if number.upper().startswith("GJ") else f"GJ{number.zfill(6)}"
        char = parse_codepoints(raw)
        if not GJ_NAME.match(number) or len(char) != 1 or not 0x100000 <= ord(char) <= 0x10FFFD:
            done.skipped.append(f"{path.name} {table.where(index)}: {number!r} {raw!r} not read")
            continue
        fallback = parse_codepoints(_cell(row, cols.get("fallback")))
        out.append([number, codepoints(char), codepoints(fallback) if fallback else ""])
    return out


def _ivd_lines(path: Path, collections: Sequence[str]) -> list[str]:
    lines = []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise LayoutToolError(f"{path}: not a readable UTF-8 IVD file ({exc})") from None
    for line in text.splitlines():
        body = line.split("#", 1)[0].strip()
        if not body:
            continue
        parts = [p.strip() for p in body.split(";")]
        if collections and (len(parts) < 2 or parts[1] not in collections):
            continue
        lines.append(body)
    return lines


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    import csv
    import io

    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    write_text_atomic(path, buf.getvalue(), encoding="utf-8")
