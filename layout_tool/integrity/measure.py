"""What a handover folder holds: per file its bytes, SHA-256, record count and encoding.

Records are counted with the same CSV reader ``validate`` uses (records, not lines: a
quoted line break does not make a new record), streaming in batches, so a manifest and a
validation report always agree on a file's row count.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from layout_tool.io.csvsource import CsvSource
from layout_tool.io.inputs import shown
from layout_tool.progress import Progress
from layout_tool.spec.catalogue import catalogue
from layout_tool.spec.model import AreaSpec, FileSpec
from layout_tool.validate.inputs import DATA_SUFFIXES, IGNORED_NAMES, recognise

MANIFEST_NAME = "manifest.json"
COUNT_SHEET_NAMES = ("件数表.csv", "counts.csv")
# Files that describe the handover rather than belong to it.
SKIPPED_NAMES = frozenset({MANIFEST_NAME, *COUNT_SHEET_NAMES, *IGNORED_NAMES})
_HASH_BLOCK = 1 << 20


@dataclass(frozen=True)
class Measured:
    """One file found in the folder. ``rows`` is None for files that are not CSV data."""

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


def listed_files(folder: Path, skip: frozenset[Path] = frozenset()) -> list[Path]:
    """Every regular file below ``folder`` in a stable order, without hidden files,
    half-written temporary files, the manifest and count sheets."""
    out = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or path.name.endswith(".part"):
            continue
        if not path.is_file() or path.name in SKIPPED_NAMES or path.resolve() in skip:
            continue  # also FIFOs, devices and dangling links: not files
        if path.is_symlink() and not path.resolve().is_relative_to(folder.resolve()):
            continue  # a link out of the folder is not part of the handover
        out.append(path)
    return out


def relative(folder: Path, path: Path) -> str:
    """The path below ``folder`` with / separators; bytes that are not UTF-8 escaped."""
    return shown(path.relative_to(folder).as_posix())


def is_data(path: Path) -> bool:
    return path.suffix.lower() in DATA_SUFFIXES


def identify(
    path: Path, spec: AreaSpec | None, encoding: str
) -> tuple[AreaSpec | None, FileSpec | None]:
    """Which area and file a data file is: of ``spec``, or of any detailed area."""
    candidates = [spec] if spec is not None else [e.spec for e in catalogue() if e.spec]
    for area in candidates:
        if area is None:
            continue
        found = recognise(area, path, encoding)
        if found is not None:
            return area, found
    return None, None


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
    if not is_data(path):
        return Measured(rel, label, path.stat().st_size, _sha256(path))
    area, fspec = identify(path, spec, encoding)
    src = CsvSource(path, encoding=encoding, has_header=has_header, label=label)
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        digest.update(fh.read(src.data_start))
    ncols = max(len(src.header or []), len(fspec.items) if fspec else 0, 1)
    rows = 0
    for batch in src.batches(ncols, digest=digest):
        rows += batch.records
        if progress is not None:
            progress(label, rows)
    return Measured(
        rel,
        label,
        src.size,
        digest.hexdigest(),
        rows=rows,
        encoding=src.encoding,
        detected_by=src.detected.how,
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
) -> Iterator[Measured]:
    paths = listed_files(folder, skip)
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
