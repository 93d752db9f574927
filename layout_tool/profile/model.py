"""A local profile (``--profile FILE.yaml``): loaded, schema-checked, with ``file:line`` errors.

What a profile may change is deliberately small: check digits, required and fixed length
per item, the severity per finding code or item, and local code values. The report names
the profile and its SHA-256 so that a verdict can be reproduced.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from layout_tool.errors import LayoutToolError
from layout_tool.yamlsource import YamlDoc, check_schema, parse_yaml, plain

SCHEMA = "profile/profile.schema.json"


@dataclass(frozen=True)
class Profile:
    path: str
    sha256: str
    name: str
    area: str | None = None
    items: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    code_severity: Mapping[str, str] = field(default_factory=dict)
    item_severity: Mapping[str, str] = field(default_factory=dict)
    codes: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    m11_remainder_1: str = "zero"
    doc: YamlDoc | None = field(default=None, compare=False, repr=False)

    def error(self, message: str, where: list[str | int]) -> LayoutToolError:
        if self.doc is None:
            return LayoutToolError(message, path=self.path)
        return self.doc.error(message, where)

    def to_dict(self) -> dict[str, str]:
        """How reports name the profile."""
        return {"name": self.name, "path": self.path, "sha256": self.sha256}


def load_profile(path: Path) -> Profile:
    """Read and check a profile; a bad one is a LayoutToolError with ``file:line``."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise LayoutToolError("file not found", path=str(path)) from None
    except OSError as exc:
        raise LayoutToolError(f"cannot read ({exc.strerror or exc})", path=str(path)) from None
    doc = parse_yaml(path)
    if doc.root is None:
        raise LayoutToolError("empty profile: it needs at least `profile: NAME`", path=str(path))
    check_schema(doc, SCHEMA)
    from layout_tool.findings import CODES

    data: dict[str, Any] = plain(doc.root)
    severity = data.get("severity", {})
    for code in severity.get("codes", {}):
        if code not in CODES:
            raise doc.error(f"unknown finding code {code!r}", ["severity", "codes", code])
    return Profile(
        path=str(path),
        sha256=hashlib.sha256(raw).hexdigest(),
        name=data["profile"],
        area=data.get("area"),
        items=data.get("items", {}),
        code_severity=severity.get("codes", {}),
        item_severity=severity.get("items", {}),
        codes={
            k: {str(c): label for c, label in v.items()} for k, v in data.get("codes", {}).items()
        },
        m11_remainder_1=data.get("m11_remainder_1", "zero"),
        doc=doc,
    )
