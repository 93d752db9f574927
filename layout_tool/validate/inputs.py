"""Which file of the area each input is: by name first, then by header."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from layout_tool.errors import LayoutToolError
from layout_tool.io.encoding import BOM, decode_reporting, detect
from layout_tool.spec.model import AreaSpec, FileSpec

DATA_SUFFIXES = {".csv", ".txt", ".tsv", ".dat"}
IGNORED_NAMES = {"faults.csv", "件数表.csv", "counts.csv"}


@dataclass(frozen=True)
class Input:
    path: Path
    spec: FileSpec | None  # None: not recognised


def resolve(spec: AreaSpec, paths: list[Path], file_id: str | None, encoding: str) -> list[Input]:
    """Expand folders and recognise every file; unreadable paths are a usage error."""
    out: list[Input] = []
    if file_id is not None:
        spec.file(file_id)  # an unknown file id is a usage error even for folder inputs
    for path in paths:
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if child.is_file() and child.suffix.lower() in DATA_SUFFIXES:
                    if child.name in IGNORED_NAMES:
                        continue
                    out.append(Input(child, recognise(spec, child, encoding)))
        elif path.is_file():
            found = spec.file(file_id) if file_id else recognise(spec, path, encoding)
            if found is None:
                names = ", ".join(f.id for f in spec.files)
                raise LayoutToolError(
                    f"{path}: cannot tell which file of {spec.id} this is ({names}); use --file"
                )
            out.append(Input(path, found))
        else:
            raise LayoutToolError(f"{path}: no such file or folder")
    if not out:
        raise LayoutToolError("no data files found in the inputs")
    return out


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


def _header(path: Path, encoding: str) -> list[str]:
    try:
        with path.open("rb") as fh:
            head = fh.read(64 << 10)
    except OSError:
        return []
    enc = detect(head, encoding).encoding
    text, _ = decode_reporting(head.removeprefix(BOM).split(b"\n", 1)[0], enc)
    rows = list(csv.reader(io.StringIO(text)))
    return [c.strip() for c in rows[0]] if rows else []
