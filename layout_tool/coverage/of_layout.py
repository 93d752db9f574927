"""Coverage of a vendor's declared layout: its item table, read like an official one.

Vendors answer a tender with their own データ項目一覧表 (often in the standard's shape). It
is read with the ``spec import`` machinery into an AreaSpec (provenance ``imported``), so
the same headings, type words and overrides work. Files pair up by id, then by name (or an
explicit ``--match``); items by name, exactly and then after width normalisation (NFKC,
spaces removed: ``氏名（カナ）`` = ``氏名(カナ)``).

A declared item is compatible when its type can hold every value of the standard's type
(``HOLDS``) and its 桁数 is not shorter; otherwise the standard item is ``narrower``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from layout_tool.coverage.model import (
    Coverage,
    FileCoverage,
    Issue,
    ItemCoverage,
    VendorField,
    VendorFile,
)
from layout_tool.errors import LayoutToolError
from layout_tool.i18n import Msg, t
from layout_tool.spec.catalogue import shared_codes
from layout_tool.spec.import_words import normalise
from layout_tool.spec.loader import load_area_file
from layout_tool.spec.model import DATE_TYPES, AreaSpec, FileSpec, Item

_TEXT = frozenset({"hankaku", "text"})
# Standard type → declared types whose values include every value of the standard type.
HOLDS: dict[str, frozenset[str]] = {
    "zenkaku": frozenset({"zenkaku", "text"}),
    "kana": frozenset({"kana", "zenkaku", "text"}),
    "hankaku": _TEXT,
    "text": frozenset({"text"}),
    "digits": _TEXT | {"digits"},
    "number": _TEXT | {"number"},
    "date": _TEXT | {"date", "wareki", "digits"},
    "wareki": _TEXT | {"wareki", "date", "digits"},
    "yearmonth": _TEXT | {"yearmonth", "digits"},
    "time": _TEXT | {"time", "digits"},
    "code": _TEXT | {"code"},
}
# Why a declared type cannot hold the standard's values, where a short reason helps.
REASONS: dict[tuple[str, str], Msg] = {
    ("zenkaku", "hankaku"): Msg("covwhy.zenkaku-hankaku"),
    ("kana", "hankaku"): Msg("covwhy.kana-hankaku"),
    ("zenkaku", "kana"): Msg("covwhy.zenkaku-kana"),
    ("hankaku", "zenkaku"): Msg("covwhy.hankaku-zenkaku"),
    ("digits", "number"): Msg("covwhy.digits-number"),
    ("number", "digits"): Msg("covwhy.number-digits"),
    ("code", "number"): Msg("covwhy.code-number"),
    ("text", "zenkaku"): Msg("covwhy.hankaku-zenkaku"),
    ("text", "hankaku"): Msg("covwhy.zenkaku-hankaku"),
}
"""Why a declared type cannot hold the standard's, said in the language of the run."""


@dataclass(frozen=True)
class LayoutOptions:
    """How to read a declared layout table (the ``spec import`` options that matter)."""

    columns: tuple[str, ...] = ()  # FIELD=HEADING
    type_words: tuple[str, ...] = ()  # WORD=TYPE
    file_ids: tuple[str, ...] = ()  # [NAME=]ID
    encoding: str = "auto"
    file_name: str | None = None  # the 移行ファイル of a one-file CSV table


def read_layout(
    path: Path, standard: AreaSpec, options: LayoutOptions | None = None
) -> tuple[AreaSpec, list[str]]:
    """A declared layout (.xlsx, .csv, or a spec .yaml) as an AreaSpec, with import warnings."""
    if path.suffix.lower() in {".yaml", ".yml"}:
        if not path.is_file():
            raise LayoutToolError(f"{path}: no such file")
        return load_area_file(path, shared_codes(standard.version)), []
    from layout_tool.spec.importer import ImportOptions, import_table

    opts = options or LayoutOptions()
    result = import_table(
        path,
        ImportOptions(
            area=standard.id,
            version=standard.version,
            area_name=standard.name,
            number=standard.number,
            columns=opts.columns,
            type_words=opts.type_words,
            file_ids=opts.file_ids,
            encoding=opts.encoding,
            file_name=opts.file_name,
        ),
    )
    return result.spec, result.warnings


def coverage_of_layout(
    vendor: AreaSpec,
    standard: AreaSpec,
    *,
    pairs: Mapping[str, str] | None = None,
    subject: str | None = None,
    notes: tuple[str, ...] = (),
) -> Coverage:
    """How far the vendor's declared files and items cover ``standard``.

    ``pairs`` names vendor file → standard file (id or name of each) where names differ.
    """
    paired = _pair_files(vendor, standard, pairs or {})
    files = []
    vendor_files = []
    used: dict[str, set[str]] = {f.id: set() for f in vendor.files}
    for file in standard.files:
        theirs = paired.get(file.id)
        if theirs is None:
            files.append(
                FileCoverage(file, None, tuple(ItemCoverage(i, "missing") for i in file.items))
            )
            continue
        items = tuple(_item(standard, item, theirs, used[theirs.id]) for item in file.items)
        files.append(FileCoverage(file, f"{theirs.id} ({theirs.name})", items))
    home = {v.id: s for s, v in paired.items()}
    for theirs in vendor.files:
        unplaced = tuple(
            VendorField(i.name, f"{i.type} {i.length}")
            for i in theirs.items
            if i.name not in used[theirs.id]
        )
        vendor_files.append(
            VendorFile(theirs.id, theirs.name, len(theirs.items), unplaced, home.get(theirs.id))
        )
    lonely = [f"{v.id} ({v.name})" for v in vendor.files if v.id not in home]
    extra = [t("covwhy.lonely", files=", ".join(lonely))]
    return Coverage(
        kind="layout",
        subject=subject or vendor.path or vendor.name,
        title=Path(subject).name if subject else vendor.name,
        area=standard,
        files=tuple(files),
        vendor_files=tuple(vendor_files),
        notes=(*notes, *(extra if lonely else [])),
    )


