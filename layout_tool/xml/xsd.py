"""An XML Schema (XSD 1.0) generated from an area spec: the XML form of the standard's files.

The standard allows its files in XML形式 as well as CSV形式, but its own XML layout is not
available to this project, so the document shape is defined here, once, and the streaming
XML writer and reader follow it (through ``ROOT``, ``RECORD``, ``namespace`` and
``item_element_names``)::

    <移行データ xmlns="urn:chukan-layout:2.7:jumin" area="jumin" version="2.7">
      <kojin>                          one element per 移行ファイル, named by the file id,
        <レコード>                      in spec order, each optional (required when the schema
          <市区町村コード>131016</市区町村コード>       covers one file only); one レコード
          <生年月日_西暦>19800102</生年月日_西暦>       per data row, then one element per
          ...                                           item in spec order
        </レコード>
      </kojin>
    </移行データ>

- The target namespace is ``urn:<standard>-layout:<version>:<area id>``; elements are
  qualified, the root's ``area`` and ``version`` attributes are required and fixed.
- Item elements are named by the item name where it is an XML name that every XSD engine
  accepts (libxml2 checks names by XML 1.0 4th-edition rules, so ー at the start, ・, （）
  and full-width letters are refused). Other names are NFKC-folded and each run of
  remaining bad characters becomes ``_`` (生年月日（西暦） → 生年月日_西暦); a name that
  collides with an earlier one in the file gets ``_<no>``. The original name is kept in
  the element's documentation.
- A required item's element must be present and non-empty; an optional item's element may
  be absent or empty (``<方書/>``), both meaning "missing", as an empty CSV field does.
  Values are never trimmed (``xs:string`` keeps white space).
- Types are named simple types: a character class (``zenkaku``, ``kana.gaiji`` …, from
  docs/checks.md; 外字 = private use is allowed only in ``.gaiji`` classes, because the
  ``gaiji`` check is an error elsewhere), restricted by length (``zenkaku-60``,
  ``digits-15-fixed``); ``number-L[-S]`` (a digit count over the ``number[.scaleS]``
  shape), ``date-<format>``, ``wareki``, ``yearmonth``, ``time`` as patterns;
  ``code-<table>`` as enumerations; ``<type>.opt`` is the union with ``empty`` used by
  optional items. An item's own ``pattern`` (a Python regex describing the whole value) is
  added as a further restriction when it has an XSD 1.0 equivalent.

A schema cannot check everything ``layout-tool validate`` does: patterns cannot see calendar
validity (29 February, era spans), check digits, keys, references or cross-row rules. The
schema is the shape; the semantic engine remains the judge of the data.
"""

from __future__ import annotations

import os
import re
import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lxml import etree

from layout_tool.errors import LayoutToolError
from layout_tool.safety.xmltext import check_xml_text
from layout_tool.spec.itemtypes import ITEM_TYPE_DEFS, item_type
from layout_tool.spec.model import AreaSpec, FileSpec, Item

XS = "http://www.w3.org/2001/XMLSchema"
ROOT = "移行データ"
RECORD = "レコード"

# Characters every engine accepts in an XML name (the intersection of the XML 1.0 4th and 5th
# editions, restricted to what Japanese item names use): start characters, then the rest.
_START = "A-Za-z_\u3041-\u3094\u30a1-\u30fa\u3105-\u312c\u3007\u3021-\u3029\u4e00-\u9fa5"
_FOLLOW = "0-9.\\-\u3005\u3031-\u3035\u309d\u309e\u30fc-\u30fe\u3099\u309a\u302a-\u302f"
_BAD_RUN = re.compile(f"[^{_START}{_FOLLOW}]+")

