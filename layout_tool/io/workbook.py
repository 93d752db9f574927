"""Read .xlsx workbooks with calamine: Strict Open XML as well as the usual transitional form.

The official 基本データリスト and MJ文字情報一覧表 workbooks may be saved in Strict Open XML
(ISO/IEC 29500 Strict namespaces), from which openpyxl reads no sheets. python-calamine
reads both. Cells come back as the text a person sees (integers without ``.0``).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from layout_tool.errors import LayoutToolError

STRICT_NS = b"http://purl.oclc.org/ooxml/spreadsheetml/main"


def is_strict(path: Path) -> bool:
    """True when the workbook part uses the Strict namespace."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = [n for n in zf.namelist() if n.endswith("workbook.xml")]
            return bool(names) and STRICT_NS in zf.read(names[0])[:4096]
    except (zipfile.BadZipFile, OSError, KeyError):
        return False


def calamine_sheets(path: Path) -> list[tuple[str, list[list[str]]]]:
    """Every sheet as (name, rows of cell text)."""
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        out = []
        for name in book.sheet_names:
            rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            out.append((name, [[cell_text(v) for v in row] for row in rows]))
        return out
    except (
        python_calamine.CalamineError,
        python_calamine.PasswordError,
        python_calamine.XmlError,
        python_calamine.ZipError,
        OSError,
        ValueError,
    ) as exc:
        raise LayoutToolError(f"{path}: not a readable .xlsx workbook ({exc})") from None


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)
