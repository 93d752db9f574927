"""``spec import``: an official-style データ項目一覧表 (.xlsx or .csv) → a spec file.

The official workbooks are not available to this project (BRIEF §1), so a user who holds
one must be able to turn it into the spec the tool checks against. Headings are matched by
name and synonyms (``import_words``), every guess the importer makes is listed as a
warning, and the result is proven loadable before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from layout_tool.errors import LayoutToolError
from layout_tool.io.atomic import write_text_atomic
from layout_tool.spec.catalogue import DEFAULT_VERSION, FAMILIES, catalogue, shared_codes
from layout_tool.spec.dump import dump_area
from layout_tool.spec.import_items import ItemContext, build_items
from layout_tool.spec.import_read import (
    Header,
    Table,
    best_guess_row,
    find_header,
    label_value,
    match_row,
    read_tables,
)
from layout_tool.spec.import_words import (
    CODE_FIELDS,
    CODE_REQUIRED,
    FILE_ID_LABELS,
    FILE_NAME_LABELS,
    ITEM_FIELDS,
    ITEM_REQUIRED,
    TABLE_LABELS,
    field_of,
    normalise,
    slug,
)
from layout_tool.spec.loader import load_area_file
from layout_tool.spec.model import ITEM_TYPES, AreaSpec, CodeTable, FileSpec, ItemType

SPEC_ID = re.compile(r"^[a-z][a-z0-9_]*$")
EDITION = re.compile(r"第([0-9]+(?:\.[0-9]+)*)版")
GROUP_ID = re.compile(r"(?<![0-9])([0-9]{6})(?![0-9])")
MAX_LISTED_PROBLEMS = 20


@dataclass(frozen=True)
class ImportOptions:
    """What the user told ``spec import`` besides the table itself."""

    area: str
    version: str = DEFAULT_VERSION
    area_name: str | None = None
    number: int | None = None
    columns: tuple[str, ...] = ()  # FIELD=HEADING
    type_words: tuple[str, ...] = ()  # WORD=TYPE
    file_ids: tuple[str, ...] = ()  # NAME=ID, or ID when the table holds one file
    file_name: str | None = None
    code_paths: tuple[Path, ...] = ()
    encoding: str = "auto"


@dataclass
class ImportResult:
    spec: AreaSpec
    text: str
    warnings: list[str] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)


@dataclass
class _Sheets:
    """What the sheets hold: item rows per file, code tables, and what was left out."""

    files: dict[str, _RawFile] = field(default_factory=dict)
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    used: list[str] = field(default_factory=list)
    unrecognised: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add(
        self,
        table: Table,
        options: ImportOptions,
        item_over: Mapping[str, str],
        code_over: Mapping[str, str],
        items_allowed: bool,
    ) -> None:
        """An item table, a code table (by its header), or a sheet left out."""
        header = find_header(table, ITEM_FIELDS, ITEM_REQUIRED, item_over)
        if header is not None and items_allowed:
            _collect_files(table, header, options, self.files)
            return
        header = find_header(table, CODE_FIELDS, CODE_REQUIRED, code_over)
        if header is not None:
            for table_id, values in _code_values(table, header, self.warnings).items():
                _merge_codes(self.codes, table_id, values, table, self.warnings)
                self.sources.setdefault(table_id, f"{table.source}: {table.title}")
                self.used.append(f"{table.title}: code table {table_id} ({len(values)} values)")
            return
        self.unrecognised.append(_describe_unrecognised(table))
        self.used.append(f"{table.title}: skipped (no item or code table header)")


@dataclass
class _RawFile:
    """The rows of one 移行ファイル, possibly gathered from several sheets."""

    name: str
    physical: str | None
    rows: list[tuple[Table, Header, int]] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)
    group: str | None = None  # 基本データリスト file group id (6 digits), when the table gives one


def import_table(path: Path, options: ImportOptions) -> ImportResult:
    """Read ``path`` (and any ``--codes`` tables) and build an imported AreaSpec."""
    item_over, code_over = _column_overrides(options.columns)
    type_words = _type_words(options.type_words)
    family, area_id, area_name, number, modelled = _area(options)
    tables = read_tables(path, options.encoding)
    extra = [t for p in options.code_paths for t in read_tables(p, options.encoding)]
    found = _Sheets()
    for table in tables:
        found.add(table, options, item_over, code_over, items_allowed=True)
    for table in extra:
        found.add(table, options, item_over, code_over, items_allowed=False)
    if not found.files:
        raise LayoutToolError(_no_item_table(path, found.unrecognised))
    warnings = found.warnings
    shared = shared_codes(DEFAULT_VERSION)
    tables_by_id = {
        k: CodeTable(k, k, "imported", v, source=found.sources.get(k))
        for k, v in found.codes.items()
    }
    ctx = ItemContext(local=tables_by_id, shared=shared, type_words=type_words)
    ids = _file_ids(list(found.files.values()), options.file_ids, modelled, warnings)
    files: list[FileSpec] = []
    for raw, file_id in zip(found.files.values(), ids, strict=True):
        items, key = build_items(raw.name, raw.rows, ctx)
        group = raw.group if family == "kihon" else None
        files.append(
            FileSpec(
                file_id, raw.name, tuple(items), tuple(key), filename=raw.physical, group=group
            )
        )
        found.used.append(
            f"{', '.join(raw.sheets)}: file {file_id} {raw.name} ({len(items)} items)"
        )
    warnings += ctx.warnings
    if ctx.problems:
        raise LayoutToolError(_problem_list(path, ctx.problems))
    for f in files:
        if not f.items:
            warnings.append(f"file {f.name}: no items below the header; left out")
    files = [f for f in files if f.items]
    if not files:
        raise LayoutToolError(f"{path.name}: the item table headers have no items below them")
    edition = EDITION.search(path.name)
    version = options.version
    if family == "kihon" and edition is not None and version == DEFAULT_VERSION:
        version = edition.group(1)  # 基本データリスト【第2.1版】 → 2.1
    spec = AreaSpec(
        standard=family,
        version=version,
        provenance="imported",
        id=area_id,
        name=area_name,
        number=number,
        files=tuple(files),
        codes={**shared, **tables_by_id},
        local_codes=tuple(tables_by_id),
        note=f"Imported from {path.name} with layout-tool spec import;"
        " the workbook is the authority: review the import warnings.",
        charset="mjplus" if family == "kihon" else None,
        edition=edition.group(0) if edition is not None and family == "kihon" else None,
    )
    comment = f"{area_name} ({area_id}) — imported from {path.name} by layout-tool spec import."
    text = dump_area(spec, header=comment)
    try:
        load_area_file(Path(f"{area_id}.yaml"), shared, text=text)
    except LayoutToolError as exc:
        where = f" (generated YAML line {exc.line})" if exc.line else ""
        raise LayoutToolError(
            f"{path.name}: the table gives an invalid spec: {exc.message}{where}"
        ) from None
    return ImportResult(spec, text, warnings, found.used)


def write_spec(result: ImportResult, out: Path) -> None:
    write_text_atomic(out, result.text)


def _column_overrides(pairs: tuple[str, ...]) -> tuple[dict[str, str], dict[str, str]]:
    """``--column FIELD=HEADING`` for item tables and code tables (a field may be both)."""
    item: dict[str, str] = {}
    code: dict[str, str] = {}
    for pair in pairs:
        word, sep, heading = pair.partition("=")
        if not sep or not word.strip() or not heading.strip():
            raise LayoutToolError(f"--column {pair!r}: expected FIELD=HEADING, e.g. データ型=属性")
        item_field, code_field = field_of(word, ITEM_FIELDS), field_of(word, CODE_FIELDS)
        if item_field is None and code_field is None:
            known = ", ".join([*ITEM_FIELDS, *CODE_FIELDS])
            raise LayoutToolError(
                f"--column {pair!r}: unknown field {word!r} (fields: {known}, or a heading"
                " such as データ型)"
            )
        if item_field is not None:
            item[item_field] = normalise(heading)
        if code_field is not None:
            code[code_field] = normalise(heading)
    return item, code


def _type_words(pairs: tuple[str, ...]) -> dict[str, ItemType]:
    out: dict[str, ItemType] = {}
    for pair in pairs:
        word, sep, item_type = pair.partition("=")
        kind = item_type.strip()
        if not sep or not word.strip() or kind not in ITEM_TYPES:
            raise LayoutToolError(
                f"--type {pair!r}: expected WORD=TYPE with TYPE one of {', '.join(ITEM_TYPES)}"
            )
        out[word.strip()] = kind
    return out


def _area(options: ImportOptions) -> tuple[str, str, str, int, Mapping[str, str]]:
    """Family, area id, name, number, and the file ids of its modelled spec (name → id)."""
    family, sep, area = options.area.partition(":")
    if not sep:
        family, area = "chukan", options.area
    if family not in FAMILIES:
        raise LayoutToolError(f"--area {options.area!r}: unknown spec family {family!r}")
    key = DEFAULT_VERSION if family == "chukan" else family
    for entry in catalogue(key):
        if area in {entry.id, entry.name, str(entry.number), f"{entry.number:03d}"}:
            known = {f.name: f.id for f in entry.spec.files} if entry.spec else {}
            name, number = options.area_name or entry.name, options.number or entry.number
            return family, entry.id, name, number, known
    options = replace(options, area=area)
    if not SPEC_ID.match(options.area):
        raise LayoutToolError(
            f"--area {options.area!r}: not in the catalogue, and not usable as an id"
            " (lower-case letters, digits, _)"
        )
    if options.area_name is None or options.number is None:
        raise LayoutToolError(
            f"area {options.area!r} is not in the catalogue: give --area-name and --number too"
        )
    return family, options.area, options.area_name, options.number, {}


def _collect_files(
    table: Table, header: Header, options: ImportOptions, files: dict[str, _RawFile]
) -> None:
    """Assign the table's rows to files: one per sheet, or by a 移行ファイル column."""
    label = label_value(table, header.row, FILE_NAME_LABELS)
    physical = label_value(table, header.row, FILE_ID_LABELS)
    default = label or table.title
    if table.sheet is None and options.file_name:
        default = options.file_name
    file_col = header.first("file")
    current = default
    for index in range(header.row + 1, len(table.rows)):
        if file_col is not None and table.cell(index, file_col).strip():
            current = table.cell(index, file_col).strip()
        raw = files.get(current)
        if raw is None:
            raw = files[current] = _RawFile(current, physical if file_col is None else None)
        raw.rows.append((table, header, index))
        if table.title not in raw.sheets:
            raw.sheets.append(table.title)
        if raw.group is None:
            raw.group = _group_of(table, header, index, current)


