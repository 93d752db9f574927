"""validate --charset / --length-count through the CLI, on CSV and on the XML form."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from layout_tool.cli.main import cli

ROOT = Path(__file__).resolve().parent.parent.parent
CHARSET = str(ROOT / "sample_data" / "charsets" / "mjplus-synthetic")
CLEAN = str(ROOT / "sample_data" / "handover" / "kihon_jumin")
FAULTY = str(ROOT / "sample_data" / "faulty" / "kihon_jumin")


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_exit_codes_with_and_without_the_charset() -> None:
    code, out = invoke("validate", "--spec", "kihon:001", CLEAN, "--charset", CHARSET, "-f", "json")
    assert code == 2  # -f is not an option: a usage error, nothing checked
    code, out = invoke("validate", "--spec", "kihon:001", CLEAN, "--charset", CHARSET,
                       "--format", "json")  # fmt: skip
    doc = json.loads(out)
    assert code == 0 and doc["valid"] and doc["charset"]["version"] == "0.1"
    code, out = invoke("validate", "--spec", "kihon:001", CLEAN, "--format", "json")
    assert code == 1 and json.loads(out)["summary"]["by_code"] == {"gaiji": 2}
    assert "charset" not in json.loads(out)
    code, out = invoke("validate", "--spec", "kihon:001", FAULTY, "--charset", CHARSET)
    assert code == 1 and "charset" in out and "mjplus-synthetic 0.1" in out


def test_missing_charset_is_exit_2(tmp_path: Path) -> None:
    code, out = invoke("validate", "--spec", "kihon:001", CLEAN, "--charset", str(tmp_path))
    assert code == 2 and "not found" in out


def test_length_count_option() -> None:
    """The same set counted three ways: in bytes, 住所都道府県 (桁数 5) is too long."""
    counts = {}
    for count in ("codepoints", "bytes:cp932", "bytes:utf-8"):
        code, out = invoke("validate", "--spec", "kihon:001", CLEAN, "--charset", CHARSET,
                           "--length-count", count, "--format", "json")  # fmt: skip
        doc = json.loads(out)
        counts[count] = doc["summary"]["by_code"].get("length", 0)
        assert code == (1 if counts[count] else 0)
        for finding in doc["findings"]:
            assert finding["code"] == "length" and count in finding["message"]
    assert counts["codepoints"] == 0 < counts["bytes:cp932"] <= counts["bytes:utf-8"]


def test_charset_findings_in_the_xml_form(tmp_path: Path) -> None:
    xml = tmp_path / "xml"
    code, out = invoke("convert", "--spec", "kihon:001", FAULTY, "-o", str(xml), "--to", "xml")
    assert code == 0, out
    code, out = invoke("validate", "--spec", "kihon:001", str(xml), "--charset", CHARSET,
                       "--format", "json")  # fmt: skip
    doc = json.loads(out)
    assert code == 1 and doc["summary"]["by_code"] == {"charset": 1}
    assert doc["findings"][0]["xpath"]
