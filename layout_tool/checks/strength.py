"""How strong each check is by default: a verified rule is an error, a modelled one is not.

A check that real, valid data can fail must not reject it by default (CONTRACT: "Where a rule
is only modelled ... a warning or opt-in"). docs/checks.md gives the reason per check.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal

from layout_tool.spec.model import CodeTable, Item

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


# Code tables (their ``status``): only a table checked against the official コード一覧 is
# a verified fact; a modelled, third-party or partial table may lack values real data uses,
# so a value outside it is a warning (a profile can make it an error, or add the values).
VERIFIED_TABLE_STATUS = frozenset({"verified"})


def soft_code_items(items: Iterable[Item], codes: Mapping[str, CodeTable]) -> list[str]:
    """Items whose ``code`` finding is a warning: their table is not verified."""
    return [
        item.name
        for item in items
        if item.code is not None
        and item.code in codes
        and codes[item.code].status not in VERIFIED_TABLE_STATUS
    ]
