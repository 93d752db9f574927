"""Check a folder against a manifest or 件数表: missing, added and changed files, counts.

Every difference is a ``count`` finding (error): the contract's code for "a file's row
count differs from the manifest or 件数表", used here for the whole file set, with the
message saying which kind of difference it is (missing / added / changed / row count).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from layout_tool.errors import LayoutToolError
from layout_tool.findings import Finding
from layout_tool.i18n import Msg
from layout_tool.integrity.counts import load_expected
from layout_tool.integrity.manifest import Expected, Manifest
from layout_tool.integrity.measure import (
    COUNT_SHEET_NAMES,
    MANIFEST_NAME,
    Measured,
    listed_files,
    measure,
    measure_folder,
    relative,
)
from layout_tool.progress import Progress
from layout_tool.report.report import FileResult, Filter, Report
from layout_tool.spec.catalogue import DEFAULT_VERSION
from layout_tool.spec.model import AreaSpec

EXPECTATION_NAMES = (MANIFEST_NAME, *COUNT_SHEET_NAMES)


def verify_folder(
    folder: Path,
    expected: Manifest,
    spec: AreaSpec | None = None,
    encoding: str = "auto",
    has_header: bool = True,
    progress: Progress | None = None,
    filter: Filter | None = None,
) -> Report:
    """Measure ``folder`` and compare it with ``expected``; the report lists every file."""
    if not folder.is_dir():
        raise LayoutToolError(f"{folder}: not a folder")
    report = Report(
        kind="verification",
        area=(spec.id if spec else expected.area) or "-",
        spec_version=(spec.version if spec else expected.version) or DEFAULT_VERSION,
        standard=(spec.standard if spec else expected.standard) or "chukan",
        filter=filter or Filter(),
        inputs=[str(folder)] + ([expected.source] if expected.source else []),
        provenance=spec.provenance if spec else None,
        has_header=has_header,
    )
    skip = frozenset({Path(expected.source).resolve()}) if expected.source else frozenset()
    notes: list[str] = []
    measured = list(measure_folder(folder, spec, encoding, has_header, progress, skip, notes))
    report.notes += notes
    report.files += [file_result(m) for m in measured]
    for finding in compare(folder, expected, measured):
        report.add(finding)
    report.notes.append(_note(expected, measured))
    return report


def check_folder_counts(
    spec: AreaSpec, folder: Path, report: Report, encoding: str, has_header: bool
) -> None:
    """``validate``'s hook: count findings for a folder holding a manifest or 件数表.

    Files ``validate`` already read are taken from the report (rows and SHA-256 were
    computed on the way); only the others are read again.
    """
    source = next((folder / n for n in EXPECTATION_NAMES if (folder / n).is_file()), None)
    if source is None:
        return
    expected = load_expected(source)  # its own encoding, detected
    known = {Path(f.path).resolve(): f for f in report.files if f.sha256 is not None}
    rows: dict[Path, int] = {}  # an XML document's records, in all its file elements
    for f in report.files:
        rows[Path(f.path).resolve()] = rows.get(Path(f.path).resolve(), 0) + f.rows
    measured: list[Measured] = []
    for path in listed_files(folder):
        done = known.get(path.resolve())
        if done is None or done.sha256 is None:
            measured.append(measure(folder, path, spec, encoding, has_header))
            continue
        measured.append(
            Measured(
                path=relative(folder, path),
                label=done.path,
                bytes=done.bytes,
                sha256=done.sha256,
                rows=rows[path.resolve()],
                encoding=done.encoding,
                detected_by=done.detected_by,
                area=spec.id,
                file_spec=spec.file(done.file_id) if done.file_id else None,
            )
        )
    for finding in compare(folder, expected, measured):
        report.add(finding)
    report.notes.append(_note(expected, measured))


def file_result(m: Measured) -> FileResult:
    result = FileResult(m.label, m.file_id, rows=m.rows or 0, encoding=m.encoding)
    result.detected_by = m.detected_by
    result.sha256 = m.sha256
    result.bytes = m.bytes
    return result


def compare(folder: Path, expected: Manifest, measured: list[Measured]) -> list[Finding]:
    if expected.kind == "manifest":
        return _compare_manifest(folder, expected, measured)
    return _compare_counts(folder, expected, measured)


def _what(expected: Manifest) -> str:
    return "manifest" if expected.kind == "manifest" else "件数表"


def _compare_manifest(folder: Path, expected: Manifest, measured: list[Measured]) -> list[Finding]:
    found = {m.path: m for m in measured}
    out: list[Finding] = []
    for entry in expected.files:
        got = found.pop(entry.path, None)
        if got is None:
            out.append(_missing(folder, entry, "manifest"))
            continue
        out += _differences(entry, got, "manifest")
    out += [_added(m, "manifest") for m in found.values()]
    return out


def _differences(entry: Expected, got: Measured, what: str) -> list[Finding]:
    changed = entry.sha256 is not None and entry.sha256 != got.sha256
    if entry.rows is not None and got.rows is not None and entry.rows != got.rows:
        message = Msg("count.rows", what=what, expected=entry.rows, path=got.path, got=got.rows)
        return [_finding(message, got.label, got.file_id or entry.file_id)]
    if changed:
        assert entry.sha256 is not None
        hashes = {"path": got.path, "what": what, "old": entry.sha256[:12], "new": got.sha256[:12]}
        message = (
            Msg("count.changed-size", **hashes, old_bytes=entry.bytes, new_bytes=got.bytes)
            if entry.bytes is not None
            else Msg("count.changed", **hashes)
        )
        return [_finding(message, got.label, got.file_id or entry.file_id)]
    return []


def _compare_counts(folder: Path, expected: Manifest, measured: list[Measured]) -> list[Finding]:
    """Entries name files loosely: path or file name, stem, or the spec's id / name."""
    data = [m for m in measured if m.rows is not None]
    unclaimed = list(data)
    out: list[Finding] = []
    for entry in expected.files:
        key = _norm(entry.path)
        keys = {key, _norm(PurePosixPath(entry.path).stem)}
        match: list[Measured] = []
        for tier in (_exact_names, _stems, _spec_names):
            match = [m for m in unclaimed if keys & tier(m)]
            if match:
                break
        if not match:
            out.append(_missing(folder, entry, "件数表"))
        elif len(match) > 1:
            names = ", ".join(m.path for m in match)
            message = Msg("count.ambiguous", line=entry.line, path=repr(entry.path), names=names)
            out.append(_finding(message, str(folder / entry.path), None))
        else:
            unclaimed.remove(match[0])
            out += _differences(entry, match[0], "件数表")
    out += [_added(m, "件数表") for m in unclaimed]
    return out