# The type classes of docs/checks.md as XSD regexes, declared per type in
# ``layout_tool.spec.itemtypes`` (``<type>`` and, where 外字 may be allowed, ``<type>.gaiji``).
_CLASSES: dict[str, tuple[str, str]] = {}
for _def in ITEM_TYPE_DEFS.values():
    if _def.xsd is not None:
        _CLASSES[_def.name] = (_def.xsd.pattern, _def.xsd.doc)
        if _def.xsd.gaiji_pattern is not None:
            _CLASSES[f"{_def.name}.gaiji"] = (_def.xsd.gaiji_pattern, _def.xsd.gaiji_doc)
_MONTH = ("(0[1-9]|1[0-2])", "(0[0-9]|1[0-2])")  # (strict, allow_unknown_date)
_DAY = ("(0[1-9]|[12][0-9]|3[01])", "([012][0-9]|3[01])")
_HOUR = "([01][0-9]|2[0-3])"
_MINSEC = "[0-5][0-9]"
_DATE_NOTE = (
    "the pattern checks the shape and month/day ranges only; calendar validity is checked by"
    " layout-tool validate"
)
_META = set("\\|.-^?*+{}()[]")
_SAFE_TOKEN = re.compile(
    r"\\[\\|.?*+(){}\[\]^dD-]"  # escapes that mean the same in both dialects
    r"|\[\^?(?:\\[\\\[\]^dD-]|[^\\\[\]])+\]"  # a class: no nesting, no leading ]
    r"|\(\?:|[()|.]"  # groups, alternation, any character
    r"|(?:[*+?]|\{\d+(?:,\d*)?\})(?![?+])"  # greedy quantifiers only
    r"|[^\\\[\](){}|.*+?^$]"  # a plain character
)


def namespace(spec: AreaSpec) -> str:
    """One namespace per standard, version and area, so two areas' documents never mix."""
    return f"urn:{spec.standard}-layout:{spec.version}:{spec.id}"


def element_name(name: str) -> str:
    """The XML name for an item name: itself when safe, otherwise folded (see module doc)."""
    parts = _BAD_RUN.split(unicodedata.normalize("NFKC", name))
    folded = "_".join(part for part in parts if part)
    return folded if re.match(f"[{_START}]", folded) else f"_{folded}"


