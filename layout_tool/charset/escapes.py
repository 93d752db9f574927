"""外字 written as escape text, and U+FFFD: characters lost in an earlier conversion.

Real migrations show 外字 exported as markers (``有馬◆UF929◆人``), as tags naming the
character (``{MJ012345}``, ``{GJ000554}``), as XML/HTML character references (``&#x9AD9;``)
and as U+FFFD left by a failed decode. Each is a ``lost-char`` finding and an entry of the
外字 inventory. Tags can be turned back into characters through a charset (``to_chars``)
and characters into tags (``to_tags``).
"""

from __future__ import annotations

import re

import polars as pl

from layout_tool.charset.model import Charset

MARKER = "◆[0-9A-Za-z+]{2,10}◆"
TAG = r"\{(?:MJ|GJ)[0-9]{6}\}"
REFERENCE = r"&#(?:[xX][0-9A-Fa-f]{1,6}|[0-9]{1,7});"
REPLACEMENT = "\ufffd"
ESCAPE = f"{MARKER}|{TAG}|{REFERENCE}|{REPLACEMENT}"
# A cheap pre-screen: every escape holds one of these characters.
SCREEN = "[◆{&\ufffd]"
_TAG = re.compile(TAG)


def escape_present(value: pl.Expr) -> pl.Expr:
    """True where the value holds an escape or U+FFFD."""
    return (value.str.contains(SCREEN) & value.str.contains(ESCAPE)).fill_null(False)


def to_chars(text: str, charset: Charset) -> tuple[str, list[str]]:
    """``{MJ…}``/``{GJ…}`` tags replaced by their characters; returns the tags left unknown."""
    unknown: list[str] = []

    def sub(match: re.Match[str]) -> str:
        tag = match.group(0)[1:-1]
        if tag.startswith("GJ"):
            gj = charset.gj_by_number.get(tag)
            if gj is not None:
                return chr(gj.codepoint)
        elif tag in charset.mj:
            return charset.mj[tag]
        unknown.append(tag)
        return match.group(0)

    return _TAG.sub(sub, text), unknown


def to_tags(text: str, charset: Charset) -> str:
    """GJ characters (and MJ characters written with an IVS) replaced by their tags."""
    out: list[str] = []
    i = 0
    by_char = charset.mj_by_char
    while i < len(text):
        pair = text[i : i + 2]
        if len(pair) == 2 and pair in by_char:
            out.append("{" + by_char[pair] + "}")
            i += 2
            continue
        gj = charset.gj.get(ord(text[i]))
        out.append(text[i] if gj is None else "{" + gj.number + "}")
        i += 1
    return "".join(out)
