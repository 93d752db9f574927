"""Text output is inert: no control character, escape sequence or bidi override reaches a
terminal or a text report as itself, and no value is longer than the report limit.

:func:`inert` shows such characters escaped (``\\x1b``, ``\\u202e``); :func:`clip` cuts a
value to ``MAX_REPORT_VALUE`` characters and says how long it was.
"""

from __future__ import annotations

import re

from layout_tool.safety.limits import limit

# C0 and C1 controls and DEL, the bidi embeddings, overrides and isolates, the other
# invisible direction marks, and line/paragraph separators.
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u061c\u2028\u2029" + BIDI + "]")


def _escape(m: re.Match[str]) -> str:
    ch = m.group(0)
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(text: str) -> str:
    """``text`` with every control, escape and direction character shown escaped."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def clip(text: str, name: str = "MAX_REPORT_VALUE") -> str:
    """``text`` cut to the limit ``name``, saying how many characters it had."""
    most = limit(name)
    if len(text) <= most:
        return text
    return f"{text[:most]}…(+{len(text) - most:,} characters)"


def shown(text: str | None, name: str = "MAX_REPORT_VALUE") -> str:
    """Clipped and inert: how a value appears in a text report."""
    return "" if text is None else inert(clip(text, name))


def inert_lines(text: str) -> str:
    """A whole text report made inert line by line (its own line breaks kept)."""
    return "\n".join(inert(line) for line in text.split("\n"))
