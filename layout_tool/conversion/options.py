"""What a conversion run is asked to do (``ConvertOptions``) and where its reports go."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from layout_tool.charset.model import Charset
from layout_tool.charset.policy import CharPolicy
from layout_tool.findings import DEFAULT_MAX_FINDINGS
from layout_tool.gaiji.maptable import MapTable

SIDE = "conversion"  # OUTDIR/conversion/: reports and rejects, apart from the data files


@dataclass(frozen=True)
class ConvertOptions:
    reverse: bool = False
    encoding: str = "auto"  # overrides the mapping's declared encoding when not auto
    max_findings: int | None = DEFAULT_MAX_FINDINGS
    show_values: bool = False
    batch_bytes: int | None = None  # None: the reader's own (CSV 16 MB, fixed-width 8 MB)
    gaiji_map: MapTable | None = None  # 外字 table: applied to every input value first
    to: str = "csv"  # the standard files' form (forward): csv or xml
    # --select/--ignore and a profile's severities (layout_tool.profile.triage.Triage)
    triage: Callable[[pl.DataFrame], pl.DataFrame] | None = None
    profile: dict[str, str] | None = None  # how the report names a --profile
    charset: Charset | None = None  # GJ characters of this set are standard, not 外字


def pattern(options: ConvertOptions) -> str:
    """The 外字 class of the run: every private-use character, or a charset's vendor class."""
    return CharPolicy(charset=options.charset).gaiji_pattern
