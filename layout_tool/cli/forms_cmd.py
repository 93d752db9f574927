"""``convert --spec AREA INPUT... -o OUTDIR --to csv|xml``: standard files between forms.

Wired into ``convert``: when it is given ``--spec`` instead of ``--mapping``, it returns
``run_forms(...)``'s exit code. ``convert_forms`` is the same as a command of its own.
"""

from __future__ import annotations

from pathlib import Path

import click

from layout_tool.cli.options import encoding_option
from layout_tool.cli.progress import row_progress
from layout_tool.convert.forms import SIDE, Form, convert_standard, render_json, render_text
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


@click.command(name="convert-forms")
@click.option("--spec", "area", required=True, help="Area id, number, name, or a spec YAML path.")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "outdir", required=True, type=click.Path(path_type=Path))
@click.option("--to", "to", type=click.Choice(["csv", "xml"]), required=True)
@click.option("--file", "file_id", help="Only this file of the area.")
@encoding_option("CSV inputs (XML documents declare their own).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def convert_forms(
    area: str,
    inputs: tuple[Path, ...],
    outdir: Path,
    to: str,
    file_id: str | None,
    encoding: str,
    fmt: str,
) -> None:
    """Standard files (CSV or XML) of AREA into OUTDIR in the other form (or the same)."""
    code = run_forms(area, inputs, outdir, to, file_id, encoding, fmt)
    click.get_current_context().exit(code)
