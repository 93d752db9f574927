"""外字 mapping tables: source character or vendor code → Unicode sequence (+ MJ文字図形名).

A municipality's 外字 are identified once (同定) and then written down as a table that
every later export reuses, so the table is plain CSV that staff can edit in Excel::

    source,target,mj,note
    U+E000,U+845B U+E0100,MJ012345,葛（異体字）
    #G0123,𠮷,MJ000123,vendor code of the old system

``source`` is one character, ``U+XXXX`` code points, or a literal vendor code (any other
text). ``target`` is characters or ``U+XXXX`` code points, possibly ending in an IVS
selector (U+E0100–U+E01EF). The table is validated hard: every problem is a
``LayoutToolError`` with ``file:line`` (exit 2), because a wrong table corrupts names.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar, overload

import polars as pl

from layout_tool.errors import LayoutToolError
from layout_tool.gaiji.inventory import codepoints, longest_first
from layout_tool.io.encoding import BOM, decode_reporting, detect
from layout_tool.safety.limits import exceeded, limit

# Column names as written in the table, with the Japanese headings staff may use.
COLUMNS: dict[str, str] = {
    "source": "source",
    "外字": "source",
    "変換元": "source",
    "target": "target",
    "変換先": "target",
    "mj": "mj",
    "mj文字図形名": "mj",
    "note": "note",
    "備考": "note",
}
_CODEPOINTS = re.compile(r"^(?:U\+[0-9A-Fa-f]{4,6})(?:[\s,]+U\+[0-9A-Fa-f]{4,6})*$")
_MJ = re.compile(r"^MJ[0-9]{6}$")
_PUA = re.compile("[\ue000-\uf8ff\U000f0000-\U0010fffd]")
_SELECTOR = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class MapEntry:
    """One row of the table."""

    source: str
    target: str
    mj: str | None
    note: str | None
    line: int

    def to_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "target": self.target,
            "target_codepoints": codepoints(self.target),
            "mj": self.mj,
            "note": self.note,
            "line": self.line,
        }


@dataclass(frozen=True)
class MapTable:
    """A validated mapping table; ``sources`` are unique."""

    path: str
    entries: tuple[MapEntry, ...]

    @property
    def sources(self) -> list[str]:
        return [e.source for e in self.entries]

    def lookup(self, source: str) -> MapEntry | None:
        for e in self.entries:
            if e.source == source:
                return e
        return None

    def as_dict(self) -> dict[str, str]:
        return {e.source: e.target for e in self.entries}

    def inverted(self) -> MapTable:
        """Target → source, for writing standard data back into a vendor's 外字
        (``convert --reverse``); two sources with one target cannot be told apart."""
        first: dict[str, MapEntry] = {}
        for e in self.entries:
            if e.target in first:
                raise LayoutToolError(
                    f"target {codepoints(e.target)} is also the target of line"
                    f" {first[e.target].line}: --reverse cannot tell which source to write",
                    path=self.path,
                    line=e.line,
                )
            first[e.target] = e
        swapped = (MapEntry(e.target, e.source, e.mj, e.note, e.line) for e in self.entries)
        return MapTable(self.path, tuple(swapped))


def parse_sequence(text: str) -> str:
    """``U+845B U+E0100`` → the characters; anything else is taken literally."""
    if _CODEPOINTS.match(text):
        out = []
        for token in re.findall(r"U\+([0-9A-Fa-f]{4,6})", text):
            value = int(token, 16)
            if value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
                raise ValueError(f"U+{token.upper()} is not a Unicode scalar value")
            out.append(chr(value))
        return "".join(out)
    return text


def load_map(path: Path, standard: frozenset[str] = frozenset()) -> MapTable:
    """Read and validate a mapping table (UTF-8, UTF-8 with BOM, or CP932)."""
    label = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LayoutToolError(f"cannot read the mapping table: {exc.strerror}", path=label) from exc
    most = limit("MAX_MAP_ROWS") * 4 * limit("MAX_MAP_VALUE_CHARS")
    if len(data) > most:  # a table of this many rows cannot be this large
        raise exceeded(f"{label}: the mapping table's size in bytes", "MAX_MAP_ROWS", len(data))
    encoding = detect(data[: 1 << 20]).encoding
    text, bad = decode_reporting(data.removeprefix(BOM), encoding)
    if bad:
        line = text[: text.find("\ufffd")].count("\n") + 1
        raise LayoutToolError(f"bytes that do not decode as {encoding}", path=label, line=line)
    return parse_map(text, label, standard)


def parse_map(
    text: str, label: str = "<table>", standard: frozenset[str] = frozenset()
) -> MapTable:
    """Validate the table text; errors name ``label:line``.

    ``standard``: private-use characters that are standard characters (the GJ characters
    of a charset), allowed in targets.
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    entries: list[MapEntry] = []
    seen: dict[str, int] = {}
    try:
        for record in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if header is None:
                header = _header(record, label, line)
                continue
            if len(entries) >= limit("MAX_MAP_ROWS"):
                raise exceeded(f"{label}: the mapping table's rows", "MAX_MAP_ROWS")
            entry = _entry(record, header, label, line, standard)
            if entry.source in seen:
                raise LayoutToolError(
                    f"source {entry.source!r} appears again (first at line {seen[entry.source]})",
                    path=label,
                    line=line,
                )
            seen[entry.source] = line
            entries.append(entry)
    except csv.Error as exc:
        raise LayoutToolError(f"broken CSV: {exc}", path=label, line=reader.line_num) from exc
    if header is None:
        raise LayoutToolError(
            "the mapping table is empty (expected a header: source,target)", path=label, line=1
        )
    return MapTable(label, tuple(entries))


