"""Load spec YAML into the frozen model, with ``file:line`` errors for every mistake."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

from layout_tool.i18n import Msg
from layout_tool.spec.model import (
    DATE_TYPES,
    ITEM_FLAG_DEFAULTS,
    AreaSpec,
    CodeTable,
    Endpoint,
    FileSpec,
    Item,
    Provenance,
    Reference,
    Rule,
    RuleKind,
    as_item_type,
)
from layout_tool.yamlsource import YamlDoc, check_schema, parse_yaml, plain

SCHEMA = "spec/spec.schema.json"
SHARED_CODES_SCHEMA = "spec/codes.schema.json"


def load_shared_codes(path: Path) -> dict[str, CodeTable]:
    """The code tables several areas share (``specs/<version>/codes.yaml``)."""
    doc = parse_yaml(path)
    check_schema(doc, SHARED_CODES_SCHEMA)
    _check_code_keys(doc)
    data = plain(doc.root)
    return {k: _code_table(k, v) for k, v in data.get("codes", {}).items()}


def load_area_file(
    path: Path, shared_codes: Mapping[str, CodeTable] | None = None, text: str | None = None
) -> AreaSpec:
    """Load and check one area spec; raises LayoutToolError with ``file:line``."""
    doc = parse_yaml(path, text)
    check_schema(doc, SCHEMA)
    _check_code_keys(doc)
    data: dict[str, Any] = plain(doc.root)
    local = {k: _code_table(k, v) for k, v in data.get("codes", {}).items()}
    codes: dict[str, CodeTable] = dict(shared_codes or {})
    codes.update(local)
    files = tuple(_file(doc, i, f, codes) for i, f in enumerate(data.get("files", [])))
    for i, f in enumerate(files):
        if f.group is not None and not f.group.startswith(f"{data['area']['number']:03d}"):
            number = f"{data['area']['number']:03d}"
            said = Msg("specfile.group", group=f.group, number=number)
            raise doc.error(said, ["files", i, "group"])
    _unique([f.id for f in files], doc, ["files"], "file id")
    by_id = {f.id: f for f in files}
    references = tuple(
        _reference(doc, i, r, by_id) for i, r in enumerate(data.get("references", []))
    )
    rules = tuple(_rule(doc, i, r, by_id) for i, r in enumerate(data.get("rules", [])))
    area = data["area"]
    return AreaSpec(
        standard=data["standard"],
        version=data["version"],
        provenance=cast(Provenance, data["provenance"]),
        id=area["id"],
        name=area["name"],
        number=area["number"],
        files=files,
        codes=codes,
        local_codes=tuple(local),
        references=references,
        rules=rules,
        note=data.get("note"),
        path=str(path),
        charset=data.get("charset"),
        length_count=data.get("length_count"),
        edition=data.get("edition"),
        date=data.get("date"),
    )


def _code_table(table_id: str, data: dict[str, Any]) -> CodeTable:
    return CodeTable(
        id=table_id,
        name=data["name"],
        status=data["status"],
        values=dict(data["values"]),
        source=data.get("source"),
    )


def _check_code_keys(doc: YamlDoc) -> None:
    """Codes must be written as strings: an unquoted ``01`` is the number 1 in YAML.

    The JSON Schema cannot see mapping keys' types, and ``plain`` would quietly turn
    the number back into "1", so a table meant to hold "01" would reject every "01".
    """
    tables = doc.root.get("codes") or {}
    for table_id, table in tables.items():
        for code in table.get("values") or {}:
            if not isinstance(code, str):
                said = Msg("specfile.code-not-string", table=repr(table_id), code=repr(code))
                raise doc.error(said, ["codes", table_id, "values", code])


def _unique(names: list[str], doc: YamlDoc, base: list[str | int], what: str) -> None:
    seen: set[str] = set()
    for index, name in enumerate(names):
        if name in seen:
            raise doc.error(Msg("specfile.duplicate", what=what, name=repr(name)), [*base, index])
        seen.add(name)


def _file(
    doc: YamlDoc, index: int, data: dict[str, Any], codes: Mapping[str, CodeTable]
) -> FileSpec:
    base: list[str | int] = ["files", index]
    items: list[Item] = []
    for n, raw in enumerate(data["items"]):
        here = [*base, "items", n]
        item = _item(raw)
        if item.no != n + 1:
            said = Msg("specfile.no", item=repr(item.name), no=item.no, expected=n + 1)
            raise doc.error(said, [*here, "no"])
        if item.code is not None and item.code not in codes:
            said = Msg("specfile.no-table", item=repr(item.name), table=repr(item.code))
            raise doc.error(said, [*here, "code"])
        if item.type == "code" and item.code is None:
            raise doc.error(Msg("specfile.code-needs-table", item=repr(item.name)), here)
        if item.allow_unknown_date and item.type not in DATE_TYPES:
            said = Msg("specfile.unknown-date", item=repr(item.name), type=item.type)
            raise doc.error(said, [*here, "allow_unknown_date"])
        items.append(item)
    _unique([i.name for i in items], doc, [*base, "items"], "item name")
    names = {i.name for i in items}
    for k, key in enumerate(data.get("key", [])):
        if key not in names:
            raise doc.error(Msg("specfile.key-item", key=repr(key)), [*base, "key", k])
    return FileSpec(
        id=data["id"],
        name=data["name"],
        items=tuple(items),
        key=tuple(data.get("key", [])),
        filename=data.get("filename"),
        description=data.get("description"),
        length_count=data.get("length_count"),
        group=data.get("group"),
    )


def _item(raw: dict[str, Any]) -> Item:
    """An item; every key the file leaves out takes ``Item``'s default (``ITEM_FLAG_DEFAULTS``)."""
    flags: dict[str, Any] = {key: raw[key] for key in ITEM_FLAG_DEFAULTS if key in raw}
    if flags.get("scale") is not None:
        flags["scale"] = int(flags["scale"])  # the schema allows 2.0 as an integer
    return Item(
        no=int(raw["no"]),  # the schema allows 15.0 as an integer: the model holds ints
        name=raw["name"],
        type=as_item_type(raw["type"]),
        length=int(raw["length"]),
        length_count=raw.get("length_count"),
        **flags,
    )


