"""What the item checks need to know about characters: the charset and the length count.

Without a charset, 外字 are every private-use character, as always. With one, a GJ
character is a standard character, vendor 外字 are the declared vendor ranges (``gaiji``),
any other private-use character is a ``charset`` finding, and so is an IVS sequence the
charset does not register. Escapes and U+FFFD are ``lost-char`` findings either way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import polars as pl

from layout_tool.charset.escapes import ESCAPE, escape_present
from layout_tool.charset.length import DEFAULT, UNITS
from layout_tool.charset.model import IVS_CLASS, Charset
from layout_tool.i18n import Msg
from layout_tool.spec.itemtypes import GAIJI, TEXT_TYPES
from layout_tool.spec.model import Item

BASE_NAMES = {
    "mjplus": "the MJ table (closed set)",
    "mj": "the MJ table (closed set)",
    "jisx0208": "JIS X 0208",
    "jisx0213": "JIS X 0213",
}


@dataclass(frozen=True)
class CharPolicy:
    charset: Charset | None = None
    count: str | None = None  # --length-count: overrides what the spec declares
    escapes: bool = True

    @property
    def gaiji_pattern(self) -> str:
        """Regex of a 外字 for the ``gaiji`` check and the inventory."""
        return GAIJI if self.charset is None else self.charset.gaiji_class

    @property
    def inventory_pattern(self) -> str:
        """Regex of what the 外字 inventory lists: 外字, unknown private use, escapes."""
        parts = [self.gaiji_pattern]
        if self.charset is not None:
            parts.append(self.charset.unknown_class)
        if self.escapes:
            parts.append(ESCAPE)
        return "|".join(parts)

    def scans(
        self, item: Item, value: pl.Expr, screened: pl.Expr | None = None
    ) -> list[tuple[str, pl.Expr]]:
        """(finding code, flag) for the character checks beyond ``gaiji``.

        ``screened``: ``checks.items.char_screen``'s column (the values that may hold a
        private-use character, an escape mark, U+FFFD or an IVS selector), read instead of
        the value where it suffices.
        """
        if item.type not in TEXT_TYPES:
            return []
        marked = value if screened is None else screened
        out: list[tuple[str, pl.Expr]] = []
        cs = self.charset
        if cs is not None:
            bad = marked.str.contains(cs.unknown_class)
            if cs.ivs:
                bad = bad | unregistered_ivs(marked, cs)
            if cs.outside_class is not None:
                bad = bad | value.str.contains(cs.outside_class)
            out.append(("charset", bad.fill_null(False)))
        if self.escapes:
            out.append(("lost-char", escape_present(marked)))
        return out

    def message(self, code: str, item: Item) -> Msg | None:
        cs = self.charset
        if code == "charset" and cs is not None:
            gj = cs.tables.get("gj") or Msg("frag.no-gj")
            ivs = Msg("frag.charset-ivs", table=cs.tables.get("ivs")) if cs.ivs else ""
            base = BASE_NAMES.get(cs.base, cs.base)
            out = Msg("frag.charset-outside", base=base) if cs.outside_class is not None else ""
            return Msg("charset", item=item.name, charset=cs.label, gj=gj, ivs=ivs, outside=out)
        if code == "lost-char":
            return Msg("lost-char", item=item.name)
        return None

    def length_count(self, item: Item, declared: str | None) -> str:
        """The count for an item: the option, else the item's, the file's or the spec's."""
        return self.count or item.length_count or declared or DEFAULT


def token_kind(token: str, charset: Charset | None) -> str:
    """What an inventory token is: ``lost-char`` (escape, U+FFFD), ``charset`` (a private-use
    character the charset does not know), ``gaiji`` (a 外字) or ``vendor-code`` (other text)."""
    if re.fullmatch(ESCAPE, token):
        return "lost-char"
    if len(token) == 1 and re.fullmatch(GAIJI, token):
        if charset is not None and not charset.is_vendor(ord(token)):
            return "charset"
        return "gaiji"
    return "vendor-code"


def unregistered_ivs(value: pl.Expr, charset: Charset) -> pl.Expr:
    """True where the value holds a base + IVS selector that the charset does not register."""
    registered = pl.Series(sorted(charset.ivs), dtype=pl.String)
    pairs = value.str.extract_all(f".{IVS_CLASS}")
    unknown = pairs.list.eval(~pl.element().is_in(registered.implode())).list.any()
    return (value.str.contains(IVS_CLASS) & unknown).fill_null(False)


def length_message(item: Item, count: str) -> Msg:
    unit = Msg(f"unit.len-{count}") if count in UNITS else count
    msg_id = "length.counted-exact" if item.fixed else "length.counted-max"
    return Msg(msg_id, item=item.name, length=item.length, unit=unit, counting=count)
