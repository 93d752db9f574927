"""``convert --charset --tags``: {GJ……}/{MJ……} tags become characters, and back again."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from layout_tool.cli.main import cli

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLE = ROOT / "sample_data" / "vendors" / "kaso-systems" / "jumin"
CHARSET = ROOT / "sample_data" / "charsets" / "mjplus-synthetic"
KOJIN = "KSJ_JUMIN_KOJIN.csv"


def test_tags_to_characters_and_back(tmp_path: Path) -> None:
    vendor = tmp_path / "v"
    shutil.copytree(SAMPLE, vendor)
    data = (vendor / KOJIN).read_text(encoding="utf-8-sig")
    planted = data.replace(",仮設,太郎,", ",仮設{GJ000554},{MJ012345}郎,", 1)
    assert planted != data
    (vendor / KOJIN).write_text("\ufeff" + planted, encoding="utf-8")
    std, back = tmp_path / "s", tmp_path / "b"
    base = ["convert", "--mapping", "kaso-systems/jumin", "--charset", str(CHARSET), "--tags"]
    result = CliRunner().invoke(cli, [*base, str(vendor), "-o", str(std)])
    assert result.exit_code in (0, 1), result.output
    out = "".join(p.read_text(encoding="utf-8-sig") for p in std.glob("*.csv"))
    assert "仮設\U00100229" in out and "葛\U000e0102郎" in out
    assert "{GJ000554}" not in out and "{MJ012345}" not in out
    result = CliRunner().invoke(cli, [*base, "--reverse", str(std), "-o", str(back)])
    assert result.exit_code in (0, 1), result.output
    again = (back / KOJIN).read_text(encoding="utf-8-sig")
    assert "仮設{GJ000554},{MJ012345}郎," in again


def test_tags_need_a_charset(tmp_path: Path) -> None:
    args = [
        "convert",
        "--mapping",
        "kaso-systems/jumin",
        "--tags",
        str(SAMPLE),
        "-o",
        str(tmp_path),
    ]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2 and "--tags needs --charset" in result.output


def test_convert_with_a_charset_takes_gj_as_standard(tmp_path: Path) -> None:
    import json

    vendor = tmp_path / "v"
    shutil.copytree(SAMPLE, vendor)
    data = (vendor / KOJIN).read_text(encoding="utf-8-sig")
    (vendor / KOJIN).write_text("\ufeff" + data.replace(",仮設,太郎,", ",仮設\U00100229,太郎,", 1))
    base = ["convert", "--mapping", "kaso-systems/jumin", str(vendor), "--format", "json"]
    gaiji = {}
    for label, extra in (("without", []), ("with", ["--charset", str(CHARSET)])):
        out = tmp_path / label
        result = CliRunner().invoke(cli, [*base, "-o", str(out), *extra])
        assert result.exit_code in (0, 1), result.output
        report = json.loads((out / "conversion" / "report.json").read_text(encoding="utf-8"))
        gaiji[label] = report["summary"]["by_code"].get("gaiji", 0)
    assert gaiji["with"] == gaiji["without"] - 2  # 氏 and 氏名 no longer hold a 外字
