"""``layout-tool gaiji``: inventory the 外字 of CSV files, with or without a spec or a table.

Works on any CSV (any of the supported encodings): without a spec, columns are named by
the header; with one, files are recognised and columns named by item. With a mapping
table, each character is reported as mapped (to what) or still unmapped: the list that
staff must still identify before the handover.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from layout_tool import __version__
from layout_tool.charset.policy import CharPolicy, token_kind
from layout_tool.errors import LayoutToolError
from layout_tool.gaiji.inventory import GaijiEntry, GaijiInventory, tally
from layout_tool.gaiji.maptable import MapEntry, MapTable
from layout_tool.i18n import Msg, t
from layout_tool.io.csvsource import BATCH_BYTES, CsvSource, col
from layout_tool.io.encoding import BOM, decode_reporting, detect
from layout_tool.io.inputs import discover, refusal, shown
from layout_tool.progress import Progress
from layout_tool.spec.model import AreaSpec, FileSpec
from layout_tool.validate.inputs import DATA_SUFFIXES, IGNORED_NAMES, recognise


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
    skip = {Path(table.path).resolve()} if table is not None else set()
    for path in _expand(paths, scan.notes):
        if path.resolve() in skip:  # the mapping table kept beside the data
            continue
        fspec = _file_spec(spec, path, file_id, encoding)
        src = CsvSource(
            path,
            encoding=encoding,
            has_header=has_header,
            file_id=fspec.id if fspec else None,
            batch_bytes=batch_bytes,
        )
        label = shown(path)
        done = ScannedFile(label, src.file_id, encoding=src.encoding, detected_by=src.detected.how)
        scan.files.append(done)
        if src.massive:
            said = src.encoding_summary(Msg("frag.not-inventoried")).message
            scan.notes.append(f"{label}: {said}")
            continue
        names = _column_names(src, fspec, path)
        if not names:
            scan.notes.append(t("note.empty-skipped", label=label))
            continue
        columns = {name: col(i) for i, name in enumerate(names)}
        for batch in src.batches(len(names), names):
            done.rows += batch.records
            done.unread_rows += len({f.row for f in batch.findings if f.code == "row-shape"})
            scan.inventory.add(label, tally(batch.frame, columns, sources, pattern))
            if progress is not None:
                progress(label, done.rows)
        if done.unread_rows:
            scan.notes.append(
                f"{label}: {done.unread_rows:,} rows could not be read (wrong number of fields,"
                " broken quoting or NUL) and were not inventoried (see `layout-tool validate`)"
            )
    scan.kinds = {e.token: token_kind(e.token, chars.charset) for e in scan.entries()}
    return scan


def _expand(paths: list[Path], notes: list[str]) -> list[Path]:
    """The data files of the inputs (io.inputs.discover); non-text files are refused."""
    found = discover(paths, DATA_SUFFIXES, lambda name: name in IGNORED_NAMES)
    notes += found.notes
    out: list[Path] = []
    for entry in found.files:
        why = refusal(entry.path)
        if why is None:
            out.append(entry.path)
        elif entry.explicit:
            raise LayoutToolError(f"{shown(entry.path)}: {why}")
        else:
            notes.append(f"{shown(entry.path)}: {why}; skipped")
    if not out:
        raise LayoutToolError("no data files found in the inputs")
    return out


def _file_spec(
    spec: AreaSpec | None, path: Path, file_id: str | None, encoding: str
) -> FileSpec | None:
    if spec is None:
        return None
    if file_id is not None:
        return spec.file(file_id)
    return recognise(spec, path, encoding)


def _column_names(src: CsvSource, fspec: FileSpec | None, path: Path) -> list[str]:
    """Labels per column: the header (or the spec's items, or 列1… without a header)."""
    if src.header is not None:
        raw = src.header
    elif fspec is not None:
        raw = fspec.item_names
    else:
        raw = [f"列{i + 1}" for i in range(_first_record_width(path, src.encoding))]
    names: list[str] = []
    for i, name in enumerate(raw):
        label = name.strip() or f"列{i + 1}"
        if label in names:
            label = f"{label} (列{i + 1})"
        names.append(label)
    return names


def _first_record_width(path: Path, encoding: str) -> int:
    with path.open("rb") as fh:
        head = fh.read(1 << 20)
    text, _ = decode_reporting(head.removeprefix(BOM), detect(head, encoding).encoding)
    first = next(csv.reader(io.StringIO(text, newline="")), [])
    return len(first)
