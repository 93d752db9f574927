"""``validate`` on XML documents: the CSV engine's checks, plus the document's structure.

Each file element of a document goes through ``check_batches`` like a CSV file, so check
digits, dates, codes, keys, references, rules and 外字 are judged by the same code. The
reader adds ``xsd`` findings for the structure (elements unknown, missing, misordered or
repeated, text or children where none belong, a foreign root or namespace, a DTD, text
that is not well-formed). Every finding on a record gets its line and XPath, including the
engine's, which know only the row: ``Locator.apply`` fills them in at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from layout_tool.checks import crossfile
from layout_tool.findings import Finding
from layout_tool.i18n import Msg
from layout_tool.io.inputs import shown
from layout_tool.progress import Progress
from layout_tool.readers.protocol import ReadOptions
from layout_tool.readers.registry import open_reader
from layout_tool.readers.xml_reader import XmlReader
from layout_tool.report.report import FileResult, Report
from layout_tool.spec.model import AreaSpec
from layout_tool.validate.engine import Options, check_batches
from layout_tool.xml.lines import LineStore
from layout_tool.xml.xsd import RECORD, ROOT, item_element_names


@dataclass
class Locator:
    """Row → line of every record read, to locate findings that know only their row.

    The lines are ``LineStore``s: a bounded chunk in memory, the rest on disk, read back only
    for the rows of the findings listed; ``apply`` closes them.
    """

    spec: AreaSpec
    lines: dict[tuple[str, str], LineStore] = field(default_factory=dict)

    def apply(self, report: Report) -> None:
        names = {f.id: item_element_names(f) for f in self.spec.files}
        try:
            report.findings[:] = [self._locate(f, names) for f in report.findings]
            for examples in report.examples.values():
                examples[:] = [self._locate(f, names) for f in examples]
        finally:
            for lines in self.lines.values():
                lines.close()
            self.lines.clear()

    def _locate(self, finding: Finding, names: dict[str, dict[str, str]]) -> Finding:
        if finding.line is not None or finding.row is None or finding.file_id is None:
            return finding
        lines = self.lines.get((finding.file or "", finding.file_id))
        if lines is None or not 0 < finding.row <= len(lines):
            return finding
        xpath = f"/{ROOT}/{finding.file_id}/{RECORD}[{finding.row}]"
        element = names.get(finding.file_id, {}).get(finding.item or "")
        if element is not None:
            xpath += f"/{element}"
        return replace(finding, line=lines[finding.row - 1] or None, xpath=xpath)


def check_documents(
    spec: AreaSpec,
    paths: list[Path],
    options: Options,
    report: Report,
    collected: dict[str, crossfile.Collected],
    progress: Progress | None = None,
) -> Locator:
    """Check XML documents into ``report``; cross-file material goes into ``collected``."""

    locator = Locator(spec)
    # an unknown file id is a usage error
    pinned = spec.file(options.file_id) if options.file_id is not None else None
    for path in paths:
        label = shown(path)
        reader = open_reader(path, ReadOptions(area=spec, file=pinned, label=label), "xml")
        assert isinstance(reader, XmlReader)
        source = reader.source
        results: list[FileResult] = []
        for section in reader.sections():
            fspec = section.file
            assert fspec is not None
            got = collected.setdefault(fspec.id, crossfile.Collected(label))
            if got.parts.get(got.part, got.label) != label:  # its CSV or another document first
                got.at_part(max(got.parts, default=0) + 1, label)
            result = FileResult(
                label, fspec.id, encoding=source.encoding, detected_by=source.detected_by
            )
            result.bytes = source.size
            report.files.append(result)
            results.append(result)
            result.rows = check_batches(
                spec, fspec, label, section.batches, section.positions, report, got, progress,
                options.chars,
            )  # fmt: skip
        if not results:
            result = FileResult(
                label, None, encoding=source.encoding, detected_by=source.detected_by
            )
            result.bytes = source.size
            report.files.append(result)
            results.append(result)
        for result in results:
            result.sha256 = source.sha256
        for finding in source.findings:
            report.add(finding)
        report.notes.extend(source.notes)
        if not source.stopped and not any(r.file_id for r in results):
            report.notes.append(Msg("note.no-file-element", label=label, area=spec.id))
        for file_id, lines in source.lines.items():
            locator.lines[(label, file_id)] = lines
    return locator
