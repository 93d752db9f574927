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

from layout_tool.charset.policy import CharPolicy, length_message
from layout_tool.checks import crossfile
from layout_tool.checks.header import map_columns
from layout_tool.checks.items import char_screen, finding_code, gaiji_present
from layout_tool.checks.strength import soft_code_items
from layout_tool.gaiji.inventory import tally
from layout_tool.i18n import Text
from layout_tool.io.csvsource import BATCH_BYTES, ROW, Batch, CsvSource, col
from layout_tool.io.inputs import shown
from layout_tool.profile import Profile, effective
from layout_tool.report.finding import Finding
from layout_tool.report.report import FileResult, Filter, Report
from layout_tool.spec.model import AreaSpec, CodeTable, FileSpec, Item
from layout_tool.validate.inputs import Resolved, nothing_checked, resolve
from layout_tool.validate.messages import item_message

Progress = Callable[[str, int], None]
PUA_TYPES = frozenset({"zenkaku", "kana", "text"})
GAIJI_PREFIX = "\x00gaiji:"
CHARS_PREFIX = "\x00chars:"
SCAN_PREFIX = "\x00scan:"  # + code + ":" + item: the character checks of CharPolicy.scans
INVENTORIED = ("gaiji", "charset", "lost-char")


@dataclass(frozen=True)
class Options:
    encoding: str = "auto"
    has_header: bool = True
    file_id: str | None = None
    filter: Filter = field(default_factory=Filter)
    batch_bytes: int = BATCH_BYTES
    complete: bool = False  # a full handover set: a missing file of the area is an error
    profile: Profile | None = None  # local rules (None: the bundled spec, opt-in checks off)
    chars: CharPolicy = field(default_factory=CharPolicy)  # charset and length counting
    jobs: int = 1  # CSV files checked in this many processes (0: one per core); same report


# With jobs=0, a run of less than this many bytes of CSV is checked serially anyway: a
# worker process takes about a second to start, more than small files take to check.
PARALLEL_MIN_BYTES = 64 << 20


def validate_paths(
    spec: AreaSpec,
    paths: list[Path],
    options: Options = Options(),
    progress: Progress | None = None,
) -> Report:
    """Check every input (files or folders) against ``spec`` and return the report."""
    profile = options.profile
    spec = effective(spec, profile)
    report = Report(
        area=spec.id,
        spec_version=spec.version,
        standard=spec.standard,
        filter=options.filter,
        inputs=[str(p) for p in paths],
        provenance=spec.provenance,
        has_header=options.has_header,
    )
    if profile is not None:
        report.profile = profile.to_dict()
        report.code_severity = dict(profile.code_severity)
        report.item_severity = dict(profile.item_severity)
    if options.chars.charset is not None:
        report.charset = options.chars.charset.describe()
    collected: dict[str, crossfile.Collected] = {}
    from layout_tool.xml.validate import check_documents, split_inputs  # late: it uses this module

    xml_paths, other_paths = split_inputs(paths)
    resolved = (
        resolve(spec, other_paths, options.file_id, options.encoding)
        if other_paths or not xml_paths
        else Resolved()
    )
    if not xml_paths and not resolved.recognised:
        raise nothing_checked(spec, resolved)
    report.notes.extend(resolved.notes)
    report.area_files = len(spec.files)
    serial = _serial(options.jobs, [e.path for e in resolved.inputs if e.spec is not None])
    if not serial:
        from layout_tool.validate.parallel import Job, check_files, jobs_for

        todo = [
            Job(e.spec, e.path) if e.spec is not None else _not_checked(spec, e.path, e.reason)
            for e in resolved.inputs
        ]
        check_files(spec, todo, options, report, collected, progress, jobs_for(options.jobs))
    for entry in resolved.inputs if serial else []:
        label = shown(entry.path)
        if entry.spec is None:
            report.add(_not_checked(spec, entry.path, entry.reason))
            continue
        got = crossfile.Collected(label)
        if entry.spec.id in collected:
            got = collected[entry.spec.id]
        collected[entry.spec.id] = got
        report.files.append(
            check_file(spec, entry.spec, entry.path, options, report, got, progress)
        )
    located = check_documents(spec, xml_paths, options, report, collected, progress)
    for file_id, got in collected.items():
        for f in crossfile.key_duplicates(spec, file_id, got):
            report.add(f)
        for f in crossfile.rules(spec, file_id, got):
            report.add(f)
    if resolved.folders or options.complete:
        for f in missing_files(spec, {r.file_id for r in report.files}, options.complete):
            report.add(f)
    found, notes = crossfile.references(spec, collected)
    for f in found:
        report.add(f)
    report.notes.extend(notes)
    for got in collected.values():
        got.close()  # spilled runs (layout_tool.checks.spill) are no longer needed
    _check_counts(spec, paths, options, report)
    located.apply(report)  # XML: line and XPath for the findings that know only their row
    return report


