"""The compare report: counts, per-item differences, totals, and the verdict.

``CompareReport.to_dict()`` is the contract's "Compare report" shape (plus the extensions
in docs/contract-extensions.md); every renderer reads the same object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from layout_tool import __version__

Key = tuple[str, ...]


@dataclass(frozen=True)
class Options:
    """What the user allowed and asked for."""

    encoding: str = "auto"
    has_header: bool = True
    normalise: bool = False
    variants: tuple[tuple[str, str], ...] = ()  # extra character pairs (ゐ → ヰ) for --normalise
    by: str | None = None
    allow: frozenset[str] = frozenset()
    tolerance: Decimal = Decimal(0)
    show_values: bool = False
    examples: int = 20  # listed differences per item and file (counts are always exact)
    listed_keys: int = 100  # listed keys per file for only-old / only-new / duplicates
    bucket_bytes: int = 64 << 20  # input bytes per hash bucket (bounds memory)


@dataclass
class Difference:
    file_id: str
    key: dict[str, str]
    item: str
    old: str | None
    new: str | None
    row_old: int
    row_new: int
    normalised: bool = False  # only width/kana/space differs (with --normalise)

    def to_dict(self) -> dict[str, object]:
        return {
            "file_id": self.file_id,
            "key": self.key,
            "item": self.item,
            "old": self.old,
            "new": self.new,
            "row_old": self.row_old,
            "row_new": self.row_new,
            "normalised": self.normalised,
        }


@dataclass
class ItemCount:
    file_id: str
    item: str
    changed: int = 0  # rows whose value differs (beyond normalisation, with --normalise)
    normalised: int = 0  # rows that differ only by width/kana/trailing spaces
    allowed: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "file_id": self.file_id,
            "item": self.item,
            "changed": self.changed,
            "normalised": self.normalised,
            "allowed": self.allowed,
        }


@dataclass
class Total:
    file_id: str
    item: str
    by: dict[str, str] | None
    old: Decimal = Decimal(0)
    new: Decimal = Decimal(0)
    scale: int = 0
    invalid_old: int = 0  # non-empty values that are not numbers (left out of the sum)
    invalid_new: int = 0
    within: bool = True

    @property
    def diff(self) -> Decimal:
        return self.new - self.old

    def to_dict(self) -> dict[str, object]:
        return {
            "file_id": self.file_id,
            "item": self.item,
            "by": self.by,
            "old": decimal_text(self.old, self.scale),
            "new": decimal_text(self.new, self.scale),
            "diff": decimal_text(self.diff, self.scale),
            "invalid_old": self.invalid_old,
            "invalid_new": self.invalid_new,
            "within_tolerance": self.within,
        }


def decimal_text(value: Decimal, scale: int) -> str:
    """Exact: at the item's scale when that holds the value, else every digit it has."""
    quantum = Decimal(1).scaleb(-scale)
    fixed = value.quantize(quantum)
    if fixed == value:
        return format(fixed, "f")
    return format(value.normalize(), "f")


