"""The fixed-width CP932 reader (``io.fixedwidth``) behind the reader protocol.

Fixed-width files have no suffix of their own and no header: a mapping's source declares
the form and the layout (``ReadOptions.layout``), and files are recognised by name only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from layout_tool.errors import LayoutToolError
from layout_tool.findings import Finding
from layout_tool.io.batch import Batch
from layout_tool.io.fixedwidth import BATCH_BYTES, FixedWidthSource, Layout
from layout_tool.io.inputs import shown
from layout_tool.readers.protocol import (
    Format,
    Hasher,
    ReadOptions,
    Recognised,
    Section,
    file_by_name,
)
from layout_tool.spec.model import AreaSpec

SUFFIXES = frozenset({".fix", ".prn"})


class FixedReader:
    format = "fixed"

    def __init__(self, path: Path, options: ReadOptions) -> None:
        if not isinstance(options.layout, Layout):
            raise LayoutToolError(f"{shown(path)}: a fixed-width file needs its layout")
        if options.encoding not in ("auto", "cp932"):
            raise LayoutToolError(
                f"{shown(path)}: fixed-width sources are cp932, not {options.encoding}"
            )
        self.path = path
        self.label = options.label or shown(path)
        self.file = options.file
        self.layout = options.layout
        self.source = FixedWidthSource(
            path,
            options.layout,
            label=self.label,
            file_id=self.file.id if self.file else None,
            batch_bytes=options.batch_bytes or BATCH_BYTES,
        )
        self.encoding: str | None = "cp932"
        self.detected_by: str | None = "declared"
        self.size = self.source.size
        self.findings: list[Finding] = []
        self.notes: list[str] = []
        self.hashed = options.hashed
        self._sha256: str | None = None

    @property
    def sha256(self) -> str | None:
        return self._sha256

    def sections(self, digest: Hasher | None = None) -> Iterator[Section]:
        labels = [f.name for f in self.layout.fields]
        if self.file is not None:
            names = [n if self.file.has_item(n) else "" for n in labels]
        else:
            names = labels
        positions = {n: i for i, n in enumerate(names) if n}
        yield Section(self.file, positions, names, labels, self._batches(digest))

    def _batches(self, given: Hasher | None) -> Iterator[Batch]:
        own = hashlib.sha256() if self.hashed and given is None else None
        digest = given if given is not None else own
        yield from self.source.batches(digest)
        if own is not None:
            self._sha256 = own.hexdigest()


def recognise(spec: AreaSpec, path: Path, encoding: str = "cp932") -> Recognised:
    return Recognised(file_by_name(spec, path))


FORMAT = Format("fixed", SUFFIXES, FixedReader, recognise, by_suffix=False)
