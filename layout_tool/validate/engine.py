"""Validate handover files against an area spec: read → check in batches → report.

Per-item checks are polars expressions evaluated over whole batches; only the cells that
fail are turned into Python objects, and only as many as the report lists.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from layout_tool.charset.policy import CharPolicy, length_message
from layout_tool.checks import crossfile
from layout_tool.checks.items import (
    CHECK_CODES,
    char_screen,
    check_steps,
    finding_index,
    gaiji_fails_checks,
    gaiji_present,
    precomputed,
)
from layout_tool.checks.signs import absent
from layout_tool.checks.strength import soft_code_items
from layout_tool.findings import Finding
from layout_tool.findings.frame import CODE, ITEM, SEVERITY, counts, findings, severity_expr
from layout_tool.gaiji.inventory import tally
from layout_tool.i18n import Msg, Text
from layout_tool.io.csvsource import BATCH_BYTES, ROW, Batch, CsvSource, col
from layout_tool.io.inputs import shown
from layout_tool.profile import Profile
from layout_tool.progress import Progress
from layout_tool.readers.csv_reader import CsvReader
from layout_tool.readers.protocol import ReadOptions
from layout_tool.readers.registry import open_reader
from layout_tool.report.report import FileResult, Filter, Report
from layout_tool.spec.model import AreaSpec, CodeTable, FileSpec, Item
from layout_tool.validate.messages import item_message

GAIJI_PREFIX = "\x00gaiji:"
CHARS_PREFIX = "\x00chars:"
PRE_PREFIX = "\x00pre:"  # + item: the column several checks read (``checks.items.precomputed``)
SCAN_PREFIX = "\x00scan:"  # + code + ":" + item: the character checks of CharPolicy.scans
INVENTORIED = ("gaiji", "charset", "lost-char")
# Planning a batch's query of some 200 expressions costs 13 ms with common-subexpression
# elimination and 9 without, and running it costs the same either way (measured on 住民 個人).
_NO_CSE = pl.QueryOptFlags(comm_subexpr_elim=False, comm_subplan_elim=False)
_CODE_NAMES = pl.lit(pl.Series(CHECK_CODES, dtype=pl.String))  # ``finding_index`` → code


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


def check_file(
    spec: AreaSpec,
    fspec: FileSpec,
    path: Path,
    options: Options,
    report: Report,
    got: crossfile.Collected,
    progress: Progress | None = None,
) -> FileResult:
    """Check one file of a one-section form (CSV): header, then its batches (see
    ``check_batches``)."""
    label = shown(path)
    read = ReadOptions(
        encoding=options.encoding,
        has_header=options.has_header,
        area=spec,
        file=fspec,
        label=label,
        batch_bytes=options.batch_bytes,
    )
    reader = open_reader(path, read)  # the form its suffix says (XML: ``xml.validate``)
    result = FileResult(label, fspec.id, encoding=reader.encoding, detected_by=reader.detected_by)
    result.bytes = reader.size
    if isinstance(reader, CsvReader):
        result.failures = dict(reader.source.detected.failures)
        if reader.massive:
            return _count_only(reader.source, result, report, progress)
    for f in reader.findings:
        report.add(f)
    for section in reader.sections():
        result.rows += check_batches(
            spec, fspec, label, section.batches, section.positions, report, got, progress,
            options.chars,
        )  # fmt: skip
    result.sha256 = reader.sha256
    if result.rows == 0 and isinstance(reader, CsvReader) and reader.header:
        report.add(
            Finding(
                "row-shape",
                "warning",
                Msg("row-shape.no-data"),
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
    report.notes.append(Msg("note.count-only", path=result.path, encoding=src.encoding))
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
            undecoded = [(f.row, f.item) for f in batch.findings if f.code == "encoding" and f.row]
            plan.findings(frame, report, undecoded, got, batch.signs_absent)
        if progress is not None:
            progress(label, rows)
    return rows


@dataclass
class _Exprs:
    """One variant of a file's per-item expressions (``_Plan.exprs``)."""

    screens: list[pl.Expr]  # columns several checks read, computed first
    checks: list[pl.Expr]  # one finding code (UInt8) a cell, per item
    scan: list[pl.Expr]  # 外字 and charset flags


