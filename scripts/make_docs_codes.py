"""Write the table of finding codes (意味 and 対応方法, ja and en) into docs/checks.md.

The table sits between the markers ``<!-- codes:start -->`` and ``<!-- codes:end -->`` and is
made from the finding codes' declarations (layout_tool/findings/codes.py: the order, the
default severity and each row's anchor ``code-<code>``) and their texts in the message
catalogue (layout_tool/i18n/codes.py), so it cannot drift:
tests/unit/test_docs_codes.py fails when the file differs from what this script writes.

    .venv/bin/python scripts/make_docs_codes.py
"""

from __future__ import annotations

from pathlib import Path

from layout_tool.findings import CODES
from layout_tool.i18n import CODE_INFO

DOC = Path(__file__).resolve().parent.parent / "docs" / "checks.md"
START, END = "<!-- codes:start -->", "<!-- codes:end -->"


def table() -> str:
    lines = [
        START,
        "| code | 意味 | 対応方法 | meaning | what to do | default |",
        "|---|---|---|---|---|---|",
    ]
    for code, declared in CODES.items():
        info = CODE_INFO[code]
        anchor = f'<a id="{declared.anchor.split("#", 1)[1]}"></a>`{code}`'
        cells = [anchor, info.title_ja, info.action_ja, info.title_en, info.action_en]
        cells.append(declared.severity)
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    lines.append(END)
    return "\n".join(lines)


def updated(text: str) -> str:
    if START in text and END in text:
        head, rest = text.split(START, 1)
        tail = rest.split(END, 1)[1]
        return head + table() + tail
    section = (
        "\n## 対応方法 — what to do about each finding code\n\n"
        "The HTML and Excel reports show the same text next to each code"
        " (`--lang en` for the English one).\n\n"
    )
    return text.rstrip("\n") + "\n" + section + table() + "\n"


def main() -> None:
    DOC.write_text(updated(DOC.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"{DOC}: codes table written")


if __name__ == "__main__":
    main()
