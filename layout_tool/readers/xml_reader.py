"""The XML reader (``xml.reader.XmlSource``) behind the reader protocol, and XML recognition.

A document has a section per file element, its columns the file's items in spec order. A
document read without an area is read as the bundled area whose root element it has.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from layout_tool.errors import LayoutToolError
from layout_tool.findings import Finding
from layout_tool.io.inputs import shown
from layout_tool.readers.protocol import Format, Hasher, ReadOptions, Recognised, Section
from layout_tool.spec.model import AreaSpec
from layout_tool.xml.prolog import read_head
from layout_tool.xml.reader import XmlSource
from layout_tool.xml.shape import Shape

SUFFIXES = frozenset({".xml"})


class XmlReader:
    format = "xml"

    def __init__(self, path: Path, options: ReadOptions) -> None:
        area = options.area or area_of(path)
        if area is None:
            raise LayoutToolError(
                f"{shown(path)}: not an XML document of a bundled area; give --spec"
            )
        self.path = path
        self.label = options.label or shown(path)
        self.area = area
        self.source = XmlSource(
            area,
            path,
            label=self.label,
            file_id=options.file.id if options.file else None,
            shape=shape_of(area),
        )
        self.encoding: str | None = self.source.encoding
        self.detected_by: str | None = self.source.detected_by
        self.size = self.source.size
        self.findings: list[Finding] = self.source.findings  # the same lists, filled as read
        self.notes: list[str] = self.source.notes

    @property
    def sha256(self) -> str | None:
        return self.source.sha256

    @property
    def stopped(self) -> bool:
        """Reading ended early (a DTD, a foreign root, text that is not well-formed)."""
        return self.source.stopped

    def sections(self, digest: Hasher | None = None) -> Iterator[Section]:
        for section in self.source.sections():
            names = section.file.item_names
            positions = {name: i for i, name in enumerate(names)}
            yield Section(section.file, positions, names, names, section.batches, section.line)


def recognise(spec: AreaSpec, path: Path, encoding: str = "auto") -> Recognised:
    """The standard file a document holds (its first file element), if it is one; or why it
    is refused before reading (a DTD, a foreign root, not well-formed). The document is read
    anyway by commands that report its structure (``validate``)."""
    head = read_head(path, shape_of(spec))
    if head.problem is not None:
        return Recognised(None, head.problem, read_anyway=True)
    files = ", ".join(f.id for f in spec.files)
    if head.first is None:
        return Recognised(
            None,
            f"no file element ({files}) at the start of the document: it is empty, cut short,"
            " not XML, or not well-formed (`layout-tool validate` lists the problems)",
            read_anyway=True,
        )
    local = etree.QName(head.first.tag).localname
    found = next((f for f in spec.files if f.id == local), None)
    if found is None:
        why = f"its first element <{local}> is not a file of area {spec.id} ({files})"
        return Recognised(None, why, read_anyway=True)
    return Recognised(found, read_anyway=True)


def area_of(path: Path) -> AreaSpec | None:
    """The bundled area whose root element (name and namespace) the document has."""
    from layout_tool.spec.catalogue import catalogue  # every area: only when not given

    for entry in catalogue():
        if entry.spec is None:
            continue
        head = read_head(path, shape_of(entry.spec))
        if head.root is not None and head.problem is None:
            return entry.spec
    return None


_SHAPES: dict[int, tuple[AreaSpec, Shape]] = {}


def shape_of(area: AreaSpec) -> Shape:
    """The area's document shape, made once per area (its record schemas compile lazily)."""
    kept = _SHAPES.get(id(area))
    if kept is None or kept[0] is not area:
        if len(_SHAPES) > 16:
            _SHAPES.clear()
        kept = _SHAPES[id(area)] = (area, Shape(area))
    return kept[1]


FORMAT = Format("xml", SUFFIXES, XmlReader, recognise, sniffed=False)
