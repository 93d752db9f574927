"""``validate`` on XML documents: the CSV engine's checks, plus the document's structure.

Each file element of a document goes through ``check_batches`` like a CSV file, so check
digits, dates, codes, keys, references, rules and 外字 are judged by the same code. The
reader adds ``xsd`` findings for the structure (elements unknown, missing, misordered or
repeated, text or children where none belong, a foreign root or namespace, a DTD, text
that is not well-formed). Every finding on a record gets its line and XPath, including the
engine's, which know only the row: ``Locator.apply`` fills them in at the end.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from layout_tool.checks import crossfile
from layout_tool.i18n import Msg
from layout_tool.io.inputs import shown
from layout_tool.report.finding import Finding
from layout_tool.report.report import FileResult, Report
from layout_tool.spec.model import AreaSpec
from layout_tool.validate.inputs import DATA_SUFFIXES
from layout_tool.xml.reader import XmlSource
from layout_tool.xml.shape import Shape
from layout_tool.xml.xsd import RECORD, ROOT, item_element_names

if TYPE_CHECKING:
    from layout_tool.validate.engine import Options

from layout_tool.progress import Progress

XML_SUFFIXES = {".xml"}


def split_inputs(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """XML documents (given, or found in given folders) apart from everything else.

    A folder stays among the others when it also holds CSV-like files (or nothing XML), so
    the CSV side still sees it and still says when a folder holds no data at all.
    """
    xml: list[Path] = []
    other: list[Path] = []
    for path in paths:
        if path.is_file() and path.suffix.lower() in XML_SUFFIXES:
            xml.append(path)
        elif path.is_dir():
            children = sorted(c for c in path.iterdir() if c.is_file())
            found = [c for c in children if c.suffix.lower() in XML_SUFFIXES]
            xml += found
            if not found or any(c.suffix.lower() in DATA_SUFFIXES for c in children):
                other.append(path)
        else:
            other.append(path)
    return xml, other


@dataclass
class Locator:
    """Row → line of every record read, to locate findings that know only their row."""

    spec: AreaSpec
    lines: dict[tuple[str, str], array[int]] = field(default_factory=dict)

    def apply(self, report: Report) -> None:
        names = {f.id: item_element_names(f) for f in self.spec.files}
        report.findings[:] = [self._locate(f, names) for f in report.findings]
        for examples in report.examples.values():
            examples[:] = [self._locate(f, names) for f in examples]

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
    from layout_tool.validate.engine import check_batches  # (the engine imports this module)

    locator = Locator(spec)
    if options.file_id is not None:
        spec.file(options.file_id)  # an unknown file id is a usage error
    shape = Shape(spec)
    for path in paths:
        label = shown(path)
        source = XmlSource(spec, path, label=label, file_id=options.file_id, shape=shape)
        results: list[FileResult] = []
        for section in source.sections():
            fspec = section.file
            got = collected.setdefault(fspec.id, crossfile.Collected(label))
            result = FileResult(
                label, fspec.id, encoding=source.encoding, detected_by=source.detected_by
            )
            result.bytes = source.size
            report.files.append(result)
            results.append(result)
            positions = {item.name: i for i, item in enumerate(fspec.items)}
            result.rows = check_batches(
                spec, fspec, label, section.batches, positions, report, got, progress, options.chars
            )
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
