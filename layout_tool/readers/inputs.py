"""Which files a command reads, in which form, and which file of an area each one is.

The one place for the rules every command shares: folders are expanded one level
(``io.inputs.discover``: links out of the folder, FIFOs and devices skipped with a note, a
file given twice read once, names that are not UTF-8 shown escaped); files found in a
folder are data when a reader takes their suffix (``registry.data_suffixes``); hidden
files, the tool's own outputs and a handover's descriptions (manifest, 件数表) are never
data; a file that is no text at all (a workbook, an archive) is refused. A data file is
recognised as a file of an area by its name, else by what it holds (a CSV header, an XML
document's first file element): ``recognise``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from layout_tool.errors import LayoutToolError
from layout_tool.i18n import t
from layout_tool.io.inputs import discover, refusal, shown
from layout_tool.readers import csv_reader
from layout_tool.readers.protocol import Format, Recognised
from layout_tool.readers.registry import FORMATS, by_suffix, data_suffixes
from layout_tool.safety.text import inert
from layout_tool.spec.model import AreaSpec, FileSpec

MANIFEST_NAME = "manifest.json"
COUNT_SHEET_NAMES = ("件数表.csv", "counts.csv")
# Files that describe a handover or a test set rather than belong to it.
SKIPPED_NAMES = frozenset({MANIFEST_NAME, *COUNT_SHEET_NAMES, "faults.csv"})
# Files the tool writes beside its outputs (rejects, conversion reports; half-written ones).
OUTPUT_SUFFIXES = (".rejects.csv", ".part")
OUTPUT_PREFIXES = ("conversion-report.",)


def skipped(name: str) -> bool:
    """Never a data file, in any command: hidden, a description, or the tool's own output."""
    return (
        name.startswith(".")
        or name in SKIPPED_NAMES
        or name.endswith(OUTPUT_SUFFIXES)
        or name.startswith(OUTPUT_PREFIXES)
    )


def form_of(path: Path) -> Format:
    """The form a data file is read in: by suffix; any other file named is read as CSV."""
    return by_suffix(path) or FORMATS["csv"]


@dataclass(frozen=True)
class Entry:
    """One file to read: named on the command line (``explicit``) or found in a folder."""

    path: Path
    explicit: bool
    form: Format
    refused: str | None = None  # why it is not read at all (not text)
    folder: Path | None = None


@dataclass
class Listing:
    entries: list[Entry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)
    others: list[Path] = field(default_factory=list)  # files in folders that are not data


def find(
    paths: list[Path],
    *,
    suffixes: frozenset[str] | Literal["data"] | None = "data",
    skip: frozenset[Path] = frozenset(),
    recursive: bool = False,
) -> Listing:
    """Every input file of ``paths``: in folders, those of the readers' suffixes (or of
    ``suffixes``; None: every file), not ``skipped``, not in ``skip``; ``recursive``: in
    subfolders too (a manifest covers a whole handover tree)."""
    wanted = data_suffixes() if suffixes == "data" else suffixes
    found = discover(paths, wanted, skipped, recursive)
    out = Listing(notes=found.notes, folders=found.folders, others=found.others)
    resolved_skip = {p.resolve() for p in skip}
    for item in found.files:
        if resolved_skip and item.path.resolve() in resolved_skip:
            continue
        form = form_of(item.path)
        why = refusal(item.path) if form.sniffed else None
        out.entries.append(Entry(item.path, item.explicit, form, why, item.folder))
    return out


def recognise(spec: AreaSpec, path: Path, encoding: str) -> FileSpec | None:
    """Which file of ``spec`` a data file is (None: not recognised)."""
    return recognition(spec, path, encoding).file


def recognition(spec: AreaSpec, path: Path, encoding: str) -> Recognised:
    return form_of(path).recognise(spec, path, encoding)


def identify(
    path: Path, spec: AreaSpec | None, encoding: str
) -> tuple[AreaSpec | None, FileSpec | None]:
    """Which area and file a data file is: of ``spec``, or of any detailed area."""
    from layout_tool.spec.catalogue import catalogue  # every area: only when not given

    candidates = [spec] if spec is not None else [e.spec for e in catalogue() if e.spec]
    for area in candidates:
        if area is None:
            continue
        found = recognise(area, path, encoding)
        if found is not None:
            return area, found
    return None, None


@dataclass(frozen=True)
class Input:
    path: Path
    spec: FileSpec | None  # None: not recognised
    reason: str | None = None  # why not recognised
    form: str = "csv"
    read_anyway: bool = False  # read even when not recognised (an XML document's structure)


@dataclass
class Resolved:
    inputs: list[Input] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)
    others: list[Path] = field(default_factory=list)  # files in folders not read (suffix)

    @property
    def recognised(self) -> list[Input]:
        return [i for i in self.inputs if i.spec is not None]

    def of_form(self, form: str) -> list[Input]:
        return [i for i in self.inputs if i.form == form]


def resolve(spec: AreaSpec, paths: list[Path], file_id: str | None, encoding: str) -> Resolved:
    """Expand folders and recognise every file; unreadable paths are a usage error.

    A file named on the command line that is not text, or not recognisable as a file of
    ``spec`` (unless ``file_id`` says which it is), is a usage error too.
    """
    if file_id is not None:
        spec.file(file_id)  # an unknown file id is a usage error even for folder inputs
    found = find(paths)
    out = Resolved(notes=found.notes, folders=found.folders, others=found.others)
    for entry in found.entries:
        path, form = entry.path, entry.form.name
        if entry.refused is not None:
            if entry.explicit:
                raise LayoutToolError(f"{shown(path)}: {entry.refused}")
            out.inputs.append(Input(path, None, entry.refused, form))
            continue
        if form != "xml" and entry.explicit and file_id:
            out.inputs.append(Input(path, spec.file(file_id), None, form))
            continue
        got = recognition(spec, path, encoding)
        if got.file is None and entry.explicit and not got.read_anyway:
            names = ", ".join(f.id for f in spec.files)
            raise LayoutToolError(
                f"{shown(path)}: cannot tell which file of {spec.id} this is ({names}):"
                f" {why_not(spec, path, encoding)}; use --file"
            )
        reason = None if got.file is not None else got.reason or why_not(spec, path, encoding)
        out.inputs.append(Input(path, got.file, reason, form, got.read_anyway))
    return out


def nothing_checked(spec: AreaSpec, resolved: Resolved) -> LayoutToolError:
    """The exit-2 error of a run that recognised no file: what was seen, and why not, a line
    each (each line inert on its own, so a file name cannot break one)."""
    lines = [t("inputs.nothing", area=spec.id, name=spec.name)]
    for entry in resolved.inputs:
        lines.append(f"  {shown(entry.path)}: {entry.reason or 'not recognised'}")
    for other in resolved.others:
        why = refusal(other) or f"not a data file ({other.suffix or 'no suffix'})"
        lines.append(f"  {shown(other)}: {why}")
    for note in resolved.notes:
        lines.append(f"  {note}")
    if len(lines) == 1:
        lines.append("  " + t("inputs.no-files"))
    return LayoutToolError("\n".join(inert(line) for line in lines), lines=True)


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
            return f"looks like {what}, not a file of {spec.id}"
    header = csv_reader.header(path, encoding)
    if not header:
        return "empty, or no header line"
    why = f"neither its name nor its header ({len(header)} columns) matches a file of {spec.id}"
    if any("\ufffd" in h for h in header):
        why += f"; its header does not decode as {csv_reader.encoding_of(path, encoding)}"
    return why
