"""Load a mapping file into the frozen model, with one ``file:line`` error per mistake.

Order of checks: YAML syntax, the published JSON Schema (mapping.schema.json: unknown keys,
wrong types, unknown transforms and date shapes), then what a schema cannot see: the area
and its files and items exist, fields exist and fixed-width positions add up, transforms'
parameters fit their item, code maps hit the standard's code table, and a mapping that
declares ``lossless: true`` really has an inverse for every vendor field (``proof``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema

from layout_tool.errors import LayoutToolError
from layout_tool.i18n import Msg, t, text
from layout_tool.mapping.derivation import derivation
from layout_tool.mapping.model import Field, Mapping, Rule, Source, Target
from layout_tool.mapping.proof import Reason, restorers, unwritten_sources
from layout_tool.mapping.rules import Scope, compile_rule
from layout_tool.mapping.transforms import CodeMapSpec, ParamError
from layout_tool.mapping.transforms.codes import code_map_spec
from layout_tool.profile import Profile, effective
from layout_tool.spec.catalogue import (
    DEFAULT_VERSION,
    bundled_root,
    load_area,
    shared_codes,
    version_dir,
)
from layout_tool.spec.loader import load_area_file
from layout_tool.spec.model import AreaSpec
from layout_tool.yamlsource import YamlDoc, load_schema, parse_yaml, plain

SCHEMA = "mapping/mapping.schema.json"
CSV_ONLY = ("delimiter", "quoting", "header")
FIXED_ONLY = ("record_length",)


def load_mapping(
    path: Path | str, text: str | None = None, profile: Profile | None = None
) -> Mapping:
    """A mapping by path, or by the name of a bundled mapping (``vendor-a/jumin``).

    The area's checks are those of ``profile.effective``: opt-in checks (M11) only when
    ``profile`` turns them on."""
    path = resolve_path(path)
    doc = parse_yaml(path, text)
    _check_schema(doc)
    data: dict[str, Any] = plain(doc.root)
    area = effective(_area(doc, data), profile)
    codes = _codes(doc, data)
    sources = tuple(_source(doc, i, raw) for i, raw in enumerate(data["sources"]))
    _unique(doc, [s.id for s in sources], ["sources"], "source id", "id")
    by_id = {s.id: s for s in sources}
    compiled = [_target(doc, i, raw, area, by_id, codes) for i, raw in enumerate(data["targets"])]
    tested: dict[str, dict[str, Rule]] = {}  # items conditions may test, by source
    for made in reversed(compiled):  # an item of the target itself, else of the first target
        tested.setdefault(made.source, {}).update({r.item.name: r for r in made.rules})
    targets = tuple(
        derivation(doc, i, raw, t, by_id[t.source], tested[t.source])
        for i, (raw, t) in enumerate(zip(data["targets"], compiled, strict=True))
    )
    _unique(doc, [t.file.id for t in targets], ["targets"], "target file", "file")
    _all_used(doc, sources, targets)
    reasons = unwritten_sources(sources, targets)
    proven: list[Target] = []
    rebuilt: set[str] = set()
    for target in targets:
        if target.derived or target.source in rebuilt:
            proven.append(replace(target, primary=False))
            continue
        rebuilt.add(target.source)
        found, missing = restorers(target, by_id[target.source])
        proven.append(replace(target, restorers=found))
        reasons += missing
    for source in sources:
        derived = [t for t in targets if t.source == source.id]
        if derived and source.id not in rebuilt:
            reasons.append(Reason(Msg("map.derived-only", source=source.id), derived[0].line))
    lossless = bool(data["lossless"])
    if lossless and reasons:
        first = reasons[0]
        more = Msg("map.more", n=len(reasons) - 1) if len(reasons) > 1 else ""
        raise LayoutToolError(
            Msg("map.not-lossless", reason=first.message, more=more),
            path=doc.path,
            line=first.line or doc.line_of(["lossless"]),
        )
    return Mapping(
        path=doc.path,
        name=data.get("name") or path.stem,
        area=area,
        lossless=lossless,
        sources=sources,
        targets=tuple(proven),
        codes=codes,
        vendor=data.get("vendor"),
        description=data.get("description"),
        lossy_reasons=tuple(dict.fromkeys(_where(r) for r in reasons))
        or (() if lossless else ("declared lossless: false",)),
    )


def resolve_path(path: Path | str) -> Path:
    """A path as given, or a bundled mapping's name with or without ``.yaml``."""
    given = Path(path)
    if given.exists():
        return given
    try:
        root = bundled_root("mappings")
    except LayoutToolError:
        return given
    for candidate in (root / given, root / f"{given}.yaml"):
        if candidate.is_file():
            return candidate
    return given


def _where(reason: Reason) -> str:
    if reason.line is None:
        return text(reason.message)
    return t("map.at-line", reason=reason.message, line=str(reason.line))


