"""What a coverage check found: per standard item a status, per vendor file what has no home.

Procurement teams ask one question of a vendor's mapping or declared layout: which items of
the standard will the vendor deliver, and can its fields hold them? So every item of every
file of the area gets exactly one status, and the figures are derived from those statuses
(never counted separately), so the percentages, the lists and the exit code cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from layout_tool import __version__
from layout_tool.spec.model import AreaSpec, FileSpec, Item

Status = Literal["covered", "narrower", "constant", "missing"]
IssueKind = Literal["type", "length"]
Kind = Literal["mapping", "layout"]


@dataclass(frozen=True)
class Issue:
    """Why a vendor field cannot hold every value of the standard item."""

    kind: IssueKind
    message: str

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "message": self.message}


@dataclass(frozen=True)
class ItemCoverage:
    """One standard item and where the vendor's value for it comes from.

    ``vendor`` names the vendor fields (``source.field``) or declared items (``file.item``)
    it comes from; ``via`` says how, in words a reader can check against the mapping.
    ``capacity`` is what the vendor side can hold, in the item's characters, where known.
    """

    item: Item
    status: Status
    rule: str | None = None
    vendor: tuple[str, ...] = ()
    via: str | None = None
    capacity: int | None = None
    issues: tuple[Issue, ...] = ()

    @property
    def delivered(self) -> bool:
        """Produced from vendor data (compatible or not): what "covered" counts."""
        return self.status in ("covered", "narrower")

    def to_dict(self) -> dict[str, object]:
        item = self.item
        return {
            "no": item.no,
            "name": item.name,
            "type": item.type,
            "length": item.length,
            "required": item.required,
            "code": item.code,
            "status": self.status,
            "rule": self.rule,
            "vendor": list(self.vendor),
            "via": self.via,
            "capacity": self.capacity,
            "issues": [i.to_dict() for i in self.issues],
        }


def percent(part: int, whole: int) -> float | None:
    """A percentage to one decimal, or None where there is nothing to divide by."""
    return None if whole == 0 else round(100.0 * part / whole, 1)


@dataclass(frozen=True)
class Figures:
    """The counts of a file or an area, all derived from item statuses (see ``of``)."""

    items: int
    covered: int  # delivered from vendor data: compatible + narrower
    compatible: int
    narrower: int
    constant: int
    missing: int
    required: int
    required_covered: int
    required_compatible: int
    required_narrower: int
    required_constant: int
    required_missing: int

    @classmethod
    def of(cls, items: list[ItemCoverage]) -> Figures:
        def count(status: Status, only_required: bool = False) -> int:
            return sum(
                1 for i in items if i.status == status and (i.item.required or not only_required)
            )

        required = sum(1 for i in items if i.item.required)
        return cls(
            items=len(items),
            covered=count("covered") + count("narrower"),
            compatible=count("covered"),
            narrower=count("narrower"),
            constant=count("constant"),
            missing=count("missing"),
            required=required,
            required_covered=count("covered", True) + count("narrower", True),
            required_compatible=count("covered", True),
            required_narrower=count("narrower", True),
            required_constant=count("constant", True),
            required_missing=count("missing", True),
        )

    @property
    def covered_pct(self) -> float | None:
        return percent(self.covered, self.items)

    @property
    def required_pct(self) -> float | None:
        return percent(self.required_covered, self.required)

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = dict(self.__dict__)
        out["covered_pct"] = self.covered_pct
        out["required_pct"] = self.required_pct
        return out


@dataclass(frozen=True)
class FileCoverage:
    """One 移行ファイル of the standard and the vendor file that feeds it (if any)."""

    file: FileSpec
    vendor: str | None
    items: tuple[ItemCoverage, ...]

    def with_status(self, status: Status) -> list[ItemCoverage]:
        return [i for i in self.items if i.status == status]

    def missing_required_first(self) -> list[ItemCoverage]:
        """Missing items, required ones first, each group in the standard's order."""
        missing = self.with_status("missing")
        return sorted(missing, key=lambda i: (not i.item.required, i.item.no))

    def summary(self) -> Figures:
        return Figures.of(list(self.items))

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.file.id,
            "name": self.file.name,
            "vendor": self.vendor,
            "summary": self.summary().to_dict(),
            "missing": [i.item.name for i in self.missing_required_first()],
            "items": [i.to_dict() for i in self.items],
        }


@dataclass(frozen=True)
class VendorField:
    """A vendor field (or declared item) that no rule carries into the standard."""

    name: str
    detail: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "detail": self.detail}


@dataclass(frozen=True)
class VendorFile:
    """One vendor file: how many fields it has and which have no standard home."""

    id: str
    name: str
    fields: int
    unplaced: tuple[VendorField, ...]
    standard_file: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "standard_file": self.standard_file,
            "fields": self.fields,
            "used": self.fields - len(self.unplaced),
            "unplaced": [f.to_dict() for f in self.unplaced],
        }


@dataclass(frozen=True)
class Coverage:
    """The coverage of one area of the standard by a vendor's mapping or declared layout."""

    kind: Kind
    subject: str  # the mapping's or layout's path
    title: str  # the mapping's name, or the layout file's name
    area: AreaSpec
    files: tuple[FileCoverage, ...]
    vendor_files: tuple[VendorFile, ...]
    vendor: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def items(self) -> list[ItemCoverage]:
        return [i for f in self.files for i in f.items]

    @property
    def unplaced_count(self) -> int:
        return sum(len(v.unplaced) for v in self.vendor_files)

    @property
    def passed(self) -> bool:
        """Every required item comes from vendor data that can hold it (a constant counts)."""
        return all(i.status in ("covered", "constant") for i in self.items if i.item.required)

    def summary(self) -> Figures:
        return Figures.of(self.items)

    def to_dict(self) -> dict[str, object]:
        """The ``coverage --format json`` document."""
        area = self.area
        return {
            "tool": "layout-tool",
            "version": __version__,
            "kind": self.kind,
            "subject": self.subject,
            "title": self.title,
            "vendor": self.vendor,
            "spec": {
                "standard": area.standard,
                "version": area.version,
                "provenance": area.provenance,
                "area": area.id,
                "name": area.name,
            },
            "passed": self.passed,
            "summary": {
                **self.summary().to_dict(),
                "files": len(self.files),
                "unplaced": self.unplaced_count,
            },
            "files": [f.to_dict() for f in self.files],
            "vendor_files": [v.to_dict() for v in self.vendor_files],
            "notes": list(self.notes),
        }
