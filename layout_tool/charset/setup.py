"""Choose the character policy of a run: ``--charset``, else the spec's ``charset:`` key.

A spec that names a charset the user has not imported is checked as without one (every
private-use character a 外字, as before), and the report says so in a note.
"""

from __future__ import annotations

from layout_tool.charset.loader import ENV, find_charset, load_charset, resolve_charset
from layout_tool.charset.policy import CharPolicy
from layout_tool.i18n import t
from layout_tool.spec.model import AreaSpec


def char_policy(
    spec: AreaSpec | None, charset: str | None = None, count: str | None = None
) -> tuple[CharPolicy, list[str]]:
    """The policy and the notes a report should carry about it."""
    notes: list[str] = []
    named = spec.charset if spec is not None else None
    loaded = None
    if charset is not None:
        loaded = resolve_charset(charset)
        if named is not None and named != loaded.id:
            notes.append(t("note.charset-override", named=named, used=loaded.id))
    elif named is not None:
        found = find_charset(named)
        if found is not None:
            loaded = load_charset(found)
        else:
            notes.append(t("note.charset-missing", named=named, env=ENV))
    if loaded is not None:
        synthetic = t("note.charset-synthetic") if loaded.synthetic else ""
        notes.append(
            t("note.charset", label=loaded.label, name=loaded.name, source=loaded.source,
              synthetic=synthetic, gj=len(loaded.gj), ivs=len(loaded.ivs))
        )  # fmt: skip
    return CharPolicy(charset=loaded, count=count), notes
