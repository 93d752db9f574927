"""Compare two deliveries of one area (old and new system, rehearsal N and N+1)."""

from layout_tool.compare.engine import compare_paths
from layout_tool.compare.model import CompareReport, Options

__all__ = ["CompareReport", "Options", "compare_paths"]