def _serial(jobs: int, checked: list[Path]) -> bool:
    """Whether to check the CSV files in this process (``--jobs``; 0: the cores, if worth it)."""
    from layout_tool.validate.parallel import jobs_for

    if jobs_for(jobs) == 1 or len(checked) < 2:
        return True
    return jobs == 0 and sum(p.stat().st_size for p in checked) < PARALLEL_MIN_BYTES


def _not_checked(spec: AreaSpec, path: Path, reason: str | None) -> Finding:
    text = reason or f"not recognised as a file of {spec.id}"
    return Finding("header", "warning", f"not checked: {text}", file=shown(path))


def missing_files(spec: AreaSpec, checked: set[str | None], complete: bool) -> list[Finding]:
    """``file-missing`` for every file of the area that no input was recognised as."""
    return [
        Finding(
            "file-missing",
            "error" if complete else "warning",
            f"{f.id} ({f.name}{', ' + f.filename if f.filename else ''}) is not among the"
            f" inputs: {len(checked - {None})} of {len(spec.files)} files of {spec.id} checked",
            file_id=f.id,
        )
        for f in spec.files
        if f.id not in checked
    ]


def _check_counts(spec: AreaSpec, paths: list[Path], options: Options, report: Report) -> None:
    """Handover integrity hook: a folder holding manifest.json or 件数表.csv gets its file
    set and row counts checked against it (``count`` findings; see layout_tool.integrity)."""
    for path in paths:
        if path.is_dir():
            # Late: integrity uses validate, and a run on files alone need not import it.
            from layout_tool.integrity.verify import check_folder_counts

            check_folder_counts(spec, path, report, options.encoding, options.has_header)


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
    label = shown(path)
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
    result.failures = dict(src.detected.failures)
    if src.massive:
        return _count_only(src, result, report, progress)
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
    result.rows = check_batches(
        spec, fspec, label, batches, cmap.positions, report, got, progress, options.chars
    )
    result.sha256 = digest.hexdigest()
    if result.rows == 0 and src.header:
        report.add(
            Finding(
                "row-shape",
                "warning",
                "no data rows: the file holds only its header",
                file=label,
                file_id=fspec.id,
            )
        )
    return result


