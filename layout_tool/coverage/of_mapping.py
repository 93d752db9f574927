"""Coverage of a vendor mapping: which standard items its rules produce, and how well.

The mapping already says everything needed: a rule per produced item, the transforms it
applies, and (for fixed-width sources) every field's width in bytes. Nothing is read from
data, so the answer describes what the vendor *can* deliver, not what one export holds.

Rules (docs/coverage.md says the same for readers):

- ``from``, ``join``, ``split`` and ``lookup`` rules deliver the item (``covered``);
  a ``const`` rule is listed as ``constant``; an item without a rule is ``missing``.
- **length**: where the value comes from fixed-width fields, the characters the fields can
  hold are compared with the item's 桁数. CP932 full-width characters take two bytes, so a
  ``zenkaku`` or ``kana`` item gets half the field's bytes (a 40-byte field holds at most
  20 全角 characters), unless a ``zenkaku`` transform widens half-width input; a join adds
  its parts and separators. Values made by a ``date`` transform or a code map are not
  compared (the transform writes the standard's form whatever the vendor's width).
- **type**: a ``date`` or ``wareki`` item without a ``date`` transform, a ``code`` item
  without a code map (or with ``unmapped: keep``), and a width transform that works against
  the item's type (``hankaku`` into a full-width item, ``zenkaku`` into a half-width one,
  ``hiragana`` into a kana item).
"""

from __future__ import annotations

from layout_tool.coverage.model import (
    Coverage,
    FileCoverage,
    Issue,
    ItemCoverage,
    VendorField,
    VendorFile,
)
from layout_tool.i18n import t
from layout_tool.mapping.model import FULLWIDTH_SPACE, Mapping, Rule, Source, Target
from layout_tool.mapping.transforms.base import Step
from layout_tool.spec.model import FileSpec, Item

FULL_WIDTH = frozenset({"zenkaku", "kana"})
HALF_WIDTH = frozenset(
    {"hankaku", "digits", "number", "code", "date", "wareki", "yearmonth", "time"}
)
CONVERTED_DATES = frozenset({"date", "wareki"})  # the types a `date` transform writes
CODE_STEPS = frozenset({"code", "era-code"})


def coverage_of_mapping(mapping: Mapping) -> Coverage:
    """Every item of every file of the mapping's area, and the vendor fields left over."""
    files = []
    for file in mapping.area.files:
        target = next((t for t in mapping.targets if t.file.id == file.id), None)
        files.append(_file(mapping, file, target))
    notes = []
    unmapped = [f.file.id for f in files if f.vendor is None]
    if unmapped:
        notes.append(t("covwhy.unmapped-files", files=", ".join(unmapped)))
    return Coverage(
        kind="mapping",
        subject=mapping.path,
        title=mapping.name,
        area=mapping.area,
        files=tuple(files),
        vendor_files=_vendor_files(mapping),
        vendor=mapping.vendor,
        notes=tuple(notes),
    )


def _file(mapping: Mapping, file: FileSpec, target: Target | None) -> FileCoverage:
    if target is None:
        return FileCoverage(file, None, tuple(ItemCoverage(i, "missing") for i in file.items))
    source = mapping.source(target.source)
    items = []
    for item in file.items:
        rule = target.rule_for(item.name)
        items.append(
            ItemCoverage(item, "missing") if rule is None else _item(mapping, source, rule)
        )
    return FileCoverage(file, f"{source.id} ({source.file})", tuple(items))


def _item(mapping: Mapping, source: Source, rule: Rule) -> ItemCoverage:
    item = rule.item
    if rule.kind == "const":
        return ItemCoverage(item, "constant", "const", via=f"constant {rule.const!r}")
    vendor = _vendor_fields(source, rule)
    capacity = _capacity(mapping, source, rule)
    issues = [*_type_issues(rule), *_length_issues(rule, capacity)]
    return ItemCoverage(
        item,
        "narrower" if issues else "covered",
        rule.kind,
        vendor=vendor,
        via=_via(rule),
        capacity=capacity,
        issues=tuple(issues),
    )


def _vendor_fields(source: Source, rule: Rule) -> tuple[str, ...]:
    if rule.kind == "lookup" and rule.lookup is not None:
        return (f"{rule.lookup.source}.{rule.lookup.field}",)
    return tuple(f"{source.id}.{name}" for name in rule.fields)


def _names(steps: tuple[Step, ...]) -> list[str]:
    return [s.name for s in steps]


def _sep(sep: str) -> str:
    return "全角空白" if sep == FULLWIDTH_SPACE else repr(sep)


