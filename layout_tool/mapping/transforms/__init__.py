"""Transforms for vendor mappings, registered by name (see ``base.TRANSFORMS``).

Importing this package imports every module that registers transforms, so the registry is
complete wherever a mapping is loaded.
"""

from layout_tool.mapping.transforms import clock, codes, dates, flagged, numbers, text, width
from layout_tool.mapping.transforms.base import (
    TRANSFORMS,
    CodeMapSpec,
    Context,
    ParamError,
    Step,
    build,
)

__all__ = [
    "TRANSFORMS",
    "CodeMapSpec",
    "Context",
    "ParamError",
    "Step",
    "build",
    "clock",
    "codes",
    "dates",
    "flagged",
    "numbers",
    "text",
    "width",
]
