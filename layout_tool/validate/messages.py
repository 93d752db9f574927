"""Human messages for per-item findings (the code is the stable identity, not the text)."""

from __future__ import annotations

from layout_tool.spec.model import Item

TYPE_NAMES = {
    "zenkaku": "全角",
    "kana": "全角カナ",
    "hankaku": "半角",
    "text": "文字",
    "digits": "数字",
    "number": "数値",
}


def item_message(code: str, item: Item) -> str:
    if code == "required":
        return f"{item.name} is required but empty"
    if code == "type":
        kind = TYPE_NAMES.get(item.type, item.type)
        extra = f" matching {item.pattern}" if item.pattern else ""
        return f"{item.name} must be {kind} ({item.type}){extra}"
    if code == "length":
        if item.type == "number":
            return f"{item.name} has more than {item.length} digits or {item.scale or 0} decimals"
        rel = "exactly" if item.fixed else "at most"
        return f"{item.name} must have {rel} {item.length} characters"
    if code == "code":
        return f"{item.name} is not a value of code table {item.code}"
    if code == "date":
        unknown = " (unknown parts allowed)" if item.allow_unknown_date else ""
        return f"{item.name} is not a valid {item.type} value{unknown}"
    if code == "check-digit":
        return f"{item.name} has a wrong check digit ({item.check})"
    if code == "gaiji":
        if item.gaiji:
            return f"{item.name} holds a 外字 (private-use character); listed for the inventory"
        return f"{item.name} holds a 外字 (private-use character) but does not allow 外字"
    return f"{item.name}: {code}"
