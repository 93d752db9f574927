"""Shared helpers for the charset tests: the synthetic MJ+ set and a small MJ+ area."""

from __future__ import annotations

from pathlib import Path

from layout_tool.charset.loader import load_charset
from layout_tool.charset.model import Charset
from layout_tool.charset.setup import char_policy
from layout_tool.report.report import Report
from layout_tool.spec.catalogue import load_area
from layout_tool.validate import Options, validate_paths

ROOT = Path(__file__).resolve().parent.parent
SYNTHETIC = ROOT / "sample_data" / "charsets" / "mjplus-synthetic"
GJ554 = "\U00100229"  # GJ000554 in the synthetic set
GJ555 = "\U00100307"
GJ001 = "\U00100001"  # GJ000001, 代替 ヱ
UNKNOWN16 = "\U0010fff0"  # plane 16, not a GJ character of the set
UNKNOWN15 = "\U000f0123"
VENDOR = "\ue000"  # CP932 user area F040
IVS_OK = "葛\U000e0102"  # registered (MJ012345)
IVS_BAD = "葛\U000e0105"  # not registered

MJ_SPEC = """\
standard: chukan
version: "2.7"
provenance: modelled
charset: mjplus-synthetic
area: {id: mjdemo, name: デモ, number: 902}
files:
  - id: people
    name: 住民
    filename: PEOPLE
    items:
      - {no: 1, name: 番号, type: digits, length: 5, required: true}
      - {no: 2, name: 氏名, type: zenkaku, length: 10}
      - {no: 3, name: 住所, type: text, length: 40}
"""
HEADER = "番号,氏名,住所"


def charset() -> Charset:
    return load_charset(SYNTHETIC)


def validate_mj(
    tmp_path: Path, rows: list[str], *, use_charset: bool = True, count: str | None = None
) -> Report:
    """Validate ``rows`` as PEOPLE.csv of the MJ+ demo area, with or without the charset."""
    (tmp_path / "spec.yaml").write_text(MJ_SPEC, encoding="utf-8")
    path = tmp_path / "PEOPLE.csv"
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    spec = load_area(str(tmp_path / "spec.yaml"))
    chars, notes = char_policy(spec, str(SYNTHETIC) if use_charset else None, count)
    report = validate_paths(spec, [path], Options(chars=chars))
    report.notes[:0] = notes
    return report