def _via(rule: Rule) -> str:
    """The rule in one line: ``SHIMEI → trim``, ``join 氏 + 名``, ``lookup setai.X on Y``."""
    if rule.kind == "join":
        parts = []
        for part in rule.parts:
            steps = _names(part.steps)
            parts.append(part.field + (f" [{', '.join(steps)}]" if steps else ""))
        text = f"join {' + '.join(parts)} (sep {_sep(rule.sep)})"
    elif rule.kind == "split":
        text = f"split {rule.field} part {rule.part}/{rule.count} (sep {_sep(rule.sep)})"
        if rule.each:
            text += f" each [{', '.join(_names(rule.each))}]"
    elif rule.kind == "lookup" and rule.lookup is not None:
        look = rule.lookup
        text = f"lookup {look.source}.{look.field} on {', '.join(look.on)}"
    else:
        text = str(rule.field)
    if rule.steps:
        text += " → " + ", ".join(_names(rule.steps))
    return text


def _field_chars(source: Source, name: str, item: Item, steps: tuple[Step, ...]) -> int | None:
    """Characters a fixed-width field can hold for ``item`` (None for CSV: no width)."""
    if source.format != "fixed":
        return None
    width = source.field(name).length
    if width is None:
        return None
    names = set(_names(steps))
    two_bytes = (item.type in FULL_WIDTH and "zenkaku" not in names) or "hankaku" in names
    return width // 2 if two_bytes else width


def _capacity(mapping: Mapping, source: Source, rule: Rule) -> int | None:
    """What the rule's vendor fields can hold, in the item's characters (None if unknown)."""
    item = rule.item
    if rule.kind == "join":
        total = len(rule.sep) * (len(rule.parts) - 1)
        for part in rule.parts:
            chars = _field_chars(source, part.field, item, part.steps + rule.steps)
            if chars is None:
                return None
            total += chars
        return total
    if rule.kind == "lookup" and rule.lookup is not None:
        other = mapping.source(rule.lookup.source)
        return _field_chars(other, rule.lookup.field, item, rule.steps)
    if rule.field is None:
        return None
    return _field_chars(source, rule.field, item, rule.steps + rule.each)


def _type_issues(rule: Rule) -> list[Issue]:
    item = rule.item
    names = _names(rule.all_steps)
    issues = []
    if item.type in CONVERTED_DATES and "date" not in names:
        shape, hint = _date_shape(item)
        issues.append(Issue("type", t("covwhy.no-date", shape=shape, hint=hint)))
    if item.type == "code" and not CODE_STEPS.intersection(names):
        issues.append(Issue("type", t("covwhy.no-code", table=item.code)))
    elif item.type == "code" and rule.relaxes_code_check:
        issues.append(Issue("type", t("covwhy.keep")))
    width_steps = [n for n in names if n in ("zenkaku", "hankaku", "hiragana", "katakana")]
    last = width_steps[-1] if width_steps else None
    if last == "hankaku" and item.type in FULL_WIDTH:
        issues.append(Issue("type", t("covwhy.hankaku", type=item.type)))
    if last == "zenkaku" and item.type in HALF_WIDTH:
        issues.append(Issue("type", t("covwhy.zenkaku", type=item.type)))
    if last == "hiragana" and item.type == "kana":
        issues.append(Issue("type", t("covwhy.hiragana")))
    return issues


def _date_shape(item: Item) -> tuple[str, str]:
    """How the standard writes the item, and the ``date`` shape that says "already so"."""
    if item.type == "wareki":
        return "年号2桁+YYMMDD (04310101)", "wareki"
    shapes = {"%Y/%m/%d": ("YYYY/MM/DD", "slash"), "%Y-%m-%d": ("YYYY-MM-DD", "iso")}
    return shapes.get(item.format or "", ("YYYYMMDD", "compact"))


def _length_issues(rule: Rule, capacity: int | None) -> list[Issue]:
    item = rule.item
    names = set(_names(rule.all_steps))
    if capacity is None or capacity >= item.length:
        return []
    if (item.type in CONVERTED_DATES and "date" in names) or CODE_STEPS.intersection(names):
        return []
    unit = t("covwhy.unit-full" if item.type in FULL_WIDTH else "covwhy.unit")
    return [Issue("length", t("covwhy.capacity", capacity=capacity, unit=unit, length=item.length))]


def _used_fields(mapping: Mapping) -> set[tuple[str, str]]:
    """(source, field) pairs any rule reads, lookup keys included."""
    used: set[tuple[str, str]] = set()
    for target in mapping.targets:
        for rule in target.rules:
            used.update((target.source, name) for name in rule.fields)
            if rule.lookup is not None:
                look = rule.lookup
                used.update((look.source, name) for name in (*look.key, look.field))
    return used


def _vendor_files(mapping: Mapping) -> tuple[VendorFile, ...]:
    used = _used_fields(mapping)
    out = []
    for source in mapping.sources:
        fields = [f for f in source.fields if not f.filler]
        unplaced = tuple(
            VendorField(f.name, f"{f.length} bytes" if f.length is not None else None)
            for f in fields
            if (source.id, f.name) not in used
        )
        target = mapping.target_of(source.id)
        out.append(
            VendorFile(
                source.id,
                source.file,
                len(fields),
                unplaced,
                standard_file=target.file.id if target is not None else None,
            )
        )
    return tuple(out)
