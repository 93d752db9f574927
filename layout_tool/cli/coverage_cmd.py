"""``layout-tool coverage``: which standard items a vendor's mapping or declared layout covers."""

from __future__ import annotations

from pathlib import Path

import click

from layout_tool.cli.options import encoding_option, lang_option, quiet_option
from layout_tool.coverage import (
    Coverage,
    LayoutOptions,
    coverage_of_layout,
    coverage_of_mapping,
    read_layout,
)
from layout_tool.coverage.html import render_html
from layout_tool.coverage.render import render_json, render_text
from layout_tool.errors import EXIT_FINDINGS, EXIT_OK, LayoutToolError
from layout_tool.i18n import t
from layout_tool.io.atomic import write_text_atomic

RENDERERS = {"text": render_text, "json": render_json, "html": render_html}


def _pairs(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in values:
        theirs, sep, ours = pair.partition("=")
        if not sep or not theirs.strip() or not ours.strip():
            raise LayoutToolError(f"--match {pair!r}: expected VENDOR_FILE=STANDARD_FILE")
        out[theirs.strip()] = ours.strip()
    return out


def _from_layout(
    layout: Path, area: str, options: LayoutOptions, match: dict[str, str]
) -> Coverage:
    from layout_tool.spec.catalogue import load_area

    standard = load_area(area)
    vendor, warnings = read_layout(layout, standard, options)
    notes = tuple(f"import: {w}" for w in warnings)
    return coverage_of_layout(vendor, standard, pairs=match, subject=str(layout), notes=notes)


@click.command("coverage")
@click.option("--mapping", "mapping_path", help="A vendor mapping (path, or a bundled name).")
@click.option(
    "--layout",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A vendor's declared layout table (.xlsx, .csv, or a spec .yaml); needs --spec.",
)
@click.option("--spec", "area", help="The standard area to compare a --layout with.")
@click.option(
    "--match",
    "match",
    multiple=True,
    metavar="VENDOR=STANDARD",
    help="Pair a declared file with a standard file (ids or names) when their names differ.",
)
@click.option("--column", "columns", multiple=True, metavar="FIELD=HEADING")
@click.option("--type", "type_words", multiple=True, metavar="WORD=TYPE")
@click.option("--file-id", "file_ids", multiple=True, metavar="[NAME=]ID")
@click.option("--file-name", help="The 移行ファイル name of a one-file CSV layout table.")
@encoding_option("Of a .csv layout table.")
@click.option(
    "--format", "fmt", type=click.Choice(list(RENDERERS)), default="text", show_default=True
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the report here.")
@lang_option
@quiet_option
def coverage_cmd(
    mapping_path: str | None,
    layout: Path | None,
    area: str | None,
    match: tuple[str, ...],
    columns: tuple[str, ...],
    type_words: tuple[str, ...],
    file_ids: tuple[str, ...],
    file_name: str | None,
    encoding: str,
    fmt: str,
    output: Path | None,
) -> None:
    """Standard items covered, missing (required first), narrower or constant, and vendor
    fields with no standard home, per file and per area.

    Give --mapping M.yaml, or --layout TABLE --spec AREA (the table is read like
    `spec import`; --column, --type, --file-id and --file-name work the same). Exit 0 when every
    required item is covered with a compatible type and 桁数, 1 when not, 2 for bad input.
    """
    if (mapping_path is None) == (layout is None):
        raise LayoutToolError("give either --mapping or --layout (with --spec)")
    if mapping_path is not None:
        if area is not None or match or columns or type_words or file_ids or file_name:
            raise LayoutToolError(
                "--spec, --match, --column, --type, --file-id and --file-name go with --layout"
            )
        from layout_tool.mapping import load_mapping

        found = coverage_of_mapping(load_mapping(mapping_path))
    else:
        assert layout is not None
        if area is None:
            raise LayoutToolError("--layout needs --spec AREA (the standard to compare with)")
        options = LayoutOptions(columns, type_words, file_ids, encoding, file_name)
        found = _from_layout(layout, area, options, _pairs(match))
    text = RENDERERS[fmt](found)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_text_atomic(output, text, encoding="utf-8")
        verdict = t("verdict.pass" if found.passed else "verdict.fail")
        click.echo(t("cli.coverage-written", path=output, verdict=verdict), err=True)
    click.get_current_context().exit(EXIT_OK if found.passed else EXIT_FINDINGS)
