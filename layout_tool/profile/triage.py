"""A conversion's findings after ``--select``/``--ignore`` and a profile's severities.

A row is rejected for its error findings; dropping a code (or making it a warning) lets the
row through. Bytes that do not decode, a malformed row and a failed round trip always reject
(they cannot be converted faithfully), whatever the options say.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import polars as pl

from layout_tool.findings.frame import CODE, ITEM, SEVERITY
from layout_tool.profile.model import Profile

ALWAYS = frozenset({"encoding", "row-shape", "round-trip"})


@dataclass(frozen=True)
class Triage:
    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    code_severity: Mapping[str, str] = field(default_factory=dict)
    item_severity: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(
        cls, select: frozenset[str], ignore: frozenset[str], profile: Profile | None
    ) -> Triage | None:
        if not select and not ignore and profile is None:
            return None
        return cls(
            select,
            ignore,
            dict(profile.code_severity) if profile else {},
            dict(profile.item_severity) if profile else {},
        )

    def __call__(self, long: pl.DataFrame) -> pl.DataFrame:
        """``long``: a findings frame (``layout_tool.findings.frame``)."""
        code = pl.col(CODE)
        keep = pl.lit(True)
        if self.select:
            keep = code.is_in(sorted(self.select | ALWAYS))
        if self.ignore - ALWAYS:
            keep = keep & ~code.is_in(sorted(self.ignore - ALWAYS))
        severity = pl.col(SEVERITY)
        for name, level in self.code_severity.items():
            if name not in ALWAYS:
                severity = pl.when(code == name).then(pl.lit(level)).otherwise(severity)
        for item, level in self.item_severity.items():
            hit = (pl.col(ITEM) == item).fill_null(False) & ~code.is_in(sorted(ALWAYS))
            severity = pl.when(hit).then(pl.lit(level)).otherwise(severity)
        return long.filter(keep).with_columns(severity.alias(SEVERITY))
