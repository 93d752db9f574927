"""``gaiji --suggest``: candidate standard characters for identified 外字, never applied.

The user supplies a table like the MJ縮退マップ (JSON, CC BY-SA, so not bundled): per MJ
文字図形名, candidate JIS / UCS characters grouped by evidence category (JIS包摂規準・UCS統合
規則, 法務省告示582号別表第四, 戸籍法関連通達, 辞書類, 読み・字形類推). A 外字 reaches an MJ
name through the 外字 table's ``mj`` column, through its target's MJ entry in a charset, or
as an ``{MJ……}`` tag; a GJ character's 代替 comes from the charset. The list is for people
to decide: nothing here changes data.

Accepted JSON shapes: ``{"content": [row, ...]}`` or ``[row, ...]``, where a row names its
MJ character (``MJ文字図形名`` or ``mj``) and every other key holding a list is a category
whose items are ``"U+XXXX"`` strings or objects with ``UCS``/``ucs``/``character``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from layout_tool.charset.model import Charset, codepoints, parse_codepoints
from layout_tool.errors import LayoutToolError
from layout_tool.gaiji.maptable import MapTable

MJ_KEYS = ("MJ文字図形名", "mj", "MJ")
UCS_KEYS = ("UCS", "ucs", "character", "char", "対応するUCS")
_MJ = re.compile(r"^MJ[0-9]{6}$")
_TAG = re.compile(r"^\{(MJ[0-9]{6})\}$")


@dataclass(frozen=True)
class Candidate:
    character: str
    category: str

    def to_dict(self) -> dict[str, str]:
        return {
            "character": self.character,
            "codepoints": codepoints(self.character),
            "category": self.category,
        }


@dataclass(frozen=True)
class Suggestion:
    """Candidates for one 外字 (a table source, or a character of the data)."""

    source: str
    mj: str | None
    candidates: tuple[Candidate, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "source_codepoints": codepoints(self.source) if len(self.source) <= 2 else None,
            "mj": self.mj,
            "candidates": [c.to_dict() for c in self.candidates],
        }


def load_shrink_map(path: Path) -> dict[str, tuple[Candidate, ...]]:
    """MJ name → candidates, from an MJ縮退マップ-like JSON file."""
    try:
        doc: Any = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LayoutToolError(f"not a readable JSON file ({exc})", path=str(path)) from None
    rows = doc.get("content") if isinstance(doc, dict) else doc
    if not isinstance(rows, list):
        raise LayoutToolError('expected a list of rows (or {"content": [...]})', path=str(path))
    out: dict[str, tuple[Candidate, ...]] = {}
    for index, row in enumerate(rows):
        if not isinstance(row, dict):
            raise LayoutToolError(f"row {index + 1} is not an object", path=str(path))
        name = next((str(row[k]) for k in MJ_KEYS if k in row), "")
        if not _MJ.match(name):
            raise LayoutToolError(f"row {index + 1} names no MJ文字図形名", path=str(path))
        found: list[Candidate] = []
        for category, items in row.items():
            if category in MJ_KEYS or not isinstance(items, list):
                continue
            for item in items:
                char = _char(item)
                if char and all(c.character != char or c.category != category for c in found):
                    found.append(Candidate(char, str(category)))
        out[name] = tuple(found)
    return out


def _char(item: object) -> str | None:
    if isinstance(item, str):
        text = parse_codepoints(item)
        return text or None
    if isinstance(item, dict):
        raw = next((item[k] for k in UCS_KEYS if item.get(k)), None)
        return parse_codepoints(str(raw)) if raw is not None else None
    return None


def suggest(
    tokens: list[str],
    shrink: Mapping[str, tuple[Candidate, ...]],
    table: MapTable | None = None,
    charset: Charset | None = None,
) -> list[Suggestion]:
    """Candidates for each token (inventory characters) and each source of the 外字 table."""
    order = list(dict.fromkeys([*tokens, *(table.sources if table is not None else [])]))
    out = []
    for token in order:
        mj = _mj_of(token, table, charset)
        found = list(shrink.get(mj, ())) if mj is not None else []
        if charset is not None and len(token) == 1 and ord(token) in charset.gj:
            fallback = charset.gj[ord(token)].fallback
            if fallback:
                found.insert(0, Candidate(fallback, f"代替 ({charset.table_label('gj')})"))
        if found:
            out.append(Suggestion(token, mj, tuple(found)))
    return out


def _mj_of(token: str, table: MapTable | None, charset: Charset | None) -> str | None:
    tag = _TAG.match(token)
    if tag:
        return tag.group(1)
    entry = table.lookup(token) if table is not None else None
    if entry is not None and entry.mj:
        return entry.mj
    if charset is not None:
        target = entry.target if entry is not None else token
        return charset.mj_by_char.get(target)
    return None
