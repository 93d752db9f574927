"""The standard's model: area → files → items, code tables, references, rules.

Every object is frozen; specs are loaded once and shared by every check.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields
from typing import Literal

from layout_tool.spec.itemtypes import DATE_TYPES, ITEM_TYPES, ItemType, as_item_type

__all__ = ["DATE_TYPES", "ITEM_TYPES", "ItemType", "as_item_type"]  # re-exported: used widely

CheckKind = Literal["mynumber", "corporate", "lgcode", "m11"]
Provenance = Literal["modelled", "imported", "official"]

# What each ``standard`` (spec family) is called in reports.
STANDARD_NAMES: dict[str, str] = {"chukan": "中間標準レイアウト仕様", "kihon": "基本データリスト"}


def _schema(**keywords: object) -> dict[str, object]:
    """Field metadata: JSON Schema keywords for the key in spec files."""
    return {"schema": keywords}


@dataclass(frozen=True)
class Item:
    """One データ項目 of a 移行ファイル."""

    # The keys of a spec file's item: the defaults here are the only ones (the loader and
    # ITEM_FLAG_DEFAULTS read them), and ``schema`` is what spec.schema.json adds to the
    # type each annotation gives (scripts/make_schemas.py writes it; a test compares).
    no: int = field(metadata=_schema(minimum=1, maximum=1_000_000))
    name: str = field(metadata=_schema(minLength=1))
    type: ItemType
    length: int = field(
        metadata=_schema(
            minimum=1,
            maximum=1_000_000,
            description="桁数 (docs/security.md: at most 1,000,000)",
        )
    )
    required: bool = False
    fixed: bool = field(
        default=False,
        metadata=_schema(description="the value must have exactly `length` characters"),
    )
    gaiji: bool = False
    code: str | None = None
    check: CheckKind | None = None
    sensitive: bool = False
    format: str | None = None
    pattern: str | None = None
    scale: int | None = field(default=None, metadata=_schema(minimum=0, maximum=1000))
    allow_unknown_date: bool = False
    repeat: bool = False
    description: str | None = None
    length_count: str | None = None  # how 桁数 counts (layout_tool.charset.length)
    # M11 remainder 1 ("zero": check digit 0; "invalid": no valid number), set by a profile
    check_policy: Literal["zero", "invalid"] = field(
        default="zero", compare=False, metadata={"file": False}
    )

    def to_dict(self) -> dict[str, object]:
        """Every attribute, defaults included (the contract's item shape)."""
        out: dict[str, object] = {
            "no": self.no,
            "name": self.name,
            "type": self.type,
            "length": self.length,
        }
        for key in ITEM_FLAG_DEFAULTS:
            out[key] = getattr(self, key)
        if self.length_count is not None:
            out["length_count"] = self.length_count
        return out

    def to_file_dict(self) -> dict[str, object]:
        """Only what differs from the defaults (the spec file's item shape)."""
        full = self.to_dict()
        return {
            k: v
            for k, v in full.items()
            if k not in ITEM_FLAG_DEFAULTS or v != ITEM_FLAG_DEFAULTS[k]
        }


# The item's optional keys in the order they are written back to YAML and shown in JSON, with
# their defaults: read from ``Item`` itself, so a default is written once (the loader and the
# JSON Schema of spec files read them from here).
_NOT_FLAGS = frozenset({"no", "name", "type", "length", "length_count", "check_policy"})
ITEM_FLAG_DEFAULTS: dict[str, object] = {
    f.name: f.default for f in fields(Item) if f.name not in _NOT_FLAGS and f.default is not MISSING
}


@dataclass(frozen=True)
class CodeTable:
    """A コード一覧: code value → label, with where the values came from."""

    id: str
    name: str
    status: str
    values: Mapping[str, str]
    source: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "status": self.status,
            "source": self.source,
            "values": dict(self.values),
        }

    def to_file_dict(self) -> dict[str, object]:
        out = self.to_dict()
        if self.source is None:
            del out["source"]
        return out


@dataclass(frozen=True)
class FileSpec:
    """A 移行ファイル: its items in order and its key."""

    id: str
    name: str
    items: tuple[Item, ...]
    key: tuple[str, ...] = ()
    filename: str | None = None
    description: str | None = None
    length_count: str | None = None
    group: str | None = None  # 基本データリスト file group id (6 digits)
    _by_name: Mapping[str, Item] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {item.name: item for item in self.items})

    def item(self, name: str) -> Item:
        return self._by_name[name]

    def has_item(self, name: str) -> bool:
        return name in self._by_name

    @property
    def item_names(self) -> list[str]:
        return [item.name for item in self.items]

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "filename": self.filename,
            "description": self.description,
            "key": list(self.key),
            **({"length_count": self.length_count} if self.length_count else {}),
            **({"group": self.group} if self.group else {}),
            "items": [item.to_dict() for item in self.items],
        }

    def to_file_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"id": self.id, "name": self.name}
        if self.filename is not None:
            out["filename"] = self.filename
        if self.description is not None:
            out["description"] = self.description
        if self.key:
            out["key"] = list(self.key)
        if self.length_count is not None:
            out["length_count"] = self.length_count
        if self.group is not None:
            out["group"] = self.group
        out["items"] = [item.to_file_dict() for item in self.items]
        return out


@dataclass(frozen=True)
class Endpoint:
    file: str
    items: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {"file": self.file, "items": list(self.items)}


@dataclass(frozen=True)
class Reference:
    """A relation of the 移行ファイル関連図: every ``source`` key must exist in ``target``."""

    source: Endpoint
    target: Endpoint

    def to_dict(self) -> dict[str, object]:
        return {"from": self.source.to_dict(), "to": self.target.to_dict()}


