"""Findings: bad data as data. Declared in the findings core (``layout_tool.findings``);
this name stays for the callers that import it from here."""

from __future__ import annotations

from layout_tool.findings import CODES, Finding, Severity

__all__ = ["CODES", "Finding", "Severity"]
