"""Match a vendor export's field names to the standard's item names (``mapping init``).

Names are compared after normalising what vendors vary: width (NFKC, for comparing only),
hiragana/katakana, ``_``, ``・``, ``の``, brackets and spaces, and common synonyms
(フリガナ/カナ/かな/ヨミ, 年月日/日, CD/コード, フラグ dropped). Then, in order of how
sure the match is:

- 100: equal;
- 95: equal once コード and 番号, 区分 and 種別, 団体 and 市区町村 are taken as one word;
- 50-90: one name contains the other, scored by how much of the longer one the shorter
  covers (at least half): ``住所_方書`` ⊃ ``方書``, ``状態`` ⊂ ``住民状態``;
- 45-60: similar spelling (difflib ratio 0.8 or more).

Each item takes at most one field and each field serves at most one item of a file,
best scores first; two candidates with the same best score for one item are ambiguous and
left unmatched (``Match.note`` says which).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from layout_tool.i18n import Msg, Text
from layout_tool.spec.model import FileSpec

_DROP = re.compile(r"[_\-・･\s　()（）\[\]［］「」【】<>＜＞.。、,/]|の")
_KANA = [("フリガナ", "カナ"), ("ふりがな", "カナ"), ("かな", "カナ"), ("ヨミ", "カナ"),
         ("よみ", "カナ"), ("フラグ", ""), ("年月日", "日"),
         ("cd", "コード")]  # fmt: skip
_SYNONYMS = [("団体コード", "市区町村コード"), ("コード", "番号"), ("区分", "種別"),
             ("人数", "員数"), ("町名", "町字"), ("番地", "番地号表記"),
             ("no", "番号")]  # fmt: skip
_HIRA = {c: c + 0x60 for c in range(0x3041, 0x3097)}


def normalise(name: str) -> str:
    """The name as compared: width, kana, separators and the plain synonyms evened out."""
    text = unicodedata.normalize("NFKC", name).lower()
    text = _DROP.sub("", text)
    for old, new in _KANA:
        text = text.replace(old, new)
    return text.translate(_HIRA)


def canonical(name: str) -> str:
    """``normalise`` and the looser synonyms (コード = 番号, 区分 = 種別, 団体 = 市区町村…)."""
    text = normalise(name)
    for old, new in _SYNONYMS:
        if old == "番地" and "番地号表記" in text:
            continue
        text = text.replace(old, new)
    return text


def score(field: str, item: str) -> tuple[int, Text]:
    """How sure ``field`` is ``item`` (0: not at all), and why."""
    f, i = normalise(field), normalise(item)
    if f == i:
        return 100, Msg("match.same")
    cf, ci = canonical(field), canonical(item)
    if cf == ci:
        return 95, Msg("match.synonyms")
    short, long = sorted((cf, ci), key=len)
    if len(short) >= 2 and short in long and len(short) * 2 >= len(long):
        return 50 + round(40 * len(short) / len(long)), Msg(
            "match.field-inside" if short == cf else "match.item-inside"
        )
    ratio = SequenceMatcher(None, cf, ci).ratio()
    if len(short) >= 3 and ratio >= 0.8:
        return 45 + round(15 * ratio), Msg("match.similar")
    return 0, ""


@dataclass(frozen=True)
class Match:
    item: str
    field: str | None
    score: int
    why: Text
    note: Text = ""


def match_file(file: FileSpec, fields: list[str]) -> dict[str, Match]:
    """Each item of ``file`` with its field (or None), best scores first, one field each."""
    pairs: list[tuple[int, str, str, Text]] = []
    for spec_item in file.items:
        for f in fields:
            s, why = score(f, spec_item.name)
            if s:
                pairs.append((s, spec_item.name, f, why))
    pairs.sort(key=lambda p: -p[0])
    taken_items: dict[str, Match] = {}
    taken_fields: set[str] = set()
    for s, item, f, why in pairs:
        if item in taken_items or f in taken_fields:
            continue
        rivals = [
            p
            for p in pairs
            if p[1] == item and p[0] == s and p[2] != f and p[2] not in taken_fields
        ]
        if rivals:
            names = ", ".join([f, *[r[2] for r in rivals]])
            taken_items[item] = Match(item, None, s, why, Msg("match.ambiguous", names=names))
            continue
        taken_items[item] = Match(item, f, s, why)
        taken_fields.add(f)
    return {it.name: taken_items.get(it.name, Match(it.name, None, 0, "")) for it in file.items}