RuleKind = Literal["one-per-group", "sequence-in-group"]


@dataclass(frozen=True)
class Rule:
    """A cross-row rule of the area, checked by a named rule of ``checks.rules``."""

    rule: RuleKind
    file: str
    group: tuple[str, ...] = ()
    item: str | None = None
    value: str | None = None
    where: Mapping[str, str] = field(default_factory=dict)
    description: str | None = None
    severity: Literal["error", "warning"] = "error"

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"rule": self.rule, "file": self.file}
        if self.group:
            out["group"] = list(self.group)
        for key in ("item", "value"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        if self.where:
            out["where"] = dict(self.where)
        if self.severity != "error":
            out["severity"] = self.severity
        if self.description is not None:
            out["description"] = self.description
        return out


@dataclass(frozen=True)
class AreaSpec:
    """One 業務 of the standard: the unit a spec file describes."""

    standard: str
    version: str
    provenance: Provenance
    id: str
    name: str
    number: int
    files: tuple[FileSpec, ...] = ()
    codes: Mapping[str, CodeTable] = field(default_factory=dict)
    local_codes: tuple[str, ...] = ()
    references: tuple[Reference, ...] = ()
    rules: tuple[Rule, ...] = ()
    note: str | None = None
    path: str | None = field(default=None, compare=False)
    charset: str | None = None  # the character set the area's data uses (layout_tool.charset)
    length_count: str | None = None  # how 桁数 counts, unless a file or item says otherwise
    edition: str | None = None  # e.g. 第2.1版 (基本データリスト provenance)
    date: str | None = None  # the edition's date

    def file(self, file_id: str) -> FileSpec:
        """A file by id (``hihokensha``), name (``被保険者``) or file name (``KAIGO_HIHOKENSHA``,
        with or without its suffix)."""
        for spec in self.files:
            if file_id in (spec.id, spec.group):
                return spec
        wanted = file_id.strip().casefold().rsplit(".", 1)[0] if "." in file_id else file_id
        wanted = wanted.strip().casefold()
        for spec in self.files:
            if wanted in {spec.name.casefold(), (spec.filename or "").casefold()}:
                return spec
        known = ", ".join(f.id for f in self.files) or "none"
        from layout_tool.errors import LayoutToolError
        from layout_tool.suggest import did_you_mean

        names = [n for f in self.files for n in (f.id, f.name, f.filename or "")]
        hint = did_you_mean(file_id, names)
        from layout_tool.i18n import Msg

        said = Msg("spec.no-file", area=self.id, name=repr(file_id), hint=hint, known=known)
        raise LayoutToolError(said)

    @property
    def item_count(self) -> int:
        return sum(len(f.items) for f in self.files)

    def used_codes(self) -> dict[str, CodeTable]:
        """The area's own tables plus the shared tables its items name."""
        names = set(self.local_codes)
        names.update(i.code for f in self.files for i in f.items if i.code is not None)
        return {k: self.codes[k] for k in sorted(names) if k in self.codes}

    def to_dict(self) -> dict[str, object]:
        """The contract's ``spec show --format json`` shape."""
        return {
            "standard": self.standard,
            "version": self.version,
            "provenance": self.provenance,
            "note": self.note,
            "area": {"id": self.id, "name": self.name, "number": self.number},
            **self._extras(),
            "files": [f.to_dict() for f in self.files],
            "codes": {k: t.to_dict() for k, t in self.used_codes().items()},
            "references": [r.to_dict() for r in self.references],
            "rules": [r.to_dict() for r in self.rules],
        }

    def _extras(self) -> dict[str, object]:
        """Keys written only when set (charset, length count, edition and date)."""
        keys = ("charset", "length_count", "edition", "date")
        return {k: getattr(self, k) for k in keys if getattr(self, k) is not None}

    def to_file_dict(self) -> dict[str, object]:
        """The spec file's shape (what ``spec import`` writes and the loader reads)."""
        out: dict[str, object] = {
            "standard": self.standard,
            "version": self.version,
            "provenance": self.provenance,
        }
        if self.note is not None:
            out["note"] = self.note
        out["area"] = {"id": self.id, "name": self.name, "number": self.number}
        out.update(self._extras())
        out["files"] = [f.to_file_dict() for f in self.files]
        if self.local_codes:
            out["codes"] = {k: self.codes[k].to_file_dict() for k in self.local_codes}
        if self.references:
            out["references"] = [r.to_dict() for r in self.references]
        if self.rules:
            out["rules"] = [r.to_dict() for r in self.rules]
        return out


@dataclass(frozen=True)
class CatalogueEntry:
    """One 業務 of the catalogue, with its detailed spec where one is bundled."""

    number: int
    id: str
    name: str
    status: str
    spec: AreaSpec | None = None
    family: str = "chukan"  # chukan (中間標準レイアウト) or kihon (基本データリスト)
    edition: str | None = None

    @property
    def ref(self) -> str:
        """What ``--spec`` takes: ``jumin`` for 中間標準, ``kihon:001`` for the others."""
        return self.id if self.family == "chukan" else f"{self.family}:{self.number:03d}"

    def to_dict(self) -> dict[str, object]:
        spec = self.spec
        return {
            "id": self.id,
            "name": self.name,
            "number": self.number,
            "version": spec.version if spec else None,
            "provenance": spec.provenance if spec else None,
            "files": len(spec.files) if spec else 0,
            "items": spec.item_count if spec else 0,
            "status": self.status,
            "family": self.family,
            "ref": self.ref,
            **({"edition": self.edition} if self.edition else {}),
        }
