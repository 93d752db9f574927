"""Two spec families: 中間標準 V2.7 (bare ids, as before) and 基本データリスト (``kihon:NNN``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from charset_fixtures import GJ554, SYNTHETIC, UNKNOWN16
from click.testing import CliRunner

from layout_tool.charset.setup import char_policy
from layout_tool.cli.main import cli
from layout_tool.errors import LayoutToolError
from layout_tool.spec.catalogue import catalogue, load_area
from layout_tool.validate import Options, validate_paths

# The wording these tests pin is the English one (--lang en)
pytestmark = pytest.mark.usefixtures("english")

ROOT = Path(__file__).resolve().parent.parent.parent


def test_kihon_catalogue_lists_the_28_areas() -> None:
    entries = catalogue("kihon")
    assert [e.number for e in entries] == list(range(1, 29))
    assert entries[0].name == "住民基本台帳" and entries[0].ref == "kihon:001"
    assert entries[27].name == "子ども・子育て支援"
    assert {e.family for e in entries} == {"kihon"}
    assert [e.id for e in entries if e.spec is not None] == ["jumin"]


@pytest.mark.parametrize("name", ["kihon:001", "kihon:1", "kihon:jumin", "kihon:住民基本台帳"])
def test_family_area_names(name: str) -> None:
    spec = load_area(name)
    assert (spec.standard, spec.number, spec.provenance) == ("kihon", 1, "modelled")
    assert spec.charset == "mjplus" and spec.edition == "第2.1版"
    assert [f.group for f in spec.files] == ["001001", "001002", "001003"]
    assert spec.file("001002").id == "setai"
    assert not any(i.gaiji for f in spec.files for i in f.items)


def test_bare_ids_stay_chukan() -> None:
    assert load_area("jumin").standard == "chukan"
    assert load_area("chukan:jumin") == load_area("jumin")


def test_unknown_family_is_a_usage_error() -> None:
    with pytest.raises(LayoutToolError, match="unknown spec family"):
        load_area("nosuch:001")
    with pytest.raises(LayoutToolError, match="no detailed spec"):
        load_area("kihon:002")


def test_spec_list_per_family() -> None:
    runner = CliRunner()
    default = json.loads(runner.invoke(cli, ["spec", "list", "--format", "json"]).output)
    assert {row["family"] for row in default} == {"chukan"}
    kihon = json.loads(
        runner.invoke(cli, ["spec", "list", "--family", "kihon", "--format", "json"]).output
    )
    assert len(kihon) == 28 and kihon[0]["ref"] == "kihon:001"
    assert kihon[0]["edition"] == "第2.1版" and kihon[0]["files"] == 3
    text = runner.invoke(cli, ["spec", "list"]).output
    assert "other families: kihon" in text


def test_group_must_start_with_the_area_number(tmp_path: Path) -> None:
    text = (ROOT / "specs" / "kihon" / "jumin.yaml").read_text(encoding="utf-8")
    (tmp_path / "s.yaml").write_text(text.replace('group: "001002"', 'group: "002002"'), "utf-8")
    with pytest.raises(LayoutToolError, match="does not start with the 業務 number 001"):
        load_area(str(tmp_path / "s.yaml"))


def _kihon_set(tmp_path: Path, name: str) -> Path:
    """The clean 住民基本台帳 sample as a kihon:001 set, with ``name`` as one 氏."""
    folder = tmp_path / "set"
    folder.mkdir(parents=True)
    spec = load_area("kihon:001")
    for f in spec.files:
        source = ROOT / "sample_data" / "handover" / "jumin" / f"JUMIN_{f.id.upper()}.csv"
        text = source.read_text(encoding="utf-8-sig")
        if f.id == "kojin":
            lines = text.split("\n")
            header = lines[0].split(",")
            cells = lines[1].split(",")
            col = header.index("氏")
            cells[col] = cells[col][:1] + name
            lines[1] = ",".join(cells)
            text = "\n".join(lines)
        (folder / f"{f.group}.csv").write_text(text, encoding="utf-8")
    return folder


def test_done_criterion_gj_passes_with_mjplus_and_fails_without(tmp_path: Path) -> None:
    spec = load_area("kihon:001")
    folder = _kihon_set(tmp_path, GJ554)
    without = validate_paths(spec, [folder], Options())
    assert not without.valid and set(without.by_code) == {"gaiji"}
    chars, _ = char_policy(spec, str(SYNTHETIC))
    with_cs = validate_paths(spec, [folder], Options(chars=chars))
    assert with_cs.valid, with_cs.findings
    unknown = validate_paths(spec, [_kihon_set(tmp_path / "u", UNKNOWN16)], Options(chars=chars))
    assert set(unknown.by_code) == {"charset"}


def test_bundled_kihon_samples_show_the_demo() -> None:
    """sample_data (scripts/make_kihon_sample.py): GJ accepted, plane 15 found."""
    spec = load_area("kihon:001")
    chars, _ = char_policy(spec, str(SYNTHETIC))
    clean = ROOT / "sample_data" / "handover" / "kihon_jumin"
    faulty = ROOT / "sample_data" / "faulty" / "kihon_jumin"
    assert validate_paths(spec, [clean], Options(chars=chars)).valid
    assert dict(validate_paths(spec, [clean], Options()).by_code) == {"gaiji": 2}
    found = validate_paths(spec, [faulty], Options(chars=chars))
    assert dict(found.by_code) == {"charset": 1}
    assert "mjplus-synthetic 0.1" in found.findings[0].message
