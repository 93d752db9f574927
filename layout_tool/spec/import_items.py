"""One row of a データ項目一覧表 → one Item, with a warning for every guess.

Kept apart from the sheet handling so the rules for types, 桁数, flags and code tables can
be read (and tested) in one place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from layout_tool.spec.import_read import Header, Table
from layout_tool.spec.import_words import (
    ITEM_FIELDS,
    flag,
    normalise,
    parse_length,
    type_of,
)
from layout_tool.spec.itemtypes import ITEM_TYPE_DEFS
from layout_tool.spec.model import DATE_TYPES, CodeTable, Item, ItemType

# 桁数 a date-like item has when the table leaves it empty (the spec needs one): the
# standard's 桁数 of the types that have one.
DEFAULT_LENGTHS: dict[str, int] = {
    n: d.fixed_length for n, d in ITEM_TYPE_DEFS.items() if d.fixed_length is not None
}
_CODE_SUFFIXES = ("コード", "ｺｰﾄﾞ", "cd", "CD")
_NAME_HEADINGS = frozenset(normalise(w) for w in ITEM_FIELDS["name"])


@dataclass
class ItemContext:
    """What every row needs: the code tables known, the user's type words, the findings."""

    local: Mapping[str, CodeTable]
    shared: Mapping[str, CodeTable]
    type_words: Mapping[str, ItemType]
    warnings: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def table(self, name: str) -> CodeTable | None:
        return self.local.get(name) or self.shared.get(name)


@dataclass(frozen=True)
class _Row:
    table: Table
    header: Header
    index: int

    def get(self, name: str) -> str:
        cols = self.header.columns.get(name, [])
        if name == "note":
            parts = [self.table.cell(self.index, c).strip() for c in cols]
            return " / ".join(p for p in parts if p)
        return self.table.cell(self.index, cols[0]).strip() if cols else ""

    @property
    def where(self) -> str:
        return self.table.where(self.index)


def build_items(
    file_name: str, rows: list[tuple[Table, Header, int]], ctx: ItemContext
) -> tuple[list[Item], list[str]]:
    """The file's items in table order (numbered 1..n) and its key items."""
    items: list[Item] = []
    key: list[str] = []
    seen: dict[str, str] = {}
    for table, header, index in rows:
        row = _Row(table, header, index)
        name = re.sub(r"\s*[\r\n]+\s*", "", row.get("name")).strip()
        if not name or normalise(name) in _NAME_HEADINGS:
            continue
        if not (row.get("type") or row.get("length") or row.get("code")):
            ctx.warnings.append(
                f"{row.where} ({name}): no データ型, 桁数 or コード; skipped (a heading row?)"
            )
            continue
        if name in seen:
            ctx.problems.append(
                f"{row.where}: item {name!r} appears twice in file {file_name}"
                f" (first at {seen[name]})"
            )
            continue
        seen[name] = row.where
        item = _item(len(items) + 1, name, row, ctx)
        if item is None:
            continue
        items.append(item)
        if _yes(row, "key", name, ctx):
            key.append(name)
    return items, key


def _item(no: int, name: str, row: _Row, ctx: ItemContext) -> Item | None:
    where = f"{row.where} ({name})"
    word = row.get("type")
    item_type, known = type_of(word, ctx.type_words)
    if not word:
        ctx.warnings.append(f"{where}: データ型 is empty; written as text")
    elif not known:
        ctx.warnings.append(f"{where}: データ型 {word!r} not recognised; written as text")
    code, item_type, note = _code(name, row, item_type, ctx)
    length, scale = _length(where, row, item_type, code, ctx)
    if length is None:
        return None
    description = " / ".join(p for p in (row.get("note"), note) if p) or None
    return Item(
        no=no,
        name=name,
        type=item_type,
        length=length,
        required=_yes(row, "required", name, ctx),
        gaiji=_yes(row, "gaiji", name, ctx),
        code=code,
        scale=scale,
        repeat=_repeat(row, name, ctx),
        description=description,
    )


