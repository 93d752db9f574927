"""`mapping init` (name matching, guessed rules) and `mapping check`."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from layout_tool.cli.main import cli
from layout_tool.mapping import load_mapping
from layout_tool.mapping.draft import draft
from layout_tool.mapping.match import normalise, score

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location(
    "golden_init", ROOT / "scripts" / "make_golden_init.py"
)
assert _spec is not None and _spec.loader is not None
golden_init = importlib.util.module_from_spec(_spec)
sys.modules["golden_init"] = golden_init
_spec.loader.exec_module(golden_init)


@pytest.mark.parametrize(
    ("field", "item", "matches"),
    [
        ("住所_市区町村コード", "住所市区町村コード", True),
        ("氏_フリガナ", "氏フリガナ", True),
        ("氏名かな", "氏名フリガナ", True),
        ("ｼﾒｲｶﾅ", "氏名カナ", False),
        ("処理日", "処理年月日", True),
        ("団体コード", "市区町村コード", True),
        ("宛名コード", "宛名番号", True),
        ("宛名CD", "宛名番号", True),
        ("国籍_地域", "国籍・地域", True),
        ("氏名_アルファベット", "氏名（アルファベット）", True),
        ("在留期間_満了日", "在留期間の満了の日", True),
        ("最新", "最新フラグ", True),
        ("住所_方書", "方書", True),
        ("氏", "氏名", False),
        ("宛名番号", "世帯主の宛名番号", True),
        ("世帯_人数", "世帯員数", True),
        ("予備1", "備考", False),
    ],
)
def test_name_matching(field: str, item: str, matches: bool) -> None:
    assert (score(field, item)[0] > 0) is matches, (normalise(field), normalise(item))


def test_better_names_win() -> None:
    assert (
        score("世帯_世帯主宛名番号", "世帯主の宛名番号")[0]
        > score("宛名番号", "世帯主の宛名番号")[0]
    )
    assert (
        score("住所_市区町村コード", "住所市区町村コード")[0]
        > score("団体コード", "住所市区町村コード")[0]
    )
    assert score("世帯番号", "世帯番号")[0] > score("異動前_世帯番号", "世帯番号")[0]


@pytest.mark.parametrize("name", golden_init.EXPORTS)
def test_drafts_are_golden(name: str) -> None:
    mapping = load_mapping(name)
    text = draft(mapping.area, golden_init.exports(name)).replace(str(ROOT) + "/", "")
    assert text == golden_init.golden(name).read_text(encoding="utf-8"), (
        "rerun scripts/make_golden_init.py if the change is meant"
    )


def _rate(name: str, tmp_path: Path) -> tuple[int, int, list[str]]:
    """(items matched as the finished mapping maps them, items it maps from fields, wrong)."""
    finished = load_mapping(name)
    path = tmp_path / "draft.yaml"
    path.write_text(draft(finished.area, golden_init.exports(name)), encoding="utf-8")
    drafted = load_mapping(path)  # the draft loads as it is
    right, total, wrong = 0, 0, []
    for t in finished.targets:
        dt = next((x for x in drafted.targets if x.file.id == t.file.id), None)
        for rule in t.rules:
            if rule.kind not in ("from", "join", "split"):
                continue
            total += 1
            guess = dt.rule_for(rule.item.name) if dt is not None else None
            got = set(guess.fields) if guess is not None else set()
            if got and got <= set(rule.fields):
                right += 1
            elif got:
                wrong.append(
                    f"{t.file.id}.{rule.item.name}: {sorted(got)} not {sorted(rule.fields)}"
                )
    return right, total, wrong


@pytest.mark.parametrize("name", golden_init.EXPORTS)
def test_init_matches_most_of_the_finished_mapping(name: str, tmp_path: Path) -> None:
    right, total, wrong = _rate(name, tmp_path)
    print(f"{name}: {right}/{total} = {right / total:.0%}")
    assert wrong == []
    assert right / total >= 0.8


def test_init_and_check_on_the_command_line(tmp_path: Path) -> None:
    export = ROOT / "sample_data" / "vendors" / "shisaku-data" / "jumin" / "JUMIN_ICHIRAN.csv"
    out = tmp_path / "draft.yaml"
    runner = CliRunner()
    result = runner.invoke(cli, ["mapping", "init", "--area", "jumin", str(export), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "unknown_flag: 生年月日_不詳フラグ" in out.read_text(encoding="utf-8")
    result = runner.invoke(cli, ["mapping", "check", str(out), str(export), "--lang", "en"])
    assert result.exit_code == 1
    assert "required item 異動連番 has no rule" in result.output
    result = runner.invoke(cli, ["mapping", "check", str(out), str(export)])  # Japanese first
    assert "必須項目 異動連番 に規則がありません" in result.output
    assert "required item" not in result.output
    result = runner.invoke(cli, ["mapping", "check", "shisaku-data/jumin", str(export)])
    assert result.exit_code == 0, result.output
    assert "101フィールド中 93フィールドを使用" in result.output


def test_check_finds_code_values_the_map_misses(tmp_path: Path) -> None:
    folder = ROOT / "sample_data" / "vendors" / "kakuu-densan" / "jumin"
    args = ["mapping", "check", "kakuu-densan/jumin", str(folder), "--lang", "en"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert "kojin.続柄: the code map has no entry for '77'" in result.output
    result = CliRunner().invoke(cli, args[:-2])
    assert "kojin.続柄: コード対応表に '77' がありません" in result.output


def test_unquoted_code_gets_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        'mapping: 1\narea: jumin\nlossless: false\ncodes:\n  性別: {map: {"M": 001}}\n'
        "sources:\n  - {id: s, file: A.csv, format: csv, fields: [a]}\n"
        "targets:\n  - {file: kojin, source: s, items: {宛名番号: a}}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["mapping", "check", str(path), "--lang", "en"])
    assert result.exit_code == 2
    assert 'quote it: "001"' in str(result.exception or "") + result.output


def test_check_warns_about_groups_pick_cannot_serve(tmp_path: Path) -> None:
    text = (ROOT / "mappings" / "shisaku-data" / "jumin.yaml").read_text(encoding="utf-8")
    path = tmp_path / "m.yaml"
    text = text.replace("      - first\n", "").replace(
        '      - where: {最新フラグ: "1", 続柄: "2"}\n', ""
    )
    path.write_text(text, encoding="utf-8")
    export = ROOT / "sample_data" / "vendors" / "shisaku-data" / "jumin"
    result = CliRunner().invoke(cli, ["mapping", "check", str(path), str(export), "--lang", "en"])
    assert result.exit_code == 1
    assert "setai: 2 groups of 世帯番号" in result.output  # the 世帯 whose members all left


def test_the_draft_speaks_the_language_of_the_run(tmp_path: Path) -> None:
    """The draft's comments (the evidence for every guess) are Japanese by default."""
    export = ROOT / "sample_data" / "vendors" / "shisaku-data" / "jumin" / "JUMIN_ICHIRAN.csv"
    runner = CliRunner()
    ja, en = tmp_path / "ja.yaml", tmp_path / "en.yaml"
    for out, extra in ((ja, []), (en, ["--lang", "en"])):
        args = ["mapping", "init", "--area", "jumin", str(export), "-o", str(out), *extra]
        assert runner.invoke(cli, args).exit_code == 0
    ja_text, en_text = ja.read_text(encoding="utf-8"), en.read_text(encoding="utf-8")
    assert "# `layout-tool mapping init` が書いた下書きです" in ja_text
    assert "名前: 同じ名前" in ja_text and "name: same name" not in ja_text
    assert "# A DRAFT written by `layout-tool mapping init`" in en_text
    assert "name: same name" in en_text

    # the rules themselves are the same YAML in both languages (the name aside)
    def rules(text: str) -> list[str]:
        return [line.split("  #")[0] for line in text.splitlines()
                if not line.startswith(("#", "name:"))]  # fmt: skip

    assert rules(ja_text) == rules(en_text)
