"""Finding the input files, once for every command that reads data.

Folders are expanded one level; each entry is either kept or skipped with a note that says
why (a dangling link, a link out of the folder, a FIFO or device, the same file given
twice). Files that are not text at all (workbooks, archives, PDF, binary) are recognised by
their first bytes, so that no command reads a zip as CSV. File names that are not valid
UTF-8 (CP932 names from a Windows zip) are shown with their bytes escaped.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from layout_tool.errors import LayoutToolError
from layout_tool.i18n import Msg, t

SNIFF_BYTES = 8 << 10

# (magic bytes, kind); a zip is told apart from an xlsx by the names inside it.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "xls"),
    (b"%PDF-", "pdf"),
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"Rar!\x1a\x07", "rar"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)

REFUSALS: dict[str, Msg] = {
    "xlsx": Msg("refuse.xlsx"),
    "xls": Msg("refuse.xls"),
    "zip": Msg("refuse.zip"),
    "gzip": Msg("refuse.gzip"),
    "7z": Msg("refuse.7z"),
    "rar": Msg("refuse.rar"),
    "pdf": Msg("refuse.pdf"),
    "utf-16": Msg("refuse.utf-16"),
    "binary": Msg("refuse.binary"),
}
"""Why a file of each kind is not read, said in the language of the run."""


def sniff(head: bytes) -> str | None:
    """The kind of a non-text file from its first bytes, or None for text."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            if kind == "zip" and (b"[Content_Types].xml" in head or b"xl/" in head):
                return "xlsx"
            return kind
    sample = head[:SNIFF_BYTES]
    # An embedded NUL in a CSV is a row-shape finding; a file full of them is not text.
    if sample and sample.count(0) * 20 > len(sample):
        return "binary"
    return None


def refusal(path: Path) -> str | None:
    """Why ``path`` is not a data file to read as text (None: it may be)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError as exc:
        return t("path.unreadable", why=exc.strerror or exc)
    kind = sniff(head)
    return None if kind is None else REFUSALS[kind].render()


def shown(path: Path | str) -> str:
    """The path as text that any report can hold: bytes that are not UTF-8 escaped (\\xff)."""
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", errors="backslashreplace")
    return text


@dataclass(frozen=True)
class Found:
    path: Path
    explicit: bool  # named on the command line (not found in a folder)
    folder: Path | None = None


@dataclass
class Discovered:
    files: list[Found] = field(default_factory=list)
    others: list[Path] = field(default_factory=list)  # regular files of other suffixes
    notes: list[str] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)


def discover(
    paths: list[Path],
    suffixes: set[str] | frozenset[str] | None,
    skip: Callable[[str], bool] = lambda name: False,
    recursive: bool = False,
) -> Discovered:
    """Every input file: given ones, and the regular files with ``suffixes`` in given folders
    (``None``: of any suffix); ``recursive``: in their subfolders too (not hidden ones, and
    not through links, which stay inside the given folder).

    A path that does not exist, or names something that is not a regular file, is a usage
    error; inside a folder such entries are skipped with a note.
    """
    out = Discovered()
    seen: dict[str, str] = {}

    def add(path: Path, explicit: bool, folder: Path | None) -> None:
        key = os.path.realpath(path)
        if key in seen:
            out.notes.append(f"{shown(path)}: {t('path.same-file', other=seen[key])}")
            return
        seen[key] = shown(path)
        out.files.append(Found(path, explicit, folder))

    for path in paths:
        if path.is_dir():
            out.folders.append(path)
            for child in _children(path, out.notes, recursive, skip):
                if (suffixes is not None and child.suffix.lower() not in suffixes) or skip(
                    child.name
                ):
                    if not child.name.startswith("."):
                        out.others.append(child)
                    continue
                add(child, False, path)
            continue
        why = _not_regular(path)
        if why is not None:
            raise LayoutToolError(f"{shown(path)}: {why.render()}")
        add(path, True, None)
    return out


def _children(
    folder: Path,
    notes: list[str],
    recursive: bool = False,
    skip: Callable[[str], bool] = lambda name: False,
    root: str | None = None,
) -> list[Path]:
    """The regular files in ``folder`` (and below it, ``recursive``); anything else worth a
    word gets a note. Links must stay inside the folder first given (``root``)."""
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        said = t("path.cannot-list", why=exc.strerror or exc)
        raise LayoutToolError(f"{shown(folder)}: {said}") from None
    root = root or os.path.realpath(folder)
    out = []
    for child in entries:
        if child.is_symlink():
            target = os.path.realpath(child)
            if not os.path.exists(target):
                notes.append(f"{shown(child)}: {t('path.skipped', why=Msg('path.dangling'))}")
                continue
            if os.path.commonpath([root, target]) != root:
                notes.append(f"{shown(child)}: {t('path.skipped', why=Msg('path.link-out'))}")
                continue
        odd = _not_regular(child)
        if odd == FOLDER:
            if recursive and not child.is_symlink() and not skip(child.name):
                out += _children(child, notes, recursive, skip, root)
            continue
        if odd is not None:
            notes.append(f"{shown(child)}: {t('path.skipped', why=odd)}")
            continue
        out.append(child)
    return out


FOLDER = Msg("path.folder")


def _not_regular(path: Path) -> Msg | None:
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            return Msg("path.dangling")
        return Msg("path.none")
    except OSError as exc:
        return Msg("path.unreadable", why=exc.strerror or str(exc))
    if stat.S_ISDIR(mode):
        return FOLDER
    if stat.S_ISFIFO(mode):
        return Msg("path.fifo")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Msg("path.device")
    if not stat.S_ISREG(mode):
        return Msg("path.irregular")
    return None
