"""``layout-tool compare``: reconcile two deliveries (or two reports) of one area."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

import click

from layout_tool.cli.options import encoding_option, no_header_option, quiet_option
from layout_tool.cli.progress import row_progress
from layout_tool.compare import Options, compare_paths
from layout_tool.compare.model import CompareReport
from layout_tool.compare.normalise import parse_variants
from layout_tool.compare.output import FORMATS, render
from layout_tool.compare.rehearsal import RehearsalReport, compare_reports, is_report
from layout_tool.errors import EXIT_FINDINGS, EXIT_OK, LayoutToolError
from layout_tool.io.atomic import atomic_open, write_text_atomic
from layout_tool.spec.catalogue import load_area


def _items(value: str | None) -> frozenset[str]:
    return frozenset(v.strip() for v in (value or "").split(",") if v.strip())


def _tolerance(value: str) -> Decimal:
    try:
        out = Decimal(value)
    except InvalidOperation:
        raise LayoutToolError(f"--tolerance takes a number, not {value!r}") from None
    if not out.is_finite() or out < 0:
        raise LayoutToolError(f"--tolerance takes a number of 0 or more, not {value!r}")
    return out


@click.command("compare")
@click.option("--spec", "area", required=True, help="Area id, number, name, or a spec YAML path.")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option(
    "--mapping",
    help="A vendor mapping: the side in the vendor's layout is converted first.",
)
@click.option(
    "--mapped-side",
    type=click.Choice(["old", "new"]),
    default="old",
    show_default=True,
    help="Which side is in the vendor's layout (with --mapping).",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the report here.")
@encoding_option()
@no_header_option
@click.option("--normalise", is_flag=True, help="Count width/kana/trailing-space changes apart.")
@click.option(
    "--variant", "variants", multiple=True, help="With --normalise: also treat A as B (e.g. 髙=高)."
)
@click.option("--by", "by", help="Totals also per code of this item (e.g. 課税年度).")
@click.option("--allow", help="Items whose changes do not count (comma-separated).")
@click.option("--tolerance", default="0", show_default=True, help="Allowed |diff| of a total.")
@click.option("--examples", type=click.IntRange(min=0), default=20, show_default=True,
              help="Listed differences per item (counts are always exact).")  # fmt: skip
@click.option("--show-values", is_flag=True, help="Show sensitive values (個人番号) unmasked.")
@quiet_option
def compare_cmd(
    area: str,
    old: Path,
    new: Path,
    mapping: str | None,
    mapped_side: str,
    fmt: str,
    output: Path | None,
    encoding: str,
    no_header: bool,
    normalise: bool,
    variants: tuple[str, ...],
    by: str | None,
    allow: str | None,
    tolerance: str,
    examples: int,
    show_values: bool,
) -> None:
    """Compare OLD and NEW deliveries of an area: counts, changed values, totals.

    With two JSON reports (validate or convert) instead of data, shows what changed between
    rehearsals per file and finding code: new, fixed, still open.
    """
    if fmt == "xlsx" and output is None:
        raise LayoutToolError("--format xlsx writes a binary workbook: give a file with -o")
    spec = load_area(area)
    for path in (old, new):
        if not path.exists():
            raise LayoutToolError(f"{path}: no such file or folder")
    if is_report(old) or is_report(new):
        result = compare_reports(spec, old, new)
        agree = not result.regressed
        _write(result, fmt, output, agree)
        click.get_current_context().exit(EXIT_OK if agree else EXIT_FINDINGS)
    try:
        pairs = parse_variants(variants)
    except ValueError as exc:
        raise LayoutToolError(str(exc)) from None
    options = Options(
        encoding=encoding,
        has_header=not no_header,
        normalise=normalise,
        variants=pairs,
        by=by,
        allow=_items(allow),
        tolerance=_tolerance(tolerance),
        show_values=show_values,
        examples=examples,
    )
    with row_progress() as progress:
        if mapping is not None:
            from layout_tool.compare.mapped import compare_mapped  # loads convert only here

            report = compare_mapped(spec, old, new, mapping, mapped_side, options, progress)
        else:
            report = compare_paths(spec, [old], [new], options, progress)
    _write(report, fmt, output, report.same)
    click.get_current_context().exit(EXIT_OK if report.same else EXIT_FINDINGS)


def _write(
    report: CompareReport | RehearsalReport, fmt: str, output: Path | None, agree: bool
) -> None:
    out = render(report, fmt)
    verdict = "SAME" if agree else "DIFFERENT"
    if isinstance(out, bytes):
        assert output is not None
        with atomic_open(output) as fh:
            fh.write(out)
    elif output is None:
        click.echo(out, nl=False)
        return
    else:
        write_text_atomic(output, out, encoding="utf-8")
    click.echo(f"report: {output} ({verdict})", err=True)
