"""``{MJ012345}``/``{GJ000554}`` tags as a 外字 table, so ``convert`` applies them like one.

Forward (``convert --tags``), every tag of the charset becomes its character before the
checks; in reverse, GJ characters and MJ characters written with an IVS (what a legacy
system cannot hold) become tags again. The table goes through the same vectorised
replacement as a ``--gaiji-map`` and is merged with one, if given.
"""

from __future__ import annotations

from layout_tool.charset.model import IVS_SELECTORS, Charset
from layout_tool.errors import LayoutToolError
from layout_tool.gaiji.maptable import MapEntry, MapTable


def tag_table(charset: Charset, merge: MapTable | None = None, reverse: bool = False) -> MapTable:
    """Tag → character entries (for ``reverse``: only those worth a tag, targets unique)."""
    entries: list[MapEntry] = list(merge.entries) if merge is not None else []
    sources = {e.source for e in entries}
    targets = {e.target for e in entries}
    label = f"charset {charset.label}"
    pairs = [(g.number, chr(g.codepoint)) for g in charset.gj.values()]
    pairs += [
        (name, char)
        for name, char in charset.mj.items()
        if not reverse or (len(char) == 2 and IVS_SELECTORS[0] <= ord(char[1]) <= IVS_SELECTORS[1])
    ]
    for line, (name, char) in enumerate(pairs, 1):
        tag = "{" + name + "}"
        if tag in sources:
            where = merge.path if merge is not None else label
            raise LayoutToolError(f"tag {tag} is also a source of the 外字 table {where}")
        if reverse and char in targets:
            continue  # the first name of a character wins; the 外字 table before the charset
        sources.add(tag)
        targets.add(char)
        mj = name if name.startswith("MJ") else None
        entries.append(MapEntry(tag, char, mj, label, line))
    return MapTable(merge.path if merge is not None else label, tuple(entries))
