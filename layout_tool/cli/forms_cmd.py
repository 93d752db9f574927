"""``convert --spec AREA INPUT... -o OUTDIR --to csv|xml``: standard files between forms.

Wired into ``convert``: when it is given ``--spec`` instead of ``--mapping``, it returns
``run_forms(...)``'s exit code.
"""

from __future__ import annotations

from pathlib import Path

import click

from layout_tool.cli.progress import row_progress
from layout_tool.conversion.forms import SIDE, Form, convert_standard, render_json, render_text
from layout_tool.errors import EXIT_FINDINGS, EXIT_OK, LayoutToolError
from layout_tool.i18n import t
from layout_tool.spec.catalogue import load_area


def run_forms(
    area: str,
    inputs: tuple[Path, ...],
    outdir: Path,
    to: str | None,
    file_id: str | None = None,
    encoding: str = "auto",
    fmt: str = "text",
) -> int:
    """Convert, print the report (text or json), return the exit code (0 ok, 1 rows
    rejected or findings)."""
    forms: dict[str | None, Form] = {"csv": "csv", "xml": "xml"}
    if to not in forms:
        raise LayoutToolError("convert --spec needs --to csv or --to xml")
    form = forms[to]
    spec = load_area(area)
    with row_progress(paths=inputs) as progress:
        report = convert_standard(
            spec, list(inputs), outdir, form, file_id=file_id, encoding=encoding, progress=progress
        )
    click.echo(render_json(report) if fmt == "json" else render_text(report), nl=False)
    click.echo(t("cli.report-folder", path=outdir / SIDE), err=True)
    return EXIT_OK if report.ok else EXIT_FINDINGS
