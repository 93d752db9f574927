"""Standard files between their two forms: ``convert --spec AREA INPUT... -o OUTDIR --to csv|xml``.

The data is carried as it is, right or wrong: this is a change of form, not a check (run
``validate`` for that). A row fails to arrive only when the target form cannot hold it or the
source form did not hold it whole, and then it goes to ``conversion/<output>.rejects.csv``
(the one rejects format, ``layout_tool.io.rejects``; no file when none is rejected) with its
findings: a CSV row of the wrong shape, an XML record whose structure is broken (its unknown
elements would be lost), a value with a character XML 1.0 cannot carry. Per output,
``rows_in = rows_out + rows_rejected``. Outputs are written under temporary names, read
back (the same rows, and for XML well-formed with its XSD's structure), and renamed only
when every one is complete. CSV is written UTF-8, LF, a header of the file's item names.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import polars as pl

from layout_tool import __version__
from layout_tool.conversion.files import StandardWriter
from layout_tool.errors import LayoutToolError
from layout_tool.findings import FIRST_FINDINGS, Finding
from layout_tool.findings.frame import from_findings
from layout_tool.i18n import Msg, counted, t
from layout_tool.io.atomic import atomic_path, commit_reports
from layout_tool.io.batch import ROW, Batch, col
from layout_tool.io.csvsource import CsvSource
from layout_tool.io.inputs import shown
from layout_tool.io.rejects import RejectsWriter, rejects_path
from layout_tool.progress import Progress
from layout_tool.readers.inputs import nothing_checked, resolve
from layout_tool.readers.protocol import ReadOptions
from layout_tool.readers.registry import open_reader
from layout_tool.readers.xml_reader import XmlReader
from layout_tool.report.core import Tallied, Tally
from layout_tool.report.tables import notes_lines
from layout_tool.safety.limits import limit
from layout_tool.safety.paths import check_no_overlap, check_plain_name
from layout_tool.safety.text import inert_lines
from layout_tool.spec.model import AreaSpec, FileSpec
from layout_tool.spec.render import table
from layout_tool.xml.writer import Checksum, XmlWriter, recheck

Form = Literal["csv", "xml"]

SIDE = "conversion"  # OUTDIR/conversion/: reports and rejects, as for mapped conversions
REPORT_JSON = "report.json"
REPORT_TEXT = "report.txt"
_BROKEN = {"row-shape", "xsd", "encoding"}  # a row the source form did not hold whole


@dataclass
class FormFile:
    input: str
    file_id: str
    output: str
    rejects: str | None  # None: no row was rejected, and no rejects file written
    encoding: str | None = None
    rows_in: int = 0
    rows_out: int = 0
    rows_rejected: int = 0

    def to_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


@dataclass
class FormsReport(Tallied):
    spec: AreaSpec
    to: Form
    files: list[FormFile] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # counts, the capped list and masking (layout_tool.report.core)
    tally: Tally = field(default_factory=Tally, repr=False)

    def __post_init__(self) -> None:
        self.sensitive = {i.name for f in self.spec.files for i in f.items if i.sensitive}

    @property
    def ok(self) -> bool:
        return self.errors == 0 and all(f.rows_rejected == 0 for f in self.files)

    def add(self, finding: Finding) -> None:
        self.tally.add(finding, finding.item in self.sensitive)  # the one masking rule

    def to_dict(self) -> dict[str, object]:
        return {
            "tool": "layout-tool",
            "version": __version__,
            "command": "convert",
            "direction": f"standard → standard ({self.to})",
            "spec": {"standard": self.spec.standard, "version": self.spec.version,
                     "area": self.spec.id},
            "ok": self.ok,
            "summary": {
                "files": len(self.files),
                "rows_in": sum(f.rows_in for f in self.files),
                "rows_out": sum(f.rows_out for f in self.files),
                "rows_rejected": sum(f.rows_rejected for f in self.files),
                "errors": self.errors,
                "by_code": self.tally.by_code_dict(),
                "truncated": self.tally.truncated,
            },
            "files": [f.to_dict() for f in self.files],
            "notes": list(self.notes),
            "findings": [f.to_dict() for f in self.findings],
        }  # fmt: skip


def render_json(report: FormsReport) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render_text(report: FormsReport) -> str:
    s = report.to_dict()["summary"]
    assert isinstance(s, dict)
    verdict = t("convert.ok" if report.ok else "forms.findings")
    lines = [
        t("forms.title", area=report.spec.id, to=report.to.upper()),
        t(
            "convert.result",
            verdict=verdict,
            rows_in=counted(s["rows_in"], "row"),
            rows_out=s["rows_out"],
            rejected=s["rows_rejected"],
            warnings=counted(report.tally.warnings, "warning"),
        ),
        "",
        t("sec.files"),
    ]
    rows = [[f.input, f.output, f"{f.rows_in:,}", f"{f.rows_out:,}", f"{f.rows_rejected:,}"]
            for f in report.files]  # fmt: skip
    heads = ["input", "output", "rows-in", "rows-out", "rows-rejected"]
    lines += ["  " + ln for ln in table([t(f"col.{h}") for h in heads], rows)]
    if report.findings:
        first = report.findings[:FIRST_FINDINGS]
        lines += ["", t("sec.first", shown=len(first), total=report.tally.total)]
        shown = [[f.code, str(f.row or "-"), str(f.line or "-"), f.text()[:100]]
                 for f in first]  # fmt: skip
        heads = ["code", "row", "line", "message"]
        lines += ["  " + ln for ln in table([t(f"col.{h}") for h in heads], shown)]
        lines += [
            "",
            "  " + ", ".join(f"{c} {n:,}" for c, n in report.tally.by_code_dict().items()),
        ]
    if any(f.rows_rejected for f in report.files):
        lines += ["", t("convert.rejects-where")]
    lines += notes_lines(report.notes)
    return inert_lines("\n".join(lines)) + "\n"  # no escape sequence reaches a terminal


@dataclass
class _Job:
    """One output file: where its batches come from."""

    input: Path
    file: FileSpec
    batches: Iterator[Batch]  # __row + c<k> in spec order
    encoding: str | None
    located: bool  # XML: findings carry lines


def convert_standard(
    spec: AreaSpec,
    inputs: list[Path],
    outdir: Path,
    to: Form,
    *,
    file_id: str | None = None,
    encoding: str = "auto",
    progress: Progress | None = None,
) -> FormsReport:
    """Convert standard files (CSV or XML, files or folders) of ``spec`` into ``outdir``."""
    if to not in ("csv", "xml"):
        raise LayoutToolError(f"--to must be csv or xml, not {to!r}")
    resolved = resolve(spec, inputs, file_id, encoding)
    xml_paths = [e.path for e in resolved.of_form("xml")]
    resolved.inputs = [e for e in resolved.inputs if e.form != "xml"]
    if not xml_paths and not resolved.recognised:
        raise nothing_checked(spec, resolved)
    entries = resolved.inputs
    report = FormsReport(spec, to)
    report.notes += resolved.notes
    for entry in entries:
        if entry.spec is None:
            why = entry.reason or t("note.no-match")
            report.notes.append(
                t("note.not-recognised-skipped", path=shown(entry.path), area=spec.id, why=why)
            )
        elif file_id is not None and entry.spec.id != file_id:
            report.notes.append(
                t("note.file-skipped", path=shown(entry.path), file=entry.spec.id, only=file_id)
            )
    entries = [e for e in entries if e.spec is not None and file_id in (None, e.spec.id)]
    check_no_overlap(inputs, outdir, folder=True)
    for entry in entries:
        assert entry.spec is not None
        check_plain_name(entry.spec.filename or entry.spec.id, f"spec {spec.id}: filename")
    outdir.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    with ExitStack() as stack:
        for entry in entries:
            assert entry.spec is not None
            job = _csv_job(entry.path, entry.spec, encoding, report)
            _convert(spec, job, outdir, to, used, report, stack, progress)
        pinned = spec.file(file_id) if file_id is not None else None
        for path in xml_paths:
            source = open_reader(path, ReadOptions(area=spec, file=pinned, label=str(path)), "xml")
            assert isinstance(source, XmlReader)
            for section in source.sections():
                assert section.file is not None
                job = _Job(path, section.file, section.batches, source.encoding, True)
                _convert(spec, job, outdir, to, used, report, stack, progress)
            for finding in source.findings:
                report.add(finding)
            report.notes += source.notes
            if source.stopped:
                report.notes.append(t("note.stopped", path=path))
        renderers = {REPORT_JSON: render_json, REPORT_TEXT: render_text}
        commit_reports(stack, outdir / SIDE, renderers, report)  # before the data is renamed
    return report


def _csv_job(path: Path, fspec: FileSpec, encoding: str, report: FormsReport) -> _Job:
    options = ReadOptions(encoding=encoding, file=fspec, label=shown(path), hashed=False)
    source = open_reader(path, options)  # the form its suffix says (CSV)
    for finding in source.findings:
        report.add(finding)
    section = next(iter(source.sections()))  # a form of one section per file (CSV)
    positions = section.positions
    if not positions:  # an empty first line too: no record could be placed
        raise LayoutToolError(f"{path}: no column is named after an item of {fspec.id}")
    dropped = [h for h in section.labels if not fspec.has_item(h)]
    if dropped:
        report.notes.append(t("note.dropped-columns", path=path, columns=", ".join(dropped)))

    def batches() -> Iterator[Batch]:
        for batch in section.batches:
            frame = batch.frame.select(
                ROW,
                *[
                    pl.col(col(positions[item.name])).alias(col(k))
                    if item.name in positions
                    else pl.lit(None, pl.String).alias(col(k))
                    for k, item in enumerate(fspec.items)
                ],
            )
            yield Batch(frame, batch.findings, batch.records, batch.raw)

    return _Job(path, fspec, batches(), source.encoding, False)


def _convert(
    spec: AreaSpec,
    job: _Job,
    outdir: Path,
    to: Form,
    used: set[str],
    report: FormsReport,
    stack: ExitStack,
    progress: Progress | None,
) -> None:
    """One output file, with its rejects file beside it (renamed when ``stack`` closes)."""
    fspec = job.file
    stem, n = fspec.filename or fspec.id, 2
    while f"{stem}.{to}" in used:
        stem, n = f"{fspec.filename or fspec.id}-{n}", n + 1
    used.add(f"{stem}.{to}")
    target = outdir / f"{stem}.{to}"
    result = FormFile(shown(job.input), fspec.id, str(target), None, job.encoding)
    report.files.append(result)
    names = [item.name for item in fspec.items]
    renames = {col(k): name for k, name in enumerate(names)}
    tmp = stack.enter_context(atomic_path(target))
    rejects = RejectsWriter(rejects_path(outdir / SIDE, stem), names, stack)
    with tmp.open("wb") as out:
        xml = XmlWriter(out, spec, fspec) if to == "xml" else None
        csv = StandardWriter(out, names) if to == "csv" else None
        checksum = Checksum()
        for batch in job.batches:
            result.rows_in += batch.records
            for finding in batch.findings:
                report.add(finding)
            why = _bad_rows(batch.findings)
            broken = pl.col(ROW).cast(pl.Int64).is_in(list(why))
            named = batch.frame.rename(renames)
            good = named.filter(~broken)
            if xml is not None:
                unwritable = xml.write(good)
                good = good.join(unwritable.select(ROW), on=ROW, how="anti")
                _reject(rejects, unwritable, _unwritable(unwritable, job, report), result)
            elif csv is not None:
                csv.write(good.drop(ROW))
                checksum.update(batch.frame.filter(~broken))
            seen = named.filter(broken)
            absent = sorted(set(why) - {int(r) for r in seen[ROW].to_list()})
            _reject(rejects, pl.concat([seen, _shape_rows(absent, seen)]), why, result, batch.raw)
            result.rows_out += good.height
            if progress is not None:
                progress(str(job.input), result.rows_in)
        if xml is not None:
            xml.close()
            checksum = xml.checksum
    rejects.close()
    result.rejects = rejects.written
    if result.rows_in != result.rows_out + result.rows_rejected:  # pragma: no cover - a bug
        raise RuntimeError(f"{job.input}: rows do not add up ({result.to_dict()})")
    if to == "xml":
        recheck(spec, fspec, tmp, checksum)
    else:
        _recheck_csv(fspec, tmp, checksum)


def _bad_rows(findings: Iterable[Finding]) -> dict[int, list[Finding]]:
    """Rows the source form did not hold whole: row-shape (CSV), structure (XML)."""
    out: dict[int, list[Finding]] = {}
    for f in findings:
        if f.row is not None and f.severity == "error" and f.code in _BROKEN:
            out.setdefault(f.row, []).append(f)
    return out


def _shape_rows(rows: list[int], like: pl.DataFrame) -> pl.DataFrame:
    """Rows the CSV reader could not split into fields: their number, no values."""
    frame = pl.DataFrame({ROW: rows}, schema={ROW: like.schema[ROW]})
    return frame.with_columns(
        pl.lit(None, pl.String).alias(c) for c in like.columns if c != ROW
    ).select(like.columns)


def _unwritable(frame: pl.DataFrame, job: _Job, report: FormsReport) -> dict[int, list[Finding]]:
    out: dict[int, list[Finding]] = {}
    for row in frame[ROW].to_list():
        finding = Finding(
            "type", "error", Msg("type.xml-value", limit=limit("MAX_XML_VALUE_BYTES")),
            file=shown(job.input),
            file_id=job.file.id, row=int(row),
        )  # fmt: skip
        report.add(finding)
        out[int(row)] = [finding]
    return out


def _reject(
    writer: RejectsWriter,
    frame: pl.DataFrame,
    why: dict[int, list[Finding]],
    result: FormFile,
    raw: dict[int, str] | None = None,
) -> None:
    """Rows into the rejects file (row, codes, findings, the values as read, the record)."""
    if frame.height == 0:
        return
    found = [f for r in frame[ROW].to_list() for f in why.get(int(r), [])]
    writer.write_found(frame, from_findings(found), raw)
    result.rows_rejected += frame.height


def _recheck_csv(fspec: FileSpec, path: Path, expected: Checksum) -> None:
    source = CsvSource(path, encoding="utf-8")
    got = Checksum()
    for batch in source.batches(len(fspec.items)):
        if batch.findings:
            raise RuntimeError(f"{path}: written CSV does not read back: {batch.findings[0]}")
        got.update(batch.frame)
    if (got.rows, got.total) != (expected.rows, expected.total):
        raise RuntimeError(f"{path}: written CSV reads back differently")