@dataclass
class FileCompare:
    file_id: str
    old: list[str] = field(default_factory=list)  # the paths read on each side
    new: list[str] = field(default_factory=list)
    rows_old: int = 0
    rows_new: int = 0
    matched: int = 0
    only_old: int = 0
    only_new: int = 0
    changed_rows: int = 0
    changed_values: int = 0
    normalised_values: int = 0
    duplicate_keys_old: int = 0  # distinct keys that occur more than once
    duplicate_keys_new: int = 0
    duplicate_rows_old: int = 0  # rows carrying such a key (not matched)
    duplicate_rows_new: int = 0
    only_old_keys: list[dict[str, str]] = field(default_factory=list)
    only_new_keys: list[dict[str, str]] = field(default_factory=list)
    duplicate_keys: list[dict[str, object]] = field(default_factory=list)
    items_compared: list[str] = field(default_factory=list)
    items_not_compared: list[str] = field(default_factory=list)
    reader_findings: int = 0  # rows the readers could not take (row-shape, encoding)

    @property
    def duplicates(self) -> int:
        return self.duplicate_keys_old + self.duplicate_keys_new

    def to_dict(self) -> dict[str, object]:
        return {
            "file_id": self.file_id,
            "old": " ".join(self.old) or None,
            "new": " ".join(self.new) or None,
            "rows_old": self.rows_old,
            "rows_new": self.rows_new,
            "matched": self.matched,
            "only_old": self.only_old,
            "only_new": self.only_new,
            "changed_rows": self.changed_rows,
            "changed_values": self.changed_values,
            "normalised_values": self.normalised_values,
            "duplicate_keys_old": self.duplicate_keys_old,
            "duplicate_keys_new": self.duplicate_keys_new,
            "duplicate_rows_old": self.duplicate_rows_old,
            "duplicate_rows_new": self.duplicate_rows_new,
            "only_old_keys": self.only_old_keys,
            "only_new_keys": self.only_new_keys,
            "duplicate_key_list": self.duplicate_keys,
            "items_not_compared": self.items_not_compared,
            "reader_findings": self.reader_findings,
        }


@dataclass
class CompareReport:
    area: str
    spec_version: str
    standard: str
    options: Options = field(default_factory=Options)
    files: list[FileCompare] = field(default_factory=list)
    items: list[ItemCount] = field(default_factory=list)
    totals: list[Total] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    mapping: dict[str, object] | None = None  # which side was converted, and with what
    # errors the readers found (a row that is no record, bytes that do not decode, an XML
    # record that breaks the schema): what they hold was not compared as it is
    unread: int = 0

    def changed_values(self, allowed: bool | None = None) -> int:
        return sum(i.changed for i in self.items if allowed is None or i.allowed == allowed)

    @property
    def same(self) -> bool:
        """The sides agree: same rows by key, no unallowed change, totals within tolerance,
        every record of both sides read (and, with --mapping, no row of the vendor's side
        rejected by the conversion)."""
        if self.mapping is not None and self.mapping.get("rows_rejected"):
            return False
        if self.unread:  # not all of either side could be read: not known to agree
            return False
        for f in self.files:
            if f.only_old or f.only_new or f.duplicates or f.rows_old != f.rows_new:
                return False
        if self.changed_values(allowed=False):
            return False
        return all(t.within for t in self.totals)

    def summary(self) -> dict[str, int]:
        return {
            "files": len(self.files),
            "rows_old": sum(f.rows_old for f in self.files),
            "rows_new": sum(f.rows_new for f in self.files),
            "matched": sum(f.matched for f in self.files),
            "only_old": sum(f.only_old for f in self.files),
            "only_new": sum(f.only_new for f in self.files),
            "changed_rows": sum(f.changed_rows for f in self.files),
            "changed_values": sum(f.changed_values for f in self.files),
            "duplicate_keys": sum(f.duplicates for f in self.files),
            "normalised_values": sum(f.normalised_values for f in self.files),
            "allowed_values": self.changed_values(allowed=True),
            "totals_outside_tolerance": sum(1 for t in self.totals if not t.within),
            "reader_errors": self.unread,
        }

    def to_dict(self) -> dict[str, object]:
        o = self.options
        return {
            "tool": "layout-tool",
            "version": __version__,
            "command": "compare",
            "spec": {"standard": self.standard, "version": self.spec_version, "area": self.area},
            "same": self.same,
            "options": {
                "normalise": o.normalise,
                "by": o.by,
                "allow": sorted(o.allow),
                "tolerance": str(o.tolerance),
                "examples": o.examples,
                "show_values": o.show_values,
            },
            "mapping": self.mapping,
            "summary": self.summary(),
            "files": [f.to_dict() for f in self.files],
            "items": [i.to_dict() for i in self.items],
            "totals": [t.to_dict() for t in self.totals],
            "differences": [d.to_dict() for d in self.differences],
            "notes": self.notes,
        }
