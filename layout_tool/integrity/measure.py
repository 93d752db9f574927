"""What a handover folder holds: per file its bytes, SHA-256, record count and encoding.

Records are counted with the readers ``validate`` uses (``readers.registry``: records, not
lines, so a quoted line break does not make a new record; an XML document's レコード in all
its file elements), streaming in batches, so a manifest and a validation report always
agree on a file's row count.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from layout_tool.io.inputs import refusal, shown
from layout_tool.progress import Progress
from layout_tool.readers.inputs import COUNT_SHEET_NAMES, MANIFEST_NAME, find, identify
from layout_tool.readers.protocol import ReadOptions
from layout_tool.readers.registry import by_suffix, open_reader
from layout_tool.spec.model import AreaSpec, FileSpec

__all__ = ["COUNT_SHEET_NAMES", "MANIFEST_NAME", "Measured", "identify", "listed_files", "measure"]

_HASH_BLOCK = 1 << 20


@dataclass(frozen=True)
class Measured:
    """One file found in the folder. ``rows`` is None for files that are not data."""

    path: str  # relative to the folder, with / separators
    label: str  # the path as shown in reports
    bytes: int
    sha256: str
    rows: int | None = None
    encoding: str | None = None
    detected_by: str | None = None
    area: str | None = None
    file_spec: FileSpec | None = None

    @property
    def file_id(self) -> str | None:
        return self.file_spec.id if self.file_spec else None


def listed_files(
    folder: Path, skip: frozenset[Path] = frozenset(), notes: list[str] | None = None
) -> list[Path]:
    """Every regular file below ``folder`` in a stable order, by the rules every command
    shares (``readers.inputs``): without hidden files and folders, half-written temporary
    files, the manifest and count sheets; links out of the folder, FIFOs and devices are
    left out with a note in ``notes``."""
    found = find([folder], suffixes=None, skip=skip, recursive=True)
    if notes is not None:
        notes += found.notes
    return [entry.path for entry in found.entries]


def relative(folder: Path, path: Path) -> str:
    """The path below ``folder`` with / separators; bytes that are not UTF-8 escaped."""
    return shown(path.relative_to(folder).as_posix())


def is_data(path: Path) -> bool:
    """Whether a reader takes the file by its suffix (CSV-like or XML)."""
    return by_suffix(path) is not None


def measure(
    folder: Path,
    path: Path,
    spec: AreaSpec | None = None,
    encoding: str = "auto",
    has_header: bool = True,
    progress: Progress | None = None,
) -> Measured:
    """Hash every file; for CSV data files also count records and name the encoding."""
    rel = relative(folder, path)
    label = shown(path)
    if progress is not None:
        progress(label, 0)  # every file counts for n/N and the bytes done, data or not
    form = by_suffix(path)
    if form is None or (form.sniffed and refusal(path) is not None):  # not data, or no text
        return Measured(rel, label, path.stat().st_size, _sha256(path))
    area, fspec = identify(path, spec, encoding)
    if form.name == "xml" and area is None:  # a document of no known area: no records
        return Measured(rel, label, path.stat().st_size, _sha256(path))
    pinned = fspec if form.name != "xml" else None
    options = ReadOptions(
        encoding=encoding, has_header=has_header, area=area or spec, file=pinned, label=label
    )
    reader = open_reader(path, options, form.name)
    rows = 0
    for section in reader.sections():
        for batch in section.batches:
            rows += batch.records
            if progress is not None:
                progress(label, rows)
    return Measured(
        rel,
        label,
        reader.size,
        reader.sha256 or _sha256(path),
        rows=rows,
        encoding=reader.encoding,
        detected_by=reader.detected_by,
        area=area.id if area else None,
        file_spec=fspec,
    )


def measure_folder(
    folder: Path,
    spec: AreaSpec | None = None,
    encoding: str = "auto",
    has_header: bool = True,
    progress: Progress | None = None,
    skip: frozenset[Path] = frozenset(),
    notes: list[str] | None = None,
) -> Iterator[Measured]:
    paths = listed_files(folder, skip, notes)
    for n, path in enumerate(paths, start=1):
        yield measure(folder, path, spec, encoding, has_header, _counting(progress, n, len(paths)))


def _counting(progress: Progress | None, n: int, total: int) -> Progress | None:
    """Progress per file; the bar itself shows the file's place in the folder (n/N)."""
    return progress


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(_HASH_BLOCK):
            digest.update(block)
    return digest.hexdigest()
