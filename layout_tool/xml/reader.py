"""Read a document of the XML form as record batches, the shape every checker consumes.

    source = XmlSource(spec, path)
    for section in source.sections():          # one per file element (移行ファイル)
        for batch in section.batches:          # __row + c0..c{n-1}, items in spec order
            ...
    source.findings, source.notes, source.lines  # document-level findings, record lines

A batch frame holds one row per レコード, numbered from 1 within its file element, with one
String column per item of the file in spec order (``c<k>`` = the k-th item): the element's
text, or null when the element is absent or empty. Structure problems of a record come with
the batch as ``xsd`` findings located by row, line and XPath; value checks are the engine's.

Large UTF-8 documents are read by several processes at once (``segments``); the result is
the same as one sequential pass, which is what every other document gets.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from layout_tool.findings import Finding
from layout_tool.i18n import Msg
from layout_tool.io.batch import ROW, Batch
from layout_tool.spec.model import AreaSpec, FileSpec
from layout_tool.xml import segments, stream
from layout_tool.xml.feed import Feed
from layout_tool.xml.lines import LineStore
from layout_tool.xml.parts import (
    BATCH_RECORDS,
    Context,
    EndPart,
    FilePart,
    NotePart,
    Part,
    RecordsPart,
)
from layout_tool.xml.prolog import DTD_MESSAGE, Head, read_head
from layout_tool.xml.shape import Shape
from layout_tool.xml.xsd import RECORD, ROOT


@dataclass
class Section:
    """One file element: its records as batches (consume them before the next section)."""

    file: FileSpec
    line: int | None
    batches: Iterator[Batch]


class _Pushback:
    def __init__(self, parts: Iterator[Part]) -> None:
        self.parts = parts
        self.back: list[Part] = []

    def __iter__(self) -> Iterator[Part]:
        return self

    def __next__(self) -> Part:
        return self.back.pop() if self.back else next(self.parts)

    def push(self, part: Part) -> None:
        self.back.append(part)


class XmlSource:
    """One XML document of an area: its head, then its sections of record batches."""

    def __init__(
        self,
        spec: AreaSpec,
        path: Path,
        *,
        label: str | None = None,
        file_id: str | None = None,
        batch_records: int = BATCH_RECORDS,
        workers: int | None = None,
        shape: Shape | None = None,
    ) -> None:
        self.spec = spec
        self.path = path
        self.label = label or str(path)
        self.select = file_id
        self.batch_records = batch_records
        self.workers = workers
        self.shape = shape or Shape(spec)
        self.size = path.stat().st_size
        self.head: Head = read_head(path, self.shape)
        self.encoding = self.head.encoding
        self.detected_by = self.head.detected_by
        self.findings: list[Finding] = []
        self.notes: list[str] = []
        self.lines: dict[str, LineStore] = {}  # bounded: spilled to disk past a chunk
        self.rows: dict[str, int] = {}
        self.sha256: str | None = None
        self.stopped = False  # reading ended early (DTD, foreign root, not well-formed)

    # -- parts --------------------------------------------------------------------------------
    def parts(self) -> Iterator[Part]:
        """The document's parts in order, from one pass or from parallel segments."""
        if self.head.problem is not None:
            xpath = f"/{ROOT}" if self.head.line is not None else None
            self.findings.append(
                Finding(
                    "xsd", "error",
                    Msg("xsd.dtd") if self.head.problem == DTD_MESSAGE else self.head.problem,
                    file=self.label, line=self.head.line, xpath=xpath,
                )
            )  # fmt: skip
            self.stopped = True
            self.sha256 = hash_file(self.path)
            return
        digest = hashlib.sha256()
        bounds = segments.plan(self, self.workers)
        if bounds is not None:
            yield from segments.run(self, bounds, digest)
        else:
            feed = Feed(self.path, digest=digest)
            try:
                ctx = Context(self.label, select=self.select, batch=self.batch_records)
                yield from stream.run(self.shape, feed, ctx)
            finally:
                feed.drain()
                feed.close()
        self.sha256 = digest.hexdigest()

    # -- sections -------------------------------------------------------------------------------
    def sections(self) -> Iterator[Section]:
        parts = _Pushback(self.parts())
        for part in parts:
            if isinstance(part, FilePart):
                if part.file_id is None:
                    continue
                section = Section(
                    self.spec.file(part.file_id), part.line, self._batches(parts, part.file_id)
                )
                yield section
                for _ in section.batches:  # whatever the consumer left
                    pass
            elif isinstance(part, RecordsPart):  # pragma: no cover - a FilePart comes first
                parts.push(part)
                yield Section(
                    self.spec.file(part.file_id), None, self._batches(parts, part.file_id)
                )
            else:
                self._take(part)

    def _batches(self, parts: _Pushback, file_id: str) -> Iterator[Batch]:
        for part in parts:
            if isinstance(part, RecordsPart) and part.file_id == file_id:
                yield self._batch(part)
            elif isinstance(part, NotePart):
                self._take(part)
            else:
                parts.push(part)
                return

    def _take(self, part: Part) -> None:
        if isinstance(part, NotePart):
            self.findings += part.findings
            self.notes += part.notes
        elif isinstance(part, EndPart) and part.stopped:
            self.stopped = True

    def _batch(self, part: RecordsPart) -> Batch:
        file_id = part.file_id
        frame = part.frame.with_row_index(ROW, offset=part.first_row)
        findings = []
        for p in part.problems:
            row = part.first_row + p.index
            findings.append(
                Finding(
                    "xsd",
                    "error",
                    p.message,
                    file=self.label,
                    file_id=file_id,
                    row=row,
                    item=p.item,
                    column=p.column,
                    line=p.line,
                    xpath=f"/{ROOT}/{file_id}/{RECORD}[{row}]{p.path}",
                )
            )
        self.lines.setdefault(file_id, LineStore()).extend(part.lines)
        self.rows[file_id] = part.first_row + frame.height - 1
        return Batch(frame=frame, findings=findings, records=frame.height)


def hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(8 << 20):
            digest.update(block)
    return digest.hexdigest()