def _check_schema(doc: YamlDoc) -> None:
    validator = jsonschema.Draft202012Validator(load_schema(SCHEMA))
    errors = list(validator.iter_errors(doc.root))
    if not errors:
        return
    err = min((_specific(e) for e in errors), key=lambda e: doc.line_of(list(e.absolute_path)) or 0)
    path: list[str | int] = list(err.absolute_path)
    where = ".".join(str(p) for p in path) or t("map.top")
    message = t("map.schema", where=where, detail=err.message)
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        schema: Any = err.schema
        allowed = set(schema.get("properties", {}))
        extra = [k for k in err.instance if k not in allowed]
        if extra:
            path.append(extra[0])
            message = t("map.unknown-key", where=where, key=repr(extra[0]),
                        allowed=", ".join(sorted(allowed)))  # fmt: skip
    elif err.validator == "enum":
        options: Any = err.validator_value
        message = t("map.not-one-of", where=where, value=repr(err.instance),
                    options=", ".join(map(str, options)))  # fmt: skip
    elif err.validator in ("oneOf", "anyOf"):
        kinds = sorted({str(c.validator_value) for c in err.context or [] if c.validator == "type"})
        message = t("map.wrong-type", where=where, value=repr(err.instance),
                    kinds=" / ".join(kinds))  # fmt: skip
    elif err.validator == "type":
        expected = str(err.validator_value)
        message = t("map.wrong-type", where=where, value=repr(err.instance), kinds=expected)
    elif err.validator == "required" and isinstance(err.instance, dict):
        required: Any = err.validator_value
        missing = [p for p in required if p not in err.instance][:1]
        if missing:
            message = t("schema.required", where=where, name=repr(missing[0]))
    elif err.validator in LIMITS:
        message = t(LIMITS[str(err.validator)], where=where, value=repr(err.instance),
                    limit=str(err.validator_value))  # fmt: skip
    if isinstance(err.instance, int) and not isinstance(err.instance, bool):
        message += t("map.quote", hint=quote_hint(doc, path, err.instance))
    raise doc.error(message, path)


LIMITS = {
    "maxLength": "schema.too-long",
    "minLength": "schema.too-short",
    "minimum": "schema.minimum",
    "maximum": "schema.maximum",
    "minItems": "schema.few-items",
}
"""JSON Schema validators whose failure is said with the limit, in the language of the run."""


def quote_hint(doc: YamlDoc, path: list[str | int], value: int) -> str:
    """``"001"`` for a number YAML read from ``001``: the digits as written on its line."""
    line = doc.line_of(path)
    try:
        text = Path(doc.path).read_text(encoding="utf-8").splitlines()[(line or 0) - 1]
    except (OSError, IndexError, UnicodeDecodeError):
        text = ""
    for token in re.findall(r"(?<![\w.\"'])[0-9]+(?![\w.\"'])", text):
        if int(token) == value:
            return f'"{token}"'
    return f'"{value}"'


def _specific(err: jsonschema.ValidationError) -> jsonschema.ValidationError:
    """Inside a oneOf, the error of the branch that fits the value's type, if one does."""
    while err.validator in ("oneOf", "anyOf") and err.context:
        fitting = [c for c in err.context if c.validator != "type"]
        if not fitting:
            break
        err = max(fitting, key=lambda c: len(c.absolute_path))
    return err


def _area(doc: YamlDoc, data: dict[str, Any]) -> AreaSpec:
    """The area by id, or a spec file (a relative path is taken from the mapping's folder)."""
    area = str(data["area"])
    if area.endswith((".yaml", ".yml")) and not Path(area).is_absolute():
        area = str(Path(doc.path).parent / area)
    version = data.get("version", DEFAULT_VERSION)
    try:
        return _bundled_area(area, version) or load_area(area, version)
    except LayoutToolError as exc:
        raise doc.error(exc.said, ["area"]) from None


def _bundled_area(area: str, version: str) -> AreaSpec | None:
    """A bundled area named by its id, read from its own file (``<id>.yaml``) alone.

    A conversion needs one area; the catalogue parses every area's YAML, which takes longer
    than converting a small file. Names, numbers and paths go through ``load_area``.
    """
    if not area.isidentifier():
        return None
    try:
        path = version_dir(version) / f"{area}.yaml"
    except LayoutToolError:
        return None
    if area in ("catalogue", "codes") or not path.is_file():
        return None
    spec = load_area_file(path, shared_codes(version))
    return spec if spec.id == area else None


def _codes(doc: YamlDoc, data: dict[str, Any]) -> dict[str, CodeMapSpec]:
    out = {}
    for name, raw in (data.get("codes") or {}).items():
        table = doc.root["codes"][name].get("map") or {}
        for code in table:
            if not isinstance(code, str):
                raise doc.error(
                    Msg("map.code-not-string", map=name, code=repr(code)),
                    ["codes", name, "map", code],
                )
        try:
            out[name] = code_map_spec(name, raw)
        except ParamError as exc:
            raise doc.error(str(exc), ["codes", name]) from None
    return out


