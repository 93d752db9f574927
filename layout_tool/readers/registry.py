"""The forms of input layout-tool reads, and the one way to open a reader for a file.

A new form of input is a reader module (a class with ``sections()`` and a ``FORMAT``
declaration, see ``protocol``) and one line in ``FORMATS`` below.
"""

from __future__ import annotations

from pathlib import Path

from layout_tool.errors import LayoutToolError
from layout_tool.readers import csv_reader, fixed_reader, xml_reader
from layout_tool.readers.protocol import Format, Reader, ReadOptions

FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        csv_reader.FORMAT,
        xml_reader.FORMAT,
        fixed_reader.FORMAT,
    )
}


def by_suffix(path: Path) -> Format | None:
    """The form a file found in a folder is read in, by its suffix (None: not data)."""
    suffix = path.suffix.lower()
    return next((f for f in FORMATS.values() if f.by_suffix and suffix in f.suffixes), None)


def format_named(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        raise LayoutToolError(f"unknown input form {name!r} ({', '.join(FORMATS)})") from None


def data_suffixes() -> frozenset[str]:
    """Every suffix a data file found in a folder may have."""
    return frozenset(s for f in FORMATS.values() if f.by_suffix for s in f.suffixes)


def suffixes_of(*names: str) -> frozenset[str]:
    """The suffixes of the forms named (files a mapping's sources may have)."""
    return frozenset(s for n in names for s in format_named(n).suffixes)


def open_reader(path: Path, options: ReadOptions, form: str | None = None) -> Reader:
    """A reader for ``path``: in the form named, else the one its suffix says (else CSV)."""
    fmt = format_named(form) if form is not None else by_suffix(path) or FORMATS["csv"]
    return fmt.open(path, options)