def _header(record: list[str], label: str, line: int) -> list[str]:
    names = []
    for cell in record:
        key = COLUMNS.get(cell.strip().strip("\ufeff").lower())
        if key is None:
            known = "source, target, mj, note"
            raise LayoutToolError(
                f"unknown column {cell.strip()!r} (columns: {known})", path=label, line=line
            )
        if key in names:
            raise LayoutToolError(f"column {key!r} appears twice", path=label, line=line)
        names.append(key)
    for needed in ("source", "target"):
        if needed not in names:
            raise LayoutToolError(f"the header has no {needed!r} column", path=label, line=line)
    return names


def _entry(
    record: list[str], header: list[str], label: str, line: int, standard: frozenset[str]
) -> MapEntry:
    if len(record) > len(header):
        raise LayoutToolError(
            f"{len(record)} fields, the header has {len(header)}", path=label, line=line
        )
    cells = {name: (record[i] if i < len(record) else "") for i, name in enumerate(header)}

    def fail(message: str) -> LayoutToolError:
        return LayoutToolError(message, path=label, line=line)

    raw_source = cells["source"].strip(" \t")
    raw_target = cells["target"].strip(" \t")
    if not raw_source:
        raise fail("empty source")
    if not raw_target:
        raise fail(f"source {raw_source!r} has no target")
    try:
        source = parse_sequence(raw_source)
        target = parse_sequence(raw_target)
    except ValueError as exc:
        raise fail(str(exc)) from exc
    longest = limit("MAX_MAP_VALUE_CHARS")
    if len(source) > longest or len(target) > longest:
        raise fail(
            f"a source or target longer than {longest} characters"
            " (limit LAYOUT_TOOL_MAX_MAP_VALUE_CHARS)"
        )
    plain = plain_source_problem(source)
    if plain is not None:
        raise fail(plain)
    if _CONTROL.search(source) or _CONTROL.search(target):
        raise fail("control characters are not allowed in source or target")
    if any(_PUA.match(c) and c not in standard for c in target):
        raise fail(f"target {raw_target!r} holds a private-use character (a 外字 again)")
    if _SELECTOR.match(target):
        raise fail(f"target {raw_target!r} starts with a variation selector")
    for m in _SELECTOR.finditer(target):
        if m.start() > 0 and _SELECTOR.match(target[m.start() - 1]):
            raise fail(f"target {raw_target!r} has two variation selectors in a row")
    if source == target:
        raise fail(f"source {raw_source!r} maps to itself")
    mj = cells.get("mj", "").strip() or None
    if mj is not None and not _MJ.match(mj):
        raise fail(f"mj {mj!r} is not an MJ文字図形名 (MJ followed by six digits)")
    note = cells.get("note", "").strip() or None
    return MapEntry(source, target, mj, note, line)


