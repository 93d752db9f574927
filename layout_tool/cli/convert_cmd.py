"""``layout-tool convert``: vendor exports ⇄ standard files through a mapping."""

from __future__ import annotations

from pathlib import Path

import click

from layout_tool.cli.options import encoding_option, lang_option, quiet_option
from layout_tool.cli.progress import row_progress
from layout_tool.errors import EXIT_FINDINGS, EXIT_OK, LayoutToolError
from layout_tool.i18n import t

# The conversion machinery (mappings, transforms, JSON Schema) is imported when convert runs,
# so that the other commands start without it.
FORMATS = ["text", "json"]
DEFAULT_MAX_FINDINGS = 10_000  # as layout_tool.mapping.report (a test keeps them equal)


@click.command(name="convert")
@click.option(
    "--mapping",
    "mapping_path",
    help="Mapping YAML, or a bundled one by name (kakuu-densan/jumin).",
)
@click.option("--spec", "area", help="Standard files between forms (CSV ⇄ XML) for this area.")
@click.option("--file", "file_id", help="With --spec: which file of the area a single input is.")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "outdir",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder for the converted files; reports and rejects go to its conversion/.",
)
@click.option("--reverse", is_flag=True, help="Standard files → the vendor's layout.")
@click.option(
    "--to",
    "to",
    type=click.Choice(["csv", "xml"]),
    default="csv",
    show_default=True,
    help="The form of the standard files written (--reverse reads either, by suffix).",
)
@encoding_option("Read inputs in this encoding (auto: as the mapping declares, else detected).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="The report printed on stdout.",
)
@click.option(
    "--max-findings", type=click.IntRange(min=0), default=DEFAULT_MAX_FINDINGS, show_default=True
)
@click.option("--show-values", is_flag=True, help="Show sensitive values (個人番号) unmasked.")
@click.option(
    "--gaiji-map",
    "gaiji_path",
    type=click.Path(path_type=Path),
    help="外字 table (source,target[,mj,note]) applied to every input value before checking;"
    " with --reverse, the standard characters are written back as the table's sources.",
)
@lang_option
@quiet_option
def convert_cmd(
    mapping_path: str | None,
    area: str | None,
    file_id: str | None,
    inputs: tuple[Path, ...],
    outdir: Path,
    reverse: bool,
    to: str,
    encoding: str,
    fmt: str,
    max_findings: int,
    show_values: bool,
    gaiji_path: Path | None,
) -> None:
    """Convert a vendor's export to the standard's files (or back with --reverse).

    With --spec AREA instead of --mapping: standard files from one form to the other
    (--to csv|xml). Every input row ends in the output or in conversion/<output>.rejects.csv
    with its findings. Exit 0: all rows converted; 1: rows were rejected; 2: bad mapping or usage.
    """
    if area is not None:
        if mapping_path is not None:
            raise LayoutToolError(
                "give --mapping (vendor files) or --spec (standard files), not both"
            )
        if reverse or gaiji_path is not None:
            used = "--reverse" if reverse else "--gaiji-map"
            raise LayoutToolError(
                f"{used} works with --mapping (vendor files); --spec converts standard files"
                " between forms (--to csv|xml)"
            )
        from layout_tool.cli.forms_cmd import run_forms

        code = run_forms(area, inputs, outdir, to, file_id, encoding, fmt)
        click.get_current_context().exit(code)
    if mapping_path is None:
        raise LayoutToolError("convert needs --mapping (vendor files) or --spec (standard files)")
    from layout_tool.convert import SIDE, ConvertOptions, convert
    from layout_tool.gaiji.maptable import load_map
    from layout_tool.mapping import load_mapping
    from layout_tool.mapping.report import render_json, render_text

    mapping = load_mapping(mapping_path)
    options = ConvertOptions(
        reverse=reverse,
        encoding=encoding,
        max_findings=max_findings,
        show_values=show_values,
        gaiji_map=load_map(gaiji_path) if gaiji_path is not None else None,
        to=to,
    )
    with row_progress(paths=inputs) as progress:
        report = convert(mapping, list(inputs), outdir, options, progress)
    click.echo((render_json if fmt == "json" else render_text)(report), nl=False)
    click.echo(t("cli.report-folder", path=outdir / SIDE), err=True)
    click.get_current_context().exit(EXIT_OK if report.ok else EXIT_FINDINGS)
