"""Japanese first, English on request: the language of messages, headings and summaries.

Every text a person reads in a report is declared once, by id, with a template per language
(``layout_tool.i18n.catalogue``); findings keep the id and the parameters (``Msg``) and are
rendered in the language asked for when a report is written. JSON keys and finding codes stay
English whatever the language.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache

from layout_tool.i18n.catalogue import TEMPLATES
from layout_tool.i18n.codes import CODE_INFO, action, title

LANGS = ("ja", "en")
DEFAULT_LANG = "ja"
ENV = "LAYOUT_TOOL_LANG"

_state = {"lang": DEFAULT_LANG}

# {name} or {name|singular|plural}: the latter prints the number and the word that fits it
_FIELD = re.compile(r"\{(\w+)(?:\|([^|{}]*)\|([^|{}]*))?\}")

Part = str | tuple[str, str | None, str | None]


def resolve_lang(lang: str | None = None) -> str:
    """The language asked for, else ``LAYOUT_TOOL_LANG``, else Japanese."""
    chosen = (lang or os.environ.get(ENV) or DEFAULT_LANG).strip().lower()
    chosen = chosen.split("_")[0].split("-")[0].split(".")[0]
    return chosen if chosen in LANGS else DEFAULT_LANG


def get_lang() -> str:
    return _state["lang"]


def set_lang(lang: str | None = None) -> str:
    """Set the language of every text rendered from now on (the CLI does this once per run)."""
    _state["lang"] = resolve_lang(lang)
    return _state["lang"]


@contextmanager
def use_lang(lang: str | None) -> Iterator[str]:
    before = _state["lang"]
    try:
        yield set_lang(lang)
    finally:
        _state["lang"] = before


@lru_cache(maxsize=4096)
def _parts(msg_id: str, lang: str) -> tuple[Part, ...]:
    template = TEMPLATES[msg_id][lang]
    out: list[Part] = []
    at = 0
    for m in _FIELD.finditer(template):
        if m.start() > at:
            out.append(template[at : m.start()])
        out.append((m.group(1), m.group(2), m.group(3)))
        at = m.end()
    if at < len(template):
        out.append(template[at:])
    return tuple(out)


def fields(template: str) -> set[str]:
    """The parameter names a template uses."""
    return {m.group(1) for m in _FIELD.finditer(template)}


def _show(value: object, lang: str) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, Msg):
        return value.render(lang)
    return "" if value is None else str(value)


def render(msg_id: str, params: Mapping[str, object], lang: str | None = None) -> str:
    lang = lang or _state["lang"]
    out = []
    for part in _parts(msg_id, lang):
        if isinstance(part, str):
            out.append(part)
            continue
        name, one, many = part
        value = params[name]
        if one is None:
            out.append(_show(value, lang))
        else:
            n = value if isinstance(value, int) else 0
            out.append(f"{_show(value, lang)} {one if n == 1 else many}")
    return "".join(out)


def t(msg_id: str, /, **params: object) -> str:
    """A text of the catalogue in the current language."""
    return render(msg_id, params)


class Msg:
    """A message by id and parameters, rendered when (and in the language) it is shown."""

    __slots__ = ("id", "params")

    def __init__(self, msg_id: str, /, **params: object) -> None:
        self.id = msg_id
        self.params = params

    def render(self, lang: str | None = None) -> str:
        return render(self.id, self.params, lang)

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Msg({self.id!r}, {self.params!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Msg) and (self.id, self.params) == (other.id, other.params)

    def __hash__(self) -> int:
        return hash((self.id, tuple(sorted((k, str(v)) for k, v in self.params.items()))))

    def __contains__(self, text: str) -> bool:
        return text in self.render()


Text = str | Msg

_SLOT = "\x00"


def around(msg_id: str, slot: str, /, **params: object) -> tuple[str, str]:
    """The text before and after parameter ``slot`` (current language): for messages whose
    ``slot`` is a column of values, put together by polars around it."""
    before, _, after = render(msg_id, {**params, slot: _SLOT}).partition(_SLOT)
    return before, after


def text(value: Text, lang: str | None = None) -> str:
    """A plain string or a ``Msg`` as text in the language asked for (default: current)."""
    return value if isinstance(value, str) else value.render(lang)


def counted(n: int, unit: str) -> str:
    """``n`` with its counter word: ``1 error`` / ``2 errors``; ``3件`` / ``2ファイル``."""
    return render(f"unit.{unit}", {"n": n})


def code_title(code: str, lang: str | None = None) -> str:
    """What a finding code means, in the language asked for (default: current)."""
    return title(code, lang or _state["lang"])


def code_action(code: str, lang: str | None = None) -> str:
    """What to do about a finding code (対応方法)."""
    return action(code, lang or _state["lang"])


__all__ = [
    "CODE_INFO",
    "DEFAULT_LANG",
    "ENV",
    "LANGS",
    "Msg",
    "Text",
    "around",
    "code_action",
    "code_title",
    "counted",
    "fields",
    "get_lang",
    "render",
    "resolve_lang",
    "set_lang",
    "t",
    "text",
    "use_lang",
]
