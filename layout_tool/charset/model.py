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
# CJK ideographs: what a ``closed`` MJ / MJ+ set judges (kana, symbols and Latin are not MJ).
IDEOGRAPHS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))
# Judged elsewhere, never "outside" a JIS set: C1 controls (type check), private use
# (``gaiji``/unknown), variation selectors (the IVS check), surrogates.
NOT_JUDGED = (
    (0x80, 0x9F), (0xD800, 0xDFFF), (0xFE00, 0xFE0F), (0xE0100, 0xE01EF), *PUA_RANGES,
)  # fmt: skip
JIS_CODECS = {"jisx0208": "shift_jis", "jisx0213": "shift_jisx0213"}


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
    closed: bool = False  # MJ / MJ+: an ideograph outside the MJ table is a finding too
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

    @cached_property
    def outside_class(self) -> str | None:
        """Regex class of characters outside the set's standard repertoire, if it has one:
        everything a JIS X 0208 / 0213 set cannot encode; for a ``closed`` MJ / MJ+ set, the
        ideographs that are no MJ character's base. None: only private use and IVS judged."""
        codec = JIS_CODECS.get(self.base)
        if codec is not None:
            members = jis_members(codec)
            return char_class(subtract([(0x80, 0x10FFFF)], members, NOT_JUDGED))
        if self.closed and self.mj:
            bases = {ord(c[0]) for c in self.mj.values()}
            return char_class(subtract(IDEOGRAPHS, bases))
        return None

    def describe(self) -> dict[str, object]:
        """What a report says about the set (name, version, source, sizes)."""
        return {
            "id": self.id,
            "name": self.name,
            "version": self.version,
            "source": self.source,
            "base": self.base,
            "closed": self.closed,
            "synthetic": self.synthetic,
            "path": self.path,
            "tables": dict(self.tables),
            "mj": len(self.mj),
            "gj": len(self.gj),
            "ivs": len(self.ivs),
        }


def jis_members(codec: str) -> set[int]:
    """Every single code point a Shift_JIS-family codec decodes to (JIS X 0208: 6,879;
    JIS X 0213: 11,198 — its combining sequences are not single code points), plus ASCII and
    half-width katakana."""
    members = set(range(0x80)) | set(range(0xFF61, 0xFFA0))
    for lead in [*range(0x81, 0xA0), *range(0xE0, 0xFD)]:
        for trail in range(0x40, 0xFD):
            try:
                text = bytes((lead, trail)).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(text) == 1:
                members.add(ord(text))
    return members


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
