"""Local profiles: the effective spec, severities, and convert's --select/--ignore."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
from click.testing import CliRunner

from layout_tool.cli.main import cli
from layout_tool.profile import effective, load_profile
from layout_tool.profile.triage import Triage
from layout_tool.spec.catalogue import load_area

ROOT = Path(__file__).resolve().parents[2]
M11_CASE = ROOT / "tests" / "cases" / "trust" / "no-check-digit-convert-m11"


def profile(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def checks(
    spec_id: str, text: str | None, tmp_path: Path
) -> dict[tuple[str, str], tuple[str | None, str, bool]]:
    p = load_profile(profile(tmp_path, text)) if text else None
    spec = effective(load_area(spec_id), p)
    return {
        (f.id, i.name): (i.check, i.check_policy, i.required) for f in spec.files for i in f.items
    }


def test_m11_is_off_by_default_and_verified_checks_stay(tmp_path: Path) -> None:
    got = checks("jumin", None, tmp_path)
    assert got[("kojin", "宛名番号")] == (None, "zero", True)
    assert got[("kojin", "個人番号")][0] == "mynumber"
    assert got[("kojin", "市区町村コード")][0] == "lgcode"


def test_a_profile_turns_m11_on_per_item_or_per_file(tmp_path: Path) -> None:
    text = (
        "profile: t\nm11_remainder_1: invalid\nitems:\n"
        "  宛名番号: {check: m11}\n  setai/世帯番号: {check: m11, required: false}\n"
    )
    got = checks("jumin", text, tmp_path)
    assert got[("kojin", "宛名番号")] == ("m11", "invalid", True)
    assert got[("ido_rireki", "宛名番号")][0] == "m11"
    assert got[("setai", "世帯番号")] == ("m11", "invalid", False)
    assert got[("kojin", "世帯番号")][0] is None  # the file-qualified key names setai only


def test_a_profile_turns_a_verified_check_off(tmp_path: Path) -> None:
    got = checks("jumin", "profile: t\nitems:\n  個人番号: {check: off}\n", tmp_path)
    assert got[("kojin", "個人番号")][0] is None


def test_triage_keeps_what_always_rejects() -> None:
    long = pl.DataFrame(
        {
            "code": ["check-digit", "encoding", "code", "type"],
            "item": ["宛名番号", "氏名", "続柄", "本籍"],
            "severity": ["error"] * 4,
        }
    )
    triage = Triage(ignore=frozenset({"check-digit", "encoding"}))
    assert triage(long)["code"].to_list() == ["encoding", "code", "type"]
    triage = Triage(select=frozenset({"code"}), item_severity={"本籍": "warning"})
    assert triage(long)["code"].to_list() == ["encoding", "code"]
    triage = Triage(code_severity={"type": "warning", "encoding": "warning"})
    assert triage(long)["severity"].to_list() == ["error", "error", "error", "warning"]


def test_convert_ignore_lets_rows_with_only_those_findings_through(tmp_path: Path) -> None:
    mapping = str(ROOT / "mappings" / "kaso-systems" / "jumin.yaml")
    args = ["convert", "--mapping", mapping, str(M11_CASE / "input"), "--format", "json"]
    args += ["--profile", str(M11_CASE / "m11.yaml")]
    strict = CliRunner().invoke(cli, [*args, "-o", str(tmp_path / "a")])
    assert strict.exit_code == 1
    data = json.loads(strict.stdout)
    assert data["summary"]["rows_rejected"] == data["summary"]["rows_in"] > 0
    assert data["profile"]["sha256"]
    loose = CliRunner().invoke(cli, [*args, "-o", str(tmp_path / "b"), "--ignore", "check-digit"])
    assert loose.exit_code == 0, loose.stderr
    assert json.loads(loose.stdout)["summary"]["rows_rejected"] == 0


def test_profile_with_convert_spec_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "convert",
            "--spec",
            "jumin",
            str(ROOT / "sample_data" / "handover" / "jumin"),
            "-o",
            str(tmp_path),
            "--ignore",
            "code",
        ],
    )
    assert result.exit_code == 2 and "--ignore works with --mapping" in result.stderr


def test_the_readme_profile_example_loads_and_applies(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("profile: 例市 住民記録 移行 2026")
    example = readme[start : readme.index("```", start)]
    got = checks("jumin", example, tmp_path)
    assert got[("kojin", "宛名番号")][0] == "m11" and got[("kojin", "個人番号")][0] is None


def test_html_and_text_reports_name_the_profile(tmp_path: Path) -> None:
    path = profile(tmp_path, "profile: 例市\n")
    folder = str(ROOT / "sample_data" / "handover" / "jumin")
    args = ["validate", "--spec", "jumin", folder, "--profile", str(path)]
    html = CliRunner().invoke(cli, [*args, "--format", "html"]).stdout
    assert '<p id="profile">' in html and load_profile(path).sha256 in html
    text = CliRunner().invoke(cli, args).stdout
    assert f"{path} (SHA-256 {load_profile(path).sha256})" in text
