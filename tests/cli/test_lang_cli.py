"""Japanese first: the default report is Japanese; --lang en and LAYOUT_TOOL_LANG give English."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from layout_tool.cli.main import cli

FAULTY = str(Path(__file__).resolve().parents[2] / "sample_data" / "faulty" / "jumin")


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), env=env)
    return result.exit_code, result.output


def test_default_report_is_japanese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LAYOUT_TOOL_LANG", raising=False)
    code, out = run("validate", "--spec", "jumin", FAULTY)
    assert code == 1
    assert "結果: 不合格 — エラー 10件、警告 2件（3ファイル、572行）" in out
    assert "在留期間は全角（zenkaku）で記録してください" in out
    assert "JUMIN_KOJIN.csv 86行目（Excel 87行目）" in out
    for english in ("Result", "Findings", "must be", "errors"):
        assert english not in out


def test_lang_en_and_the_environment_give_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LAYOUT_TOOL_LANG", raising=False)
    code, out = run("validate", "--spec", "jumin", FAULTY, "--lang", "en")
    assert code == 1
    assert "Result: FAIL — 10 errors, 2 warnings in 3 files, 572 rows" in out
    assert "在留期間 must be 全角 (zenkaku)" in out
    _, by_env = run("validate", "--spec", "jumin", FAULTY, env={"LAYOUT_TOOL_LANG": "en"})
    assert "Result: FAIL" in by_env


def test_json_keys_and_codes_stay_english_and_message_follows_lang() -> None:
    _, ja = run("validate", "--spec", "jumin", FAULTY, "--format", "json", "--lang", "ja")
    _, en = run("validate", "--spec", "jumin", FAULTY, "--format", "json", "--lang", "en")
    a, b = json.loads(ja), json.loads(en)
    assert [f["code"] for f in a["findings"]] == [f["code"] for f in b["findings"]]
    assert set(a) == set(b) and "made" in a and a["spec"]["provenance"] == "modelled"
    assert a["findings"][0].keys() == b["findings"][0].keys()
    assert any("必須" in f["message"] for f in a["findings"])
    assert any("is required" in f["message"] for f in b["findings"])


def test_singular_counters_in_english(tmp_path: Path) -> None:
    _, out = run("validate", "--spec", "jumin", f"{FAULTY}/JUMIN_IDO_RIREKI.csv", "--lang", "en")
    assert "1 error, 0 warnings in 1 file, 305 rows" in out


def test_a_conversion_says_why_rows_were_rejected_in_either_language(tmp_path: Path) -> None:
    """Transform failures, in the text report and the rejects file: Japanese by default."""
    vendor = str(Path(FAULTY).parents[1] / "vendors" / "kaso-systems" / "kaigo")
    args = ["convert", "--mapping", "kaso-systems/kaigo", vendor]
    code, out = run(*args, "-o", str(tmp_path / "ja"))
    assert code == 1
    ja = "フィールド 要介護度 の値 '要介護6' は、コード対応表 要介護度 にありません"
    assert ja in out
    rejects = tmp_path / "ja" / "conversion" / "KAIGO_NINTEI.rejects.csv"
    assert ja in rejects.read_text(encoding="utf-8-sig")
    code, out = run(*args, "-o", str(tmp_path / "en"), "--lang", "en")
    en = "field 要介護度 '要介護6' is not in code map 要介護度"
    assert code == 1 and en in out and ja not in out
    rejects = tmp_path / "en" / "conversion" / "KAIGO_NINTEI.rejects.csv"
    assert en in rejects.read_text(encoding="utf-8-sig")
