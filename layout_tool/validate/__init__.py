"""Validation of handover files against an area spec."""

from layout_tool.validate.engine import Options
from layout_tool.validate.run import validate_paths

__all__ = ["Options", "validate_paths"]
