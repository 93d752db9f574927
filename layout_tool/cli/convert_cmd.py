"""``layout-tool convert``: vendor exports ⇄ standard files through a mapping."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from layout_tool.cli.options import (
    charset_option,
    encoding_option,
    finding_codes,
    lang_option,
    profile_option,
    quiet_option,
)
from layout_tool.cli.progress import row_progress
from layout_tool.errors import EXIT_FINDINGS, EXIT_OK, LayoutToolError
from layout_tool.findings import DEFAULT_MAX_FINDINGS
from layout_tool.i18n import t
from layout_tool.io.outputs import writable_folder

# The conversion machinery (mappings, transforms, JSON Schema) is imported when convert runs,
# so that the other commands start without it.
FORMATS = ["text", "json"]

if TYPE_CHECKING:
    from layout_tool.charset.model import Charset
    from layout_tool.gaiji.maptable import MapTable


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
@profile_option
@click.option("--select", help="Only these finding codes reject rows (comma-separated).")
@click.option(
    "--ignore",
    help="These finding codes do not reject rows (comma-separated; encoding, row-shape and"
    " round-trip always do).",
)
@charset_option
@click.option(
    "--tags",
    is_flag=True,
    help="With --charset: {MJ……}/{GJ……} tags become their characters (with --reverse, GJ and"
    " IVS characters become tags again).",
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
    profile_path: Path | None,
    select: str | None,
    ignore: str | None,
    charset: str | None,
    tags: bool,
) -> None:
    """Convert a vendor's export to the standard's files (or back with --reverse).

    With --spec AREA instead of --mapping: standard files from one form to the other
    (--to csv|xml). Every input row ends in the output or in conversion/<output>.rejects.csv
    with its findings. Exit 0: all rows converted; 1: rows were rejected; 2: bad mapping or usage.
    """
    writable_folder(outdir)
    if area is not None:
        if mapping_path is not None:
            raise LayoutToolError(
                "give --mapping (vendor files) or --spec (standard files), not both"
            )
        given = {
            "--reverse": reverse,
            "--gaiji-map": gaiji_path is not None,
            "--profile": profile_path is not None,
            "--select": select is not None,
            "--ignore": ignore is not None,
            "--tags": tags,
        }
        if any(given.values()):
            used = next(k for k, v in given.items() if v)
            raise LayoutToolError(
                f"{used} works with --mapping (vendor files); --spec converts standard files"
                " between forms (--to csv|xml)"
            )
        from layout_tool.cli.forms_cmd import run_forms

        code = run_forms(area, inputs, outdir, to, file_id, encoding, fmt)
        click.get_current_context().exit(code)
    if mapping_path is None:
        raise LayoutToolError("convert needs --mapping (vendor files) or --spec (standard files)")
    from layout_tool.conversion import SIDE, ConvertOptions, convert
    from layout_tool.conversion.report import render_json, render_text
    from layout_tool.mapping import load_mapping
    from layout_tool.profile import load_profile
    from layout_tool.profile.triage import Triage

    profile = load_profile(profile_path) if profile_path is not None else None
    mapping = load_mapping(mapping_path, profile=profile)
    loaded, table = _gaiji_table(gaiji_path, charset, tags, reverse)
    options = ConvertOptions(
        triage=Triage.of(finding_codes(select), finding_codes(ignore), profile),
        profile=profile.to_dict() if profile else None,
        reverse=reverse,
        encoding=encoding,
        max_findings=max_findings,
        show_values=show_values,
        gaiji_map=table,
        charset=loaded,
        to=to,
    )
    from layout_tool.conversion.check import warnings  # what `mapping check` would say

    for warning in warnings(mapping, [] if reverse else list(inputs)):
        click.echo(t("cli.warning", text=warning), err=True)
    with row_progress(paths=inputs) as progress:
        report = convert(mapping, list(inputs), outdir, options, progress)
    click.echo((render_json if fmt == "json" else render_text)(report), nl=False)
    click.echo(t("cli.report-folder", path=outdir / SIDE), err=True)
    click.get_current_context().exit(EXIT_OK if report.ok else EXIT_FINDINGS)


def _gaiji_table(
    gaiji_path: Path | None, charset: str | None, tags: bool, reverse: bool
) -> tuple[Charset | None, MapTable | None]:
    """The 外字 table, with a charset's GJ characters allowed as targets and its tags added."""
    from layout_tool.charset.loader import resolve_charset
    from layout_tool.gaiji.maptable import load_map
    from layout_tool.gaiji.tags import tag_table

    if tags and charset is None:
        raise LayoutToolError("--tags needs --charset (the tags are looked up in it)")
    loaded = resolve_charset(charset) if charset is not None else None
    standard = frozenset(chr(c) for c in loaded.gj) if loaded is not None else frozenset()
    table = load_map(gaiji_path, standard) if gaiji_path is not None else None
    if tags and loaded is not None:
        table = tag_table(loaded, table, reverse)
    return loaded, table
