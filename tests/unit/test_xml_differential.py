"""Differential: xmlschema and lxml agree on generated and mutated documents of every bundled
area, and ``validate`` reports an error wherever the full XSD rejects a document (and an
``xsd`` finding only where it does)."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import xmlschema
from lxml import etree

from layout_tool.sample import generate
from layout_tool.spec.catalogue import catalogue
from layout_tool.spec.model import AreaSpec, FileSpec, Item
from layout_tool.validate import validate_paths
from layout_tool.xml.writer import XmlWriter
from layout_tool.xml.xsd import build_xsd, item_element_names

AREAS = [entry.spec for entry in catalogue() if entry.spec is not None]
ELEMENT = re.compile(r"<([^<>/ ]+)>([^<]*)</\1>|<([^<>/ ]+)/>")
Mutation = Callable[[str, FileSpec], str | None]
CROSS_ROW = {"rule", "key-duplicate", "reference"}  # a changed row may break its group


def bad_value(item: Item) -> str:
    """A value the item's XSD type refuses."""
    return {
        "zenkaku": "ABC", "kana": "abc", "hankaku": "ｱｲｳ", "text": "x" * (item.length + 1),
        "digits": "12a", "number": "1.2.3", "date": "2023-13-45", "wareki": "09999999",
        "yearmonth": "202313", "time": "256161", "code": "?",
    }[item.type]  # fmt: skip


def _elements(record: str) -> list[re.Match[str]]:
    return list(ELEMENT.finditer(record))


def _replace(record: str, match: re.Match[str], new: str) -> str:
    return record[: match.start()] + new + record[match.end() :]


def drop_required(record: str, file: FileSpec) -> str | None:
    names = item_element_names(file)
    for item in file.items:
        if item.required:
            m = re.search(f"<{names[item.name]}>[^<]*</{names[item.name]}>", record)
            if m:
                return _replace(record, m, "")
    return None


def duplicate(record: str, file: FileSpec) -> str:
    m = _elements(record)[0]
    return _replace(record, m, m.group() * 2)


def swap(record: str, file: FileSpec) -> str:
    a, b = _elements(record)[:2]
    return record[: a.start()] + b.group() + a.group() + record[b.end() :]


def unknown(record: str, file: FileSpec) -> str:
    m = _elements(record)[0]
    return _replace(record, m, m.group() + "<unknown>1</unknown>")


def attribute(record: str, file: FileSpec) -> str:
    return record.replace(">", ' a="1">', 2).replace(' a="1">', ">", 1)


def nested(record: str, file: FileSpec) -> str:
    m = _elements(record)[-1]
    name = m.group(1) or m.group(3)
    return _replace(record, m, f"<{name}><x/></{name}>")


def record_text(record: str, file: FileSpec) -> str:
    return record.replace("</レコード>", "text</レコード>")


def bad_values(record: str, file: FileSpec) -> str | None:
    """Every item that holds a value gets one its type refuses."""
    names = item_element_names(file)
    out, changed = record, False
    for item in file.items:
        pattern = f"<{names[item.name]}>[^<]+</{names[item.name]}>"
        m = re.search(pattern, out)
        if m and item.pattern is None:
            out = _replace(out, m, f"<{names[item.name]}>{bad_value(item)}</{names[item.name]}>")
            changed = True
    return out if changed else None


def emptied(record: str, file: FileSpec) -> str:
    return ELEMENT.sub(lambda m: f"<{m.group(1) or m.group(3)}/>", record)


MUTATIONS: list[Mutation] = [
    drop_required, duplicate, swap, unknown, attribute, nested, record_text, bad_values, emptied,
]  # fmt: skip


def document(spec: AreaSpec, file: FileSpec, rows: int) -> list[str]:
    frame = generate(spec, rows, 11, file.id)[file.id]
    out = io.BytesIO()
    writer = XmlWriter(out, spec, file)
    writer.write(frame)
    writer.close()
    return out.getvalue().decode().split("\n")


@pytest.mark.parametrize("spec", AREAS, ids=[s.id for s in AREAS])
def test_engines_agree_and_validate_reports_what_the_schema_refuses(
    spec: AreaSpec, tmp_path: Path
) -> None:
    data = build_xsd(spec)
    lxml_schema = etree.XMLSchema(etree.fromstring(data))
    other = xmlschema.XMLSchema10(io.BytesIO(data))
    checked = 0
    for file in spec.files:
        lines = document(spec, file, 3)
        variants: list[tuple[str, list[str]]] = [("generated", lines)]
        for mutate in MUTATIONS:
            changed = mutate(lines[4], file)
            if changed is not None and changed != lines[4]:
                variants.append((mutate.__name__, [*lines[:4], changed, *lines[5:]]))
        for name, variant in variants:
            text = "\n".join(variant).encode()
            by_lxml = lxml_schema.validate(etree.fromstring(text))
            by_xmlschema = other.is_valid(io.BytesIO(text))
            assert by_lxml == by_xmlschema, (file.id, name)
            path = tmp_path / f"{file.id}-{name}.xml"
            path.write_bytes(text)
            report = validate_paths(spec, [path])
            xsd = [f for f in report.findings if f.code == "xsd"]
            if name == "generated":
                assert by_lxml and report.errors == 0, (file.id, report.findings[:3])
            else:
                assert not by_lxml, (file.id, name)
                assert report.errors > 0, (file.id, name)
                assert any(f.row == 2 for f in report.findings), (file.id, name)
                elsewhere = {f.code for f in report.findings if f.row not in (2, None)}
                assert elsewhere <= CROSS_ROW, (file.id, name)
            assert not xsd or not by_lxml
            checked += 1
    assert checked >= len(spec.files) * 5