Frame = TypeVar("Frame", pl.DataFrame, pl.LazyFrame)


@overload
def apply_map(target: pl.Expr, table: MapTable, columns: None = None) -> pl.Expr: ...


@overload
def apply_map(target: Frame, table: MapTable, columns: Sequence[str] | None = None) -> Frame: ...


def apply_map(
    target: pl.Expr | pl.DataFrame | pl.LazyFrame,
    table: MapTable,
    columns: Sequence[str] | None = None,
) -> pl.Expr | pl.DataFrame | pl.LazyFrame:
    """Replace every source of ``table`` by its target, in one vectorised pass.

    ``target`` is a string expression (returns an expression) or a frame (returns the
    frame with ``columns`` replaced; default: every String column). Matching is leftmost,
    longest source first, and never chains: a target is not mapped again. Nulls stay null.
    For the convert pipeline, apply it to the items that may hold 外字 before the type
    checks, then count what remains with ``layout_tool.checks.items.gaiji_present``.
    """
    if isinstance(target, pl.Expr):
        return _replace(target, table)
    if not table.entries:
        return target
    if columns is None:
        names = [n for n, t in target.collect_schema().items() if t == pl.String]
    else:
        names = list(columns)
    return target.with_columns(_replace(pl.col(n), table).alias(n) for n in names)


def _replace(value: pl.Expr, table: MapTable) -> pl.Expr:
    if not table.entries:
        return value
    mapping = table.as_dict()
    sources = longest_first(list(mapping))
    return value.str.replace_many(sources, [mapping[s] for s in sources], leftmost=True)


def count_hits(value: pl.Expr, table: MapTable) -> pl.Expr:
    """How many sources of ``table`` ``apply_map`` replaces in each value (0 for null)."""
    if not table.entries:
        return pl.lit(0, pl.UInt32)
    # The same matcher as ``apply_map`` (Aho-Corasick: no regex, so no regex size limit):
    # every source becomes a NUL, and the NULs added are the hits.
    sources = longest_first(table.sources)
    marked = value.str.replace_many(sources, ["\x00"] * len(sources), leftmost=True)
    added = marked.str.count_matches("\x00", literal=True) - value.str.count_matches(
        "\x00", literal=True
    )
    return added.fill_null(0)


ALLOW_PLAIN = "LAYOUT_TOOL_GAIJI_ALLOW_PLAIN_SOURCES"
_PLAIN = re.compile(r"^[0-9A-Za-z ]+$")


def plain_source_problem(source: str) -> str | None:
    """Why a source would rewrite ordinary data (digits, keys, 個人番号), unless allowed.

    A source of ASCII letters and digits only, or any ASCII source under three characters
    (``9``, ``-``), matches inside numbers, dates and keys in every column. Vendor codes
    carry a sigil (``#G0123``) and pass; ``LAYOUT_TOOL_GAIJI_ALLOW_PLAIN_SOURCES=1`` allows
    the rest, for a table that really means it.
    """
    if not source.isascii() or os.environ.get(ALLOW_PLAIN) == "1":
        return None
    if _PLAIN.match(source) or len(source) < 3:
        return (
            f"source {source!r} is plain ASCII: it would rewrite digits, dates and keys in"
            f" every column; give vendor codes a sigil (#G0123), or set {ALLOW_PLAIN}=1"
        )
    return None
