"""Exit-2 errors: one line, ``error: `` and the reason in Japanese by default, English on request.

Usage errors (click's), bad paths, unknown areas and broken mapping files alike; the
``error: `` prefix stays in every language (scripts look for it), the rest follows the language.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from layout_tool.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
FAULTY = str(ROOT / "sample_data" / "faulty" / "jumin")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    err = capsys.readouterr().err
    assert "Traceback" not in err
    code = exit_info.value.code
    return code if isinstance(code, int) else 0, err


CASES = [
    # (arguments, Japanese, English)
    (["validate", FAULTY], "オプション '--spec' を指定してください", "Missing option '--spec'"),
    (["validate", "--spec", "jumin"], "引数 'INPUTS...' を指定してください", "Missing argument"),
    (
        ["validate", "--spec", "jumin", "--bogus", FAULTY],
        "オプション '--bogus' はありません",
        "No such option",
    ),
    (
        ["validate", "--spec", "jumin", "--format", "htm", FAULTY],
        "'--format' の値が正しくありません: 'htm' は 'text', 'json', 'csv', 'html', 'xlsx'"
        " のいずれでもありません",
        "Invalid value for '--format'",
    ),
    (
        ["validate", "--spec", "jumin", "--max-findings", "x", FAULTY],
        "'x' は正しい integer range ではありません",
        "is not a valid integer",
    ),
    (["nosuch"], "コマンド 'nosuch' はありません", "No such command 'nosuch'"),
    (
        ["sample", "jumin", "--rows", "5", "-o", "/tmp/x", "extra"],
        "余分な引数があります（extra）",
        "Got unexpected extra argument (extra)",
    ),
    (
        ["validate", "--spec", "jumin", "/nonexistent/folder"],
        "/nonexistent/folder: そのようなファイルもフォルダもありません",
        "/nonexistent/folder: no such file or folder",
    ),
    (
        ["validate", "--spec", "nosuch", FAULTY],
        "業務 'nosuch' はありません",
        "unknown area 'nosuch'",
    ),
    (
        ["validate", "--spec", "jumin", "--file", "kojn", FAULTY],
        "業務 jumin にファイル 'kojn' はありません（もしかして: kojin",
        "area jumin has no file 'kojn' — did you mean kojin",
    ),
    (
        ["spec", "show", "/nonexistent/x.yaml"],
        "/nonexistent/x.yaml: ファイルがありません",
        "/nonexistent/x.yaml: file not found",
    ),
    (
        ["convert", "--mapping", "/nonexistent/m.yaml", FAULTY, "-o", "/tmp/never"],
        "/nonexistent/m.yaml: ファイルがありません",
        "/nonexistent/m.yaml: file not found",
    ),
    (
        ["validate", "--spec", "jumin", "--select", "requird", FAULTY],
        "不明な指摘コード: requird",
        "unknown finding code(s): requird",
    ),
]


@pytest.mark.parametrize(("args", "ja", "en"), CASES, ids=[" ".join(c[0][:3]) for c in CASES])
def test_exit_2_errors_are_one_japanese_line_and_english_on_request(
    args: list[str],
    ja: str,
    en: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("LAYOUT_TOOL_LANG", raising=False)
    code, err = run(capsys, *args)
    assert code == 2
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert ja in err, err
    code, err = run(capsys, *args, "--lang", "en")
    assert code == 2 and err.startswith("error: ") and err.count("\n") == 1, err
    assert en in err, err
    monkeypatch.setenv("LAYOUT_TOOL_LANG", "en")
    code, err = run(capsys, *args)
    assert en in err, err


def test_a_broken_mapping_file_says_where_in_japanese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LAYOUT_TOOL_LANG", raising=False)
    path = tmp_path / "m.yaml"
    path.write_text(
        "mapping: 1\narea: jumin\nlossless: false\ncolour: red\n"
        "sources:\n  - {id: s, file: A.csv, format: csv, fields: [a]}\n"
        "targets:\n  - {file: kojin, source: s, items: {宛名番号: a}}\n",
        encoding="utf-8",
    )
    code, err = run(capsys, "mapping", "check", str(path))
    assert code == 2 and err.count("\n") == 1
    assert f"{path}:4: 最上位: 不明なキー 'colour'（使えるキー:" in err


def test_usage_errors_name_the_help_to_read(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LAYOUT_TOOL_LANG", raising=False)
    _, err = run(capsys, "validate", FAULTY)
    assert err.rstrip().endswith("（使い方: layout-tool validate --help）")
    _, err = run(capsys, "validate", FAULTY, "--lang", "en")
    assert err.rstrip().endswith("(usage: layout-tool validate --help)")


def test_a_wrong_transform_in_a_mapping_is_said_in_japanese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LAYOUT_TOOL_LANG", raising=False)
    path = tmp_path / "m.yaml"
    path.write_text(
        "mapping: 1\narea: jumin\nlossless: false\n"
        "sources:\n  - {id: s, file: A.csv, format: csv, fields: [a]}\n"
        "targets:\n  - file: kojin\n    source: s\n    items:\n"
        "      宛名番号: {from: a, transforms: [{number: {zfill: true}}]}\n",
        encoding="utf-8",
    )
    code, err = run(capsys, "mapping", "check", str(path))
    assert code == 2 and err.count("\n") == 1
    assert f"{path}:10: 宛名番号: number: zfill には幅が必要です" in err, err
    code, err = run(capsys, "mapping", "check", str(path), "--lang", "en")
    assert f"{path}:10: 宛名番号: number: zfill needs a width" in err, err


def test_what_the_mapping_schema_says_is_japanese_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LAYOUT_TOOL_LANG", raising=False)
    path = tmp_path / "m.yaml"
    path.write_text(
        "mapping: 1\narea: jumin\n"
        "sources:\n  - {id: s, file: A.csv, format: csv, fields: [a]}\n"
        "targets:\n  - {file: kojin, source: s, items: {宛名番号: a}}\n",
        encoding="utf-8",
    )
    code, err = run(capsys, "mapping", "check", str(path))
    assert code == 2 and "最上位: 'lossless' を書いてください（必須）" in err, err