def item_element_names(spec: FileSpec) -> dict[str, str]:
    """Item name → element name for one file, collisions resolved by item number."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for item in spec.items:
        candidate = element_name(item.name)
        if candidate in used:
            candidate = f"{candidate}_{item.no}"
            while candidate in used:
                candidate += "_"
        used.add(candidate)
        names[item.name] = candidate
    return names


def xsd_pattern(regex: str) -> str | None:
    """The XSD 1.0 equivalent of a whole-value Python regex, or None when there is none.

    Only a conservative subset translates (literals, classes, groups, alternation, greedy
    quantifiers, ``\\d``); anything whose meaning or spelling differs between the dialects
    (``\\w``, ``\\s``, lookarounds, lazy quantifiers, inner anchors) is refused, not guessed.
    """
    body = regex.removeprefix("^")
    if body.endswith("$") and not body.endswith("\\$"):
        body = body[:-1]
    tokens: list[str] = []
    pos = 0
    while pos < len(body):
        token = _SAFE_TOKEN.match(body, pos)
        if token is None:
            return None
        tokens.append("(" if token[0] == "(?:" else token[0])
        pos = token.end()
    translated = "".join(tokens)
    return translated if _lxml_accepts(translated) else None


@cache
def _lxml_accepts(pattern: str) -> bool:
    """Whether libxml2 compiles the pattern (the stricter of our two engines)."""
    schema = etree.Element(f"{{{XS}}}schema", nsmap={"xs": XS})
    simple = etree.SubElement(schema, f"{{{XS}}}simpleType", name="p")
    restriction = etree.SubElement(simple, f"{{{XS}}}restriction", base="xs:string")
    etree.SubElement(restriction, f"{{{XS}}}pattern", value=pattern)
    try:
        etree.XMLSchema(schema)
    except etree.XMLSchemaParseError:
        return False
    return True


def date_pattern(fmt: str, unknown: bool) -> str | None:
    """An XSD pattern for a strftime format of ``date`` items, or None for other directives."""
    parts = {"Y": "[0-9]{4}", "y": "[0-9]{2}", "m": _MONTH[unknown], "d": _DAY[unknown]}
    parts.update({"H": _HOUR, "M": _MINSEC, "S": _MINSEC, "%": "%"})
    out: list[str] = []
    for token in re.findall("%.?|[^%]", fmt, re.DOTALL):
        if token[0] != "%":
            out.append("\\" + token if token in _META else token)
        elif token[1:] in parts:
            out.append(parts[token[1:]])
        else:
            return None
    return "".join(out)


def number_patterns(length: int, scale: int | None) -> tuple[str, str]:
    """Two patterns, both to hold: the shape (at most ``scale`` decimals; None: no limit), and
    at most ``length`` digits in all.

    One pattern with a branch per decimal count would be shorter, but libxml2 mis-evaluates
    counted repetitions inside alternatives (it accepts 1234.56 for 5 digits), so the count
    is a separate restriction step, where patterns are ANDed.
    """
    decimals = {None: "+", 1: ""}.get(scale, f"{{1,{scale}}}")
    shape = "-?[0-9]+" if scale == 0 else f"-?[0-9]+(\\.[0-9]{decimals})?"
    return shape, f"-?([0-9]\\.?){{1,{length}}}"


@dataclass(frozen=True)
class _TypeDef:
    base: str
    facets: tuple[tuple[str, str], ...] = ()
    members: tuple[str, ...] = ()
    doc: str | None = field(default=None, compare=False)


@dataclass
class _Types:
    """The named simple types of one schema, shared by every item that needs the same one."""

    spec: AreaSpec
    defs: dict[str, _TypeDef] = field(default_factory=dict)
    names: dict[_TypeDef, str] = field(default_factory=dict)

    def add(self, name: str, definition: _TypeDef) -> str:
        known = self.names.get(definition)
        if known is not None:
            return known
        unique, n = name, 2
        while unique in self.defs:
            unique, n = f"{name}-{n}", n + 1
        self.defs[unique] = definition
        self.names[definition] = unique
        return unique

    def char_class(self, name: str) -> str:
        pattern, doc = _CLASSES[name]
        return self.add(name, _TypeDef("xs:string", (("pattern", pattern),), doc=doc))

    def for_item(self, item: Item, where: str) -> str:
        """The item's value type (never empty), or its ``.opt`` union for optional items."""
        name = self._value_type(item, where)
        if item.pattern is not None:
            try:
                re.compile(item.pattern)
            except re.error as exc:
                raise LayoutToolError(
                    f"{where}: pattern {item.pattern!r} is not a regular expression: {exc}",
                    path=self.spec.path,
                ) from exc
            translated = xsd_pattern(item.pattern)
            if translated is not None:
                name = self.add(
                    f"{name}-pattern", _TypeDef(f"t:{name}", (("pattern", translated),))
                )
        if item.required:
            return name
        empty = self.add("empty", _TypeDef("xs:string", (("length", "0"),), doc="a missing value"))
        return self.add(f"{name}.opt", _TypeDef("", members=(f"t:{name}", f"t:{empty}")))

    def _value_type(self, item: Item, where: str) -> str:
        length = str(item.length)
        kind = item_type(item.type)
        if kind.xsd is not None:
            gaiji = ".gaiji" if item.gaiji and kind.xsd.gaiji_pattern is not None else ""
            base = self.char_class(item.type + gaiji)
            if item.fixed:
                return self.add(
                    f"{base}-{length}-fixed", _TypeDef(f"t:{base}", (("length", length),))
                )
            facets = (("minLength", "1"), ("maxLength", length))
            return self.add(f"{base}-{length}", _TypeDef(f"t:{base}", facets))
        if kind.length == "number":
            shape, count = number_patterns(item.length, item.scale or 0)
            scale = "" if item.scale is None else f"-{item.scale}"
            doc = "signed decimal" + ("" if scale == "" else f", at most {item.scale} decimals")
            shape_type = _TypeDef("xs:string", (("pattern", shape),), doc=doc)
            base = self.add(f"number.scale{item.scale}" if scale else "number", shape_type)
            definition = _TypeDef(f"t:{base}", (("pattern", count),))
            return self.add(f"number-{length}{scale}", definition)
        if kind.own_check == "code":
            return self._code_type(item, where)
        return self._date_type(item)

    def _code_type(self, item: Item, where: str) -> str:
        table = self.spec.codes.get(item.code or "")
        if table is None or not table.values:
            raise LayoutToolError(
                f"{where}: code table {item.code!r} is missing or empty", path=self.spec.path
            )
        facets = tuple(("enumeration", value) for value in table.values)
        doc = f"{table.name} ({table.status})"
        return self.add(f"code-{element_name(table.id)}", _TypeDef("xs:string", facets, doc=doc))

    def _date_type(self, item: Item) -> str:
        unknown = item.allow_unknown_date
        suffix = "-unknown" if unknown else ""
        if item.type == "wareki":
            pattern: str | None = "0[1-5]([0-9][1-9]|[1-9]0)" + _MONTH[unknown] + _DAY[unknown]
            name = "wareki"
        elif item.type == "yearmonth":
            pattern, name = "[0-9]{4}" + _MONTH[unknown], "yearmonth"
        elif item.type == "time":
            pattern, name, suffix = _HOUR + _MINSEC + _MINSEC, "time", ""
        else:
            fmt = item.format or "%Y%m%d"
            pattern = date_pattern(fmt, unknown)
            label = fmt
            for directive, text in (("%Y", "YYYY"), ("%y", "YY"), ("%m", "MM"), ("%d", "DD")):
                label = label.replace(directive, text)
            name = f"date-{element_name(label)}"
        if pattern is None:  # a format we cannot spell: only "not empty, no controls"
            base = self.char_class("text")
            return self.add(name + suffix, _TypeDef(f"t:{base}", (("minLength", "1"),)))
        definition = _TypeDef("xs:string", (("pattern", pattern),), doc=_DATE_NOTE)
        return self.add(name + suffix, definition)