def _source(doc: YamlDoc, index: int, raw: dict[str, Any]) -> Source:
    here: list[str | int] = ["sources", index]
    fixed = raw["format"] == "fixed"
    for key in CSV_ONLY if fixed else FIXED_ONLY:
        if key in raw:
            kind = "csv" if fixed else "fixed"
            raise doc.error(Msg("source.key-format", key=repr(key), kind=kind), [*here, key])
    encoding = raw.get("encoding", "cp932" if fixed else "auto")
    if fixed and encoding != "cp932":
        raise doc.error(Msg("source.cp932"), [*here, "encoding"])
    newline = raw.get("newline", "crlf")
    if not fixed and newline == "none":
        raise doc.error(Msg("source.newline"), [*here, "newline"])
    fields = tuple(_field(doc, [*here, "fields", i], f, fixed) for i, f in enumerate(raw["fields"]))
    _unique(doc, [f.name for f in fields], [*here, "fields"], "field name", "name")
    if fixed:
        _positions(doc, here, fields, raw.get("record_length"))
    return Source(
        id=raw["id"],
        file=raw["file"],
        format="fixed" if fixed else "csv",
        fields=fields,
        encoding=encoding,
        newline=newline,
        delimiter=raw.get("delimiter", ","),
        quoting=raw.get("quoting", "minimal"),
        header=raw.get("header", True),
        match=tuple(raw.get("match", [])),
        description=raw.get("description"),
        line=doc.line_of(here),
    )


def _field(doc: YamlDoc, path: list[str | int], raw: Any, fixed: bool) -> Field:
    if isinstance(raw, str):
        raw = {"name": raw}
    if fixed and "length" not in raw:
        raise doc.error(Msg("source.fixed-length", name=repr(raw["name"])), path)
    if not fixed and ("start" in raw or "length" in raw):
        raise doc.error(Msg("source.csv-length", name=repr(raw["name"])), path)
    return Field(
        raw["name"],
        raw.get("start"),
        raw.get("length"),
        raw.get("filler", False),
        doc.line_of(path),
    )


def _positions(doc: YamlDoc, here: list[str | int], fields: tuple[Field, ...], total: Any) -> None:
    """Fields follow each other without gaps or overlaps (declare gaps as filler fields)."""
    position = 1
    for i, f in enumerate(fields):
        if f.start is not None and f.start != position:
            raise doc.error(
                f"field {f.name!r} starts at byte {f.start}, but the fields before it end at"
                f" byte {position - 1} (declare a gap as a filler field)",
                [*here, "fields", i, "start"],
            )
        position += f.length or 0
    if total is not None and total != position - 1:
        raise doc.error(
            f"record_length is {total}, but the fields add up to {position - 1} bytes",
            [*here, "record_length"],
        )


def _target(
    doc: YamlDoc,
    index: int,
    raw: dict[str, Any],
    area: AreaSpec,
    sources: dict[str, Source],
    codes: dict[str, CodeMapSpec],
) -> Target:
    here: list[str | int] = ["targets", index]
    try:
        file = area.file(raw["file"])
    except LayoutToolError as exc:
        raise doc.error(exc.said, [*here, "file"]) from None
    source = sources.get(raw["source"])
    if source is None:
        known = ", ".join(sources)
        said = Msg("map.no-source", source=repr(raw["source"]), known=known)
        raise doc.error(said, [*here, "source"])
    scope = Scope(doc, source, sources, codes, area.codes)
    rules = []
    for name, rule in raw["items"].items():
        where = [*here, "items", name]
        if not file.has_item(name):
            raise doc.error(
                Msg("map.no-item", file=file.id, name=file.name, item=repr(name)), where
            )
        rules.append(compile_rule(scope, where, file.item(name), rule))
    order = {item.name: i for i, item in enumerate(file.items)}
    rules.sort(key=lambda r: order[r.item.name])
    return Target(file, source.id, tuple(rules), line=doc.line_of(here))


def _unique(doc: YamlDoc, values: list[str], base: list[str | int], what: str, key: str) -> None:
    seen: set[str] = set()
    for i, value in enumerate(values):
        if value in seen:
            raise doc.error(f"duplicate {what} {value!r}", [*base, i, key])
        seen.add(value)


def _all_used(doc: YamlDoc, sources: tuple[Source, ...], targets: tuple[Target, ...]) -> None:
    used = {t.source for t in targets}
    used |= {r.lookup.source for t in targets for r in t.rules if r.lookup is not None}
    for i, s in enumerate(sources):
        if s.id not in used:
            raise doc.error(Msg("map.unused-source", source=s.id), ["sources", i, "id"])
