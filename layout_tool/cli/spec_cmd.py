"""``layout-tool spec …``: the catalogue and one area's definition."""

from __future__ import annotations

import json

import click

from layout_tool.spec.catalogue import catalogue, load_area
from layout_tool.spec.render import render_area, render_catalogue

FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)


def echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group()
def spec() -> None:
    """The standard as data: list areas, show one, generate or import specs."""


@spec.command("list")
@FORMAT
def list_cmd(fmt: str) -> None:
    """Every business area (業務) with version, provenance, files and items."""
    entries = catalogue()
    if fmt == "json":
        echo_json([e.to_dict() for e in entries])
    else:
        click.echo(render_catalogue(entries), nl=False)


@spec.command("show")
@click.argument("area")
@FORMAT
def show_cmd(area: str, fmt: str) -> None:
    """One area's files, items, code tables and references (AREA: id, number, name or path)."""
    found = load_area(area)
    if fmt == "json":
        echo_json(found.to_dict())
    else:
        click.echo(render_area(found), nl=False)


@spec.command("xsd")
@click.argument("area")
@click.option("--file", "file_id", help="Only this file (its id); default: every file of the area.")
@click.option(
    "-o", "--output", required=True, help="The .xsd to write (atomically), or - for stdout."
)
def xsd_cmd(area: str, file_id: str | None, output: str) -> None:
    """An XML Schema (XSD 1.0) of the area's XML form, generated from its spec."""
    from pathlib import Path

    from layout_tool.xml.xsd import build_xsd, write_xsd

    found = load_area(area)
    if output == "-":
        click.echo(build_xsd(found, file_id), nl=False)
    else:
        write_xsd(found, Path(output), file_id)
