"""``layout-tool sample …``: synthetic (fictitious) handover data for an area."""

from __future__ import annotations

from pathlib import Path

import click

from layout_tool.cli.options import lang_option, quiet_option
from layout_tool.cli.progress import row_progress
from layout_tool.sample import sample_to_dir
from layout_tool.spec.catalogue import load_area


@click.command("sample")
@click.argument("area")
@click.option("--file", "file_id", help="Only this file (then --rows counts its rows).")
@click.option("--rows", type=click.IntRange(min=0), required=True, help="Rows of the main file.")
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed, same bytes.")
@click.option(
    "--faults",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Seed this many known faults (listed in faults.csv), one finding each.",
)
@click.option(
    "-o",
    "--output",
    "outdir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write the CSV files into.",
)
@lang_option
@quiet_option
def sample(area: str, file_id: str | None, rows: int, seed: int, faults: int, outdir: Path) -> None:
    """Generate valid, fictitious data for AREA (id, number, name or spec path) and print the
    paths written. --rows is the row count of the main file (the people or households); the
    other files follow in proportion.
    """
    spec = load_area(area)
    with row_progress() as progress:
        paths = sample_to_dir(spec, rows, seed, outdir, file_id, faults, progress)
    for path in paths:
        click.echo(str(path))
