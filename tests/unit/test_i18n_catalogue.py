"""The message catalogue: every text in both languages, with the same parameters."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from layout_tool.findings import CODES
from layout_tool.i18n import (
    CODE_INFO,
    Msg,
    counted,
    fields,
    get_lang,
    render,
    resolve_lang,
    t,
    use_lang,
)
from layout_tool.i18n.catalogue import TEMPLATES

SOURCE = Path(__file__).resolve().parents[2] / "layout_tool"


@pytest.mark.parametrize("msg_id", sorted(TEMPLATES))
def test_every_template_exists_in_both_languages_with_the_same_parameters(msg_id: str) -> None:
    ja, en = TEMPLATES[msg_id]["ja"], TEMPLATES[msg_id]["en"]
    assert ja.strip() and en.strip()
    assert fields(ja) == fields(en), msg_id


def test_every_finding_code_has_a_title_and_an_action_in_both_languages() -> None:
    assert set(CODES) == set(CODE_INFO)
    for code, info in CODE_INFO.items():
        assert all([info.title_ja, info.title_en, info.action_ja, info.action_en]), code
        assert re.search("[ぁ-んァ-ン一-龥]", info.action_ja), code  # really Japanese


def test_finding_messages_belong_to_a_code() -> None:
    from layout_tool.i18n.findings import FINDING_TEMPLATES

    for msg_id in FINDING_TEMPLATES:
        assert msg_id.split(".")[0] in CODES, msg_id


def test_every_message_id_the_code_uses_is_declared() -> None:
    used: set[str] = set()
    pattern = re.compile(r"""\b(?:Msg|t)\(\s*["'](\w[\w.-]*\w)["']""")
    for path in SOURCE.rglob("*.py"):
        used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    assert used, "no message ids found"
    assert sorted(used - set(TEMPLATES)) == []


def test_japanese_is_the_default_and_english_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LAYOUT_TOOL_LANG", raising=False)
    assert resolve_lang() == "ja"
    assert resolve_lang("en") == "en"
    monkeypatch.setenv("LAYOUT_TOOL_LANG", "en_US.UTF-8")
    assert resolve_lang() == "en"
    monkeypatch.setenv("LAYOUT_TOOL_LANG", "fr")
    assert resolve_lang() == "ja"


def test_a_finding_renders_in_either_language_whatever_the_current_one() -> None:
    msg = Msg("required", item="氏名")
    assert msg.render("ja") == "氏名は必須ですが空です"
    assert msg.render("en") == "氏名 is required but empty"
    with use_lang("en"):
        assert str(msg) == "氏名 is required but empty"
        assert get_lang() == "en"


def test_counters_fit_the_number() -> None:
    with use_lang("en"):
        assert counted(1, "error") == "1 error"
        assert counted(2, "error") == "2 errors"
        assert counted(1, "file") == "1 file"
        assert counted(1_234, "row") == "1,234 rows"
        assert render("row-shape.fields", {"fields": 1, "n": 9}) == "1 field, expected 9"
    with use_lang("ja"):
        assert counted(1, "error") == "1件"
        assert counted(2, "file") == "2ファイル"
        assert t("unit.row", n=1_234) == "1,234行"
