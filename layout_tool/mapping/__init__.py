"""Vendor mappings: declarative YAML that says how a vendor's export becomes standard files."""

from layout_tool.mapping.loader import load_mapping
from layout_tool.mapping.model import Mapping

__all__ = ["Mapping", "load_mapping"]