def _count_only(
    src: CsvSource, result: FileResult, report: Report, progress: Progress | None
) -> FileResult:
    """A file that does not decode in its encoding: one summary finding, rows counted only."""
    report.add(src.encoding_summary())
    report.notes.append(
        f"{result.path}: rows counted, not checked (the file does not decode as"
        f" {src.encoding}); references to and from it are not checked either"
    )
    digest = hashlib.sha256()
    with src.path.open("rb") as fh:
        digest.update(fh.read(src.data_start))
    for batch in src.batches(max(len(src.header or []), 1), None, digest):
        result.rows += batch.records
        if progress is not None:
            progress(result.path, result.rows)
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
    chars: CharPolicy | None = None,
) -> int:
    """Check record batches from any reader; returns the number of records seen.

    Each batch frame holds ``__row`` and string columns ``c<position>``; ``positions`` maps
    item names to those positions (items without a column are not checked). Reader findings
    (encoding, row-shape) come with the batch. Cross-file material goes into ``got``.
    """
    plan = _Plan(fspec, positions, dict(spec.codes), label, chars or CharPolicy(), spec)
    by_name = plan.items
    rows = 0
    for batch in batches:
        rows += batch.records
        for f in batch.findings:
            report.add(f, sensitive=f.item in by_name and by_name[f.item].sensitive)
        frame = batch.frame
        if frame.height:
            undecoded = [f.row for f in batch.findings if f.code == "encoding" and f.row]
            plan.findings(frame, report, undecoded)
            crossfile.collect(spec, fspec.id, frame, plan.names, got)
        if progress is not None:
            progress(label, rows)
    return rows