def _find(spec: AreaSpec, name: str, side: str) -> FileSpec:
    for f in spec.files:
        if name in (f.id, f.name):
            return f
    known = ", ".join(f"{f.id} ({f.name})" for f in spec.files)
    raise LayoutToolError(f"--match: the {side} has no file {name!r} (files: {known})")


def _pair_files(
    vendor: AreaSpec, standard: AreaSpec, pairs: Mapping[str, str]
) -> dict[str, FileSpec]:
    """Standard file id → the vendor file that declares it."""
    out: dict[str, FileSpec] = {}
    taken: set[str] = set()
    for theirs_name, ours_name in pairs.items():
        theirs = _find(vendor, theirs_name, "layout")
        ours = _find(standard, ours_name, "standard")
        out[ours.id] = theirs
        taken.add(theirs.id)

    def key_of(f: FileSpec) -> list[str]:
        return [f.id, normalise(f.name)] + ([normalise(f.filename)] if f.filename else [])

    for rank in range(3):
        for ours in standard.files:
            if ours.id in out:
                continue
            wanted = key_of(ours)
            for theirs in vendor.files:
                keys = key_of(theirs)
                if theirs.id in taken or rank >= len(keys) or rank >= len(wanted):
                    continue
                if keys[rank] == wanted[rank]:
                    out[ours.id] = theirs
                    taken.add(theirs.id)
                    break
    if not out and len(vendor.files) == 1 and len(standard.files) == 1:
        out[standard.files[0].id] = vendor.files[0]
    return out


def _item(standard: AreaSpec, item: Item, theirs: FileSpec, used: set[str]) -> ItemCoverage:
    match, how = _match(item.name, theirs, used)
    if match is None:
        return ItemCoverage(item, "missing")
    used.add(match.name)
    issues = compatibility(standard, item, match)
    via = f"{match.name} ({match.type} {match.length})" + (f", {how}" if how else "")
    return ItemCoverage(
        item,
        "narrower" if issues else "covered",
        "item",
        vendor=(f"{theirs.id}.{match.name}",),
        via=via,
        capacity=match.length,
        issues=tuple(issues),
    )


def _match(name: str, theirs: FileSpec, used: set[str]) -> tuple[Item | None, str | None]:
    """The declared item of that name: exact first, then after width normalisation."""
    if theirs.has_item(name) and name not in used:
        return theirs.item(name), None
    wanted = normalise(name)
    for candidate in theirs.items:
        if candidate.name not in used and normalise(candidate.name) == wanted:
            return candidate, t("covwhy.width")
    return None, None


def compatibility(standard: AreaSpec, ours: Item, theirs: Item) -> list[Issue]:
    """Why the declared item ``theirs`` cannot hold every value of ``ours`` (empty: it can)."""
    holds = HOLDS[ours.type]
    if ours.type == "code" and _digit_codes(standard, ours):
        holds = holds | {"digits"}
    issues = []
    if theirs.type not in holds:
        reason = REASONS.get(
            (ours.type, theirs.type), Msg("covwhy.cannot-hold", theirs=theirs.type, ours=ours.type)
        )
        said = t("covwhy.declared-type", theirs=theirs.type, ours=ours.type, reason=reason)
        issues.append(Issue("type", said))
    if ours.type in DATE_TYPES and theirs.type in DATE_TYPES:
        return issues  # different shapes of the same dates: their 桁数 do not compare
    if ours.type == "number" and theirs.type == "number":
        return issues + _number_issues(ours, theirs)
    if theirs.length < ours.length:
        issues.append(Issue("length", t("covwhy.shorter", theirs=theirs.length, ours=ours.length)))
    return issues


def _number_issues(ours: Item, theirs: Item) -> list[Issue]:
    our_scale, their_scale = ours.scale or 0, theirs.scale or 0
    issues = []
    if theirs.length - their_scale < ours.length - our_scale:
        issues.append(
            Issue(
                "length",
                t(
                    "covwhy.integer-digits",
                    theirs=theirs.length - their_scale,
                    ours=ours.length - our_scale,
                ),
            )
        )
    if their_scale < our_scale:
        issues.append(Issue("type", t("covwhy.decimals", theirs=their_scale, ours=our_scale)))
    return issues


def _digit_codes(standard: AreaSpec, item: Item) -> bool:
    table = standard.codes.get(item.code) if item.code else None
    return table is not None and bool(table.values) and all(v.isdigit() for v in table.values)
