"""``validate`` over files and folders: find the inputs, check each (CSV and fixed-width here or
in worker processes, XML documents in :mod:`layout_tool.validate.documents`), then the checks
across files (keys, rules, references, missing files, the folder's manifest or 件数表).

The per-file checks are :mod:`layout_tool.validate.engine`'s.
"""

from __future__ import annotations

from pathlib import Path

from layout_tool.checks import crossfile
from layout_tool.findings import Finding
from layout_tool.i18n import Msg
from layout_tool.integrity.verify import check_folder_counts
from layout_tool.io.inputs import shown
from layout_tool.profile import effective
from layout_tool.progress import Progress
from layout_tool.readers.inputs import nothing_checked, resolve
from layout_tool.report.report import Report
from layout_tool.spec.model import AreaSpec
from layout_tool.validate import parallel
from layout_tool.validate.documents import check_documents
from layout_tool.validate.engine import Options, check_file

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
    resolved = resolve(spec, paths, options.file_id, options.encoding)
    xml_paths = [e.path for e in resolved.of_form("xml")]
    resolved.inputs = [e for e in resolved.inputs if e.form != "xml"]
    if not xml_paths and not resolved.recognised:
        raise nothing_checked(spec, resolved)
    report.notes.extend(resolved.notes)
    report.area_files = len(spec.files)
    serial = _serial(options.jobs, [e.path for e in resolved.inputs if e.spec is not None])
    parts = _parts([e.spec.id if e.spec is not None else None for e in resolved.inputs])
    if not serial:
        todo = [
            parallel.Job(e.spec, e.path, part)
            if e.spec is not None
            else _not_checked(spec, e.path, e.reason)
            for e, part in zip(resolved.inputs, parts, strict=True)
        ]
        parallel.check_files(
            spec, todo, options, report, collected, progress, parallel.jobs_for(options.jobs)
        )
    for entry, part in zip(resolved.inputs, parts, strict=True) if serial else []:
        label = shown(entry.path)
        if entry.spec is None:
            report.add(_not_checked(spec, entry.path, entry.reason))
            continue
        got = collected.setdefault(entry.spec.id, crossfile.Collected(label))
        got.at_part(part, label)  # a file in parts: one file to the checks across rows
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


def _parts(file_ids: list[str | None]) -> list[int]:
    """Each input's place among the inputs of its file of the area (0, 1… for parts)."""
    seen: dict[str | None, int] = {}
    out = []
    for file_id in file_ids:
        out.append(seen.get(file_id, 0))
        seen[file_id] = out[-1] + 1
    return out


def _serial(jobs: int, checked: list[Path]) -> bool:
    """Whether to check the CSV files in this process (``--jobs``; 0: the cores, if worth it)."""
    if parallel.jobs_for(jobs) == 1 or len(checked) < 2:
        return True
    return jobs == 0 and sum(p.stat().st_size for p in checked) < PARALLEL_MIN_BYTES


def _not_checked(spec: AreaSpec, path: Path, reason: str | None) -> Finding:
    said = (
        Msg("header.not-checked", why=reason)
        if reason
        else Msg("header.not-recognised", area=spec.id)
    )
    return Finding("header", "warning", said, file=shown(path))


def missing_files(spec: AreaSpec, checked: set[str | None], complete: bool) -> list[Finding]:
    """``file-missing`` for every file of the area that no input was recognised as."""
    return [
        Finding(
            "file-missing",
            "error" if complete else "warning",
            Msg(
                "file-missing",
                file=f.id,
                name=f.name,
                filename=", " + f.filename if f.filename else "",
                checked=len(checked - {None}),
                of=len(spec.files),
                area=spec.id,
            ),
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
            check_folder_counts(spec, path, report, options.encoding, options.has_header)
