"""Validate handover files against an area spec: read → check in batches → report.

Per-item checks are polars expressions evaluated over whole batches; only the cells that
fail are turned into Python objects, and only as many as the report lists.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from layout_tool.checks import crossfile
from layout_tool.checks.header import map_columns
from layout_tool.checks.items import finding_code, gaiji_present
from layout_tool.io.csvsource import BATCH_BYTES, ROW, Batch, CsvSource, col
from layout_tool.report.finding import Finding
from layout_tool.report.report import FileResult, Filter, Report
from layout_tool.spec.model import AreaSpec, FileSpec, Item
from layout_tool.validate.inputs import resolve
from layout_tool.validate.messages import item_message

Progress = Callable[[str, int], None]


@dataclass(frozen=True)
class Options:
    encoding: str = "auto"
    has_header: bool = True
    file_id: str | None = None
    filter: Filter = field(default_factory=Filter)
    batch_bytes: int = BATCH_BYTES


def validate_paths(
    spec: AreaSpec,
    paths: list[Path],
    options: Options = Options(),
    progress: Progress | None = None,
) -> Report:
    """Check every input (files or folders) against ``spec`` and return the report."""
    report = Report(
        area=spec.id, spec_version=spec.version, standard=spec.standard, filter=options.filter
    )
    collected: dict[str, crossfile.Collected] = {}
    for entry in resolve(spec, paths, options.file_id, options.encoding):
        label = str(entry.path)
        if entry.spec is None:
            report.add(
                Finding(
                    "header",
                    "warning",
                    f"not recognised as a file of {spec.id}; not checked",
                    file=label,
                )
            )
            continue
        got = crossfile.Collected(label)
        if entry.spec.id in collected:
            got = collected[entry.spec.id]
        collected[entry.spec.id] = got
        report.files.append(
            check_file(spec, entry.spec, entry.path, options, report, got, progress)
        )
    for file_id, got in collected.items():
        for f in crossfile.key_duplicates(spec, file_id, got):
            report.add(f)
        for f in crossfile.rules(spec, file_id, got):
            report.add(f)
    found, notes = crossfile.references(spec, collected)
    for f in found:
        report.add(f)
    report.notes.extend(notes)
    return report


def check_file(
    spec: AreaSpec,
    fspec: FileSpec,
    path: Path,
    options: Options,
    report: Report,
    got: crossfile.Collected,
    progress: Progress | None = None,
) -> FileResult:
    """Check one CSV file: header, then its batches (see ``check_batches``)."""
    label = str(path)
    src = CsvSource(
        path,
        encoding=options.encoding,
        has_header=options.has_header,
        label=label,
        file_id=fspec.id,
        batch_bytes=options.batch_bytes,
    )
    result = FileResult(label, fspec.id, encoding=src.encoding, detected_by=src.detected.how)
    result.bytes = src.size
    cmap = map_columns(fspec, src.header, label)
    for f in [*src.header_findings, *cmap.findings]:
        report.add(f)
    column_names = [""] * cmap.ncols
    for name, pos in cmap.positions.items():
        column_names[pos] = name
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        digest.update(fh.read(src.data_start))
    batches = src.batches(cmap.ncols, column_names, digest)
    result.rows = check_batches(spec, fspec, label, batches, cmap.positions, report, got, progress)
    result.sha256 = digest.hexdigest()
    return result


def check_batches(
    spec: AreaSpec,
    fspec: FileSpec,
    label: str,
    batches: Iterable[Batch],
    positions: dict[str, int],
    report: Report,
    got: crossfile.Collected,
    progress: Progress | None = None,
) -> int:
    """Check record batches from any reader; returns the number of records seen.

    Each batch frame holds ``__row`` and string columns ``c<position>``; ``positions`` maps
    item names to those positions (items without a column are not checked). Reader findings
    (encoding, row-shape) come with the batch. Cross-file material goes into ``got``.
    """
    present = [(item, positions[item.name]) for item in fspec.items if item.name in positions]
    names = {item.name: col(pos) for item, pos in present}
    codes = dict(spec.codes)
    checks = [finding_code(item, pl.col(col(pos)), codes).alias(item.name) for item, pos in present]
    gaiji = [gaiji_present(pl.col(col(pos))).alias(item.name) for item, pos in present]
    by_name = {item.name: item for item, _ in present}
    rows = 0
    for batch in batches:
        rows += batch.records
        for f in batch.findings:
            report.add(f, sensitive=f.item in by_name and by_name[f.item].sensitive)
        frame = batch.frame
        if frame.height:
            _item_findings(frame, checks, gaiji, by_name, names, fspec, label, report)
            crossfile.collect(spec, fspec.id, frame, names, got)
        if progress is not None:
            progress(label, rows)
    return rows


def _item_findings(
    frame: pl.DataFrame,
    checks: list[pl.Expr],
    gaiji: list[pl.Expr],
    items: dict[str, Item],
    names: dict[str, str],
    fspec: FileSpec,
    label: str,
    report: Report,
) -> None:
    if not checks:
        return
    codes = frame.lazy().select(ROW, *checks).collect()
    item_cols = [c for c in codes.columns if c != ROW]
    bad = codes.filter(pl.any_horizontal(pl.col(c).is_not_null() for c in item_cols))
    long = (
        bad.unpivot(index=ROW, variable_name="item", value_name="code").drop_nulls("code")
        if bad.height
        else None
    )
    flags = frame.lazy().select(ROW, *gaiji).collect()
    hits = flags.filter(pl.any_horizontal(pl.col(c) for c in item_cols))
    if hits.height:
        g = (
            hits.unpivot(index=ROW, variable_name="item", value_name="hit")
            .filter(pl.col("hit"))
            .select(ROW, "item", pl.lit("gaiji").alias("code"))
        )
        long = g if long is None else pl.concat([long, g])
    if long is None or long.height == 0:
        return
    allowed = [name for name, item in items.items() if item.gaiji]
    long = long.with_columns(
        pl.when((pl.col("code") == "gaiji") & pl.col("item").is_in(allowed))
        .then(pl.lit("warning"))
        .otherwise(pl.lit("error"))
        .alias("severity")
    )
    counts = long.group_by("code", "item", "severity").len("n")
    report.count_frame(counts)
    room = report.room()
    if room <= 0:
        return
    listed = long.sort(ROW, "item").head(room)
    rows = listed[ROW].unique().implode()
    values = {rec[ROW]: rec for rec in frame.filter(pl.col(ROW).is_in(rows)).iter_rows(named=True)}
    for row, name, code, severity in listed.select(ROW, "item", "code", "severity").iter_rows():
        item = items[name]
        value = values[row][names[name]]
        report.list_finding(
            Finding(
                code,
                "warning" if severity == "warning" else "error",
                item_message(code, item),
                file=label,
                file_id=fspec.id,
                row=row,
                item=name,
                column=int(names[name][1:]) + 1,
                value=value,
            ),
            sensitive=item.sensitive,
        )
