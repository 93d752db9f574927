"""One entry point for every report format of ``compare`` (data or rehearsal)."""

from __future__ import annotations

from layout_tool.compare import render as text_render
from layout_tool.compare.model import CompareReport
from layout_tool.compare.rehearsal import RehearsalReport
from layout_tool.compare.rehearsal_render import rehearsal_csv, rehearsal_json, rehearsal_text

FORMATS = ("text", "json", "csv", "html", "xlsx")


def render(report: CompareReport | RehearsalReport, fmt: str) -> str | bytes:
    """The report in ``fmt``: text for every format but ``xlsx`` (bytes)."""
    if fmt == "xlsx":
        from layout_tool.compare.xlsx import render_xlsx  # openpyxl only when needed

        return render_xlsx(report)
    if fmt == "html":
        from layout_tool.compare.html import render_html

        return render_html(report)
    if isinstance(report, RehearsalReport):
        return {"text": rehearsal_text, "json": rehearsal_json, "csv": rehearsal_csv}[fmt](report)
    return {
        "text": text_render.render_text,
        "json": text_render.render_json,
        "csv": text_render.render_csv,
    }[fmt](report)