def _exact_names(m: Measured) -> set[str]:
    return {_norm(m.path), _norm(PurePosixPath(m.path).name)}


def _stems(m: Measured) -> set[str]:
    return {_norm(PurePosixPath(m.path).stem)}


def _spec_names(m: Measured) -> set[str]:
    f = m.file_spec
    return set() if f is None else {_norm(n) for n in (f.id, f.name, f.filename or "") if n}


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


def _missing(folder: Path, entry: Expected, what: str) -> Finding:
    rows = Msg("frag.n-rows", rows=entry.rows) if entry.rows is not None else ""
    where = Msg("frag.at-row", line=entry.line) if entry.line else ""
    return _finding(
        Msg("count.missing", path=entry.path, what=what, where=where, rows=rows),
        str(folder / entry.path),
        entry.file_id,
    )


def _added(m: Measured, what: str) -> Finding:
    rows = Msg("frag.n-rows", rows=m.rows) if m.rows is not None else ""
    return _finding(Msg("count.added", path=m.path, rows=rows, what=what), m.label, m.file_id)


def _finding(message: Msg, file: str, file_id: str | None) -> Finding:
    return Finding("count", "error", message, file=file, file_id=file_id)


def _note(expected: Manifest, measured: Iterable[Measured]) -> Msg:
    found = list(measured)
    return Msg(
        "note.checked-against",
        what=_what(expected),
        source=expected.source or "",
        listed=len(expected.files),
        found=len(found),
    )
