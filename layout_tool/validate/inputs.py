"""Which file of the area each input is: by name first, then by header.

A file that is not recognised says why, and, when it is a file of another bundled area,
which one: "nothing checked" must never read as a pass (exit 2 with what was seen).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from layout_tool.errors import LayoutToolError
from layout_tool.i18n import Msg, t
from layout_tool.io.encoding import BOM, decode_reporting, detect
from layout_tool.io.inputs import discover, refusal, shown
from layout_tool.spec.model import AreaSpec, FileSpec

DATA_SUFFIXES = {".csv", ".txt", ".tsv", ".dat"}
IGNORED_NAMES = {"faults.csv", "件数表.csv", "counts.csv"}


@dataclass(frozen=True)
class Input:
    path: Path
    spec: FileSpec | None  # None: not recognised
    reason: str | None = None  # why not recognised


@dataclass
class Resolved:
    inputs: list[Input] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)
    others: list[Path] = field(default_factory=list)  # files in folders not read (suffix)

    @property
    def recognised(self) -> list[Input]:
        return [i for i in self.inputs if i.spec is not None]


def _skip(name: str) -> bool:
    return name in IGNORED_NAMES or name.startswith(".")


def resolve(spec: AreaSpec, paths: list[Path], file_id: str | None, encoding: str) -> Resolved:
    """Expand folders and recognise every file; unreadable paths are a usage error."""
    if file_id is not None:
        spec.file(file_id)  # an unknown file id is a usage error even for folder inputs
    found = discover(paths, DATA_SUFFIXES, _skip)
    out = Resolved(notes=found.notes, folders=found.folders, others=found.others)
    for entry in found.files:
        path = entry.path
        refused = refusal(path)
        if refused is not None:
            if entry.explicit:
                raise LayoutToolError(f"{shown(path)}: {refused}")
            out.inputs.append(Input(path, None, refused))
            continue
        if entry.explicit and file_id:
            out.inputs.append(Input(path, spec.file(file_id)))
            continue
        got = recognise(spec, path, encoding)
        if got is None and entry.explicit:
            names = ", ".join(f.id for f in spec.files)
            why = why_not(spec, path, encoding)
            raise LayoutToolError(
                Msg("inputs.which", path=shown(path), area=spec.id, names=names, why=why)
            )
        reason = None if got is not None else why_not(spec, path, encoding)
        out.inputs.append(Input(path, got, reason))
    return out


def nothing_checked(spec: AreaSpec, resolved: Resolved) -> LayoutToolError:
    """The exit-2 error of a run that recognised no file: what was seen, and why not."""
    lines = [t("inputs.nothing", area=spec.id, name=spec.name)]
    for entry in resolved.inputs:
        lines.append(f"  {shown(entry.path)}: {entry.reason or t('inputs.not-recognised')}")
    for other in resolved.others:
        suffix = other.suffix or t("inputs.no-suffix")
        why = refusal(other) or t("inputs.not-data", suffix=suffix)
        lines.append(f"  {shown(other)}: {why}")
    for note in resolved.notes:
        lines.append(f"  {note}")
    if len(lines) == 1:
        lines.append(f"  {t('inputs.no-files')}")
    return LayoutToolError("\n".join(lines))


def why_not(spec: AreaSpec, path: Path, encoding: str) -> str:
    """Why ``path`` is not a file of ``spec``, naming the area it looks like if any."""
    from layout_tool.spec.catalogue import catalogue  # the catalogue loads every area

    try:
        entries = catalogue(spec.version)
    except LayoutToolError:  # a spec of a version not bundled: no other areas to name
        entries = ()
    for entry in entries:
        other = entry.spec
        if other is None or other.id == spec.id:
            continue
        got = recognise(other, path, encoding)
        if got is not None:
            what = f"{other.id}/{got.id} ({other.name} {got.name})"
            return t("inputs.looks-like", other=what, area=spec.id)
    header = _header(path, encoding)
    if not header:
        return t("inputs.empty")
    why = t("inputs.neither", n=len(header), area=spec.id)
    if any("\ufffd" in h for h in header):
        why += t("inputs.header-encoding", encoding=_encoding_of(path, encoding))
    return why


def recognise(spec: AreaSpec, path: Path, encoding: str) -> FileSpec | None:
    stem = path.stem.upper()
    for f in spec.files:
        names = {f.id.upper(), (f.filename or "").upper(), f.name.upper()}
        if stem in names or any(n and stem.startswith(n) for n in names if len(n) > 3):
            return f
    header = _header(path, encoding)
    best, score = None, 0.0
    for f in spec.files:
        if not header:
            break
        overlap = len(set(header) & set(f.item_names)) / max(len(f.items), 1)
        if overlap > score:
            best, score = f, overlap
    return best if score >= 0.5 else None


def _encoding_of(path: Path, encoding: str) -> str:
    with path.open("rb") as fh:
        return detect(fh.read(64 << 10), encoding).encoding


def _header(path: Path, encoding: str) -> list[str]:
    try:
        with path.open("rb") as fh:
            head = fh.read(64 << 10)
    except OSError:
        return []
    enc = detect(head, encoding).encoding
    first = head.removeprefix(BOM).replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    text, _ = decode_reporting(first.split(b"\n", 1)[0], enc)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        return []
    return [c.strip() for c in rows[0]] if rows else []