def _group_of(table: Table, header: Header, index: int, name: str) -> str | None:
    """A 6-digit file group id: the group column's, or one in the file or sheet name."""
    column = header.first("group")
    cell = table.cell(index, column).strip() if column is not None else ""
    for text in (cell, name, table.title):
        found = GROUP_ID.search(text)
        if found:
            return found.group(1)
    return None


def _code_values(table: Table, header: Header, warnings: list[str]) -> dict[str, dict[str, str]]:
    """Code tables of one sheet: by its コード名 column, else one table named by a label."""
    value_col, label_col = header.first("value"), header.first("label")
    assert value_col is not None and label_col is not None  # required by find_header
    table_col = header.first("table")
    current = label_value(table, header.row, TABLE_LABELS) or table.title
    out: dict[str, dict[str, str]] = {}
    for index in range(header.row + 1, len(table.rows)):
        if table_col is not None and table.cell(index, table_col).strip():
            current = table.cell(index, table_col).strip()
        value = table.cell(index, value_col).strip()
        label = " ".join(table.cell(index, label_col).split())
        if not value or set(match_row([value, label], CODE_FIELDS, {})) >= {"value", "label"}:
            continue
        values = out.setdefault(current, {})
        if value in values and values[value] != label:
            warnings.append(
                f"{table.where(index)}: code {value!r} of {current} appears twice;"
                f" kept {values[value]!r}"
            )
            continue
        values[value] = label
    return out


