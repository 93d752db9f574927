"""``layout-tool charset``: build a character set from the published tables, and show one."""

from __future__ import annotations

import json
from pathlib import Path

import click

from layout_tool.charset.importer import import_charset
from layout_tool.charset.loader import resolve_charset


@click.group()
def charset() -> None:
    """Character sets (行政事務標準文字 MJ+, …) the checks use; see docs/gaiji.md."""


@charset.command("import")
@click.option("--mj", type=click.Path(path_type=Path), help="MJ文字情報一覧表 (.xlsx or .csv).")
@click.option("--gj", type=click.Path(path_type=Path), help="GJ table (.csv or .xlsx).")
@click.option("--ivd", type=click.Path(path_type=Path), help="IVD_Sequences.txt.")
@click.option("--collection", multiple=True, help="Only these IVD collections (e.g. Moji_Joho).")
@click.option("--id", "charset_id", default="mjplus", show_default=True, help="Id specs name.")
@click.option(
    "--name", default="行政事務標準文字 (MJ+)", show_default=True, help="Name of the set."
)
@click.option("--version", "version", required=True, help="Version of the set, e.g. 1.0.")
@click.option("--source", required=True, help="Which tables and editions, e.g. Ver.006.02.")
@click.option(
    "--base",
    type=click.Choice(["mjplus", "mj", "jisx0213", "jisx0208", "other"]),
    default="mjplus",
    show_default=True,
    help="Which standard set the tables make up (jisx0208/jisx0213: the JIS sets built in).",
)
@click.option(
    "--vendor",
    multiple=True,
    default=("U+E000-U+F8FF",),
    show_default=True,
    help="Vendor 外字 range (U+E000-U+F8FF, or cp932-user); repeat for several.",
)
@click.option(
    "--closed", is_flag=True, help="An ideograph that is no MJ character's base is a finding."
)
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="Folder.")
def import_cmd(
    mj: Path | None,
    gj: Path | None,
    ivd: Path | None,
    collection: tuple[str, ...],
    charset_id: str,
    name: str,
    version: str,
    source: str,
    base: str,
    vendor: tuple[str, ...],
    closed: bool,
    output: Path,
) -> None:
    """Build a charset folder from tables you downloaded (they are not bundled)."""
    done = import_charset(
        output,
        charset_id=charset_id,
        name=name,
        version=version,
        source=source,
        mj=mj,
        gj=gj,
        ivd=ivd,
        collections=collection,
        base=base,
        vendor=vendor,
        closed=closed,
    )
    counts = ", ".join(f"{n:,} {kind}" for kind, n in done.counts.items())
    click.echo(f"charset {charset_id} {version}: {counts} → {output}")
    for line in done.skipped[:20]:
        click.echo(f"  skipped: {line}", err=True)
    if len(done.skipped) > 20:
        click.echo(f"  … {len(done.skipped) - 20:,} more rows skipped", err=True)


@charset.command("show")
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def show(name: str, fmt: str) -> None:
    """What a charset holds: name, version, source, table sizes."""
    loaded = resolve_charset(name)
    info = loaded.describe()
    if fmt == "json":
        click.echo(json.dumps(info, ensure_ascii=False, indent=2))
        return
    for key, value in info.items():
        click.echo(f"{key}: {value}")
