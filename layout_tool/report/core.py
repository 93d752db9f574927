"""What every report does with its findings, written once: exact counts, a capped list,
masked values, and the same order every run.

The validation report (``report.report.Report``), the conversion report
(``conversion.report.ConversionReport``) and the standard-forms report
(``conversion.forms.FormsReport``) each hold one ``Tally`` and read it through ``Tallied``.
Counts are exact whatever the cap;
the first ``max_findings`` findings are kept as objects, with the values of sensitive
items masked (unless ``show_values``) and values and messages clipped to report limits.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from typing import TypeVar

import polars as pl

from layout_tool.findings import DEFAULT_MAX_FINDINGS, Finding, Severity
from layout_tool.findings.frame import CODE, COUNTS, ITEM, MESSAGE, ROW, SEVERITY, VALUE
from layout_tool.i18n import code_title
from layout_tool.safety.reporting import clipped, mask_finding

UNCAPPED = 1 << 62
K = TypeVar("K", str, tuple[str, str])


def by_count(counts: Counter[K]) -> list[tuple[K, int]]:
    """Most frequent first, ties by key: the same order every run."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def severity(value: str) -> Severity:
    return "warning" if value == "warning" else "error"


@dataclass
class Tally:
    """Exact counts of findings, and the first ones kept (masked, clipped) for listing."""

    max_findings: int | None = DEFAULT_MAX_FINDINGS
    show_values: bool = False
    findings: list[Finding] = field(default_factory=list)
    by_code: Counter[str] = field(default_factory=Counter)
    by_item: Counter[tuple[str, str]] = field(default_factory=Counter)  # (item or "-", code)
    by_severity: Counter[str] = field(default_factory=Counter)
    masked: Counter[str] = field(default_factory=Counter)  # item → values shown masked

    # -- collecting ---------------------------------------------------------------------
    def room(self) -> int:
        """How many more findings the list takes."""
        cap = self.max_findings
        return UNCAPPED if cap is None else max(0, cap - len(self.findings))

    def count(self, code: str, item: str | None, severity: str, n: int = 1) -> None:
        self.by_code[code] += n
        self.by_severity[severity] += n
        self.by_item[(item or "-", code)] += n

    def merge_counts(self, other: Tally) -> None:
        """Add another tally's counts (a worker's, checking files in parallel)."""
        self.by_code.update(other.by_code)
        self.by_item.update(other.by_item)
        self.by_severity.update(other.by_severity)

    def count_frame(self, counts: pl.DataFrame) -> None:
        """Exact counts from a frame with the columns ``findings.frame.COUNTS``."""
        for code, item, sev, n in counts.select(COUNTS).iter_rows():
            self.count(code, item, sev, n)

    def shown(self, finding: Finding, sensitive: bool) -> Finding:
        """The finding as reports show it: masked when sensitive, then clipped."""
        if sensitive and not self.show_values:
            finding = mask_finding(finding)
            if finding.value is not None:
                self.masked[finding.item or "-"] += 1
        return clipped(finding)

    def keep(self, finding: Finding) -> bool:
        """List a finding (already shown) while there is room; whether it was listed."""
        if self.room() > 0:
            self.findings.append(finding)
            return True
        return False

    def add(self, finding: Finding, sensitive: bool = False) -> None:
        """Count one finding and list it while there is room."""
        self.count(finding.code, finding.item, finding.severity)
        self.keep(self.shown(finding, sensitive))

    def add_frame(
        self,
        long: pl.DataFrame,
        *,
        file: str | None,
        file_id: str | None,
        sensitive: Collection[str] = (),
    ) -> None:
        """Count a findings frame exactly; list its first rows as ``Finding`` objects."""
        if long.height == 0:
            return
        self.count_frame(long.group_by(CODE, ITEM, SEVERITY).len("n"))
        columns = (ROW, CODE, SEVERITY, MESSAGE, ITEM, VALUE)
        listed = long.head(self.room()).select(columns)
        for row, code, sev, message, item, value in listed.iter_rows():
            finding = Finding(
                code,
                severity(sev),
                message or code_title(code, "en"),
                file=file,
                file_id=file_id,
                row=row or None,
                item=item,
                value=value,
            )
            self.keep(self.shown(finding, item in sensitive))

    # -- reading ------------------------------------------------------------------------
    @property
    def errors(self) -> int:
        return self.by_severity["error"]

    @property
    def warnings(self) -> int:
        return self.by_severity["warning"]

    @property
    def total(self) -> int:
        return sum(self.by_code.values())

    @property
    def listed(self) -> int:
        return len(self.findings)

    @property
    def truncated(self) -> bool:
        return self.listed < self.total

    def codes_by_count(self) -> list[tuple[str, int]]:
        """``by_code`` most frequent first, ties by code (the same order every run)."""
        return by_count(self.by_code)

    def items_by_count(self) -> list[tuple[tuple[str, str], int]]:
        """``by_item`` most frequent first, ties by item and code (the same order every run)."""
        return by_count(self.by_item)

    def sorted_findings(self) -> list[Finding]:
        """The listed findings by file, row, column and code."""
        return sorted(self.findings, key=Finding.sort_key)

    def by_code_dict(self) -> dict[str, int]:
        """``by_code`` by code, for JSON."""
        return dict(sorted(self.by_code.items()))


class Tallied:
    """What a report built on a ``Tally`` reads from it (the report holds it as ``tally``)."""

    tally: Tally

    @property
    def findings(self) -> list[Finding]:
        return self.tally.findings

    @property
    def by_code(self) -> Counter[str]:
        return self.tally.by_code

    @property
    def by_item(self) -> Counter[tuple[str, str]]:
        return self.tally.by_item

    @property
    def by_severity(self) -> Counter[str]:
        return self.tally.by_severity

    @property
    def masked(self) -> Counter[str]:
        return self.tally.masked

    @property
    def errors(self) -> int:
        return self.tally.errors

    @property
    def warnings(self) -> int:
        return self.tally.warnings

    @property
    def truncated(self) -> bool:
        return self.tally.truncated

    def room(self) -> int:
        return self.tally.room()

    def codes_by_count(self) -> list[tuple[str, int]]:
        return self.tally.codes_by_count()

    def items_by_count(self) -> list[tuple[tuple[str, str], int]]:
        return self.tally.items_by_count()

    def sorted_findings(self) -> list[Finding]:
        return self.tally.sorted_findings()


def with_severity(finding: Finding, value: Severity) -> Finding:
    return finding if finding.severity == value else replace(finding, severity=value)