def _merge_codes(
    local: dict[str, dict[str, str]],
    table_id: str,
    values: dict[str, str],
    table: Table,
    warnings: list[str],
) -> None:
    merged = local.setdefault(table_id, {})
    for value, label in values.items():
        if value in merged and merged[value] != label:
            warnings.append(f"{table.title}: code {value!r} of {table_id} differs; kept the first")
            continue
        merged[value] = label


def _file_ids(
    files: list[_RawFile],
    pairs: tuple[str, ...],
    modelled: Mapping[str, str],
    warnings: list[str],
) -> list[str]:
    """A spec id per file: the user's word, a physical name, the modelled spec's, or fileN."""
    given: dict[str, str] = {}
    for pair in pairs:
        name, sep, file_id = pair.rpartition("=")
        if not sep:
            if len(files) != 1:
                raise LayoutToolError(
                    f"--file-id {pair!r}: the table holds {len(files)} files;"
                    " use NAME=ID for each (names: " + ", ".join(f.name for f in files) + ")"
                )
            name = files[0].name
        if not SPEC_ID.match(file_id):
            raise LayoutToolError(
                f"--file-id {pair!r}: {file_id!r} is not a usable id (lower-case letters,"
                " digits, _; starting with a letter)"
            )
        given[name.strip()] = file_id
    used: set[str] = set()
    out: list[str] = []
    for n, raw in enumerate(files, start=1):
        by_sheet = next((given[s] for s in raw.sheets if s in given), None)
        candidates = [
            given.get(raw.name) or by_sheet,
            slug(raw.physical) if raw.physical else None,
            modelled.get(raw.name),
            slug(raw.name),
            f"file{n}",
        ]
        file_id = next(c for c in candidates if c)
        while file_id in used:
            file_id += "_2"
        used.add(file_id)
        out.append(file_id)
    names = {n for raw in files for n in (raw.name, *raw.sheets)}
    for name in given:
        if name not in names:
            warnings.append(f"--file-id names {name!r}, which is not a file of the table")
    return out


