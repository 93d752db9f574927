"""Findings as reports show them: masked when sensitive, values and messages clipped."""

from __future__ import annotations

import dataclasses

from layout_tool.report.finding import Finding
from layout_tool.safety.masking import mask, mask_message
from layout_tool.safety.text import clip


def mask_finding(finding: Finding) -> Finding:
    """The finding with its value and every value its message quotes masked."""
    value = None if finding.value is None else mask(finding.value)
    message = mask_message(finding.message, [finding.value])
    if value == finding.value and message == finding.message:
        return finding
    return dataclasses.replace(finding, value=value, message=message)


def clipped(finding: Finding) -> Finding:
    """The finding with its value and message cut to the report limits."""
    value = None if finding.value is None else clip(finding.value)
    message = clip(finding.message, "MAX_REPORT_MESSAGE")
    if value == finding.value and message == finding.message:
        return finding
    return dataclasses.replace(finding, value=value, message=message)