def _code(
    name: str, row: _Row, item_type: ItemType, ctx: ItemContext
) -> tuple[str | None, ItemType, str | None]:
    """The code table an item names (its コード column, or its own name), and its type.

    A コード column makes the item a ``code`` item. A table that is neither in the
    workbook nor among the bundled shared tables cannot be checked: the item keeps the
    type its データ型 says (``text`` for コード) and the description says which table.
    """
    cell = row.get("code")
    mark = flag(cell) if cell else False
    if cell and mark is False:
        cell = ""
    if not cell and item_type != "code":
        return None, item_type, None
    wanted = name if (not cell or mark) else cell
    for candidate in _candidates(wanted, name):
        if ctx.table(candidate) is not None:
            return candidate, "code", None
    fallback: ItemType = "text" if item_type == "code" else item_type
    ctx.warnings.append(
        f"{row.where} ({name}): code table {wanted!r} is not in the workbook or the bundled"
        f" shared tables; written as {fallback} without a code check (add its コード一覧"
        " sheet, or --codes FILE)"
    )
    return None, fallback, f"コード: {wanted}（コード表未取込）"


def _candidates(wanted: str, name: str) -> list[str]:
    out: list[str] = []
    for base in (wanted, name):
        out.append(base)
        for suffix in _CODE_SUFFIXES:
            if base.endswith(suffix) and len(base) > len(suffix):
                out.append(base[: -len(suffix)])
    return out


def _length(
    where: str, row: _Row, item_type: ItemType, code: str | None, ctx: ItemContext
) -> tuple[int | None, int | None]:
    text = row.get("length")
    parsed = parse_length(text) if text else None
    if text and parsed is None:
        ctx.problems.append(f"{where}: 桁数 {text!r} is not a number (e.g. 10, or 12,2)")
        return None, None
    length, scale = parsed if parsed else (None, None)
    scale_text = row.get("scale")
    if scale_text:
        if not scale_text.isdigit():
            ctx.problems.append(f"{where}: 小数桁数 {scale_text!r} is not a number")
            return None, None
        scale = int(scale_text)
    if scale is not None and item_type != "number":
        if scale:
            ctx.warnings.append(f"{where}: decimals in 桁数 ignored for type {item_type}")
        scale = None
    if length is None:
        length = _default_length(item_type, code, ctx)
        if length is None:
            ctx.problems.append(f"{where}: 桁数 is empty (needed for type {item_type})")
            return None, None
    if length < 1:
        ctx.problems.append(f"{where}: 桁数 must be at least 1, not {length}")
        return None, None
    if item_type in DATE_TYPES and length != DEFAULT_LENGTHS[item_type]:
        ctx.warnings.append(
            f"{where}: {item_type} with 桁数 {length}; the checks expect"
            f" {DEFAULT_LENGTHS[item_type]} characters (edit `format` for other shapes)"
        )
    return length, scale


def _default_length(item_type: ItemType, code: str | None, ctx: ItemContext) -> int | None:
    if item_type in DEFAULT_LENGTHS:
        return DEFAULT_LENGTHS[item_type]
    table = ctx.table(code) if code else None
    if table is not None and table.values:
        return max(len(v) for v in table.values)
    return None


def _yes(row: _Row, column: str, name: str, ctx: ItemContext) -> bool:
    text = row.get(column)
    if not text:
        return False
    value = flag(text)
    if value is None:
        heading = ITEM_FIELDS[column][0]
        ctx.warnings.append(f"{row.where} ({name}): {heading} {text!r} not understood; read as no")
        return False
    return value


def _repeat(row: _Row, name: str, ctx: ItemContext) -> bool:
    """繰返し holds a mark or a count: a count of 2 or more means the item repeats."""
    text = normalise(row.get("repeat"))
    if text.isdigit():
        return int(text) > 1
    return _yes(row, "repeat", name, ctx)