def _describe_unrecognised(table: Table) -> str:
    seen = best_guess_row(table)
    columns = match_row(seen, ITEM_FIELDS, {})
    known = ", ".join(f"{seen[c[0]]} → {name}" for name, c in columns.items()) or "none"
    found = ", ".join(seen[:15]) or "(empty)"
    return f"  {table.title}: found {found}; recognised: {known}"


def _no_item_table(path: Path, unrecognised: list[str]) -> str:
    name_words = ", ".join(ITEM_FIELDS["name"][:4])
    type_words = ", ".join(ITEM_FIELDS["type"][:4])
    lines = [
        f"{path.name}: no データ項目一覧表 found. An item table needs a header row (in the first"
        f" rows of a sheet) naming the item name ({name_words} …) and the data type"
        f" ({type_words} …).",
        *unrecognised,
        "Name the columns yourself, e.g. --column データ項目名称=名前 --column データ型=種類",
    ]
    return "\n".join(lines)


def _problem_list(path: Path, problems: list[str]) -> str:
    shown = problems[:MAX_LISTED_PROBLEMS]
    more = len(problems) - len(shown)
    tail = [f"  … and {more} more"] if more > 0 else []
    head = f"{path.name}: {len(problems)} problem(s) prevent the import:"
    return "\n".join([head, *[f"  {p}" for p in shown], *tail])
