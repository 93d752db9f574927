"""``layout-tool gaiji``: list every 外字 of the inputs, and what a mapping table leaves."""

from __future__ import annotations

from pathlib import Path

import click

from layout_tool.charset.setup import char_policy
from layout_tool.cli.options import (
    charset_option,
    encoding_option,
    lang_option,
    no_header_option,
    quiet_option,
)
from layout_tool.cli.progress import row_progress
from layout_tool.errors import EXIT_FINDINGS, EXIT_OK
from layout_tool.gaiji.maptable import load_map
from layout_tool.gaiji.render import render_csv, render_json, render_text
from layout_tool.gaiji.scan import scan_paths
from layout_tool.gaiji.suggest import load_shrink_map, suggest
from layout_tool.i18n import t
from layout_tool.io.atomic import write_text_atomic
from layout_tool.io.outputs import report_path
from layout_tool.safety.paths import check_no_overlap
from layout_tool.spec.catalogue import load_area

RENDERERS = {"text": render_text, "json": render_json, "csv": render_csv}


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--map", "map_path", type=click.Path(path_type=Path), help="外字 mapping table.")
@click.option("--spec", "area", help="Area (id, number, name or YAML) to name columns by item.")
@click.option("--file", "file_id", help="Which file of the area (with --spec).")
@click.option(
    "--format", "fmt", type=click.Choice(list(RENDERERS)), default="text", show_default=True
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the list here.")
@encoding_option()
@no_header_option
@charset_option
@click.option(
    "--suggest",
    "suggest_path",
    type=click.Path(path_type=Path),
    help="MJ縮退マップ-like JSON: list candidate standard characters (never applied).",
)
@lang_option
@quiet_option
def gaiji(
    inputs: tuple[Path, ...],
    map_path: Path | None,
    area: str | None,
    file_id: str | None,
    fmt: str,
    output: Path | None,
    encoding: str,
    no_header: bool,
    charset: str | None,
    suggest_path: Path | None,
) -> int:
    """Inventory 外字 (private-use characters, or a table's vendor codes) in CSV files.

    Exit 0 when every 外字 found is mapped (or none is found), 1 when some remain unmapped.
    """
    if output is not None:  # a report never replaces an input (docs/security.md)
        output = report_path(output, "gaiji", fmt)
        check_no_overlap(inputs, output, folder=False)
    spec = load_area(area) if area is not None else None
    chars, notes = char_policy(spec, charset)
    standard = frozenset(chr(c) for c in chars.charset.gj) if chars.charset else frozenset()
    table = load_map(map_path, standard) if map_path is not None else None
    shrink = load_shrink_map(suggest_path) if suggest_path is not None else None
    with row_progress(paths=inputs) as progress:
        scan = scan_paths(
            list(inputs),
            spec=spec,
            file_id=file_id,
            encoding=encoding,
            has_header=not no_header,
            table=table,
            progress=progress,
            chars=chars,
        )
    scan.notes[:0] = notes
    if shrink is not None:
        tokens = [e.token for e in scan.entries()]
        found = suggest(tokens, shrink, table, chars.charset)
        scan.suggestions = [s.to_dict() for s in found]
    text = RENDERERS[fmt](scan)
    unmapped = len(scan.unmapped())
    if output is None:
        click.echo(text, nl=False)
    else:
        write_text_atomic(output, text, encoding="utf-8")
        click.echo(t("gaiji.written", path=output, n=unmapped), err=True)
    return EXIT_FINDINGS if unmapped else EXIT_OK
