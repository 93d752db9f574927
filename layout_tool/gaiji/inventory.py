"""The 外字 inventory: which characters, how often, in which files and items, first rows.

Identifying 外字 (同定) is manual work done character by character, so staff need each
character once, with an exact count and a few rows to look it up in the source system.
Counting is vectorised per batch (``tally``); the inventory only merges small per-batch
tallies, so it costs nothing on batches without 外字.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import polars as pl

from layout_tool.io.csvsource import ROW
from layout_tool.spec.itemtypes import GAIJI

FIRST_ROWS = 5
TOKEN = "token"
ITEM = "item"
COUNT = "n"
ROWS = "rows"
_VALUE = "__value"


def codepoints(token: str) -> str:
    """``U+E000`` (or ``U+0023 U+0047 …`` for a vendor code of several characters)."""
    return " ".join(f"U+{ord(ch):04X}" for ch in token)


def longest_first(sources: Sequence[str]) -> list[str]:
    """Sources ordered so that leftmost matching takes the longest (``#G12`` before ``#G1``)."""
    return sorted(dict.fromkeys(sources), key=len, reverse=True)


def gaiji_tokens(value: pl.Expr, sources: Sequence[str] = (), pattern: str = GAIJI) -> pl.Expr:
    """The 外字 in each cell as a list: every mapping-table source found, then every
    private-use character outside those sources (each occurrence once).

    ``pattern``: what else counts as a 外字 token (``CharPolicy.inventory_pattern``: a
    charset's vendor and unknown characters, escapes and U+FFFD)."""
    pua = value.str.extract_all(pattern)
    if not sources:
        return pua
    ordered = longest_first(sources)
    found = value.str.extract_many(ordered, leftmost=True)
    rest = value.str.replace_many(ordered, [""] * len(ordered), leftmost=True)
    return found.list.concat(rest.str.extract_all(pattern))


def has_gaiji(value: pl.Expr, sources: Sequence[str] = (), pattern: str = GAIJI) -> pl.Expr:
    hit = value.str.contains(pattern)
    if sources:
        hit = hit | value.str.contains_any(list(sources))
    return hit.fill_null(False)


def empty_tally() -> pl.DataFrame:
    return pl.DataFrame(
        schema={TOKEN: pl.String, ITEM: pl.String, COUNT: pl.Int64, ROWS: pl.List(pl.Int64)}
    )


def tally(
    frame: pl.DataFrame,
    columns: Mapping[str, str],
    sources: Sequence[str] = (),
    pattern: str = GAIJI,
) -> pl.DataFrame:
    """Count 外字 per (token, item) in one batch, with the first rows of each.

    ``frame`` holds ``__row`` and string columns; ``columns`` maps each label (item name or
    header) to its column. Returns columns ``token``, ``item``, ``n`` (occurrences, not cells)
    and ``rows`` (the first distinct rows, ascending, at most ``FIRST_ROWS``).
    """
    if not columns or frame.height == 0:
        return empty_tally()
    labelled = frame.lazy().select(
        pl.col(ROW).cast(pl.Int64), *[pl.col(c).alias(label) for label, c in columns.items()]
    )
    hit_rows = labelled.filter(
        pl.any_horizontal(has_gaiji(pl.col(lb), sources, pattern) for lb in columns)
    )
    counted = (
        hit_rows.unpivot(index=ROW, variable_name=ITEM, value_name=_VALUE)
        .filter(has_gaiji(pl.col(_VALUE), sources, pattern))
        .select(ROW, ITEM, gaiji_tokens(pl.col(_VALUE), sources, pattern).alias(TOKEN))
        .explode(TOKEN)
        .drop_nulls(TOKEN)
        .group_by(TOKEN, ITEM)
        .agg(
            pl.len().cast(pl.Int64).alias(COUNT),
            pl.col(ROW).unique().sort().head(FIRST_ROWS).alias(ROWS),
        )
        .collect()
    )
    return counted.select(TOKEN, ITEM, COUNT, ROWS)


@dataclass
class Place:
    """One token in one file and item."""

    count: int = 0
    rows: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class FirstRow:
    file: str
    item: str
    row: int

    def to_dict(self) -> dict[str, object]:
        return {"file": self.file, "item": self.item, "row": self.row}


@dataclass(frozen=True)
class GaijiEntry:
    """One character (or vendor code) of the inventory, summed over files and items."""

    token: str
    count: int
    files: tuple[str, ...]
    items: tuple[str, ...]
    first_rows: tuple[FirstRow, ...]
    places: tuple[tuple[str, str, int], ...]  # (file, item, count)

    @property
    def codepoints(self) -> str:
        return codepoints(self.token)

    def to_dict(self) -> dict[str, object]:
        return {
            "character": self.token,
            "codepoints": self.codepoints,
            "count": self.count,
            "files": list(self.files),
            "items": list(self.items),
            "first_rows": [r.to_dict() for r in self.first_rows],
            "places": [{"file": f, "item": i, "count": n} for f, i, n in self.places],
        }


@dataclass
class GaijiInventory:
    """Exact counts of every 外字 per (token, file, item), merged batch by batch."""

    places: dict[tuple[str, str, str], Place] = field(default_factory=dict)

    def add(self, file: str, counts: pl.DataFrame) -> None:
        """Merge a ``tally`` of one batch of ``file`` (batches come in row order)."""
        ordered = counts.select(TOKEN, ITEM, COUNT, ROWS).sort(TOKEN, ITEM)  # same every run
        for token, item, n, rows in ordered.iter_rows():
            place = self.places.setdefault((token, file, item), Place())
            place.count += n
            room = FIRST_ROWS - len(place.rows)
            if room > 0:
                place.rows.extend(sorted(rows)[:room])

    def __bool__(self) -> bool:
        return bool(self.places)

    @property
    def total(self) -> int:
        """Occurrences of all 外字 together."""
        return sum(p.count for p in self.places.values())

    def entries(self) -> list[GaijiEntry]:
        """One entry per token, most frequent first (ties by code point)."""
        file_order: dict[str, int] = {}
        grouped: dict[str, list[tuple[str, str, Place]]] = {}
        for (token, file, item), place in self.places.items():
            file_order.setdefault(file, len(file_order))
            grouped.setdefault(token, []).append((file, item, place))
        out = []
        for token, where in grouped.items():
            firsts = sorted(
                (FirstRow(f, i, r) for f, i, p in where for r in p.rows),
                key=lambda fr: (file_order[fr.file], fr.row, fr.item),
            )
            out.append(
                GaijiEntry(
                    token=token,
                    count=sum(p.count for _, _, p in where),
                    files=tuple(dict.fromkeys(f for f, _, _ in where)),
                    items=tuple(dict.fromkeys(i for _, i, _ in where)),
                    first_rows=tuple(firsts[:FIRST_ROWS]),
                    places=tuple((f, i, p.count) for f, i, p in where),
                )
            )
        return sorted(out, key=lambda e: (-e.count, e.token))

    def to_list(self) -> list[dict[str, object]]:
        return [e.to_dict() for e in self.entries()]


def first_rows_text(entry: GaijiEntry, several_files: bool) -> str:
    """``12, 40`` or, when the inventory spans files, ``a.csv:12, b.csv:3`` (each row once)."""
    parts = []
    for r in entry.first_rows:
        name = r.file.replace("\\", "/").rsplit("/", 1)[-1]
        parts.append(f"{name}:{r.row}" if several_files else str(r.row))
    return ", ".join(dict.fromkeys(parts))  # a row with the 外字 in two items, once
