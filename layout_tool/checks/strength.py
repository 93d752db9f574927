"""How strong each check is by default: a verified rule is an error, a modelled one is not.

A check that real, valid data can fail must not reject it by default (CONTRACT: "Where a rule
is only modelled ... a warning or opt-in"). docs/checks.md gives the reason per check.
"""

from __future__ import annotations

from typing import Literal

Strength = Literal["verified", "opt-in"]

# Check-digit kinds (an item's ``check``).
CHECK_STRENGTH: dict[str, Strength] = {
    "mynumber": "verified",  # 番号法施行令 第8条
    "corporate": "verified",  # 法人番号の指定等に関する省令 第2条
    "lgcode": "verified",  # 総務省 全国地方公共団体コード
    # 宛名番号/世帯番号: the 住民記録システム標準仕様書 gives M11 only to numbers a conforming
    # system assigns; migrated numbers keep the old system's scheme. A profile turns it on.
    "m11": "opt-in",
}


def on_by_default(kind: str | None) -> bool:
    """True when a check of this kind runs without a profile asking for it."""
    return kind is not None and CHECK_STRENGTH.get(kind, "verified") == "verified"
