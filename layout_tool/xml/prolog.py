"""Before the records: refuse DTDs, learn the encoding, and read the root's start tag.

A document with a DOCTYPE is not parsed at all: entity declarations are how billion-laughs
and external-entity attacks work, and the standard's XML form needs none. The prolog is
scanned as bytes, so such a document costs microseconds whatever its DTD holds; the reader
checks the parsed document's DTD again, in case the prolog was too long to scan here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast
from xml.sax.saxutils import quoteattr

from lxml import etree

from layout_tool.xml.shape import SAFE_PARSER, Shape, doctype_of, line_of

HEAD_BYTES = 1 << 20
_DECLARED = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_OUR_URN = re.compile(r"urn:([^:]+)-layout:([^:]+):(.+)")
DTD_MESSAGE = (
    "the document has a DOCTYPE: documents with a DTD are not read (entity expansion and"
    " external loading are unsafe, and the XML form needs no DTD)"
)


@dataclass(frozen=True)
class Element:
    """A start tag as parsed: enough to write a synthetic one that declares the same names."""

    tag: str
    prefix: str | None
    nsmap: dict[str | None, str]  # declarations made on this element
    attrib: dict[str, str] = field(default_factory=dict)
    line: int = 1

    def qname(self) -> str:
        local = etree.QName(self.tag).localname
        return local if not self.prefix else f"{self.prefix}:{local}"

    def start(self) -> str:
        decls = "".join(
            f" xmlns{'' if p is None else ':' + p}={quoteattr(uri)}"
            for p, uri in self.nsmap.items()
        )
        return f"<{self.qname()}{decls}>"


@dataclass(frozen=True)
class Head:
    """What the first megabyte says about the document."""

    encoding: str = "utf-8"
    detected_by: str = "default (UTF-8)"
    problem: str | None = None  # a reason not to read on (a DTD, a foreign root)
    line: int | None = None
    root: Element | None = None
    first: Element | None = None  # the root's first child, when it starts in the head


def read_head(path: Path, shape: Shape) -> Head:
    with path.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
    encoding, how = _encoding(head)
    if has_doctype(head):
        return Head(encoding, how, DTD_MESSAGE, 1)
    options: Any = SAFE_PARSER
    parser = etree.XMLPullParser(events=("start",), **options)
    root: etree._Element | None = None
    first: etree._Element | None = None
    try:
        for pos in range(0, len(head), 1 << 16):
            parser.feed(head[pos : pos + (1 << 16)])
            for _, element in cast(Iterator[tuple[str, etree._Element]], parser.read_events()):
                if root is None:
                    root = element
                elif first is None and element.getparent() is root:
                    first = element
            if first is not None:
                break
    except etree.XMLSyntaxError:
        pass  # the reader reports it, with its line, when it gets there
    if root is None:
        return Head(encoding, how)
    if doctype_of(root):
        return Head(encoding, how, DTD_MESSAGE, 1)
    problem = root_problem(shape, root.tag)
    if problem is not None:
        return Head(encoding, how, problem, line_of(root))
    return Head(encoding, how, None, None, _element(root, {}), _first(root, first))


def root_problem(shape: Shape, tag: object) -> str | None:
    """Why a root element is not this area's ``移行データ``, or None when it is."""
    if tag == shape.root_tag:
        return None
    name = etree.QName(str(tag))
    what = f"the root element is {name.localname}" + (
        f" in namespace {name.namespace}" if name.namespace else " without a namespace"
    )
    expected = f"expected {etree.QName(shape.root_tag).localname} in namespace {shape.ns}"
    ours = _OUR_URN.fullmatch(name.namespace or "")
    if ours is not None and ours.group(3) != shape.spec.id:
        return f"{what}: a document of area {ours.group(3)} (v{ours.group(2)}), {expected}"
    return f"{what}; {expected}: not a document of area {shape.spec.id}, not read further"


def has_doctype(head: bytes) -> bool:
    """Whether a DOCTYPE declaration stands in the prolog (before the root element)."""
    text = _as_utf8(head)
    pos = 3 if text.startswith(b"\xef\xbb\xbf") else 0
    while True:
        while pos < len(text) and text[pos] in b" \t\r\n":
            pos += 1
        if text.startswith(b"<?", pos):
            end = text.find(b"?>", pos + 2)
        elif text.startswith(b"<!--", pos):
            end = text.find(b"-->", pos + 4)
        else:
            return text.startswith(b"<!DOCTYPE", pos)
        if end < 0:
            return False
        pos = end + 2


def _as_utf8(head: bytes) -> bytes:
    """UTF-16 documents (by BOM or by their first character) as UTF-8, for the scan."""
    for marks, codec in (
        ((b"\xff\xfe", b"<\x00"), "utf-16-le"),
        ((b"\xfe\xff", b"\x00<"), "utf-16-be"),
    ):
        if head.startswith(marks):
            text = head.decode(codec, errors="replace").lstrip("\ufeff")
            return text.encode("utf-8")
    return head


def _encoding(head: bytes) -> tuple[str, str]:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", "byte order mark"
    body = head.removeprefix(b"\xef\xbb\xbf")
    declared = _DECLARED.match(body)
    if declared is not None:
        return declared.group(1).decode("ascii").lower(), "xml declaration"
    if body is not head:
        return "utf-8", "byte order mark"
    return "utf-8", "default (UTF-8)"


def _element(element: etree._Element, inherited: dict[str | None, str]) -> Element:
    own = {p: uri for p, uri in element.nsmap.items() if inherited.get(p) != uri}
    attrib = {str(k): str(v) for k, v in element.attrib.items()}
    return Element(str(element.tag), element.prefix, own, attrib, line_of(element) or 1)


def _first(root: etree._Element, first: etree._Element | None) -> Element | None:
    if first is None or not isinstance(first.tag, str):
        return None
    return _element(first, dict(root.nsmap))
