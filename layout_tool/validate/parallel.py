"""``validate --jobs N``: check the CSV files of one run in N processes, same report.

Each file is checked in a worker process into a ``_Recorder``: a report that counts as
usual and also records, in order, every finding it was asked to add or to list. The parent
merges the workers' results in input order: counts add up, and the recorded findings are
replayed against the parent's own ``--max-findings`` room, so the listed findings, the
examples per (item, code) and the masked counts are those of a serial run. A file's
cross-file material (key hashes, rule columns) comes back as its ``crossfile.Collected``
and the checks across rows and files run in the parent as before.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from layout_tool.checks import crossfile
from layout_tool.findings import Finding
from layout_tool.gaiji.inventory import FIRST_ROWS, Place
from layout_tool.io.inputs import shown
from layout_tool.progress import Progress
from layout_tool.report.report import FileResult, Report
from layout_tool.spec.model import AreaSpec, FileSpec
from layout_tool.validate.engine import Options, check_file

# One recorded event: ("add", [(finding, sensitive)]) for a finding added (listed while
# there is room), or ("list", [...]) for one batch's listed findings (the first ``room``).
Event = tuple[str, list[tuple[Finding, bool]]]


def jobs_for(jobs: int) -> int:
    """``--jobs 0``: one per core."""
    return jobs if jobs > 0 else (os.cpu_count() or 1)


@dataclass
class _Recorder(Report):
    """A worker's report: counts as usual, and records what was added and listed."""

    events: list[Event] = field(default_factory=list)
    _batch: bool = True  # the next list_finding starts a new batch's group
    _inside: bool = False

    def room(self) -> int:
        if not self._inside:  # the engine asks for room just before it lists a batch
            self._batch = True
        return super().room()

    def add(self, finding: Finding, sensitive: bool = False) -> None:
        if self.filter.keeps(finding.code):
            self._count(finding.code, finding.item, finding.severity, 1)
            self.events.append(("add", [(finding, sensitive)]))
            self._inside = True
            Report.list_finding(self, finding, sensitive)  # keeps this worker's room exact
            self._inside = False

    def list_finding(self, finding: Finding, sensitive: bool) -> None:
        if self._batch or not self.events or self.events[-1][0] != "list":
            self.events.append(("list", []))
            self._batch = False
        self.events[-1][1].append((finding, sensitive))
        self._inside = True
        super().list_finding(finding, sensitive)
        self._inside = False


def _check_one(
    spec: AreaSpec, fspec: FileSpec, path: Path, options: Options, head: Report, part: int
) -> tuple[FileResult, _Recorder, crossfile.Collected]:

    rec = _Recorder(
        area=head.area,
        spec_version=head.spec_version,
        filter=head.filter,
        code_severity=head.code_severity,
        item_severity=head.item_severity,
        has_header=head.has_header,
    )
    got = crossfile.Collected(shown(path))
    got.at_part(part, shown(path))
    result = check_file(spec, fspec, path, options, rec, got)
    rec.findings.clear()  # the parent lists them again from the events
    rec.examples.clear()
    rec.masked.clear()
    got.spill.hand_over()  # the parent reads the spilled runs, and removes them
    return result, rec, got


def _merge_report(report: Report, rec: _Recorder) -> None:
    report.tally.merge_counts(rec.tally)
    report.notes.extend(rec.notes)
    for kind, listed in rec.events:
        if kind == "list":
            listed = listed[: report.room()]
        for finding, sensitive in listed:
            report.list_finding(finding, sensitive)
    for key, place in rec.gaiji.places.items():
        mine = report.gaiji.places.setdefault(key, Place())
        mine.count += place.count
        mine.rows.extend(place.rows[: max(0, FIRST_ROWS - len(mine.rows))])


def _merge_collected(
    into: dict[str, crossfile.Collected], file_id: str, got: crossfile.Collected
) -> None:
    got.spill.adopt()
    have = into.get(file_id)
    if have is None:
        into[file_id] = got
        return
    have.parts.update(got.parts)
    have.keys.extend(got.keys)
    for i, frames in got.sources.items():
        have.sources.setdefault(i, []).extend(frames)
    for i, series in got.targets.items():
        have.targets.setdefault(i, []).extend(series)
    have.targets_are_keys |= got.targets_are_keys
    for i, parts in got.rules.items():
        have.rules.setdefault(i, []).extend(parts)
    have.spill.merge(got.spill)


@dataclass(frozen=True)
class Job:
    """One recognised input: its file of the area and its path."""

    fspec: FileSpec
    path: Path
    part: int = 0  # its place among the inputs of its file (``crossfile.Collected.parts``)


def check_files(
    spec: AreaSpec,
    jobs: Sequence[Job | Finding],
    options: Options,
    report: Report,
    collected: dict[str, crossfile.Collected],
    progress: Progress | None,
    workers: int,
) -> None:
    """Check ``jobs`` in ``workers`` processes; a Finding in ``jobs`` is added in its turn."""

    context = multiprocessing.get_context("spawn")  # polars' threads do not survive fork
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures: list[Future[tuple[FileResult, _Recorder, crossfile.Collected]] | None] = [
            pool.submit(_check_one, spec, job.fspec, job.path, options, report, job.part)
            if isinstance(job, Job)
            else None
            for job in jobs
        ]
        for job, future in zip(jobs, futures, strict=True):
            if isinstance(job, Finding):
                report.add(job)
                continue
            assert future is not None
            try:
                result, rec, got = future.result()
            except Exception:
                here = collected.setdefault(job.fspec.id, crossfile.Collected(shown(job.path)))
                here.at_part(job.part, shown(job.path))
                report.files.append(
                    check_file(spec, job.fspec, job.path, options, report, here, progress)
                )
                continue
            _merge_report(report, rec)
            _merge_collected(collected, job.fspec.id, got)
            report.files.append(result)
            if progress is not None:
                progress(result.path, result.rows)
