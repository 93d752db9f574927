"""``layout_tool``'s public API: thin re-exports, imported lazily."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import layout_tool

SAMPLES = Path(__file__).resolve().parents[2] / "sample_data" / "handover"


def test_api_names_are_the_library_functions() -> None:
    from layout_tool.conversion import convert
    from layout_tool.findings import Finding
    from layout_tool.mapping.loader import load_mapping
    from layout_tool.report.report import Report
    from layout_tool.spec.catalogue import load_area
    from layout_tool.validate.run import validate_paths

    assert layout_tool.load_area is load_area
    assert layout_tool.load_mapping is load_mapping
    assert layout_tool.validate_paths is validate_paths
    assert layout_tool.convert is convert
    assert layout_tool.Report is Report
    assert layout_tool.Finding is Finding
    with pytest.raises(AttributeError):
        _ = layout_tool.nothing_here


def test_importing_the_package_imports_no_engine() -> None:
    """``import layout_tool`` stays cheap: no polars until an API name is used."""
    code = (
        "import sys, layout_tool\n"
        "from pathlib import Path\n"
        "assert 'polars' not in sys.modules, 'polars imported eagerly'\n"
        "from layout_tool import convert, validate_paths, load_area\n"
        "assert callable(convert) and callable(validate_paths)\n"
        f"report = validate_paths(load_area('kaigo'), [Path({str(SAMPLES / 'kaigo')!r})])\n"
        "assert type(report).__name__ == 'Report'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
