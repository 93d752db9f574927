"""Text a spec puts into XML (item names, descriptions, code values) must be XML 1.0 text."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from layout_tool.errors import LayoutToolError

if TYPE_CHECKING:
    from layout_tool.spec.model import AreaSpec

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def check_xml_text(spec: AreaSpec) -> None:
    """Names, descriptions and code values XML 1.0 cannot carry (a NUL in an item name):
    a spec error (exit 2), not a schema that fails to build."""
    for f in spec.files:
        for item in f.items:
            for text in (item.name, item.description or ""):
                if _NOT_XML.search(text):
                    raise LayoutToolError(
                        f"item {item.name!r} of file {f.id}: its name or description holds a"
                        " character XML 1.0 cannot carry (a control character)",
                        path=spec.path,
                    )
    for table in spec.codes.values():
        for key, value in table.values.items():
            if _NOT_XML.search(key) or _NOT_XML.search(value):
                raise LayoutToolError(
                    f"code table {table.id}: value {key!r} holds a character XML 1.0 cannot"
                    " carry (a control character)",
                    path=spec.path,
                )
