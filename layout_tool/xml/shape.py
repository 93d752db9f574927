"""What the XML reader knows about one area's documents: tags, item columns, record schemas.

Every record is checked against a *structure schema* derived from ``build_xsd``: the same
record content model (element names, order, which items must be present), with every item
typed ``xs:string``. Value facets (character classes, 桁数, patterns, code lists, date
shapes) are not repeated here: the semantic engine checks the same rules and reports each
with its precise code (``type``, ``length``, ``code``, ``date``, ``required``), so a bad
value is reported once, not twice. docs/xml.md explains the split; the differential tests
check that whatever the full XSD rejects, ``validate`` reports.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol, cast

from lxml import etree

from layout_tool.spec.model import AreaSpec, FileSpec, Item
from layout_tool.xml.xsd import RECORD, ROOT, XS, build_xsd, item_element_names, namespace

# Safe parsing: no entity expansion, no DTD or network loading, libxml2's depth and
# text-size limits kept (huge_tree=False), comments and processing instructions dropped.
SAFE_PARSER: dict[str, bool] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def events(
    source: Readable, kinds: tuple[str, ...], tags: list[str]
) -> Iterator[tuple[str, etree._Element]]:
    """``iterparse`` with the safe options (typed: lxml-stubs know neither)."""
    parse: Any = etree.iterparse
    return cast(
        Iterator[tuple[str, etree._Element]],
        parse(source, events=kinds, tag=tags, **SAFE_PARSER),
    )


UNKNOWN_LINE = 65535  # libxml2 stores element lines in 16 bits: this one means "or later"


def line_of(element: etree._Element) -> int | None:
    """The element's line, or None where libxml2 cannot tell (see ``UNKNOWN_LINE``).

    Past line 65535 libxml2 finds an element's line through the text it holds, so a record
    whose first items are empty may have none; segments keep their own lines small.
    """
    line: object = element.sourceline
    if not isinstance(line, int) or line <= 0 or line == UNKNOWN_LINE:
        return None
    return line


def doctype_of(element: etree._Element) -> str:
    return str(getattr(element.getroottree().docinfo, "doctype", "") or "")


def clear(element: etree._Element) -> None:
    """Free an element's content, keeping its tail (the text after it) for later checks."""
    element.clear(keep_tail=True)  # type: ignore[call-arg]


_CLARK = re.compile(r"\{[^}]*\}")
_STEP = re.compile(r"(?:[^:/\[\]]+:)?([^/\[\]]+)(?:\[(\d+)\])?")
_VALUE_ERRORS = ("[facet '", "is not a valid value of")


@dataclass(frozen=True)
class FileShape:
    """One 移行ファイル's element and its items' elements, by column (spec order)."""

    spec: FileSpec
    tag: str
    columns: dict[str, int]  # item element tag (Clark notation) → column
    names: tuple[str, ...]  # item element local names by column

    def item_at(self, local: str) -> tuple[Item | None, int | None]:
        """The item (and its 1-based column) whose element has this local name."""
        for i, name in enumerate(self.names):
            if name == local:
                return self.spec.items[i], i + 1
        return None, None


@dataclass(frozen=True)
class Problem:
    """A structure problem of one record; ``index`` counts records within its batch."""

    index: int
    line: int | None
    item: str | None
    column: int | None
    path: str  # below the record: "" or "/氏名" …
    message: str


@dataclass
class Shape:
    """The area's document shape, with record schemas compiled on first use."""

    spec: AreaSpec
    ns: str = ""
    root_tag: str = ""
    record_tag: str = ""
    files: dict[str, FileShape] = field(default_factory=dict)  # by file element tag
    by_id: dict[str, FileShape] = field(default_factory=dict)
    _schemas: dict[str, etree.XMLSchema] = field(default_factory=dict)
    _xsd: etree._Element | None = None

    def __post_init__(self) -> None:
        self.ns = namespace(self.spec)
        self.root_tag = f"{{{self.ns}}}{ROOT}"
        self.record_tag = f"{{{self.ns}}}{RECORD}"
        for fspec in self.spec.files:
            names = item_element_names(fspec)
            local = tuple(names[item.name] for item in fspec.items)
            columns = {f"{{{self.ns}}}{name}": i for i, name in enumerate(local)}
            shape = FileShape(fspec, f"{{{self.ns}}}{fspec.id}", columns, local)
            self.files[shape.tag] = shape
            self.by_id[fspec.id] = shape

    def record_schema(self, file_id: str) -> etree.XMLSchema:
        """The structure schema whose global element is this file's レコード."""
        schema = self._schemas.get(file_id)
        if schema is None:
            schema = etree.XMLSchema(self._structure(file_id))
            self._schemas[file_id] = schema
        return schema

    def _structure(self, file_id: str) -> etree._Element:
        if self._xsd is None:
            self._xsd = etree.fromstring(build_xsd(self.spec))
        name = f"{file_id}-record"
        found = self._xsd.find(f"{{{XS}}}complexType[@name='{name}']")
        if found is None:  # pragma: no cover - build_xsd names every record type so
            raise RuntimeError(f"build_xsd has no complexType {name}")
        record = copy.deepcopy(found)
        for annotation in record.iter(f"{{{XS}}}annotation"):
            parent = annotation.getparent()
            if parent is not None:
                parent.remove(annotation)
        for element in record.iter(f"{{{XS}}}element"):
            element.set("type", "xs:string")
        schema = etree.Element(
            f"{{{XS}}}schema",
            {"targetNamespace": self.ns, "elementFormDefault": "qualified"},
            nsmap={"xs": XS, "t": self.ns},
        )
        schema.append(record)
        etree.SubElement(schema, f"{{{XS}}}element", name=RECORD, type=f"t:{name}")
        return schema

    def local(self, tag: object) -> str:
        """An element's name for messages: local name in our namespace, else ``{ns}name``."""
        text = str(tag)
        prefix = f"{{{self.ns}}}"
        return text[len(prefix) :] if text.startswith(prefix) else text


