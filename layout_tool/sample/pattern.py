"""Values for items that carry a ``pattern:`` (the type check also matches the pattern).

Only the shapes identifier patterns are written in are understood: an anchored sequence of
literal characters, character classes (``[A-Z0-9]``), ``\\d``, and fixed counts ``{n}``
(``^[A-Z]{2}[0-9]{8}[A-Z]{2}$`` for 在留カード等番号). Anything richer returns None and the
caller falls back, rather than guessing a value the validator would reject.
"""

from __future__ import annotations

import string

import polars as pl

from layout_tool.sample.rand import choose

Atom = tuple[tuple[str, ...], int]
"""The characters one position may take, repeated ``count`` times."""


def parse(pattern: str) -> list[Atom] | None:
    """The pattern as a list of (alphabet, count); None if it is not a simple sequence."""
    text = pattern
    if text.startswith("^"):
        text = text[1:]
    if text.endswith("$") and not text.endswith("\\$"):
        text = text[:-1]
    atoms: list[Atom] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "[":
            end = text.find("]", i + 1)
            if end < 0:
                return None
            alphabet = _class(text[i + 1 : end])
            if alphabet is None:
                return None
            i = end + 1
        elif ch == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            if nxt == "d":
                alphabet = tuple(string.digits)
            elif nxt in "\\.-+*?()[]{}^$|/":
                alphabet = (nxt,)
            else:
                return None
            i += 2
        elif ch in ".+*?()|{}":
            return None
        else:
            alphabet = (ch,)
            i += 1
        count = 1
        if i < len(text) and text[i] == "{":
            end = text.find("}", i)
            body = text[i + 1 : end] if end > 0 else ""
            if not body.isdigit():
                return None
            count = int(body)
            i = end + 1
        atoms.append((alphabet, count))
    return atoms


def _class(body: str) -> tuple[str, ...] | None:
    if not body or body.startswith("^"):
        return None
    chars: list[str] = []
    i = 0
    while i < len(body):
        if i + 2 < len(body) and body[i + 1] == "-":
            lo, hi = ord(body[i]), ord(body[i + 2])
            if hi < lo:
                return None
            chars.extend(chr(c) for c in range(lo, hi + 1))
            i += 3
        elif body[i] == "\\":
            return None
        else:
            chars.append(body[i])
            i += 1
    return tuple(dict.fromkeys(chars))


def length_of(atoms: list[Atom]) -> int:
    return sum(count for _, count in atoms)


def pattern_value(atoms: list[Atom], key: pl.Expr, salt_: int) -> pl.Expr:
    """A value matching the parsed pattern, one random character per position."""
    parts: list[pl.Expr] = []
    position = 0
    for alphabet, count in atoms:
        for _ in range(count):
            if len(alphabet) == 1:
                parts.append(pl.lit(alphabet[0]))
            else:
                parts.append(choose(alphabet, key, (salt_ + position) % (1 << 63)))
            position += 1
    if not parts:
        return pl.lit("")
    return pl.concat_str(parts)
