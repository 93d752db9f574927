"""The XML form of the standard files in a mapped conversion.

``convert --mapping M --to xml`` writes each standard file as an XML document (the same
writer as ``convert --spec``: streaming, escaped, re-read and compared before it is renamed
into place); ``convert --mapping M --reverse`` reads XML documents as well as CSV files
(streaming, with cleared elements; ``xsd`` findings reject their rows).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import polars as pl

from layout_tool.findings import Finding
from layout_tool.i18n import Msg
from layout_tool.io.csvsource import Batch, col
from layout_tool.mapping.model import Target
from layout_tool.readers.protocol import ReadOptions
from layout_tool.readers.registry import open_reader
from layout_tool.readers.xml_reader import XmlReader
from layout_tool.spec.model import AreaSpec, FileSpec
from layout_tool.xml.writer import XmlWriter, recheck

XML_ONLY_BAD = "[\ufffe\uffff]"
"""Characters that no item check refuses but XML 1.0 cannot carry (control characters are
refused by every type already), so an XML output checks for them as ``type`` findings."""


class XmlStandardReader:
    """A standard XML document for ``--reverse``: batches have ``__s<k>`` per item."""

    def __init__(self, area: AreaSpec, target: Target, path: Path) -> None:
        self.target = target
        self.path = path
        options = ReadOptions(area=area, file=target.file, label=str(path))
        reader = open_reader(path, options, "xml")
        assert isinstance(reader, XmlReader)
        self.reader = reader
        self.encoding, self.detected_by = self.reader.encoding, self.reader.detected_by

    @property
    def sha256(self) -> str | None:
        return self.reader.sha256

    @property
    def stopped(self) -> bool:
        """The document could not be read to its end (cut short, not well-formed)."""
        return self.reader.stopped

    def batches(self, digest: object = None) -> Iterator[Batch]:
        """The document's records (the reader hashes the file itself: see ``sha256``)."""
        names = {col(k): f"__s{k}" for k in range(len(self.target.file.items))}
        for section in self.reader.sections():
            if section.file is None or section.file.id != self.target.file.id:
                continue
            for batch in section.batches:
                frame = batch.frame.rename(names)
                yield Batch(frame=frame, findings=batch.findings, records=batch.records)

    def leftovers(self) -> tuple[list[Finding], list[str]]:
        """Findings and notes about the document as a whole, after the batches; a document
        that could not be read to its end is a finding of its own."""
        findings = list(self.reader.findings)
        if self.reader.stopped and not any(f.severity == "error" for f in findings):
            findings.append(
                Finding("xsd", "error", Msg("xsd.stopped"), file=str(self.path))
            )  # pragma: no cover - a stop always comes with its finding
        return findings, list(self.reader.notes)


class XmlStandardWriter:
    """One standard file as an XML document, checked when it is complete."""

    def __init__(self, fh: BinaryIO, area: AreaSpec, fspec: FileSpec, tmp: Path) -> None:
        self.fh = fh
        self.area = area
        self.fspec = fspec
        self.tmp = tmp
        self.xml = XmlWriter(fh, area, fspec)

    def write(self, frame: pl.DataFrame) -> None:
        unwritable = self.xml.write(frame)
        if unwritable.height:  # pragma: no cover - the plan rejects such rows first
            raise RuntimeError(f"{self.tmp}: {unwritable.height} rows XML cannot carry")

    def close(self) -> None:
        """End the document and read it back (any difference is a bug, not bad data)."""
        self.xml.close()
        self.fh.flush()
        recheck(self.area, self.fspec, self.tmp, self.xml.checksum)
