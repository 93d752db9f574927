"""One pass of libxml2 over (part of) a document: records in, batches of parts out.

``iterparse`` reports only the elements that make the document's frame (root, file
elements, レコード), so libxml2 builds each record's small tree in C and Python touches it
once: the record is checked against its structure schema (libxml2, with the document as
validation root faked, so no copy), its item texts become a row, and it is cleared and
unlinked with whatever came before it. Memory is one batch of rows, whatever the file size.

A pass may start in the middle of a document (see ``segments``): a synthetic prefix then
opens the root and the file element, and a synthetic suffix closes them. Lines are shifted
back to the file's own numbers.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Generator, Iterator

import polars as pl
from lxml import etree

from layout_tool.findings import Finding, Severity
from layout_tool.i18n import Msg, Text
from layout_tool.io.batch import col
from layout_tool.xml.parts import (
    Context,
    EndPart,
    FilePart,
    NotePart,
    Part,
    RecordsPart,
)
from layout_tool.xml.shape import (
    UNKNOWN_LINE,
    FileShape,
    Problem,
    Readable,
    Shape,
    clear,
    doctype_of,
    events,
    line_of,
    record_problems,
)
from layout_tool.xml.xsd import RECORD, ROOT

_AT = re.compile(r",? line \d+(, column \d+)?$")
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_PLAIN = {  # libxml2's safety limits, said without its advice to lift them
    "Excessive depth": "elements nested deeper than 256 levels (a safety limit)",
    "huge text node": "a text of more than 10,000,000 characters (a safety limit)",
}


def run(shape: Shape, source: Readable, ctx: Context) -> Iterator[Part]:
    """Parse ``source`` and yield its parts; always ends with an EndPart."""
    return _Pass(shape, ctx).parts(source)


class _Pass:
    def __init__(self, shape: Shape, ctx: Context) -> None:
        self.shape = shape
        self.ctx = ctx
        self.shift = ctx.line0 - 1
        self.root: etree._Element | None = None
        self.file: FileShape | None = None
        self.schema: etree.XMLSchema | None = None
        self.file_el: etree._Element | None = None
        self.reading = False  # the current file element's records are read
        self.starts = 0
        self.seen = list(ctx.seen)
        self.rows = 0
        self.first_row = 1
        self.pending: list[str | None] = []  # item texts, record after record
        self.count = 0  # records in ``pending``
        self.lines: array[int] = array("i")
        self.problems: list[Problem] = []
        self.notes = NotePart()
        self.stray: set[int] = set()

    # -- the loop --------------------------------------------------------------------------
    def parts(self, source: Readable) -> Iterator[Part]:
        shape = self.shape
        tags = [shape.root_tag, *shape.files, shape.record_tag]
        batch = self.ctx.batch
        try:
            for event, element in events(source, ("start", "end"), tags):
                tag = element.tag
                if tag == shape.record_tag:
                    if event == "end":
                        self._record(element)
                        if self.count >= batch:
                            yield from self._flush()
                elif tag == shape.root_tag:
                    if element.getparent() is None and not self._root(event, element):
                        yield from self._flush(final=True)
                        yield EndPart(stopped=True)
                        return
                elif element.getparent() is not None and element.getparent() is self.root:
                    if event == "start":
                        irregular = yield from self._file_start(element)
                        if irregular:
                            yield from self._flush(final=True)
                            yield EndPart(irregular=True)
                            return
                    else:
                        yield from self._file_end(element)
        except etree.XMLSyntaxError as exc:
            yield from self._flush(final=True)
            self._parse_error(exc)
            yield self.notes
            yield EndPart(stopped=True)
            return
        if self.root is None:
            self._doc_finding(Msg("xsd.no-root", root=ROOT), None)
        yield from self._flush(final=True)
        yield EndPart()

    # -- the frame: root and file elements ----------------------------------------------------
    def _root(self, event: str, root: etree._Element) -> bool:
        """Check the real root's start and end; False when the document must not be read."""
        if event == "start":
            self.root = root
            if self.ctx.open_file is not None and not self.ctx.at_start:
                self._open_synthetic(self.ctx.open_file)
            if not self.ctx.at_start:
                return True
            if doctype_of(root):
                self._doc_finding(Msg("xsd.dtd"), line_of(root), f"/{ROOT}")
                return False
            self._root_attributes(root)
            return True
        if self.ctx.at_start or not self.ctx.segment:
            allowed = {*self.shape.files, self.shape.record_tag}  # stray records: reported
            self._leftovers(root, f"/{ROOT}", allowed=allowed)
        return True

    def _root_attributes(self, root: etree._Element) -> None:
        spec = self.shape.spec
        for name, fixed in (("area", spec.id), ("version", spec.version)):
            value = root.get(name)
            if value is None:
                self._doc_finding(
                    Msg("xsd.attribute-missing", name=name, fixed=fixed), line_of(root)
                )
            elif value != fixed:
                self._doc_finding(
                    Msg("xsd.attribute-value", name=name, value=repr(value), fixed=repr(fixed)),
                    line_of(root),
                )
        for key in root.attrib:
            attribute = str(key)
            if attribute not in {"area", "version"} and not attribute.startswith(f"{{{_XSI}}}"):
                self._doc_finding(Msg("xsd.attribute-unknown", name=attribute), line_of(root))

    def _open_synthetic(self, file_id: str) -> None:
        self.file = self.shape.by_id[file_id]
        self.schema = self.shape.record_schema(file_id)
        self.reading = True
        self.rows = self.ctx.rows_before
        self.first_row = self.rows + 1

    def _file_start(self, element: etree._Element) -> Generator[Part, None, bool]:
        """A file element of the root begins; returns True when a segment must stop here."""
        yield from self._flush(final=True)
        self.starts += 1
        if self.ctx.segment and self.starts > 1:
            return True
        if not self.ctx.at_start and self.starts == 1 and self.ctx.open_file is not None:
            return False
        shape = self.shape.files[str(element.tag)]
        file_id = shape.spec.id
        line = self._line(line_of(element))
        xpath = f"/{ROOT}/{file_id}"
        self.file, self.file_el, self.reading = shape, element, False
        self.schema = self.shape.record_schema(file_id)
        self.rows, self.first_row = 0, 1
        order = [f.id for f in self.shape.spec.files]
        if file_id in self.seen:
            self._doc_finding(
                Msg("xsd.file-again", file=file_id),
                line_of(element),
                xpath,
                file_id,
            )
        else:
            later = [f for f in self.seen if order.index(f) > order.index(file_id)]
            if later:
                self._doc_finding(
                    Msg("xsd.file-order", file=file_id, later=later[0], order=", ".join(order)),
                    line_of(element),
                    xpath,
                    file_id,
                )
            self.seen.append(file_id)
            if self.ctx.select is None or self.ctx.select == file_id:
                self.reading = True
            else:
                self.notes.notes.append(
                    f"{self.ctx.label}: file element {file_id} not checked"
                    f" (--file {self.ctx.select})"
                )
        for key in element.attrib:
            self._doc_finding(
                Msg("xsd.attribute-unknown", name=str(key)), line_of(element), xpath, file_id
            )
        yield FilePart(file_id if self.reading else None, line)
        yield from self._notes()
        return False

    def _file_end(self, element: etree._Element) -> Iterator[Part]:
        if element is self.file_el or self.file_el is None:
            yield from self._flush(final=True)
            if self.file is not None:
                xpath = f"/{ROOT}/{self.file.spec.id}"
                self._leftovers(element, xpath, allowed={self.shape.record_tag})
            yield from self._notes()
        clear(element)
        self.file, self.file_el, self.reading = None, None, False

    # -- records ------------------------------------------------------------------------------
    def _record(self, record: etree._Element) -> None:
        """Check one record's structure and take its items' texts (the hot path)."""
        parent = record.getparent()
        if (parent is None or parent is not self.file_el) and not self._adopt(record, parent):
            return
        assert parent is not None and self.file is not None
        file = self.file
        if parent.text is not None:
            if parent.text.strip():
                xpath = f"/{ROOT}/{file.spec.id}"
                self._doc_finding(
                    Msg("xsd.text-in", file=file.spec.id), line_of(parent), xpath, file.spec.id
                )
            parent.text = None
        previous = record.getprevious()
        if previous is not None:
            tail = previous.tail
            if previous.tag == self.shape.record_tag and (tail is None or tail.isspace()):
                del parent[0]  # the previous record: its own predecessors went before it
            else:
                self._unlink_before(record, parent, file.spec.id)
        if not self.reading:
            clear(record)
            return
        self.rows += 1
        schema = self.schema
        assert schema is not None
        if schema.validate(record) and len(record) == len(file.names):
            # every item's element, in order: no need to ask each child its (costly) tag
            self.pending += [child.text for child in record]
        else:
            index = self.count
            if schema.error_log:
                self.problems += record_problems(
                    self.shape, file, record, schema.error_log, index, self.shift
                )
            values: list[str | None] = [None] * len(file.names)
            columns = file.columns
            for child in record:
                column = columns.get(str(child.tag))
                if column is not None and values[column] is None:
                    values[column] = child.text
            self.pending += values
        self.count += 1
        line: object = record.sourceline  # (line_of, inlined: this runs once per record)
        if isinstance(line, int) and 0 < line != UNKNOWN_LINE:
            self.lines.append(line + self.shift)
        else:
            self.lines.append(0)  # not known

    def _adopt(self, record: etree._Element, parent: etree._Element | None) -> bool:
        """A record whose parent is not the current file element: the first record under a
        segment's synthetic file element (True), or a stray one (False)."""
        if (
            parent is not None
            and self.file is not None
            and self.file_el is None
            and parent.getparent() is self.root
        ):
            self.file_el = parent
            return True
        self._stray(record, parent)
        return False

    def _unlink_before(self, record: etree._Element, parent: etree._Element, file_id: str) -> None:
        """Drop what precedes the record (the previous one, normally) after looking at it."""
        xpath = f"/{ROOT}/{file_id}"
        record_tag = self.shape.record_tag
        while True:
            first = parent[0]
            if first is record:
                return
            tail = first.tail
            if (tail is not None and not tail.isspace()) or first.tag != record_tag:
                self._sibling(first, xpath, file_id)
            del parent[0]

    def _sibling(self, element: etree._Element, xpath: str, file_id: str) -> None:
        """Something before a record in its file element: an earlier record, or not."""
        if element.tag != self.shape.record_tag:
            self._doc_finding(
                Msg("xsd.element-in", name=self.shape.local(element.tag), file=file_id),
                line_of(element),
                xpath,
                file_id,
            )
        if element.tail is not None and element.tail.strip():
            self._doc_finding(Msg("xsd.text-in", file=file_id), line_of(element), xpath, file_id)

    def _stray(self, record: etree._Element, parent: etree._Element | None) -> None:
        """A レコード outside a file element: reported once per parent, not read."""
        ancestor = parent
        while ancestor is not None:
            if ancestor.tag == self.shape.record_tag:
                return  # inside another record: that record's schema check reports it
            ancestor = ancestor.getparent()
        previous = record.getprevious()
        while parent is not None and previous is not None and previous.tag == record.tag:
            parent.remove(previous)  # strays already reported: keep memory flat
            previous = record.getprevious()
        if parent is not None and id(parent) not in self.stray:
            self.stray.add(id(parent))
            where = self.shape.local(parent.tag)
            self._doc_finding(
                Msg("xsd.stray-record", record=RECORD, where=where),
                line_of(record),
                f"/{ROOT}" if parent is self.root else f"/{ROOT}/{where}",
            )
        clear(record)

    def _leftovers(self, element: etree._Element, xpath: str, allowed: set[str]) -> None:
        """At an element's end: children other than the allowed ones, and text."""
        if element.text is not None and element.text.strip():
            self._doc_finding(Msg("xsd.text"), line_of(element), xpath)
        for child in element:
            if child.tag not in allowed:
                self._doc_finding(
                    Msg("xsd.element", name=self.shape.local(child.tag)), line_of(child), xpath
                )
            if child.tail is not None and child.tail.strip():
                self._doc_finding(Msg("xsd.text"), line_of(child), xpath)

    # -- output -------------------------------------------------------------------------------
    def _flush(self, final: bool = False) -> Iterator[Part]:
        if self.count and self.file is not None:
            file = self.file
            width = len(file.names)
            values = pl.Series(self.pending, dtype=pl.String)
            frame = pl.DataFrame(
                [values.gather_every(width, i).alias(col(i)) for i in range(width)]
            )
            yield RecordsPart(file.spec.id, self.first_row, frame, self.lines, self.problems)
            self.first_row += self.count
            self.pending, self.lines, self.problems, self.count = [], array("i"), [], 0
        if final:
            yield from self._notes()

    def _notes(self) -> Iterator[Part]:
        if self.notes.findings or self.notes.notes:
            yield self.notes
            self.notes = NotePart()

    def _line(self, line: int | None) -> int | None:
        return None if not line else line + self.shift

    def _doc_finding(
        self,
        message: Text,
        line: int | None,
        xpath: str | None = None,
        file_id: str | None = None,
        severity: Severity = "error",
    ) -> None:
        self.notes.findings.append(
            Finding(
                "xsd",
                severity,
                message,
                file=self.ctx.label,
                file_id=file_id,
                line=self._line(line),
                xpath=xpath,
            )
        )

    def _parse_error(self, exc: etree.XMLSyntaxError) -> None:
        message = _AT.sub("", str(exc.msg or exc))
        for known, plain in _PLAIN.items():
            if known in message:
                message = plain
        line = exc.lineno if exc.lineno and exc.lineno > 0 else None
        code = "encoding" if "encoding" in message.lower() else "xsd"
        text = (
            Msg("xsd.not-well-formed-at", detail=message, line=line + self.shift)
            if line
            else Msg("xsd.not-well-formed", detail=message)
        )
        if "no element found" in message.lower() and self.root is None:
            text = Msg("xsd.not-xml")
        self.notes.findings.append(
            Finding(
                code,
                "error",
                text,
                file=self.ctx.label,
                file_id=self.file.spec.id if self.file else None,
                line=self._line(line),
            )
        )
