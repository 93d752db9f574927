"""Output paths checked before any input is read: a run that cannot write its result
fails at once (exit 2, one line), not after an hour of validation."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from layout_tool.errors import LayoutToolError
from layout_tool.io.inputs import shown

EXTENSIONS = {"text": "txt", "json": "json", "csv": "csv", "html": "html", "xlsx": "xlsx"}


def report_path(path: Path, stem: str, fmt: str) -> Path:
    """Where a report goes: ``path``, or ``path/STEM.EXT`` when ``path`` is a folder.

    The folder (or the nearest existing one above the file) must take a new file.
    """
    if path.is_dir():
        path = path / f"{stem}.{EXTENSIONS.get(fmt, fmt)}"
    writable_file(path)
    return path


def writable_file(path: Path) -> None:
    """A file may be written (replaced atomically) at ``path``; else LayoutToolError."""
    if path.is_dir():
        raise LayoutToolError(f"{shown(path)}: is a folder; name a file to write")
    if path.exists() and not path.is_file():
        raise LayoutToolError(f"{shown(path)}: not a regular file; name a file to write")
    writable_folder(path.parent)


def writable_folder(folder: Path) -> None:
    """Files may be created in ``folder`` (made later if missing); else LayoutToolError."""
    probe = folder
    while not probe.exists():
        if probe.parent == probe:
            break
        probe = probe.parent
    if probe.exists() and not probe.is_dir():
        raise LayoutToolError(f"{shown(folder)}: {shown(probe)} is a file, not a folder")
    try:
        fd, name = tempfile.mkstemp(prefix=".layout-tool-probe-", dir=probe)
    except OSError as exc:
        why = exc.strerror or type(exc).__name__
        raise LayoutToolError(f"{shown(folder)}: cannot write there ({why})") from None
    os.close(fd)
    os.unlink(name)
