"""The findings core, at the bottom of the package: what a finding is, every finding code,
and how many findings a report lists.

It imports only the standard library, polars and ``layout_tool.i18n`` (the texts), so every
layer — readers, checks, validate, convert, the XML paths and the reports — can use it.
``layout_tool.findings.frame`` is the one columnar form of many findings (polars).
"""

from __future__ import annotations

from layout_tool.findings.codes import CODES, Code, Severity, default_severity
from layout_tool.findings.finding import Finding

DEFAULT_MAX_FINDINGS = 10_000  # findings a report lists (--max-findings); counts stay exact
FIRST_FINDINGS = 20  # findings a text report shows

__all__ = [
    "CODES",
    "DEFAULT_MAX_FINDINGS",
    "FIRST_FINDINGS",
    "Code",
    "Finding",
    "Severity",
    "default_severity",
]
