"""A sender's 件数表 (record-count sheet) as the expected counts of a folder.

Vendors hand over a 件数表 with the files (BRIEF §3); its headings vary like those of item
tables, so the columns are found by name and synonyms in the first rows. It names files
loosely (with or without the extension, or by the 移行ファイル name), which ``verify``
resolves when it matches entries to files.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from layout_tool.errors import LayoutToolError
from layout_tool.integrity.manifest import Expected, Manifest, load_manifest
from layout_tool.spec.import_read import best_guess_row, find_header, read_tables

COUNT_FIELDS: dict[str, tuple[str, ...]] = {
    "file": (
        "ファイル名", "ファイル", "移行ファイル", "移行ファイル名", "ファイル名称", "ファイルパス",
        "file", "filename", "path", "name",
    ),
    "count": (
        "件数", "レコード件数", "データ件数", "レコード数", "行数", "総件数", "出力件数",
        "count", "rows", "records",
    ),
}  # fmt: skip
TOTAL_WORDS = frozenset({"合計", "計", "総計", "total", "sum"})
_COUNT = re.compile(r"^(\d+)(件|行|rows?)?$")


def load_count_sheet(path: Path, encoding: str = "auto") -> Manifest:
    tables = read_tables(path, encoding)
    for table in tables:
        header = find_header(table, COUNT_FIELDS, ("file", "count"))
        if header is None:
            continue
        file_col, count_col = header.first("file"), header.first("count")
        assert file_col is not None and count_col is not None  # required by find_header
        entries: list[Expected] = []
        seen: dict[str, int] = {}
        for index in range(header.row + 1, len(table.rows)):
            name = table.cell(index, file_col).strip()
            if not name or _key(name) in TOTAL_WORDS:
                continue
            rows = _count(table.cell(index, count_col), table.where(index), path)
            if name in seen:
                raise LayoutToolError(
                    f"{table.where(index)}: {name!r} is listed twice (also row {seen[name]})",
                    path=str(path),
                )
            seen[name] = index + 1
            entries.append(Expected(path=name, rows=rows, line=index + 1))
        return Manifest(files=tuple(entries), area=None, kind="counts", source=str(path))
    found = ", ".join(best_guess_row(tables[0])) if tables else "(empty)"
    raise LayoutToolError(
        "not a 件数表: no header row with a file column (ファイル名, file …) and a count"
        f" column (件数, count …); found: {found or '(empty)'}",
        path=str(path),
    )


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


def _count(text: str, where: str, path: Path) -> int:
    clean = _key(text).replace(",", "").replace(" ", "")
    match = _COUNT.match(clean)
    if match is None:
        raise LayoutToolError(f"{where}: count {text!r} is not a whole number", path=str(path))
    return int(match.group(1))


def load_expected(path: Path, encoding: str = "auto") -> Manifest:
    """A manifest (.json) or a 件数表 (.csv / .xlsx) as the expected content of a folder."""
    if path.suffix.lower() in {".csv", ".tsv", ".txt", ".xlsx", ".xlsm"}:
        return load_count_sheet(path, encoding)
    return load_manifest(path)