class _Plan:
    """The per-item expressions of one file, built once and run on every batch.

    外字 can only pass the type check of zenkaku, kana and text items, so only those columns
    are scanned for private-use characters on every row; in any other item a 外字 already
    fails the type check, so those columns are scanned only on rows that have a finding.
    In those three types one regex (``char_screen``) finds the values that may fail either
    check, and the type and 外字 checks read only those.
    """

    def __init__(
        self,
        fspec: FileSpec,
        positions: dict[str, int],
        codes: dict[str, CodeTable],
        label: str,
        policy: CharPolicy,
        spec: AreaSpec,
    ) -> None:
        present = [(i, positions[i.name]) for i in fspec.items if i.name in positions]
        self.fspec, self.label, self.chars = fspec, label, policy
        declared = fspec.length_count or spec.length_count
        self.counts = {item.name: policy.length_count(item, declared) for item, _ in present}
        gaiji = policy.gaiji_pattern
        self.items = {item.name: item for item, _ in present}
        self.names = {item.name: col(pos) for item, pos in present}
        self.screens: list[pl.Expr] = []
        self.checks: list[pl.Expr] = []
        self.scan: list[pl.Expr] = []
        for item, pos in present:
            value = pl.col(col(pos))
            screen = char_screen(item, value)
            chars = None
            if screen is not None:
                self.screens.append(screen.alias(CHARS_PREFIX + item.name))
                chars = pl.col(CHARS_PREFIX + item.name)
            count = self.counts[item.name]
            self.checks.append(finding_code(item, value, codes, chars, count).alias(item.name))
            if item.type in PUA_TYPES:
                scanned = value if chars is None else chars
                self.scan.append(gaiji_present(scanned, gaiji).alias(GAIJI_PREFIX + item.name))
            for code, flag in self.chars.scans(item, value, chars):
                self.scan.append(flag.alias(f"{SCAN_PREFIX}{code}:{item.name}"))
        self.scan_bad = [
            gaiji_present(pl.col(col(p)), gaiji).alias(i.name)
            for i, p in present
            if i.type not in PUA_TYPES
        ]
        self.allowed = [name for name, item in self.items.items() if item.gaiji]
        self.soft_codes = soft_code_items(self.items.values(), codes)

    def findings(
        self, frame: pl.DataFrame, report: Report, undecoded: list[int] | None = None
    ) -> None:
        """``undecoded``: rows with an ``encoding`` finding, whose U+FFFD it already reports."""
        if not self.checks:
            return
        result = (
            frame.lazy().with_columns(*self.screens).select(ROW, *self.checks, *self.scan).collect()
        )
        code_cols = list(self.items)
        scan_cols = [c for c in result.columns if c.startswith((GAIJI_PREFIX, SCAN_PREFIX))]
        any_bad = pl.any_horizontal(
            *[pl.col(c).is_not_null() for c in code_cols], *[pl.col(c) for c in scan_cols]
        )
        bad = result.filter(any_bad)
        if bad.height == 0:
            return
        parts = [
            bad.select(ROW, *code_cols)
            .unpivot(index=ROW, variable_name="item", value_name="code")
            .drop_nulls("code")
        ]
        gaiji_cols = [c for c in scan_cols if c.startswith(GAIJI_PREFIX)]
        if gaiji_cols:
            parts.append(_gaiji_long(bad.select(ROW, *gaiji_cols), strip=GAIJI_PREFIX))
        other_cols = [c for c in scan_cols if c.startswith(SCAN_PREFIX)]
        if other_cols:
            parts.append(_scan_long(bad.select(ROW, *other_cols)))
        if self.scan_bad:
            rows = bad[ROW].implode()
            flags = frame.lazy().filter(pl.col(ROW).is_in(rows)).select(ROW, *self.scan_bad)
            parts.append(_gaiji_long(flags.collect()))
        long = pl.concat(parts)
        if undecoded:
            lost = (pl.col("code") == "lost-char") & pl.col(ROW).is_in(undecoded)
            long = long.filter(~lost)
        long = long.with_columns(
            pl.when((pl.col("code") == "gaiji") & pl.col("item").is_in(self.allowed))
            .then(pl.lit("warning"))
            .when((pl.col("code") == "code") & pl.col("item").is_in(self.soft_codes))
            .then(pl.lit("warning"))
            .otherwise(pl.lit("error"))
            .alias("severity")
        )
        report.count_frame(long.group_by("code", "item", "severity").len("n"))
        with_gaiji = long.filter(pl.col("code").is_in(INVENTORIED))["item"].unique().sort()
        if with_gaiji.len():
            columns = {n: self.names[n] for n in with_gaiji.to_list()}
            report.add_gaiji(
                self.label, tally(frame, columns, pattern=self.chars.inventory_pattern)
            )
        if report.room() > 0:
            self._list(frame, long.sort(ROW, "item").head(report.room()), report)

    def _message(self, code: str, item: Item) -> Text:
        count = self.counts[item.name]
        if code == "length" and count != "codepoints" and item.type != "number":
            return length_message(item, count)
        return self.chars.message(code, item) or item_message(code, item)

    def _list(self, frame: pl.DataFrame, listed: pl.DataFrame, report: Report) -> None:
        rows = listed[ROW].unique().implode()
        values = {r[ROW]: r for r in frame.filter(pl.col(ROW).is_in(rows)).iter_rows(named=True)}
        for row, name, code, severity in listed.select(ROW, "item", "code", "severity").iter_rows():
            item = self.items[name]
            report.list_finding(
                Finding(
                    code,
                    "warning" if severity == "warning" else "error",
                    self._message(code, item),
                    file=self.label,
                    file_id=self.fspec.id,
                    row=row,
                    item=name,
                    column=int(self.names[name][1:]) + 1,
                    value=values[row][self.names[name]],
                ),
                sensitive=item.sensitive,
            )


def _scan_long(flags: pl.DataFrame) -> pl.DataFrame:
    """(row, item, code) for every true flag of ``SCAN_PREFIX`` + code + ":" + item columns."""
    head = f"^{SCAN_PREFIX}([^:]+):"
    return (
        flags.unpivot(index=ROW, variable_name="column", value_name="hit")
        .filter(pl.col("hit"))
        .select(
            ROW,
            pl.col("column").str.replace(head, "").alias("item"),
            pl.col("column").str.extract(head, 1).alias("code"),
        )
    )


def _gaiji_long(flags: pl.DataFrame, strip: str = "") -> pl.DataFrame:
    """(row, item, "gaiji") for every true flag of a (row, item columns…) frame."""
    return (
        flags.unpivot(index=ROW, variable_name="item", value_name="hit")
        .filter(pl.col("hit"))
        .select(ROW, pl.col("item").str.strip_prefix(strip), pl.lit("gaiji").alias("code"))
    )
