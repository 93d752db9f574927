"""One registry of every text: finding messages and report/CLI texts, by id, ja and en."""

from __future__ import annotations

from layout_tool.i18n.compare import COMPARE_TEMPLATES
from layout_tool.i18n.convert import CONVERT_TEMPLATES
from layout_tool.i18n.coverage import COVERAGE_TEMPLATES
from layout_tool.i18n.errors import ERROR_TEMPLATES
from layout_tool.i18n.findings import FINDING_TEMPLATES
from layout_tool.i18n.mapfile import MAPFILE_TEMPLATES
from layout_tool.i18n.mapping import MAPPING_TEMPLATES
from layout_tool.i18n.notes import NOTE_TEMPLATES
from layout_tool.i18n.spec import SPEC_TEMPLATES
from layout_tool.i18n.ui import UI_TEMPLATES


def _merge(*tables: dict[str, tuple[str, str]]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for table in tables:
        for msg_id, (ja, en) in table.items():
            if msg_id in out:
                raise ValueError(f"message id {msg_id!r} declared twice")
            out[msg_id] = {"ja": ja, "en": en}
    return out


TEMPLATES: dict[str, dict[str, str]] = _merge(
    FINDING_TEMPLATES,
    UI_TEMPLATES,
    CONVERT_TEMPLATES,
    MAPPING_TEMPLATES,
    ERROR_TEMPLATES,
    COVERAGE_TEMPLATES,
    SPEC_TEMPLATES,
    COMPARE_TEMPLATES,
    NOTE_TEMPLATES,
    MAPFILE_TEMPLATES,
)