def clean(message: str) -> str:
    """A libxml2 message without namespace URIs (every element here is in ours)."""
    return _CLARK.sub("", message).strip()


def is_value_error(message: str) -> bool:
    """Facet and simple-type errors: values, which the engine reports with its own codes."""
    return any(marker in message for marker in _VALUE_ERRORS)


def record_problems(
    shape: Shape,
    file: FileShape,
    record: etree._Element,
    log: etree._ListErrorLog,
    index: int,
    line_shift: int,
) -> list[Problem]:
    """Map the structure schema's errors on one record to problems with item and path."""
    out: list[Problem] = []
    for entry in log:
        if is_value_error(entry.message):  # pragma: no cover - items are xs:string here
            continue
        node, path = _resolve(shape, record, entry.path or "")
        item, column = _item_of(shape, file, record, node)
        if "Expected is" in entry.message:
            missing = _expected(shape, file, record, entry.message)
            if missing[0] is not None or "Missing child" in entry.message:
                item, column = missing
        # the node's own line: libxml2's error lines stop at 65535
        found = (line_of(node) if node is not None else None) or line_of(record)
        line = found + line_shift if found else None
        out.append(
            Problem(index, line, item.name if item else None, column, path, clean(entry.message))
        )
    return out


def _item_of(
    shape: Shape, file: FileShape, record: etree._Element, node: etree._Element | None
) -> tuple[Item | None, int | None]:
    """The item whose element holds ``node`` (None for the record itself, or unknown)."""
    if node is None or node is record:
        return None, None
    below = node
    while (parent := below.getparent()) is not None and parent is not record:
        below = parent
    return file.item_at(shape.local(below.tag))


def _expected(
    shape: Shape, file: FileShape, record: etree._Element, message: str
) -> tuple[Item | None, int | None]:
    """From "Expected is (one of) ( a, b )": the first required item the record lacks;
    for "Missing child", else the first listed."""
    listed = re.search(r"Expected is (?:one of )?\(([^)]*)\)", message)
    if listed is None:
        return None, None
    present = {shape.local(child.tag) for child in record}
    found = [file.item_at(_CLARK.sub("", n).strip()) for n in listed.group(1).split(",")]
    for item, column in found:
        if item is not None and item.required and file.names[(column or 1) - 1] not in present:
            return item, column
    if "Missing child" in message:
        return next(((i, c) for i, c in found if i is not None), (None, None))
    return None, None


def _resolve(shape: Shape, record: etree._Element, path: str) -> tuple[etree._Element | None, str]:
    """Follow libxml2's node path (``/*/*[3]``, ``/t:r/t:b``) from the record down; return
    the node and a readable path below the record (``/氏名``, ``/方書/a``)."""
    steps = [s for s in path.split("/") if s][1:]
    node: etree._Element | None = record
    readable = ""
    for step in steps:
        match = _STEP.fullmatch(step)
        if node is None or match is None:
            return None, readable
        name, nth = match.group(1), int(match.group(2) or 1)
        children = [c for c in node if isinstance(c.tag, str)]
        if name != "*":
            children = [c for c in children if etree.QName(c).localname == name]
        if len(children) < nth:
            return None, readable
        node = children[nth - 1]
        local = shape.local(node.tag)
        same = [c for c in node.itersiblings(preceding=True) if c.tag == node.tag]
        readable += f"/{local}" + (f"[{len(same) + 1}]" if same else "")
    return node, readable
