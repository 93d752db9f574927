"""The charset model: standard sets, vendor 外字 ranges, GJ characters, registered IVS.

What the checks need from it are regex classes (polars evaluates them over whole columns):
the vendor 外字 class (reported as ``gaiji``, as without a charset), and the class of
private-use characters that are neither GJ characters nor vendor 外字 (``charset``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

# The private-use ranges of Unicode: BMP, planes 15 and 16.
PUA_RANGES: tuple[tuple[int, int], ...] = (
    (0xE000, 0xF8FF),
    (0xF0000, 0xFFFFD),
    (0x100000, 0x10FFFD),
)
# CP932's user area F040–F9FC decodes to U+E000–U+E757.
CP932_USER = (0xE000, 0xE757)
IVS_SELECTORS = (0xE0100, 0xE01EF)
IVS_CLASS = "[\U000e0100-\U000e01ef]"
BASES = ("mjplus", "mj", "jisx0213", "jisx0208", "other")


@dataclass(frozen=True)
class GjChar:
    """One GJ character: its number (``GJ000554``), code point and 代替 fallback, if any."""

    number: str
    codepoint: int
    fallback: str | None = None


@dataclass(frozen=True)
class Charset:
    """A versioned character set (see docs/gaiji.md, "Character sets")."""

    id: str
    name: str
    version: str
    source: str
    base: str = "mjplus"
    synthetic: bool = False
    vendor: tuple[tuple[int, int], ...] = ((0xE000, 0xF8FF),)
    gj: Mapping[int, GjChar] = field(default_factory=dict)
    mj: Mapping[str, str] = field(default_factory=dict)  # MJ文字図形名 → character (+ IVS)
    ivs: frozenset[str] = frozenset()  # registered sequences, base + selector
    tables: Mapping[str, str] = field(default_factory=dict)  # kind → file name
    path: str | None = field(default=None, compare=False)

    @property
    def label(self) -> str:
        """How findings name the set: ``mjplus 2024.1``."""
        return f"{self.id} {self.version}"

    def table_label(self, kind: str) -> str:
        """``charset mjplus 2024.1, GJ table gj.csv`` (what a finding names)."""
        name = self.tables.get(kind)
        what = {"gj": "GJ table", "ivs": "IVS table", "mj": "MJ table"}[kind]
        return f"charset {self.label}, {what} {name}" if name else f"charset {self.label}"

    @cached_property
    def gj_by_number(self) -> dict[str, GjChar]:
        return {g.number: g for g in self.gj.values()}

    @cached_property
    def mj_by_char(self) -> dict[str, str]:
        """Character (+ IVS) → MJ文字図形名 (the first name, where several share one)."""
        out: dict[str, str] = {}
        for name, char in self.mj.items():
            out.setdefault(char, name)
        return out

    def is_vendor(self, code: int) -> bool:
        return any(a <= code <= b for a, b in self.vendor)

    @cached_property
    def gaiji_class(self) -> str:
        """Regex class of vendor 外字 (private use, declared vendor, not GJ)."""
        gj = set(self.gj)
        ranges = subtract(self.vendor, gj)
        return char_class(ranges)

    @cached_property
    def unknown_class(self) -> str:
        """Regex class of private-use characters that are neither GJ nor vendor 外字."""
        known = set(self.gj)
        ranges: list[tuple[int, int]] = []
        for a, b in PUA_RANGES:
            ranges += subtract([(a, b)], known, self.vendor)
        return char_class(ranges)

    def describe(self) -> dict[str, object]:
        """What a report says about the set (name, version, source, sizes)."""
        return {
            "id": self.id,
            "name": self.name,
            "version": self.version,
            "source": self.source,
            "base": self.base,
            "synthetic": self.synthetic,
            "path": self.path,
            "tables": dict(self.tables),
            "mj": len(self.mj),
            "gj": len(self.gj),
            "ivs": len(self.ivs),
        }


def subtract(
    ranges: Iterable[tuple[int, int]],
    points: set[int],
    minus: Iterable[tuple[int, int]] = (),
) -> list[tuple[int, int]]:
    """``ranges`` without the single ``points`` and without the ``minus`` ranges."""
    cut = sorted(minus)
    out: list[tuple[int, int]] = []
    for a, b in ranges:
        pieces = [(a, b)]
        for ca, cb in cut:
            nxt = []
            for pa, pb in pieces:
                if cb < pa or ca > pb:
                    nxt.append((pa, pb))
                    continue
                if pa < ca:
                    nxt.append((pa, ca - 1))
                if cb < pb:
                    nxt.append((cb + 1, pb))
            pieces = nxt
        for pa, pb in pieces:
            inside = sorted(p for p in points if pa <= p <= pb)
            start = pa
            for p in inside:
                if p > start:
                    out.append((start, p - 1))
                start = p + 1
            if start <= pb:
                out.append((start, pb))
    return out


def char_class(ranges: Iterable[tuple[int, int]]) -> str:
    """A regex class for the ranges; one that matches nothing when there are none."""
    body = "".join(f"\\x{{{a:x}}}" if a == b else f"\\x{{{a:x}}}-\\x{{{b:x}}}" for a, b in ranges)
    return f"[{body}]" if body else "[^\\x00-\\x{10ffff}]"


def parse_codepoints(text: str) -> str:
    """``U+845B U+E0100``, ``845B_E0100``, ``845B E0100`` or the characters themselves."""
    raw = text.strip()
    parts = raw.replace("_", " ").replace(",", " ").split()
    if parts and all(_is_hex(p) for p in parts):
        return "".join(chr(int(p.upper().removeprefix("U+"), 16)) for p in parts)
    return raw


def _is_hex(part: str) -> bool:
    body = part.upper().removeprefix("U+")
    if not body or len(body) > 6 or (len(body) < 4 and not part.upper().startswith("U+")):
        return False
    try:
        return int(body, 16) <= 0x10FFFF
    except ValueError:
        return False


def codepoints(text: str) -> str:
    return " ".join(f"U+{ord(c):04X}" for c in text)
