"""The validation report: exact counts, a capped list of findings, per-file facts."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime

import polars as pl

from layout_tool import __version__
from layout_tool.findings import CODES, DEFAULT_MAX_FINDINGS, Finding, Severity
from layout_tool.findings.frame import COUNTS
from layout_tool.gaiji.inventory import GaijiInventory
from layout_tool.i18n import Text, t, text
from layout_tool.report.core import Tallied, Tally, with_severity


def now() -> str:
    """The local date and time, to the second, with its UTC offset (the report's 作成日時)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")  # reproducible reports (tests, golden files)
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).isoformat(timespec="seconds")
    return datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass
class FileResult:
    path: str
    file_id: str | None
    rows: int = 0
    encoding: str | None = None
    detected_by: str | None = None
    sha256: str | None = None
    bytes: int = 0
    failures: dict[str, int] = field(default_factory=dict)  # detection's evidence

    def to_dict(self) -> dict[str, object]:
        extra: dict[str, object] = {}
        if self.failures:
            chosen = self.failures.get(self.encoding or "", 0)
            others = [n for e, n in self.failures.items() if e != self.encoding]
            sure = chosen == 0 or all(n >= 10 * chosen + 10 for n in others)
            extra = {
                "encoding_failures": dict(self.failures),
                "encoding_confidence": "high" if sure else "low",
            }
        return {
            "path": self.path,
            "file_id": self.file_id,
            "rows": self.rows,
            "encoding": self.encoding,
            "detected_by": self.detected_by,
            "sha256": self.sha256,
            "bytes": self.bytes,
            **extra,
        }


@dataclass(frozen=True)
class Filter:
    """Which findings are kept (``--select`` / ``--ignore``) and how values are shown."""

    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    show_values: bool = False
    max_findings: int | None = DEFAULT_MAX_FINDINGS

    def keeps(self, code: str) -> bool:
        return (not self.select or code in self.select) and code not in self.ignore


@dataclass
class Report(Tallied):
    """What a validation found. Counts are exact even when the listed findings are capped."""

    area: str
    spec_version: str
    standard: str = "chukan"
    filter: Filter = field(default_factory=Filter)
    files: list[FileResult] = field(default_factory=list)
    examples: dict[tuple[str, str], list[Finding]] = field(default_factory=dict)
    notes: list[Text] = field(default_factory=list)
    kind: str = "validation"  # or "verification" (verify against a manifest)
    gaiji: GaijiInventory = field(default_factory=GaijiInventory)  # exact, per character
    # a profile's severities: finding code → severity, item → severity (the item's wins)
    code_severity: dict[str, str] = field(default_factory=dict)
    item_severity: dict[str, str] = field(default_factory=dict)
    area_files: int = 0  # how many files the area has (0: not counted, e.g. verify)
    charset: dict[str, object] | None = None  # the character set checked against, if any
    # the report's head: when, what was checked, against what (see layout_tool.report.head)
    made: str = field(default_factory=now)
    inputs: list[str] = field(default_factory=list)  # the paths given (folders or files)
    provenance: str | None = None  # the spec's: modelled, imported, official
    profile: dict[str, str] | None = None  # {"path": ..., "sha256": ...} with --profile
    has_header: bool = True  # CSV files have a header row (for the Excel row of a finding)
    # counts, the capped list and masking (layout_tool.report.core)
    tally: Tally = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.tally = Tally(self.filter.max_findings, self.filter.show_values)

    # -- collecting ---------------------------------------------------------------------
    def severity(self, code: str, item: str | None, severity: str) -> Severity:
        """The severity a finding has in this run (a profile may change it)."""
        got = self.item_severity.get(item or "") or self.code_severity.get(code) or severity
        return "warning" if got == "warning" else "error"

    def add(self, finding: Finding, sensitive: bool = False) -> None:
        """Count one finding and keep it in the list while there is room."""
        if self.filter.keeps(finding.code):
            self._count(finding.code, finding.item, finding.severity, 1)
            self.list_finding(finding, sensitive)

    def count_frame(self, counts: pl.DataFrame) -> None:
        """Add exact counts from a frame with columns code, item, severity, n."""
        for code, item, severity, n in counts.select(COUNTS).iter_rows():
            if self.filter.keeps(code):
                self._count(code, item, severity, n)

    def _count(self, code: str, item: str | None, severity: str, n: int) -> None:
        self.tally.count(code, item, self.severity(code, item, severity), n)

    def list_finding(self, finding: Finding, sensitive: bool) -> None:
        """Keep a finding whose count was already added (by ``count_frame`` or ``add``)."""
        if not self.filter.keeps(finding.code):
            return
        changed = self.severity(finding.code, finding.item, finding.severity)
        finding = self.tally.shown(with_severity(finding, changed), sensitive)
        examples = self.examples.setdefault((finding.item or "-", finding.code), [])
        if len(examples) < 3:
            examples.append(finding)
        self.tally.keep(finding)

    def add_gaiji(self, file: str, counts: pl.DataFrame) -> None:
        """Merge a batch's 外字 tally (``layout_tool.gaiji.inventory.tally``) into the inventory."""
        if self.filter.keeps("gaiji"):
            self.gaiji.add(file, counts)

    # -- reading ------------------------------------------------------------------------
    @property
    def valid(self) -> bool:
        return self.errors == 0

    @property
    def rows(self) -> int:
        return sum(f.rows for f in self.files)

    @property
    def checked_files(self) -> int:
        """How many distinct files of the area were checked."""
        return len({f.file_id for f in self.files if f.file_id is not None})

    def coverage(self) -> str | None:
        """ "2 of 3 files of the area checked", or None when the area's files were not counted."""
        if not self.area_files:
            return None
        return t("report.coverage", checked=self.checked_files, of=self.area_files)

    def to_dict(self, lang: str | None = None) -> dict[str, object]:
        """The contract's validation report shape (``message`` and notes in ``lang``)."""
        return {
            "tool": "layout-tool",
            "version": __version__,
            "spec": {
                "standard": self.standard,
                "version": self.spec_version,
                "area": self.area,
                "provenance": self.provenance,
            },
            "made": self.made,
            "inputs": list(self.inputs),
            "profile": self.profile,
            "valid": self.valid,
            "summary": {
                "files": len(self.files),
                "rows": self.rows,
                "errors": self.errors,
                "warnings": self.warnings,
                "by_code": self.tally.by_code_dict(),
                "by_item": [
                    {"item": item, "code": code, "count": n}
                    for (item, code), n in self.items_by_count()
                ],
                "truncated": self.truncated,
                "listed": self.tally.listed,
                **(
                    {"area_files": {"checked": self.checked_files, "of": self.area_files}}
                    if self.area_files
                    else {}
                ),
            },
            **({"profile": dict(self.profile)} if self.profile is not None else {}),
            "files": [f.to_dict() for f in self.files],
            "notes": [text(n, lang) for n in self.notes],
            **({"charset": self.charset} if self.charset is not None else {}),
            "gaiji": self.gaiji.to_list(),
            "findings": [f.to_dict(lang) for f in self.sorted_findings()],
        }


__all__ = ["CODES", "DEFAULT_MAX_FINDINGS", "FileResult", "Filter", "Report"]
