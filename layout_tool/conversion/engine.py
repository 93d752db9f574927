"""Convert vendor exports to the standard and back: read → map → check → write.

Outputs go to OUTDIR (only data files, so ``layout-tool validate OUTDIR`` sees nothing
else); the report (text and JSON) and each output's ``.rejects.csv`` go to OUTDIR/conversion/.

``convert`` returns a :class:`ConversionReport` and prints nothing. Every input row ends in
exactly one place, the output or the rejects file with its findings; outputs are written
under temporary names and renamed only when every file is complete, so an interrupted run
leaves nothing that looks finished. Inputs are matched and their headers checked before
anything is written: a wrong file is a usage error with no output at all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

import polars as pl

from layout_tool.conversion import files
from layout_tool.conversion import findings as fnd
from layout_tool.conversion.batch import BatchResult, ForwardBatches
from layout_tool.conversion.derive import Counts, derived_batches
from layout_tool.conversion.gaiji import GaijiStep
from layout_tool.conversion.options import SIDE, ConvertOptions, pattern
from layout_tool.conversion.report import (
    ConversionReport,
    FileConversion,
    render_json,
    render_text,
)
from layout_tool.conversion.reverse import ReverseBatches
from layout_tool.conversion.xmlio import XmlStandardReader, XmlStandardWriter
from layout_tool.errors import LayoutToolError
from layout_tool.i18n import Msg, t
from layout_tool.io.atomic import atomic_path, commit_reports
from layout_tool.io.csvsource import ROW, Batch, col
from layout_tool.io.inputs import shown
from layout_tool.io.rejects import RejectsWriter, rejects_path
from layout_tool.mapping.model import Mapping, Source, Target
from layout_tool.progress import Progress
from layout_tool.safety.masking import mask_findings_frame
from layout_tool.safety.paths import check_no_overlap, check_plain_name

Reader = files.VendorReader | files.StandardReader | XmlStandardReader
REPORT_JSON = "report.json"
REPORT_TEXT = "report.txt"


def convert(
    mapping: Mapping,
    inputs: list[Path],
    outdir: Path,
    options: ConvertOptions = ConvertOptions(),
    progress: Progress | None = None,
) -> ConversionReport:
    """Convert ``inputs`` with ``mapping`` into ``outdir``; the report is also written there."""
    if options.reverse and not mapping.lossless:
        reasons = mapping.lossy_reasons
        more = Msg("map.more-reasons", n=len(reasons) - 1) if len(reasons) > 1 else ""
        raise LayoutToolError(
            Msg("map.lossy-refused", name=mapping.name, why=reasons[0], more=more)
        )
    if options.to not in ("csv", "xml") or (options.reverse and options.to != "csv"):
        raise LayoutToolError(Msg("map.reverse-to"))
    report = ConversionReport(mapping, options.reverse, options.max_findings, options.show_values)
    report.profile = options.profile
    gaiji = None
    if options.gaiji_map is not None:
        report.gaiji_map = options.gaiji_map
        gaiji = GaijiStep(options.gaiji_map, options.reverse)
    if options.reverse:
        jobs = files.assign_reverse(mapping, inputs, options.encoding, report.notes)
        readers: list[Reader] = [
            XmlStandardReader(mapping.area, j.target, j.path)
            if j.path.suffix.lower() == ".xml"
            else files.StandardReader(j.target, j.path, options.encoding, options.batch_bytes)
            for j in jobs
        ]
        tables: list[dict[int, pl.DataFrame]] = [{} for _ in jobs]
    else:
        jobs, found = files.assign_forward(mapping, inputs, report.notes)
        readers = [
            files.VendorReader(j.source, j.path, options.encoding, options.batch_bytes)
            for j in jobs
        ]
        cache: dict[tuple[str, tuple[str, ...], str], pl.DataFrame] = {}
        tables = [_lookups(mapping, j.target, found, options, gaiji, cache) for j in jobs]
    check_no_overlap(inputs, outdir, folder=True)
    for job in jobs:
        what = "mapping source file" if options.reverse else f"spec {mapping.area.id}: filename"
        check_plain_name(output_name(job, options.reverse, options.to), what)
    report.notes.append(t("convert.note-validate"))
    outdir.mkdir(parents=True, exist_ok=True)
    hashed: dict[Path, str] = {}  # an input read for several targets is hashed once
    with ExitStack() as stack:
        for job, reader, table in zip(jobs, readers, tables, strict=True):
            _run(mapping, job, reader, table, outdir, options, gaiji, report, stack, progress,
                 hashed)  # fmt: skip
        # The reports are part of the run's commit: written before any data is renamed (the
        # stack renames the last entered first), so a failure leaves the old run whole.
        commit_reports(
            stack, outdir / SIDE, {REPORT_JSON: render_json, REPORT_TEXT: render_text}, report
        )
    return report


def output_name(job: files.Job, reverse: bool, to: str = "csv") -> str:
    if reverse:
        return job.source.file
    return f"{job.target.file.filename or job.target.file.id}.{to}"


def _run(
    mapping: Mapping,
    job: files.Job,
    reader: Reader,
    tables: dict[int, pl.DataFrame],
    outdir: Path,
    options: ConvertOptions,
    gaiji: GaijiStep | None,
    report: ConversionReport,
    stack: ExitStack,
    progress: Progress | None,
    hashed: dict[Path, str],
) -> None:
    """One input: stream its batches through the plan into the output and rejects files.

    The temporary files are renamed when ``stack`` closes, after every input is done.
    ``hashed``: the sha256 of the inputs already read (one vendor file feeding several
    targets is read once per target, but hashed only the first time).
    """
    name = output_name(job, options.reverse, options.to)
    target_path = outdir / name
    result = FileConversion(
        input=shown(job.path),
        source=job.source.id,
        file_id=job.target.file.id,
        output=str(target_path),
        rejects=None,
        encoding=reader.encoding,
        detected_by=reader.detected_by,
    )
    report.files.append(result)
    out_tmp = stack.enter_context(atomic_path(target_path))
    out_fh = stack.enter_context(out_tmp.open("wb"))
    side = outdir / SIDE
    sensitive = _sensitive(job.target, job.source)
    known = hashed.get(job.path) if isinstance(reader, files.VendorReader) else None
    digest = hashlib.sha256() if known is None else None
    items = [it.name for it in job.target.file.items]
    writer: files.VendorWriter | files.StandardWriter | XmlStandardWriter
    # The plan (tens of expressions, and the lookup tables of the item checks) is built in a
    # thread while the first batch is read.
    planner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="plan")
    if options.reverse:
        reverse = planner.submit(
            ReverseBatches, mapping, job.target, gaiji is not None, pattern(options)
        )
        writer = files.VendorWriter(out_fh, job.source)
        rejects = RejectsWriter(rejects_path(side, Path(name).stem), items, stack)

        def run(b: Batch) -> BatchResult:
            plan = reverse.result()
            plan.triage = options.triage
            return plan.run(b.frame, b.findings, b.records)

    else:
        xml = options.to == "xml"
        forward = planner.submit(ForwardBatches, mapping, job.target, xml, pattern(options))
        if xml:
            writer = XmlStandardWriter(out_fh, mapping.area, job.target.file, out_tmp)
        else:
            writer = files.StandardWriter(out_fh, items)
        rejects = RejectsWriter(rejects_path(side, Path(name).stem), job.source.field_names, stack)

        def run(b: Batch) -> BatchResult:
            plan = forward.result()
            plan.triage = options.triage
            return plan.run(b.frame, b.findings, b.records, tables)

    background = stack.enter_context(files.Background())
    counts = Counts()
    with planner:
        for batch in derived_batches(reader.batches(digest), job, gaiji, result, counts, options):
            outcome = run(batch)
            if not options.show_values:
                outcome = masked_outcome(outcome, sensitive)
            background.submit(writer.write, outcome.accepted)
            rejects.write(outcome.rejected, batch.raw)
            result.rows_in += outcome.rows_in
            result.rows_out += outcome.accepted.height
            result.rows_rejected += outcome.rejected.height
            report.add(result, outcome.findings, sensitive)
            if progress is not None:
                progress(str(job.path), result.rows_in)
        (reverse if options.reverse else forward).result()  # its failure, even without rows
    result.rows_filtered, result.rows_merged = counts.filtered, counts.merged
    background.wait()
    if isinstance(writer, XmlStandardWriter):
        writer.close()
    if isinstance(reader, XmlStandardReader):  # it hashes the document as it parses it
        result.sha256 = reader.sha256
        found, notes = reader.leftovers()
        report.add(result, fnd.from_findings(found), sensitive)
        report.notes += notes
        result.unread = reader.stopped
        result.document_errors = sum(f.severity == "error" and f.row is None for f in found)
    elif digest is None:
        result.sha256 = known
    else:
        result.sha256 = hashed[job.path] = digest.hexdigest()
    if gaiji is not None and result.gaiji_clashes:
        report.notes.append(gaiji.clash_note(job.path, result.gaiji_clashes))
    rejects.close()
    result.rejects = rejects.written  # None, and no file, when no row was rejected
    accounted = result.rows_out + result.rows_rejected + counts.filtered + counts.merged
    if result.rows_in != accounted:  # pragma: no cover - a bug
        raise RuntimeError(f"{job.path}: rows do not add up ({result.to_dict()})")


def masked_outcome(outcome: BatchResult, sensitive: set[str]) -> BatchResult:
    """The batch's findings, and its rejects' messages, with sensitive values masked."""
    long = mask_findings_frame(outcome.findings, sensitive)
    if long is outcome.findings:
        return outcome
    rejected = outcome.rejected
    if rejected.height:
        rows = rejected.get_column(ROW).cast(pl.Int64)
        summary = fnd.summarise(long, rows).with_columns(pl.col(ROW).cast(rejected.schema[ROW]))
        rejected = (
            rejected.drop("codes", "findings")
            .join(summary, on=ROW, how="left", maintain_order="left")
            .select(rejected.columns)
        )
    return BatchResult(outcome.accepted, rejected, long, outcome.rows_in)


def _sensitive(target: Target, source: Source) -> set[str]:
    """Names whose values reports mask: sensitive items (個人番号) and the fields they read."""
    names = {it.name for it in target.file.items if it.sensitive}
    for rule in target.rules:
        if rule.item.sensitive:
            names.update(rule.fields)
    return names


def _lookups(
    mapping: Mapping,
    target: Target,
    found: dict[str, Path],
    options: ConvertOptions,
    gaiji: GaijiStep | None,
    cache: dict[tuple[str, tuple[str, ...], str], pl.DataFrame],
) -> dict[int, pl.DataFrame]:
    """For each lookup rule, the looked-up source's key → value table (first row per key)."""
    tables: dict[int, pl.DataFrame] = {}
    for j, rule in enumerate(target.rules):
        look = rule.lookup
        if look is None:
            continue
        key = (look.source, look.key, look.field)
        if key not in cache:
            source = mapping.source(look.source)
            reader = files.VendorReader(
                source, found[look.source], options.encoding, options.batch_bytes
            )
            wanted = [source.field_names.index(f) for f in (*look.key, look.field)]
            frames = [
                b.frame.select(col(i) for i in wanted) for b in _good(reader.batches(), gaiji)
            ]
            table = (
                pl.concat(frames)
                if frames
                else pl.DataFrame(schema={col(i): pl.String for i in wanted})
            )
            cache[key] = table.unique(
                subset=[col(i) for i in wanted[:-1]], keep="first", maintain_order=True
            )
        table = cache[key]
        names = [f"__lk{j}k{m}" for m in range(len(look.key))] + [f"__lk{j}"]
        tables[j] = table.rename(dict(zip(table.columns, names, strict=True))).with_columns(
            pl.lit(True).alias(f"__lh{j}")
        )
    return tables


def _good(batches: Iterator[Batch], gaiji: GaijiStep | None) -> Iterator[Batch]:
    """Batches without the rows that had reader problems (they cannot be looked up)."""
    for batch in batches:
        if gaiji is not None:
            gaiji.apply(batch)
        bad = [f.row for f in batch.findings if f.row is not None]
        if bad:
            batch.frame = batch.frame.filter(~pl.col(ROW).cast(pl.Int64).is_in(bad))
        yield batch
