"""Findings as reports show them: masked when sensitive, values and messages clipped."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from layout_tool.findings import Finding
from layout_tool.i18n import Msg, Text
from layout_tool.safety.masking import mask, mask_message
from layout_tool.safety.text import clip


def _each_text(message: Text, change: Callable[[str], str]) -> Text:
    """``change`` applied to a plain message, or to every text parameter of a catalogue one."""
    if isinstance(message, str):
        return change(message)
    params = {k: change(v) if isinstance(v, str) else v for k, v in message.params.items()}
    if params == message.params:
        return message
    return Msg(message.id, **params)


def mask_finding(finding: Finding) -> Finding:
    """The finding with its value and every value its message quotes masked."""
    value = None if finding.value is None else mask(finding.value)
    message = _each_text(finding.message, lambda m: mask_message(m, [finding.value]))
    if value == finding.value and message == finding.message:
        return finding
    return dataclasses.replace(finding, value=value, message=message)


def clipped(finding: Finding) -> Finding:
    """The finding with its value and message cut to the report limits."""
    value = None if finding.value is None else clip(finding.value)
    message = _each_text(finding.message, lambda m: clip(m, "MAX_REPORT_MESSAGE"))
    if value == finding.value and message == finding.message:
        return finding
    return dataclasses.replace(finding, value=value, message=message)
