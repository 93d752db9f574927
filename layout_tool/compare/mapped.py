"""Compare a vendor export with standard files: convert the vendor's side first.

The vendor side goes through the ordinary ``convert`` library call into a temporary
folder, and that folder is compared. Rows the conversion rejected are not in it: they
show as rows on one side only, and the notes say how many were rejected.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from layout_tool.compare.engine import compare_paths
from layout_tool.compare.model import CompareReport, Options
from layout_tool.conversion import ConvertOptions, convert
from layout_tool.errors import LayoutToolError
from layout_tool.i18n import t
from layout_tool.mapping import load_mapping
from layout_tool.progress import Progress
from layout_tool.spec.model import AreaSpec


def compare_mapped(
    spec: AreaSpec,
    old: Path,
    new: Path,
    mapping_path: str,
    side: str,
    options: Options,
    progress: Progress | None = None,
) -> CompareReport:
    mapping = load_mapping(mapping_path)
    if mapping.area.id != spec.id:
        raise LayoutToolError(
            f"mapping {mapping.name} is for area {mapping.area.id}, not {spec.id}"
        )
    vendor = old if side == "old" else new
    with tempfile.TemporaryDirectory(prefix="layout-tool-compare-map-") as tmp:
        outdir = Path(tmp) / "converted"
        conversion = convert(
            mapping,
            [vendor],
            outdir,
            ConvertOptions(encoding=options.encoding, max_findings=0),
            progress,
        )
        pair = (outdir, new) if side == "old" else (old, outdir)
        report = compare_paths(spec, [pair[0]], [pair[1]], options, progress)
    for f in report.files:  # name the vendor's export, not the temporary folder
        if side == "old":
            f.old = [str(vendor)] if f.old else []
        else:
            f.new = [str(vendor)] if f.new else []
    report.mapping = {
        "side": side,
        "mapping": mapping.name,
        "path": str(mapping.path),
        "rows_in": conversion.rows_in,
        "rows_out": conversion.rows_out,
        "rows_rejected": conversion.rows_rejected,
    }
    if conversion.rows_rejected:
        report.notes.append(
            t("cmpnote.rejected", side=side, rejected=conversion.rows_rejected,
              rows_in=conversion.rows_in, mapping=mapping.name)
        )  # fmt: skip
    return report
