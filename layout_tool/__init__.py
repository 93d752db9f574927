"""layout-tool: validate, convert and check data in the 中間標準レイアウト仕様.

The library's small public API, each a thin re-export imported on first use (so that
``layout-tool --help`` does not pay for polars and the engines)::

    from layout_tool import load_area, validate_paths

    report = validate_paths(load_area("jumin"), [Path("handover/")])
    print(report.to_dict()["summary"])

- ``load_area(name)`` — an area spec (``spec.catalogue.load_area``)
- ``load_mapping(path)`` — a vendor mapping (``mapping.loader.load_mapping``)
- ``validate_paths(spec, paths, ...)`` — validate files or folders into a ``Report``
- ``convert(mapping, inputs, outdir, ...)`` — convert vendor exports; a ``ConversionReport``
- ``Report``, ``Finding`` — the validation report and one finding
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from layout_tool.conversion import convert
    from layout_tool.findings import Finding
    from layout_tool.mapping.loader import load_mapping
    from layout_tool.report.report import Report
    from layout_tool.spec.catalogue import load_area
    from layout_tool.validate.run import validate_paths

# name → the module that defines it
_API = {
    "load_area": "layout_tool.spec.catalogue",
    "load_mapping": "layout_tool.mapping.loader",
    "validate_paths": "layout_tool.validate.run",
    "convert": "layout_tool.conversion",
    "Report": "layout_tool.report.report",
    "Finding": "layout_tool.findings",
}

__all__ = ["Finding", "Report", "__version__", "convert", "load_area", "load_mapping",
           "validate_paths"]  # fmt: skip


def __getattr__(name: str) -> Any:
    if name not in _API:
        raise AttributeError(f"module 'layout_tool' has no attribute {name!r}")
    value = getattr(importlib.import_module(_API[name]), name)
    globals()[name] = value
    return value
