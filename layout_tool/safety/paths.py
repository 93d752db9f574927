"""Paths: output names from mappings and specs are plain names, and outputs never overlap
inputs (no run replaces or deletes a file it reads)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from layout_tool.errors import LayoutToolError
from layout_tool.i18n import Msg

_BAD_CHARS = set('/\\:*?"<>|') | {chr(c) for c in range(32)} | {"\x7f"}


def plain_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be an output file name (None when it can)."""
    if name in ("", ".", ".."):
        return "is empty or a folder reference"
    if name != name.strip() or name.endswith("."):
        return "starts or ends with a space, or ends with a dot"
    bad = sorted({ch for ch in name if ch in _BAD_CHARS})
    if bad:
        return "holds " + " ".join(repr(ch) for ch in bad) + " (a plain file name has no folders)"
    if os.path.isabs(name) or ".." in Path(name).parts:
        return "is a path, not a plain file name"
    return None


def check_plain_name(name: str, what: str) -> None:
    problem = plain_name_problem(name)
    if problem is not None:
        raise LayoutToolError(f"{what} {name!r} {problem}")


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def check_no_overlap(inputs: Iterable[Path], output: Path, folder: bool) -> None:
    """Refuse a run whose output could replace one of its inputs.

    An output file may not be an input file nor lie in an input folder (it would be read
    as an input next time); an output folder may not be an input folder nor hold an input
    file. Symlinks are followed, so a link cannot sneak around this.
    """
    real_out = _real(output)
    for shown in inputs:
        real_in = _real(shown)
        if real_out == real_in:
            kind = Msg("output.folder" if folder else "output.file")
            raise LayoutToolError(Msg("output.is-input", output=output, input=shown, kind=kind))
        if not folder and real_in.is_dir() and real_out.parent == real_in:
            raise LayoutToolError(Msg("output.in-input", output=output, input=shown))
        if folder and real_in.parent == real_out and not real_in.is_dir():
            raise LayoutToolError(Msg("output.holds-input", output=output, input=shown))
