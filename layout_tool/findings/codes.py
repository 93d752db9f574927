"""Every finding code, declared once: default severity, message template, docs anchor.

The code is the stable identity (CONTRACT.md). Its words — title and 対応方法 in Japanese and
English, and the message templates (ids starting with the code: ``header.duplicate``) — are
text, kept with the other texts in ``layout_tool.i18n``; a test checks that every code
declared here has its title, its template and its anchor in docs/checks.md.

Adding a finding code: one ``Code`` here, its title and action in ``i18n/codes.py``, its
message template in ``i18n/findings.py``, and the check that emits it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from layout_tool.i18n import code_title

Severity = Literal["error", "warning"]

DOCS = "docs/checks.md"


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity = "error"  # the default; a spec flag or a profile may change it
    template: str | None = None  # the usual message template (None: English text for now)

    @property
    def anchor(self) -> str:
        """Where the code is explained: its row in the codes table of docs/checks.md."""
        return f"{DOCS}#code-{self.code}"

    def title(self, lang: str | None = None) -> str:
        return code_title(self.code, lang)


_DECLARED = (
    Code("encoding", template="encoding.bytes"),
    Code("row-shape", template="row-shape.fields"),
    Code("header", template="header.unknown"),
    Code("required", template="required"),
    Code("type", template="type"),
    Code("length", template="length.max"),
    Code("code", template="code"),
    Code("date", template="date"),
    Code("check-digit", template="check-digit"),
    Code("gaiji", template="gaiji.denied"),  # a warning in items that allow 外字
    Code("key-duplicate", template="key-duplicate"),
    Code("reference", template="reference"),
    Code("count", template="count.rows"),
    Code("xsd", template="xsd.detail"),
    Code("rule", template="rule.one-per-group"),
    Code("round-trip"),
    Code("file-missing", "warning"),  # an error for a complete set (--complete)
    Code("charset"),
    Code("lost-char"),
)

CODES: dict[str, Code] = {c.code: c for c in _DECLARED}


def default_severity(code: str) -> Severity:
    return CODES[code].severity
