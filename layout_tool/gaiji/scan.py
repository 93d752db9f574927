"""``layout-tool gaiji``: inventory the 外字 of data files, with or without a spec or a table.

Works on every form the readers take (CSV in any supported encoding, XML documents of the
standard): without a spec, CSV columns are named by the header and a document is read as
the bundled area it belongs to; with one, files are recognised and columns named by item.
With a mapping table, each character is reported as mapped (to what) or still unmapped:
the list that staff must still identify before the handover.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from layout_tool import __version__
from layout_tool.charset.policy import CharPolicy, token_kind
from layout_tool.errors import LayoutToolError
from layout_tool.gaiji.inventory import GaijiEntry, GaijiInventory, tally
from layout_tool.gaiji.maptable import MapEntry, MapTable
from layout_tool.i18n import Msg, t
from layout_tool.io.batch import col
from layout_tool.io.csvsource import BATCH_BYTES
from layout_tool.io.inputs import shown
from layout_tool.progress import Progress
from layout_tool.readers.csv_reader import CsvReader
from layout_tool.readers.inputs import Entry, find, recognise
from layout_tool.readers.protocol import Reader, ReadOptions
from layout_tool.readers.registry import open_reader
from layout_tool.spec.model import AreaSpec, FileSpec


@dataclass
class ScannedFile:
    path: str
    file_id: str | None
    rows: int = 0
    encoding: str | None = None
    detected_by: str | None = None
    unread_rows: int = 0  # records dropped by the reader (row-shape), so not inventoried

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "file_id": self.file_id,
            "rows": self.rows,
            "encoding": self.encoding,
            "detected_by": self.detected_by,
            "unread_rows": self.unread_rows,
        }


@dataclass
class GaijiScan:
    """The inventory of a set of files, and how it stands against a mapping table."""

    table: MapTable | None = None
    files: list[ScannedFile] = field(default_factory=list)
    inventory: GaijiInventory = field(default_factory=GaijiInventory)
    notes: list[str] = field(default_factory=list)
    suggestions: list[dict[str, object]] | None = None  # gaiji --suggest (never applied)
    kinds: dict[str, str] | None = None  # token → gaiji / charset / lost-char / vendor-code

    def entries(self) -> list[GaijiEntry]:
        return self.inventory.entries()

    def mapping(self, entry: GaijiEntry) -> MapEntry | None:
        return None if self.table is None else self.table.lookup(entry.token)

    def mapped(self) -> list[GaijiEntry]:
        return [e for e in self.entries() if self.mapping(e) is not None]

    def unmapped(self) -> list[GaijiEntry]:
        return [e for e in self.entries() if self.mapping(e) is None]

    @property
    def rows(self) -> int:
        return sum(f.rows for f in self.files)

    def to_dict(self) -> dict[str, object]:
        characters = []
        for entry in self.entries():
            d = entry.to_dict()
            found = self.mapping(entry)
            d["mapped"] = found is not None
            d["target"] = None if found is None else found.to_dict()
            if self.kinds is not None:
                d["kind"] = self.kinds.get(entry.token)
            characters.append(d)
        unmapped = self.unmapped()
        return {
            "tool": "layout-tool",
            "version": __version__,
            "table": None if self.table is None else self.table.path,
            "summary": {
                "files": len(self.files),
                "rows": self.rows,
                "characters": len(characters),
                "occurrences": self.inventory.total,
                "mapped": len(characters) - len(unmapped),
                "unmapped": len(unmapped),
                "unmapped_occurrences": sum(e.count for e in unmapped),
                "unread_rows": sum(f.unread_rows for f in self.files),
            },
            "files": [f.to_dict() for f in self.files],
            "notes": list(self.notes),
            "characters": characters,
            **({"suggestions": self.suggestions} if self.suggestions is not None else {}),
        }


def scan_paths(
    paths: list[Path],
    *,
    spec: AreaSpec | None = None,
    file_id: str | None = None,
    encoding: str = "auto",
    has_header: bool = True,
    table: MapTable | None = None,
    progress: Progress | None = None,
    batch_bytes: int = BATCH_BYTES,
    chars: CharPolicy | None = None,
) -> GaijiScan:
    """Inventory every 外字 (private-use character, or a source of ``table``) in ``paths``.

    ``chars``: what else is inventoried (``CharPolicy.inventory_pattern``: escapes and
    U+FFFD; with a charset, its vendor 外字 and unknown private-use characters but not GJ).
    Each character gets its ``kind`` (``charset.policy.token_kind``).
    """
    chars = chars or CharPolicy()
    pattern = chars.inventory_pattern
    scan = GaijiScan(table=table)
    sources = table.sources if table is not None else []
    skip = frozenset({Path(table.path)}) if table is not None else frozenset()
    for entry in _inputs(paths, scan.notes, skip):  # the mapping table kept beside the data
        label = shown(entry.path)
        pinned = _file_spec(spec, entry, file_id, encoding)
        options = ReadOptions(
            encoding=encoding, has_header=has_header, area=spec, file=pinned, label=label,
            batch_bytes=batch_bytes, hashed=False,
        )  # fmt: skip
        try:
            reader = open_reader(entry.path, options, entry.form.name)
        except LayoutToolError as exc:
            if entry.explicit:
                raise
            scan.notes.append(f"{exc}; skipped")
            continue
        if isinstance(reader, CsvReader) and reader.massive:
            scan.files.append(_scanned(reader, pinned))
            summary = reader.source.encoding_summary(Msg("frag.not-inventoried")).message
            scan.notes.append(f"{label}: {summary}")
            continue
        for section in reader.sections():
            done = _scanned(reader, section.file)
            scan.files.append(done)
            names = _column_names(section.labels)
            if not names:
                scan.notes.append(t("note.empty-skipped", label=label))
                continue
            columns = {name: col(i) for i, name in enumerate(names)}
            for batch in section.batches:
                done.rows += batch.records
                done.unread_rows += len({f.row for f in batch.findings if f.code == "row-shape"})
                scan.inventory.add(label, tally(batch.frame, columns, sources, pattern))
                if progress is not None:
                    progress(label, done.rows)
            if done.unread_rows:
                scan.notes.append(
                    f"{label}: {done.unread_rows:,} rows could not be read (wrong number of"
                    " fields, broken quoting or NUL) and were not inventoried"
                    " (see `layout-tool validate`)"
                )
        scan.notes.extend(reader.notes)
    scan.kinds = {e.token: token_kind(e.token, chars.charset) for e in scan.entries()}
    return scan


def _scanned(reader: Reader, fspec: FileSpec | None) -> ScannedFile:
    return ScannedFile(
        reader.label,
        fspec.id if fspec else None,
        encoding=reader.encoding,
        detected_by=reader.detected_by,
    )


def _inputs(paths: list[Path], notes: list[str], skip: frozenset[Path]) -> list[Entry]:
    """The data files of the inputs (``readers.inputs.find``); non-text files are refused."""
    found = find(paths, skip=skip)
    notes += found.notes
    out: list[Entry] = []
    for entry in found.entries:
        if entry.refused is None:
            out.append(entry)
        elif entry.explicit:
            raise LayoutToolError(f"{shown(entry.path)}: {entry.refused}")
        else:
            notes.append(f"{shown(entry.path)}: {entry.refused}; skipped")
    if not out:
        raise LayoutToolError("no data files found in the inputs")
    return out


def _file_spec(
    spec: AreaSpec | None, entry: Entry, file_id: str | None, encoding: str
) -> FileSpec | None:
    """The file a CSV input is (an XML document names its own, per file element)."""
    if spec is None or entry.form.name == "xml":
        return None
    if file_id is not None:
        return spec.file(file_id)
    return recognise(spec, entry.path, encoding)


def _column_names(raw: list[str]) -> list[str]:
    """Labels per column: the header (or the items), 列1… where a column has no name."""
    names: list[str] = []
    for i, name in enumerate(raw):
        label = name.strip() or f"列{i + 1}"
        if label in names:
            label = f"{label} (列{i + 1})"
        names.append(label)
    return names