class _Plan:
    """The per-item expressions of one file, built once and run on every batch.

    外字 can only pass the checks of zenkaku, kana and text items (and of a date or code whose
    format or table holds one), so only those columns are scanned for private-use characters
    on every row; in any other item a 外字 already fails a check, so those columns are
    scanned only on rows that have a finding (``checks.items.gaiji_fails_checks``, the
    policy convert shares).
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
        self._present, self._codes = present, codes
        self._variants: dict[frozenset[str], _Exprs] = {}
        self.exprs(frozenset())  # built once here; batches without a sign get their own
        self.scan_bad = [
            gaiji_present(pl.col(col(p)), gaiji).alias(i.name)
            for i, p in present
            if gaiji_fails_checks(i, codes)
        ]
        self.allowed = [name for name, item in self.items.items() if item.gaiji]
        self.soft_codes = soft_code_items(self.items.values(), codes)
        self.gathering = crossfile.gathering(spec, fspec.id, self.names)

    def exprs(self, signs_absent: frozenset[str]) -> _Exprs:
        """The per-item expressions for batches lacking ``signs_absent`` (``checks.signs``),
        built on first use: at most four variants, a few milliseconds each."""
        built = self._variants.get(signs_absent)
        if built is None:
            with absent(signs_absent):
                built = self._variants[signs_absent] = self._build()
        return built

    def _build(self) -> _Exprs:
        out = _Exprs([], [], [])
        gaiji = self.chars.gaiji_pattern
        for item, pos in self._present:
            value = pl.col(col(pos))
            screen = char_screen(item, value)
            chars = None
            if screen is not None:
                out.screens.append(screen.alias(CHARS_PREFIX + item.name))
                chars = pl.col(CHARS_PREFIX + item.name)
            count = self.counts[item.name]
            shared: dict[str, pl.Expr] = {}
            pre = precomputed(item, value)
            if pre is not None:
                out.screens.append(pre[1].alias(PRE_PREFIX + item.name))
                shared[pre[0]] = pl.col(PRE_PREFIX + item.name)
            steps = check_steps(
                item, value, self._codes, chars, count, shared.get("as_int"), shared.get("rest")
            )
            out.checks.append(finding_index(steps).alias(item.name))
            if not gaiji_fails_checks(item, self._codes):
                scanned = value if chars is None else chars
                out.scan.append(gaiji_present(scanned, gaiji).alias(GAIJI_PREFIX + item.name))
            for code, flag in self.chars.scans(item, value, chars):
                out.scan.append(flag.alias(f"{SCAN_PREFIX}{code}:{item.name}"))
        return out

    def findings(
        self,
        frame: pl.DataFrame,
        report: Report,
        undecoded: list[tuple[int, str | None]] | None = None,
        got: crossfile.Collected | None = None,
        signs_absent: frozenset[str] = frozenset(),
    ) -> None:
        """Check one batch, and file what the checks across rows need into ``got``.

        One query per batch: the per-item checks and the cross-file columns together, so
        polars plans and reads the batch once. ``undecoded``: rows with an ``encoding``
        finding, whose U+FFFD it already reports.
        """
        narrow = self.gathering.exprs if got is not None else []
        plan = self.exprs(signs_absent)
        if not plan.checks and not narrow:
            return
        result = (
            frame.lazy()
            .with_columns(*plan.screens)
            .select(ROW, *plan.checks, *plan.scan, *narrow)
            .collect(optimizations=_NO_CSE)
        )
        if got is not None:
            self.gathering.take(result.select(ROW, *(e.meta.output_name() for e in narrow)), got)
        if not plan.checks:
            return
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
            .unpivot(index=ROW, variable_name=ITEM, value_name=CODE)
            .drop_nulls(CODE)
            .with_columns(_CODE_NAMES.gather(pl.col(CODE)).alias(CODE))
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
            long = long.filter(~_said_by_encoding(undecoded))
        code, item = pl.col(CODE), pl.col(ITEM)
        severity = (
            pl.when((code == "gaiji") & item.is_in(self.allowed))
            .then(pl.lit("warning"))
            .when((code == "code") & item.is_in(self.soft_codes))
            .then(pl.lit("warning"))
            .otherwise(severity_expr(code))
        )
        long = long.select(findings(item=item, code=code, severity=severity))
        report.count_frame(counts(long))
        with_gaiji = long.filter(code.is_in(INVENTORIED))[ITEM].unique().sort()
        if with_gaiji.len():
            columns = {n: self.names[n] for n in with_gaiji.to_list()}
            report.add_gaiji(
                self.label, tally(frame, columns, pattern=self.chars.inventory_pattern)
            )
        if report.room() > 0:
            self._list(frame, long.sort(ROW, ITEM).head(report.room()), report)

    def _message(self, code: str, item: Item) -> Text:
        count = self.counts[item.name]
        if code == "length" and count != "codepoints" and item.type != "number":
            return length_message(item, count)
        return self.chars.message(code, item) or item_message(code, item)

    def _list(self, frame: pl.DataFrame, listed: pl.DataFrame, report: Report) -> None:
        rows = listed[ROW].unique().implode()
        values = {r[ROW]: r for r in frame.filter(pl.col(ROW).is_in(rows)).iter_rows(named=True)}
        for row, name, code, severity in listed.select(ROW, ITEM, CODE, SEVERITY).iter_rows():
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


def _said_by_encoding(undecoded: list[tuple[int, str | None]]) -> pl.Expr:
    """The findings an ``encoding`` finding already says: the U+FFFD of a row with one is no
    lost character of its own, and in the very cell of the bad byte it is no ``type`` fault
    either (one bad byte, one finding)."""
    rows = [row for row, _ in undecoded]
    cells = [f"{row}\x00{item}" for row, item in undecoded if item is not None]
    cell = pl.concat_str(pl.col(ROW).cast(pl.String), pl.lit("\x00"), pl.col(ITEM))
    lost = (pl.col(CODE) == "lost-char") & pl.col(ROW).is_in(rows)
    return lost | ((pl.col(CODE) == "type") & cell.is_in(cells))


def _scan_long(flags: pl.DataFrame) -> pl.DataFrame:
    """(row, item, code) for every true flag of ``SCAN_PREFIX`` + code + ":" + item columns."""
    head = f"^{SCAN_PREFIX}([^:]+):"
    return (
        flags.unpivot(index=ROW, variable_name="column", value_name="hit")
        .filter(pl.col("hit"))
        .select(
            ROW,
            pl.col("column").str.replace(head, "").alias(ITEM),
            pl.col("column").str.extract(head, 1).alias(CODE),
        )
    )


def _gaiji_long(flags: pl.DataFrame, strip: str = "") -> pl.DataFrame:
    """(row, item, "gaiji") for every true flag of a (row, item columns…) frame."""
    return (
        flags.unpivot(index=ROW, variable_name=ITEM, value_name="hit")
        .filter(pl.col("hit"))
        .select(ROW, pl.col(ITEM).str.strip_prefix(strip), pl.lit("gaiji").alias(CODE))
    )
