"""Named limits on what the tool reads and writes, each one documented in docs/security.md.

A limit can be raised (or lowered) with an environment variable ``LAYOUT_TOOL_<NAME>``
(e.g. ``LAYOUT_TOOL_MAX_WORKBOOK_BYTES=2000000000``) where a real user could need more; a bad
value is a usage error, never silently ignored.
"""

from __future__ import annotations

import os

from layout_tool.errors import LayoutToolError

DEFAULTS: dict[str, int] = {
    # a value shown in a report (text, JSON, CSV, HTML, XLSX) is cut to this many characters
    "MAX_REPORT_VALUE": 200,
    # a finding's message in a report is cut to this many characters
    "MAX_REPORT_MESSAGE": 2_000,
    # a YAML document (spec, mapping, profile): nodes after expanding aliases, and nesting
    "MAX_YAML_NODES": 200_000,
    "MAX_YAML_DEPTH": 100,
    # spec import: the workbook file, its unpacked XML, a sheet's rows, one cell's text
    "MAX_WORKBOOK_BYTES": 50 << 20,
    "MAX_WORKBOOK_UNPACKED_BYTES": 200 << 20,
    "MAX_SHEET_ROWS": 100_000,
    "MAX_CELL_CHARS": 32_767,  # Excel's own limit for one cell
    # 外字 mapping table: rows, and characters of one source or target
    "MAX_MAP_ROWS": 200_000,
    "MAX_MAP_VALUE_CHARS": 64,
    # one value written to XML: libxml2 reads no longer text node back (XML_MAX_TEXT_LENGTH)
    "MAX_XML_VALUE_BYTES": 10_000_000,
}


def limit(name: str) -> int:
    """The limit ``name`` (a key of DEFAULTS), as overridden by the environment."""
    default = DEFAULTS[name]
    raw = os.environ.get(f"LAYOUT_TOOL_{name}")
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip().replace("_", ""))
    except ValueError:
        raise LayoutToolError(
            f"LAYOUT_TOOL_{name}={raw!r} is not a whole number (default {default})"
        ) from None
    if value < 1:
        raise LayoutToolError(f"LAYOUT_TOOL_{name} must be at least 1 (default {default})")
    return value


def exceeded(what: str, name: str, value: int | str = "") -> LayoutToolError:
    """The one-line error for input over a limit: what, the limit, how to raise it."""
    shown = f" ({value:,})" if isinstance(value, int) else ""
    return LayoutToolError(
        f"{what}{shown} is over the limit {limit(name):,}; set LAYOUT_TOOL_{name} to allow more"
    )
