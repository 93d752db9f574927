"""``layout-tool convert``: exit codes, where files go, the report, and refusals."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from layout_tool.cli.main import cli
from layout_tool.conversion import convert
from layout_tool.mapping import load_mapping

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_data" / "vendors"
GOLDEN = ROOT / "tests" / "cases" / "convert"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_clean_export_converts_with_exit_0(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copyfile(
        SAMPLES / "kaso-systems/kojin_juminzei/KSJ_KOJIN_KAZEI.csv", src / "KSJ_KOJIN_KAZEI.csv"
    )
    code, out, err = invoke(
        "convert", "--mapping", "kaso-systems/kojin_juminzei", str(src), "-o", str(tmp_path / "out")
    )
    assert code == 0, out + err
    assert "結果: 正常" in out and "rejects.csv" not in out  # Japanese by default
    assert (tmp_path / "out" / "KOJIN_KAZEI_MEISAI.csv").is_file()
    assert not list((tmp_path / "out" / "conversion").glob("*.rejects.csv"))  # none rejected
    report = json.loads((tmp_path / "out" / "conversion" / "report.json").read_text())
    assert report["ok"] is True
    assert report["summary"]["rows_in"] == report["summary"]["rows_out"] > 0


def test_rejected_rows_give_exit_1_and_json_on_stdout(tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    code, out, _ = invoke(
        "convert",
        "--mapping",
        "kakuu-densan/kaigo",
        str(SAMPLES / "kakuu-densan/kaigo"),
        "-o",
        str(out_dir),
        "--format",
        "json",
    )
    assert code == 1
    data = json.loads(out)
    assert data == json.loads((out_dir / "conversion" / "report.json").read_text())
    assert data["direction"] == "forward" and data["ok"] is False
    for f in data["files"]:
        assert f["rows_in"] == f["rows_out"] + f["rows_rejected"]
    assert data["summary"]["by_code"] == {"code": 1, "date": 1, "encoding": 1, "row-shape": 1}
    rejects = (out_dir / "conversion" / "KAIGO_NINTEI.rejects.csv").read_text(encoding="utf-8-sig")
    assert rejects.splitlines()[0].startswith("row,codes,findings,HOKENSHA_NO")
    assert len(rejects.splitlines()) == 1 + 2


def test_output_folder_holds_only_data_files(tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    invoke(
        "convert",
        "--mapping",
        "kaso-systems/jumin",
        str(SAMPLES / "kaso-systems/jumin"),
        "-o",
        str(out_dir),
    )
    assert sorted(p.name for p in out_dir.iterdir()) == [
        "JUMIN_KOJIN.csv",
        "JUMIN_SETAI.csv",
        "conversion",
    ]
    code, out, _ = invoke("validate", "--spec", "jumin", str(out_dir))
    assert "not recognised" not in out
    assert code in (0, 1)


def test_sensitive_values_are_masked(tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    src = tmp_path / "in"
    shutil.copytree(SAMPLES / "kaso-systems/jumin", src)
    path = src / "KSJ_JUMIN_KOJIN.csv"
    text = path.read_text(encoding="utf-8-sig").splitlines()
    fields = text[1].split(",")
    fields[8] = "12345678901X"  # 個人番号 with a letter
    text[1] = ",".join(fields)
    path.write_bytes(b"\xef\xbb\xbf" + ("\r\n".join(text) + "\r\n").encode())
    args = [
        "convert",
        "--mapping",
        "kaso-systems/jumin",
        str(src),
        "-o",
        str(out_dir),
        "--format",
        "json",
    ]
    masked = json.loads(invoke(*args)[1])
    shown = json.loads(invoke(*args, "--show-values")[1])
    values = [f["value"] for f in masked["findings"] if f["item"] == "個人番号"]
    assert values == ["1234********"]
    assert [f["value"] for f in shown["findings"] if f["item"] == "個人番号"] == ["12345678901X"]


def test_reverse_of_a_lossy_mapping_is_refused_with_exit_2(tmp_path: Path) -> None:
    code, _, err = invoke(
        "convert",
        "--mapping",
        str(GOLDEN / "lossy-defaults" / "mapping.yaml"),
        str(GOLDEN / "lossy-defaults" / "out"),
        "-o",
        str(tmp_path / "v"),
        "--reverse",
        "--lang",
        "en",
    )
    assert code == 2
    assert "is lossy" in err and "--reverse" in err and "transform default is lossy" in err
    assert not (tmp_path / "v").exists()


def test_bad_mapping_is_one_line_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "mapping: 1\narea: jumin\nlossless: yes please\nsources: []\ntargets: []\n",
        encoding="utf-8",
    )
    code, _, err = invoke(
        "convert", "--mapping", str(bad), str(tmp_path), "-o", str(tmp_path / "o")
    )
    assert code == 2
    assert err.strip().count("\n") == 0
    assert f"{bad}:3:" in err and "Traceback" not in err


def test_wrong_input_file_is_exit_2_and_nothing_written(tmp_path: Path) -> None:
    stray = tmp_path / "other.csv"
    stray.write_text("a,b\n1,2\n", encoding="utf-8")
    code, _, err = invoke(
        "convert", "--mapping", "kaso-systems/jumin", str(stray), "-o", str(tmp_path / "o")
    )
    assert code == 2 and "マッピングのどの移行元ファイルか分かりません" in err
    assert not (tmp_path / "o").exists()


def test_header_mismatch_is_exit_2(tmp_path: Path) -> None:
    src = tmp_path / "KSJ_JUMIN_SETAI.csv"
    src.write_bytes(b"\xef\xbb\xbf" + "団体コード,世帯コード\r\n990019,1\r\n".encode())
    code, _, err = invoke(
        "convert", "--mapping", "kaso-systems/jumin", str(src), "-o", str(tmp_path / "o")
    )
    assert (
        code == 2 and "header does not match the mapping's fields: missing 世帯主宛名コード" in err
    )


def test_lookup_source_must_be_given(tmp_path: Path) -> None:
    code, _, err = invoke(
        "convert",
        "--mapping",
        "kakuu-densan/jumin",
        str(SAMPLES / "kakuu-densan/jumin/JKKOJIN.DAT"),
        "-o",
        str(tmp_path / "o"),
    )
    assert code == 2 and "移行元 setai を参照します" in err


def test_spec_conversion_refuses_mapping_only_options(tmp_path: Path) -> None:
    for extra in (["--reverse"], ["--gaiji-map", str(SAMPLES / "kakuu-densan/gaiji.csv")]):
        code, _, err = invoke("convert", "--spec", "jumin", str(tmp_path), "-o",
                              str(tmp_path / "o"), "--to", "xml", *extra)  # fmt: skip
        assert code == 2 and f"{extra[0]} works with --mapping" in err


def test_reverse_round_trip_through_the_cli(tmp_path: Path) -> None:
    std, back = tmp_path / "std", tmp_path / "back"
    source = SAMPLES / "kakuu-densan/kojin_juminzei"
    invoke("convert", "--mapping", "kakuu-densan/kojin_juminzei", str(source), "-o", str(std))
    code, out, _ = invoke(
        "convert",
        "--mapping",
        "kakuu-densan/kojin_juminzei",
        str(std),
        "-o",
        str(back),
        "--reverse",
    )
    assert code == 0, out
    report = json.loads((std / "conversion" / "report.json").read_text())
    rejected = {f["source"]: f for f in report["files"]}
    original = (source / "KZMEISAI.DAT").read_bytes()
    assert rejected["meisai"]["rows_rejected"] == 0
    assert (back / "KZMEISAI.DAT").read_bytes() == original
    nozei = (source / "KZNOZEI.DAT").read_bytes().split(b"\r\n")
    kept = [r for i, r in enumerate(nozei, start=1) if i != 3 and r]
    assert (back / "KZNOZEI.DAT").read_bytes() == b"".join(r + b"\r\n" for r in kept)


def test_library_and_cli_agree(tmp_path: Path) -> None:
    mapping = load_mapping("kaso-systems/kaigo")
    report = convert(mapping, [SAMPLES / "kaso-systems/kaigo"], tmp_path / "lib")
    _, out, _ = invoke(
        "convert",
        "--mapping",
        "kaso-systems/kaigo",
        str(SAMPLES / "kaso-systems/kaigo"),
        "-o",
        str(tmp_path / "lib"),
        "--format",
        "json",
    )
    data = json.loads(out)
    assert data == json.loads(json.dumps(report.to_dict(), ensure_ascii=False))


def test_gaiji_map_replaces_what_the_table_names(tmp_path: Path) -> None:
    table = SAMPLES / "kakuu-densan" / "gaiji.csv"
    out_dir = tmp_path / "out"
    code, out, err = invoke(
        "convert",
        "--mapping",
        "kakuu-densan/jumin",
        str(SAMPLES / "kakuu-densan/jumin"),
        "-o",
        str(out_dir),
        "--gaiji-map",
        str(table),
        "--format",
        "json",
    )
    assert code == 1, out + err  # the planted rejects stay rejected
    report = json.loads(out)
    assert report["gaiji_map"] == {"path": str(table), "entries": 1}
    kojin = next(f for f in report["files"] if f["file_id"] == "kojin")
    assert kojin["gaiji_mapped"] == 1
    text = (out_dir / "JUMIN_KOJIN.csv").read_text(encoding="utf-8")
    assert "\ue000" not in text and "葛\U000e0100" in text
    assert "\ue001" in text  # not in the table: kept, and still a gaiji warning
    gaiji = [f for f in report["findings"] if f["code"] == "gaiji"]
    assert gaiji and all(f["value"] and "\ue001" in f["value"] for f in gaiji)
    # The inventory of the output lists only what the table left.
    args = ["gaiji", str(out_dir), "--map", str(table), "--format", "json"]
    result = CliRunner().invoke(cli, args, standalone_mode=False)  # as `main` runs it
    assert result.return_value == 1  # some 外字 remain unmapped
    listed = json.loads(result.stdout)["characters"]
    assert [c["codepoints"] for c in listed] == ["U+E001"]


def test_gaiji_map_that_cannot_be_reversed_is_a_usage_error(tmp_path: Path) -> None:
    table = tmp_path / "gaiji.csv"
    table.write_text("source,target\nU+E000,髙\nU+E001,髙\n", encoding="utf-8")
    std = tmp_path / "std"
    convert(load_mapping("kaso-systems/kaigo"), [SAMPLES / "kaso-systems/kaigo"], std)
    code, out, err = invoke(
        "convert", "--mapping", "kaso-systems/kaigo", "--reverse", str(std), "-o",
        str(tmp_path / "back"), "--gaiji-map", str(table),
    )  # fmt: skip
    assert code == 2, out + err
    assert err.strip().endswith(f"{table}:3: target U+9AD9 is also the target of line 2:"
                                " --reverse cannot tell which source to write")  # fmt: skip
    assert "Traceback" not in err and not (tmp_path / "back").exists()


def test_broken_gaiji_map_is_a_usage_error(tmp_path: Path) -> None:
    table = tmp_path / "gaiji.csv"
    table.write_text("source,target\nU+E000,\n", encoding="utf-8")
    code, _, err = invoke(
        "convert", "--mapping", "kaso-systems/kaigo", str(SAMPLES / "kaso-systems/kaigo"),
        "-o", str(tmp_path / "out"), "--gaiji-map", str(table),
    )  # fmt: skip
    assert code == 2
    assert f"{table}:2: source 'U+E000' has no target" in err


def test_cli_default_max_findings_is_the_library_default() -> None:
    from layout_tool.cli.convert_cmd import convert_cmd
    from layout_tool.conversion import ConvertOptions
    from layout_tool.findings import DEFAULT_MAX_FINDINGS

    [option] = [p for p in convert_cmd.params if p.name == "max_findings"]
    assert option.default == ConvertOptions().max_findings == DEFAULT_MAX_FINDINGS
