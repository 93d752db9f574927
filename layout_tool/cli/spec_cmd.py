"""``layout-tool spec …``: the catalogue and one area's definition."""

from __future__ import annotations

import json
from pathlib import Path

import click

from layout_tool.cli.options import encoding_option
from layout_tool.spec.catalogue import DEFAULT_VERSION, FAMILIES, catalogue, load_area
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
@click.option(
    "--family",
    type=click.Choice([*FAMILIES, "all"]),
    default="chukan",
    show_default=True,
    help="Which spec family: 中間標準 (chukan), 基本データリスト (kihon), or all.",
)
def list_cmd(fmt: str, family: str) -> None:
    """Every business area (業務) with version, provenance, files and items."""
    names = list(FAMILIES) if family == "all" else [family]
    entries = tuple(
        e for name in names for e in catalogue(DEFAULT_VERSION if name == "chukan" else name)
    )
    if fmt == "json":
        echo_json([e.to_dict() for e in entries])
    else:
        others = [f for f in FAMILIES if f not in names]
        from layout_tool.i18n import t

        hint = t("spec.other-families", families=", ".join(others)) if others else None
        click.echo(render_catalogue(entries, hint), nl=False)


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


@spec.command("import")
@click.argument("table_path", metavar="TABLE", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--area", required=True, help="Area id, number or name (a new id needs --area-name).")
@click.option("-o", "--output", required=True, help="The spec YAML to write (- for stdout).")
@click.option("--version", "spec_version", default="2.7", show_default=True)
@click.option("--area-name", help="The 業務 name, for an area not in the catalogue.")
@click.option("--number", type=int, help="The 業務 number, for an area not in the catalogue.")
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="FIELD=HEADING",
    help="Name a column the importer does not recognise, e.g. データ型=属性.",
)
@click.option("--type", "type_words", multiple=True, metavar="WORD=TYPE", help="e.g. 文字=zenkaku.")
@click.option(
    "--file-id",
    "file_ids",
    multiple=True,
    metavar="[NAME=]ID",
    help="Spec id of a file (NAME: 移行ファイル or sheet name; omit for a one-file table).",
)
@click.option("--file-name", help="移行ファイル name of a one-file CSV table.")
@click.option(
    "--codes",
    "code_paths",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="More code tables (.xlsx or .csv with コード and 名称 columns).",
)
@encoding_option()
def import_cmd(
    table_path: Path,
    area: str,
    output: str,
    spec_version: str,
    area_name: str | None,
    number: int | None,
    columns: tuple[str, ...],
    type_words: tuple[str, ...],
    file_ids: tuple[str, ...],
    file_name: str | None,
    code_paths: tuple[Path, ...],
    encoding: str,
) -> None:
    """Turn an official-style データ項目一覧表 (.xlsx or .csv) into a spec (provenance imported).

    Each sheet with a header naming データ項目名称 and データ型 (or their synonyms) is one
    移行ファイル; sheets with コード and 名称 columns are code tables. Every guess is
    listed as a warning; the spec is checked by loading it before it is written.
    """
    from layout_tool.spec.importer import ImportOptions, import_table, write_spec

    options = ImportOptions(
        area=area,
        version=spec_version,
        area_name=area_name,
        number=number,
        columns=columns,
        type_words=type_words,
        file_ids=file_ids,
        file_name=file_name,
        code_paths=code_paths,
        encoding=encoding,
    )
    result = import_table(table_path, options)
    to_stdout = output == "-"
    if to_stdout:
        click.echo(result.text, nl=False)
    else:
        write_spec(result, Path(output))
    made = result.spec
    lines = [f"  {line}" for line in result.sheets]
    lines += [f"warning: {line}" for line in result.warnings]
    lines.append(
        f"imported {len(made.files)} files, {made.item_count} items,"
        f" {len(made.local_codes)} code tables → {'stdout' if to_stdout else output}"
        f" ({len(result.warnings)} warnings)"
    )
    click.echo("\n".join(lines), err=to_stdout)


@spec.command("diff")
@click.argument("old")
@click.argument("new")
@FORMAT
def diff_cmd(old: str, new: str, fmt: str) -> None:
    """Items and code tables added, removed or changed from spec OLD to spec NEW.

    OLD and NEW are area ids or spec YAML paths. Like diff(1): exit 0 when the specs are
    equal, 1 when they differ, 2 when one cannot be loaded.
    """
    from layout_tool.errors import EXIT_FINDINGS, EXIT_OK
    from layout_tool.spec.diff import diff_specs, render_diff_text

    found = diff_specs(load_area(old), load_area(new))
    if fmt == "json":
        echo_json(found.to_dict())
    else:
        click.echo(render_diff_text(found), nl=False)
    click.get_current_context().exit(EXIT_OK if found.equal else EXIT_FINDINGS)
