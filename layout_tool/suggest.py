""" "Did you mean …?" for names typed on the command line (areas, files, formats, codes)."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def closest(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Candidates that contain the word, or look like it, best first."""
    pool = list(dict.fromkeys(c for c in candidates if c))
    key = _norm(word)
    if not key:
        return []
    contains = [c for c in pool if key in _norm(c) or _norm(c) in key]
    by_norm = {_norm(c): c for c in pool}
    similar = [by_norm[m] for m in difflib.get_close_matches(key, list(by_norm), n, 0.5)]
    return list(dict.fromkeys(contains + similar))[:n]


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """`` — did you mean X?`` (in the current language), or nothing when no name is close."""
    from layout_tool.i18n import t

    found = closest(word, candidates)
    return t("hint.did-you-mean", names=", ".join(found)) if found else ""
