"""Workbooks from outside (``spec import``) are opened only when they are small, plain and
free of DTDs: size, unpacked size, DTD/entity declarations are checked on the zip itself
before openpyxl parses anything, and rows and cells are capped while reading."""

from __future__ import annotations

import zipfile
from pathlib import Path

from layout_tool.errors import LayoutToolError
from layout_tool.safety.limits import exceeded, limit

_PROLOG_BYTES = 64 << 10  # a DTD must come before the root element: near the start


def check_workbook(path: Path) -> None:
    """Refuse a workbook over the size limits or with a DTD in any XML part."""
    size = path.stat().st_size
    if size > limit("MAX_WORKBOOK_BYTES"):
        raise exceeded(f"{path}: the workbook's size in bytes", "MAX_WORKBOOK_BYTES", size)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            unpacked = sum(m.file_size for m in members)
            if unpacked > limit("MAX_WORKBOOK_UNPACKED_BYTES"):
                raise exceeded(
                    f"{path}: the workbook's unpacked size in bytes",
                    "MAX_WORKBOOK_UNPACKED_BYTES",
                    unpacked,
                )
            for member in members:
                if member.filename.lower().endswith((".xml", ".rels", ".vml")):
                    with archive.open(member) as fh:
                        head = fh.read(_PROLOG_BYTES)
                    if _declares_dtd(head):
                        raise LayoutToolError(
                            f"{path}: part {member.filename} declares a DTD (entities);"
                            " a workbook from Excel never does, so it is refused"
                        )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise LayoutToolError(f"{path}: not a readable .xlsx workbook ({exc})") from None
    except RuntimeError as exc:  # an encrypted member
        raise LayoutToolError(f"{path}: not a readable .xlsx workbook ({exc})") from None


def _declares_dtd(head: bytes) -> bool:
    for encoding in ("utf-8", "utf-16"):
        try:
            text = head.decode(encoding, errors="ignore")
        except LookupError:  # pragma: no cover - both codecs exist
            continue
        if "<!doctype" in text.lower() or "<!entity" in text.lower():
            return True
        if not head.startswith((b"\xff\xfe", b"\xfe\xff")):
            break
    return False


def check_cell(path: Path, sheet: str, row: int, text: str) -> None:
    if len(text) > limit("MAX_CELL_CHARS"):
        raise exceeded(
            f"{path}: sheet {sheet} row {row}: a cell's characters", "MAX_CELL_CHARS", len(text)
        )


def check_rows(path: Path, sheet: str, rows: int) -> None:
    if rows > limit("MAX_SHEET_ROWS"):
        raise exceeded(f"{path}: sheet {sheet}: rows", "MAX_SHEET_ROWS", rows)
