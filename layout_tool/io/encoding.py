"""Which encoding a handover file is in, and where its bytes do not decode.

Detection is by evidence and explainable: a BOM wins; otherwise each candidate (UTF-8,
CP932) decodes a sample and the one with the fewest undecodable byte sequences wins (ties:
UTF-8, as pure ASCII is both). A CP932 file with one bad byte is still CP932, with one
``encoding`` finding. Statistical detectors are unreliable on short Japanese text (BRIEF
§9), and a declared encoding always wins; the counts say how sure detection was.
"""

from __future__ import annotations

import codecs
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from layout_tool.errors import LayoutToolError

ENCODINGS = ("auto", "utf-8", "utf-8-sig", "cp932")
CANDIDATES = ("utf-8", "cp932")
BOM = codecs.BOM_UTF8
SAMPLE_BYTES = 1 << 20


@dataclass(frozen=True)
class Detected:
    encoding: str  # utf-8, utf-8-sig or cp932
    how: str  # "declared", "bom", "sample"
    # undecodable byte sequences in the sample per candidate (empty: not measured)
    failures: Mapping[str, int] = field(default_factory=dict)

    @property
    def confidence(self) -> str:
        """``high`` when the evidence is clear (or the user said), ``low`` when it is close."""
        if self.how != "sample" or not self.failures:
            return "high"
        chosen = self.failures.get(self.encoding, 0)
        others = [n for e, n in self.failures.items() if e != self.encoding]
        if chosen == 0 or all(n >= 10 * chosen + 10 for n in others):
            return "high"
        return "low"


def detect(head: bytes, declared: str = "auto") -> Detected:
    """The encoding to read with, from the first bytes of a file (or the user's word)."""
    if declared not in ENCODINGS:
        raise LayoutToolError(f"unknown encoding {declared!r} (use {', '.join(ENCODINGS)})")
    if declared != "auto":
        if declared == "utf-8" and head.startswith(BOM):
            return Detected("utf-8-sig", "declared")
        return Detected(declared, "declared")
    if head.startswith(BOM):
        return Detected("utf-8-sig", "bom")
    sample = head[:SAMPLE_BYTES]
    counts: dict[str, int] = {}
    for enc in CANDIDATES:
        counts[enc] = failures(sample, enc)
        if counts[enc] == 0:  # nothing can do better (and UTF-8 wins ties): stop here
            break
    best = min(counts, key=lambda enc: (counts[enc], CANDIDATES.index(enc)))
    return Detected(best, "sample", counts)


def _replaced(data: bytes, encoding: str, final: bool) -> tuple[str, str]:
    """(codec, ``data`` decoded with U+FFFD for what does not decode; a character cut off at
    the end only when ``final``)."""
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    return codec, codecs.getincrementaldecoder(codec)(errors="replace").decode(data, final=final)


def failures(data: bytes, encoding: str, final: bool = False) -> int:
    """How many byte sequences of ``data`` do not decode (a character cut off at the end
    counts only when ``final``). CP932's never-valid single bytes count too."""
    codec, text = _replaced(data, encoding, final)
    if codec == "cp932":
        return text.count("\ufffd") + len(_STRAY_RE.findall(text))
    return text.count("\ufffd") - data.count("\ufffd".encode())


def failing_lines(data: bytes, encoding: str) -> int:
    """How many lines of ``data`` hold a byte sequence that does not decode (``failures``)."""
    codec, text = _replaced(data, encoding, final=False)
    bad = re.compile("\ufffd|" + _STRAY_RE.pattern) if codec == "cp932" else re.compile("\ufffd")
    return sum(1 for line in text.split("\n") if bad.search(line))


@dataclass(frozen=True)
class BadBytes:
    offset: int  # byte offset of the first undecodable byte, within the decoded buffer
    length: int
    sample: bytes


def decode_reporting(data: bytes, encoding: str) -> tuple[str, list[BadBytes]]:
    """Decode ``data``; undecodable bytes become U+FFFD and are listed, never dropped silently."""
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        pass
    else:
        return (text, []) if codec != "cp932" else _cp932_strays(data, text)
    bad: list[BadBytes] = []

    def record(exc: UnicodeError) -> tuple[str, int]:
        assert isinstance(exc, UnicodeDecodeError)
        bad.append(BadBytes(exc.start, exc.end - exc.start, exc.object[exc.start : exc.end]))
        return "\ufffd", exc.end

    _handler.current = record
    try:
        text = data.decode(codec, errors=_HANDLER_NAME)
    finally:
        _handler.current = None
    if codec == "cp932":
        text, more = _cp932_strays(data, text)
        bad = sorted(bad + more, key=lambda b: b.offset)
    return text, bad


# Python's cp932 decodes the single bytes 0xA0, 0xFD, 0xFE, 0xFF (never valid Shift_JIS)
# to U+F8F0..U+F8F3, and 0x80 to U+0080. They are not 外字: report them as undecodable bytes.
_STRAYS = {
    "\x80": b"\x80",  # (read as U+0080)
    "\uf8f0": b"\xa0",
    "\uf8f1": b"\xfd",
    "\uf8f2": b"\xfe",
    "\uf8f3": b"\xff",
}
_STRAY_RE = re.compile("[\x80\uf8f0-\uf8f3]")


def _cp932_strays(data: bytes, text: str) -> tuple[str, list[BadBytes]]:
    if not any(c in text for c in _STRAYS):  # five `in` scans: 20x faster than the regex
        return text, []
    bad = []
    for m in _STRAY_RE.finditer(text):
        offset = len(text[: m.start()].encode("cp932", errors="replace"))
        bad.append(BadBytes(offset, 1, _STRAYS[m.group()]))
    return _STRAY_RE.sub("\ufffd", text), bad


class _Handler(threading.local):
    current: Callable[[UnicodeError], tuple[str, int]] | None = None


_handler = _Handler()
_HANDLER_NAME = "layout-tool-record"


def _dispatch(exc: UnicodeError) -> tuple[str, int]:
    if _handler.current is None:
        raise exc
    return _handler.current(exc)


codecs.register_error(_HANDLER_NAME, _dispatch)
