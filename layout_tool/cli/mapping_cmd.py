"""``layout-tool mapping …``: check a mapping against an export, or draft one from an export."""

from __future__ import annotations

import json
from pathlib import Path

import click

from layout_tool.cli.options import lang_option
from layout_tool.errors import EXIT_FINDINGS, EXIT_OK


@click.group()
def mapping() -> None:
    """Vendor mappings: check one (mapping check), or draft one from an export (mapping init)."""


@mapping.command("check")
@click.argument("mapping_path", metavar="MAPPING")
@click.argument("exports", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@lang_option
def check_cmd(mapping_path: str, exports: tuple[Path, ...], fmt: str) -> None:
    """Load MAPPING; warn about required items without a rule and code values in the EXPORT
    sample that its code maps miss; sum up coverage. Exit 0: no warnings, 1: warnings."""
    from layout_tool.conversion.check import check_mapping, render_check
    from layout_tool.mapping import load_mapping

    result = check_mapping(load_mapping(mapping_path), list(exports))
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_check(result), nl=False)
    click.get_current_context().exit(EXIT_FINDINGS if result.warnings else EXIT_OK)


@mapping.command("init")
@click.option("--area", required=True, help="The standard area (id, number, name or spec path).")
@click.argument("exports", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, help="The draft mapping to write, or - for stdout.")
@lang_option
def init_cmd(area: str, exports: tuple[Path, ...], output: str) -> None:
    """Draft a mapping from CSV EXPORTS: fields matched to standard items by name, rules
    guessed from sampled values, each with its evidence in a comment."""
    from layout_tool.io.atomic import write_text_atomic
    from layout_tool.mapping.draft import draft
    from layout_tool.spec.catalogue import load_area

    text = draft(load_area(area), list(exports))
    if output == "-":
        click.echo(text, nl=False)
    else:
        write_text_atomic(Path(output), text)
        from layout_tool.i18n import t

        click.echo(t("cli.draft-written", path=output), err=True)