def _xs(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{XS}}}{tag}", attrs)


def _document(parent: etree._Element, *lines: str | None) -> None:
    text = "\n".join(line for line in lines if line)
    if text:
        _xs(_xs(parent, "annotation"), "documentation").text = text


def _item_doc(item: Item) -> list[str | None]:
    notes = [
        f"{item.no}. {item.name} ({item.type}, {item.length})",
        item.description,
        f"check digit ({item.check}) is checked by layout-tool validate" if item.check else None,
        "外字 allowed" if item.gaiji else None,
    ]
    if item.pattern is not None and xsd_pattern(item.pattern) is None:
        notes.append(f"pattern {item.pattern} has no XSD 1.0 form; checked by layout-tool validate")
    return notes


def _file_element(
    sequence: etree._Element, schema: etree._Element, file: FileSpec, types: _Types, only: bool
) -> None:
    record_type = f"{file.id}-record"
    element = _xs(sequence, "element", name=file.id, **({} if only else {"minOccurs": "0"}))
    _document(element, f"{file.name} ({file.filename or file.id})", file.description)
    records = _xs(_xs(element, "complexType"), "sequence")
    _xs(records, "element", name=RECORD, type=f"t:{record_type}", minOccurs="0",
        maxOccurs="unbounded")  # fmt: skip
    complex_type = _xs(schema, "complexType", name=record_type)
    items = _xs(complex_type, "sequence")
    names = item_element_names(file)
    for item in file.items:
        type_name = types.for_item(item, f"file {file.id} item {item.name!r}")
        optional = {} if item.required else {"minOccurs": "0"}
        declaration = _xs(
            items, "element", name=names[item.name], type=f"t:{type_name}", **optional
        )
        _document(declaration, *_item_doc(item))