def _endpoint(
    doc: YamlDoc, path: list[str | int], data: dict[str, Any], files: Mapping[str, FileSpec]
) -> Endpoint:
    target = files.get(data["file"])
    if target is None:
        raise doc.error(Msg("specfile.ref-file", file=repr(data["file"])), [*path, "file"])
    for k, name in enumerate(data["items"]):
        if not target.has_item(name):
            said = Msg("specfile.no-item", file=target.id, item=repr(name))
            raise doc.error(said, [*path, "items", k])
    return Endpoint(file=data["file"], items=tuple(data["items"]))


def _reference(
    doc: YamlDoc, index: int, data: dict[str, Any], files: Mapping[str, FileSpec]
) -> Reference:
    base: list[str | int] = ["references", index]
    source = _endpoint(doc, [*base, "from"], data["from"], files)
    target = _endpoint(doc, [*base, "to"], data["to"], files)
    if len(source.items) != len(target.items):
        raise doc.error(Msg("specfile.ref-width"), base)
    return Reference(source=source, target=target)


def _rule(doc: YamlDoc, index: int, data: dict[str, Any], files: Mapping[str, FileSpec]) -> Rule:
    base: list[str | int] = ["rules", index]
    spec = files.get(data["file"])
    if spec is None:
        raise doc.error(Msg("specfile.rule-file", file=repr(data["file"])), [*base, "file"])
    named: list[tuple[str, list[str | int]]] = [
        (name, [*base, "group", k]) for k, name in enumerate(data.get("group", []))
    ]
    named += [(name, [*base, "where", name]) for name in data.get("where", {})]
    if data.get("item") is not None:
        named.append((data["item"], [*base, "item"]))
    for name, where in named:
        if not spec.has_item(name):
            raise doc.error(Msg("specfile.rule-item", item=repr(name), file=spec.id), where)
    if data.get("item") is None:
        raise doc.error(Msg("specfile.rule-needs-item", rule=data["rule"]), base)
    if data["rule"] == "one-per-group" and data.get("value") is None:
        raise doc.error(Msg("specfile.rule-needs-value"), base)
    return Rule(
        rule=cast(RuleKind, data["rule"]),
        file=data["file"],
        group=tuple(data.get("group", [])),
        item=data.get("item"),
        value=data.get("value"),
        where=dict(data.get("where", {})),
        severity=data.get("severity", "error"),
        description=data.get("description"),
    )
