"""Messages for per-item findings (the code is the stable identity, not the text).

The templates live in the catalogue (``layout_tool.i18n.findings``); this picks the template
and its parameters for an item, once per item and code.
"""

from __future__ import annotations

from layout_tool.findings import CODES
from layout_tool.i18n import Msg
from layout_tool.spec.itemtypes import item_type
from layout_tool.spec.model import Item


def item_message(code: str, item: Item) -> Msg:
    name = item.name
    if code == "type":
        kind = item_type(item.type).ja
        if item.pattern:
            return Msg("type.pattern", item=name, kind=kind, type=item.type, pattern=item.pattern)
        return Msg("type", item=name, kind=kind, type=item.type)
    if code == "length":
        if item.type == "number":
            return Msg("length.number", item=name, length=item.length, scale=item.scale or 0)
        return Msg("length.exact" if item.fixed else "length.max", item=name, length=item.length)
    if code == "code":
        return Msg("code", item=name, table=item.code)
    if code == "date":
        return Msg("date.unknown" if item.allow_unknown_date else "date", item=name, type=item.type)
    if code == "check-digit":
        return Msg("check-digit", item=name, check=item.check)
    if code == "gaiji":
        return Msg("gaiji.allowed" if item.gaiji else "gaiji.denied", item=name)
    return Msg(CODES[code].template or code, item=name)  # required, and codes like it
