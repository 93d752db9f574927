"""Local profiles: a municipality's or vendor's own rules over a bundled spec."""

from layout_tool.profile.apply import effective
from layout_tool.profile.model import Profile, load_profile

__all__ = ["Profile", "effective", "load_profile"]