def _simple_types(schema: etree._Element, types: _Types) -> None:
    for name, definition in sorted(types.defs.items(), key=lambda pair: pair[0]):
        simple = _xs(schema, "simpleType", name=name)
        _document(simple, definition.doc)
        if definition.members:
            _xs(simple, "union", memberTypes=" ".join(definition.members))
            continue
        restriction = _xs(simple, "restriction", base=definition.base)
        for facet, value in definition.facets:
            _xs(restriction, facet, value=value)


def build_xsd(spec: AreaSpec, file_id: str | None = None) -> bytes:
    """The schema of the area's XML form (or of one file's), UTF-8, checked before returning."""
    if not spec.files:
        raise LayoutToolError(f"area {spec.id} has no files to describe", path=spec.path)
    files: Iterable[FileSpec] = spec.files if file_id is None else (spec.file(file_id),)
    check_xml_text(spec)
    target = namespace(spec)
    schema = etree.Element(
        f"{{{XS}}}schema",
        {"targetNamespace": target, "elementFormDefault": "qualified", "version": spec.version},
        nsmap={"xs": XS, "t": target},
    )
    _document(
        schema,
        f"{spec.name} ({spec.id}, No.{spec.number}): 中間標準レイアウト仕様 V{spec.version},"
        f" provenance {spec.provenance}. Generated by layout-tool from the spec.",
        spec.note,
        "Patterns check characters, lengths and the shape of dates and numbers; calendar"
        " validity, check digits, keys, references and rules are checked by layout-tool validate.",
    )
    root = _xs(schema, "element", name=ROOT)
    _document(root, "移行データ: one element per 移行ファイル, one レコード per row.")
    root_type = _xs(root, "complexType")
    sequence = _xs(root_type, "sequence")
    types = _Types(spec)
    for file in files:
        _file_element(sequence, schema, file, types, only=file_id is not None)
    for attribute, value in (("area", spec.id), ("version", spec.version)):
        _xs(root_type, "attribute", name=attribute, type="xs:string", use="required", fixed=value)
    _simple_types(schema, types)
    text = etree.tostring(schema, encoding="unicode", pretty_print=True)
    data = ('<?xml version="1.0" encoding="UTF-8"?>\n' + _escape_invisible(text)).encode()
    try:
        etree.XMLSchema(etree.fromstring(data))
    except etree.XMLSchemaParseError as exc:  # a bug here, not a bad spec
        raise RuntimeError(f"generated XSD for area {spec.id} does not compile: {exc}") from exc
    return data


def _escape_invisible(text: str) -> str:
    """Write spaces, controls and private-use characters as ``&#x…;`` so a reader sees them.

    Safe everywhere in our output: such characters never occur in the names we generate.
    """

    def escape(match: re.Match[str]) -> str:
        ch = match.group()
        invisible = unicodedata.category(ch) in {"Cc", "Cf", "Co", "Zs", "Zl", "Zp"}
        return f"&#x{ord(ch):X};" if invisible else ch

    return re.sub(r"[^\x00-\x7e]", escape, text)


def write_xsd(spec: AreaSpec, out: Path, file_id: str | None = None) -> None:
    """Write the schema atomically: a temporary name in the same folder, then ``os.replace``."""
    data = build_xsd(spec, file_id)
    folder = out.parent
    if not folder.is_dir():
        raise LayoutToolError(f"output folder {folder} does not exist")
    temp = folder / f".{out.name}.{secrets.token_hex(4)}.tmp"
    try:
        descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, out)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise LayoutToolError(f"cannot write {out}: {exc.strerror or exc}") from exc
