"""``coverage``: which standard items a vendor's mapping or declared layout delivers.

For procurement teams (BRIEF §8): items covered, missing (required first), covered with a
narrower type or shorter 桁数, constants, and vendor fields with no standard home, with a
percentage per file and per area.
"""

from layout_tool.coverage.model import Coverage, Figures, FileCoverage, ItemCoverage
from layout_tool.coverage.of_layout import LayoutOptions, coverage_of_layout, read_layout
from layout_tool.coverage.of_mapping import coverage_of_mapping

__all__ = [
    "Coverage",
    "Figures",
    "FileCoverage",
    "ItemCoverage",
    "LayoutOptions",
    "coverage_of_layout",
    "coverage_of_mapping",
    "read_layout",
]
