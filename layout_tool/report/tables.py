"""Small pieces every report renderer shares: table cells for HTML pages and text tables.

Public, so that renderers in other packages (coverage, conversion, compare) use these
rather than another module's private helpers.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from layout_tool.i18n import Text, t, text
from layout_tool.safety.text import inert


def attr(value: object) -> str:
    """A value escaped for an HTML attribute (None: empty)."""
    return escape("" if value is None else str(value), quote=True)


def num(n: int) -> str:
    """A count with thousands separators."""
    return f"{n:,}"


def html_table(table_id: str, headers: list[tuple[str, str]], rows: list[str]) -> str:
    """A table of ready-made ``<tr>`` rows under headers given as (label, CSS class)."""
    head = "".join(f'<th class="{cls}">{label}</th>' for label, cls in headers)
    return (
        f'<table id="{table_id}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def file_name(path: str | None) -> str:
    """The last part of a path, whichever the separator ("-" for none)."""
    return "-" if path is None else path.replace("\\", "/").rsplit("/", 1)[-1]


def one_line(text: str, width: int) -> str:
    """A message on one line of at most ``width`` characters (line breaks shown as ⏎)."""
    clean = text.replace("\n", "⏎").replace("\r", "")
    return clean if len(clean) <= width else clean[: width - 1] + "…"


def notes_lines(notes: Sequence[Text]) -> list[str]:
    """A text report's notes section (nothing when there are no notes)."""
    if not notes:
        return []
    return ["", t("sec.notes")] + [f"  - {inert(text(n))}" for n in notes]
