"""``layout-tool validate``: check handover files and write a report."""

from __future__ import annotations

from pathlib import Path

import click

from layout_tool.charset.setup import char_policy
from layout_tool.cli.options import (
    charset_option,
    encoding_option,
    lang_option,
    length_count_option,
    no_header_option,
    profile_option,
    quiet_option,
)
from layout_tool.cli.progress import row_progress
from layout_tool.errors import EXIT_FINDINGS, EXIT_OK, LayoutToolError
from layout_tool.findings import CODES
from layout_tool.i18n import t
from layout_tool.io.atomic import atomic_open, write_text_atomic
from layout_tool.io.outputs import report_path
from layout_tool.report.html import render_html
from layout_tool.report.render import render_csv, render_json, render_text, verdict
from layout_tool.report.report import DEFAULT_MAX_FINDINGS, Filter
from layout_tool.safety.paths import check_no_overlap
from layout_tool.spec.catalogue import load_area
from layout_tool.validate import Options, validate_paths

RENDERERS = {"text": render_text, "json": render_json, "csv": render_csv, "html": render_html}
BINARY_FORMATS = ("xlsx",)  # written only to a file (-o)


def _codes(value: str | None) -> frozenset[str]:
    if not value:
        return frozenset()
    codes = frozenset(c.strip() for c in value.split(",") if c.strip())
    unknown = sorted(codes - set(CODES))
    if unknown:
        from layout_tool.suggest import did_you_mean

        hint = did_you_mean(unknown[0], CODES)
        raise LayoutToolError(t("spec.unknown-codes", codes=", ".join(unknown)) + hint)
    return codes


@click.command()
@click.option("--spec", "area", required=True, help="Area id, number, name, or a spec YAML path.")
@click.option("--file", "file_id", help="Which file of the area (when it cannot be recognised).")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*RENDERERS, *BINARY_FORMATS]),
    default="text",
    show_default=True,
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write the report here (a folder: validation-report.EXT in it).",
)
@encoding_option()
@no_header_option
@click.option(
    "--max-findings", type=click.IntRange(min=0), default=DEFAULT_MAX_FINDINGS, show_default=True
)
@click.option("--select", help="Only these finding codes (comma-separated).")
@click.option("--ignore", help="Drop these finding codes (comma-separated).")
@click.option("--show-values", is_flag=True, help="Show sensitive values (個人番号) unmasked.")
@profile_option
@click.option(
    "--complete",
    is_flag=True,
    help="The inputs are a full handover set: a file of the area not among them is an error.",
)
@charset_option
@length_count_option
@click.option(
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Check the CSV files in this many processes (0: one per core, when the files"
    " add up to 64 MB or more); the same report.",
)
@lang_option
@quiet_option
def validate(
    area: str,
    file_id: str | None,
    inputs: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    encoding: str,
    no_header: bool,
    max_findings: int,
    select: str | None,
    ignore: str | None,
    show_values: bool,
    profile_path: Path | None,
    complete: bool,
    charset: str | None,
    length_count: str | None,
    jobs: int,
) -> None:
    """Check handover files (or folders of them) against an area of the standard."""
    if fmt in BINARY_FORMATS and output is None:
        raise LayoutToolError(f"--format {fmt} writes a binary workbook: give a file with -o")
    if output is not None:  # a report never replaces an input (docs/security.md)
        output = report_path(output, "validation-report", fmt)
        check_no_overlap(inputs, output, folder=False)
    spec = load_area(area)
    profile = None
    if profile_path is not None:
        from layout_tool.profile import load_profile

        profile = load_profile(profile_path)
    chars, notes = char_policy(spec, charset, length_count)
    options = Options(
        profile=profile,
        chars=chars,
        encoding=encoding,
        has_header=not no_header,
        file_id=file_id,
        complete=complete,
        jobs=jobs,
        filter=Filter(_codes(select), _codes(ignore), show_values, max_findings),
    )
    with row_progress(paths=inputs) as progress:
        report = validate_paths(spec, list(inputs), options, progress=progress)
    report.notes[:0] = notes
    if fmt == "xlsx" and output is not None:
        from layout_tool.report.xlsx import render_xlsx  # openpyxl loads only when needed

        with atomic_open(output) as fh:
            fh.write(render_xlsx(report))
        click.echo(t("cli.report-written", path=output, verdict=verdict(report)), err=True)
        click.get_current_context().exit(EXIT_OK if report.valid else EXIT_FINDINGS)
    text = RENDERERS[fmt](report)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_text_atomic(output, text, encoding="utf-8")
        click.echo(t("cli.report-written", path=output, verdict=verdict(report)), err=True)
    click.get_current_context().exit(EXIT_OK if report.valid else EXIT_FINDINGS)
