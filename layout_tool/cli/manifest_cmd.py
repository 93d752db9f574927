"""``layout-tool manifest`` and ``layout-tool verify``: handover integrity (件数照合)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from layout_tool.cli.options import encoding_option, lang_option, no_header_option, quiet_option
from layout_tool.cli.progress import row_progress
from layout_tool.errors import EXIT_FINDINGS, EXIT_OK, LayoutToolError
from layout_tool.i18n import counted, t
from layout_tool.integrity.counts import load_expected
from layout_tool.integrity.manifest import build_manifest, write_manifest
from layout_tool.integrity.measure import MANIFEST_NAME
from layout_tool.integrity.verify import EXPECTATION_NAMES, verify_folder
from layout_tool.io.atomic import write_text_atomic
from layout_tool.io.outputs import report_path, writable_file
from layout_tool.report.render import render_csv, render_json, render_text, verdict
from layout_tool.spec.catalogue import load_area
from layout_tool.spec.model import AreaSpec

RENDERERS = {"text": render_text, "json": render_json, "csv": render_csv}
FOLDER = click.argument(
    "folder", type=click.Path(exists=True, file_okay=False, path_type=Path), metavar="DIR"
)
SPEC = click.option(
    "--spec", "area", help="Area id, number, name or spec YAML; default: recognise per file."
)
ENCODING = encoding_option()
NO_HEADER = no_header_option


def _spec(area: str | None) -> AreaSpec | None:
    return load_area(area) if area else None


@click.command()
@FOLDER
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Where to write the manifest (- for stdout; a folder: DIR-NAME.manifest.json in it)."
    " Default: beside DIR, as DIR-NAME.manifest.json (received media are often read-only).",
)
@SPEC
@ENCODING
@NO_HEADER
@lang_option
@quiet_option
def manifest(
    folder: Path, output: Path | None, area: str | None, encoding: str, no_header: bool
) -> None:
    """Write a manifest of DIR: per file its area, file id, rows, bytes, SHA-256, encoding.

    Rows are records (a quoted line break does not start a new one; an XML document's
    レコード), counted as `validate` counts them. Hidden files, manifest.json and 件数表.csv
    are left out; links out of DIR, FIFOs and devices too, each with a note.
    """
    to_stdout = str(output) == "-"
    default = f"{folder.resolve().name}.{MANIFEST_NAME}"
    target = output if output is not None else folder.resolve().parent / default
    if not to_stdout:
        if target.is_dir():
            target = target / default
        writable_file(target)
    skip = frozenset() if to_stdout else frozenset({target.resolve()})
    with row_progress(paths=[folder]) as progress:
        made = build_manifest(folder, _spec(area), encoding, not no_header, progress, skip)
    for note in made.notes:
        click.echo(note, err=True)
    if to_stdout:
        click.echo(json.dumps(made.to_dict(), ensure_ascii=False, indent=2))
        return
    write_manifest(made, target)
    rows = sum(f.rows or 0 for f in made.files)
    files, lines = counted(len(made.files), "file"), counted(rows, "row")
    click.echo(t("cli.manifest-written", path=target, files=files, rows=lines), err=True)


@click.command()
@FOLDER
@click.option(
    "--manifest",
    "expected_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A manifest (.json) or a 件数表 (.csv/.xlsx: file and count columns)."
    " Default: manifest.json, 件数表.csv or counts.csv in DIR.",
)
@SPEC
@click.option(
    "--format", "fmt", type=click.Choice(list(RENDERERS)), default="text", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write the report here (a folder: verification-report.EXT in it).",
)
@ENCODING
@NO_HEADER
@lang_option
@quiet_option
def verify(
    folder: Path,
    expected_path: Path | None,
    area: str | None,
    fmt: str,
    output: Path | None,
    encoding: str,
    no_header: bool,
) -> None:
    """Check DIR against a manifest or 件数表: missing, added and changed files, row counts.

    Every difference is a `count` finding. Exit 0 when the folder matches, 1 when not.
    """
    if output is not None:
        output = report_path(output, "verification-report", fmt)
    if expected_path is None:
        beside = folder.resolve().parent / f"{folder.resolve().name}.{MANIFEST_NAME}"
        candidates = [folder / n for n in EXPECTATION_NAMES] + [beside]
        expected_path = next((p for p in candidates if p.is_file()), None)
        if expected_path is None:
            raise LayoutToolError(
                f"{folder}: no {', '.join(EXPECTATION_NAMES)} found in it, nor {beside.name}"
                " beside it; give --manifest FILE"
            )
    expected = load_expected(expected_path)  # --encoding is for the data
    with row_progress(paths=[folder]) as progress:
        report = verify_folder(
            folder, expected, _spec(area), encoding, not no_header, progress=progress
        )
    text = RENDERERS[fmt](report)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_text_atomic(output, text)
        click.echo(t("cli.report-written", path=output, verdict=verdict(report)), err=True)
    click.get_current_context().exit(EXIT_OK if report.valid else EXIT_FINDINGS)
