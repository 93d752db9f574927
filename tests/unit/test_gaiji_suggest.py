"""``gaiji --suggest``: candidates with their evidence category, listed and never applied."""

from __future__ import annotations

import json
from pathlib import Path

from charset_fixtures import GJ001, SYNTHETIC, charset
from click.testing import CliRunner

from layout_tool.cli.main import cli

SHRINK = {
    "content": [
        {
            "MJ文字図形名": "MJ012345",
            "JIS包摂規準・UCS統合規則": [{"JISX0213": "1-19-71", "UCS": "U+845B"}],
            "辞書類等による関連字": [],
        },
        {"MJ文字図形名": "MJ054321", "法務省告示582号別表第四": [{"UCS": "U+9AD8"}]},
    ]
}


def test_suggest_lists_candidates_and_changes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "PEOPLE.csv"
    text = f"番号,氏名\n99991,\ue000山\n99992,{GJ001}川\n99993,{{MJ054321}}橋\n"
    data.write_text(text, encoding="utf-8")
    table = tmp_path / "gaiji.csv"
    table.write_text("source,target,mj\nU+E000,U+845B U+E0102,MJ012345\n", encoding="utf-8")
    shrink = tmp_path / "shrink.json"
    shrink.write_text(json.dumps(SHRINK, ensure_ascii=False), encoding="utf-8")
    args = ["gaiji", str(data), "--map", str(table), "--suggest", str(shrink)]
    args += ["--charset", str(SYNTHETIC), "--format", "json"]
    result = CliRunner().invoke(cli, args)
    doc = json.loads(result.output)
    by_source = {s["source"]: s for s in doc["suggestions"]}
    kuzu = by_source["\ue000"]
    assert kuzu["mj"] == "MJ012345"
    assert kuzu["candidates"] == [
        {"character": "葛", "codepoints": "U+845B", "category": "JIS包摂規準・UCS統合規則"}
    ]
    assert by_source["{MJ054321}"]["candidates"][0]["character"] == "高"
    assert GJ001 not in by_source  # a standard character with the charset: not inventoried
    assert data.read_text(encoding="utf-8") == text  # nothing applied
    text_out = CliRunner().invoke(cli, args[:-2]).output
    assert "never applied" in text_out and "JIS包摂規準" in text_out


def test_bad_shrink_map_is_a_usage_error(tmp_path: Path) -> None:
    data = tmp_path / "a.csv"
    data.write_text("x\n1\n", encoding="utf-8")
    bad = tmp_path / "s.json"
    bad.write_text('[{"x": 1}]', encoding="utf-8")
    result = CliRunner().invoke(cli, ["gaiji", str(data), "--suggest", str(bad)])
    assert result.exit_code == 2 and "names no MJ文字図形名" in result.output


def test_gj_fallback_is_a_candidate() -> None:
    from layout_tool.gaiji.suggest import suggest

    found = suggest([GJ001, "\ue000"], {}, None, charset())
    assert [s.source for s in found] == [GJ001]
    assert found[0].candidates[0].character == "ヱ"
    assert "代替" in found[0].candidates[0].category
