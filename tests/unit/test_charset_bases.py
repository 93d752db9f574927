"""JIS X 0208 / 0213 sets for older specs, and a closed MJ+ set: characters outside them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from charset_fixtures import MJ_SPEC, SYNTHETIC

from layout_tool.charset.loader import load_charset
from layout_tool.charset.policy import CharPolicy
from layout_tool.spec.catalogue import load_area
from layout_tool.validate import Options, validate_paths


def jis_set(tmp_path: Path, base: str) -> Path:
    folder = tmp_path / base
    folder.mkdir()
    (folder / "charset.yaml").write_text(
        f'charset: {base}\nname: {base}\nversion: "1"\nsource: Python codecs\nbase: {base}\n',
        encoding="utf-8",
    )
    return folder


def charset_findings(tmp_path: Path, charset: Path, name: str) -> int:
    (tmp_path / "spec.yaml").write_text(MJ_SPEC, encoding="utf-8")
    data = tmp_path / "PEOPLE.csv"
    data.write_text(f"番号,氏名,住所\n99991,{name},\n", encoding="utf-8")
    spec = load_area(str(tmp_path / "spec.yaml"))
    options = Options(chars=CharPolicy(charset=load_charset(charset)))
    return validate_paths(spec, [data], options).by_code.get("charset", 0)


@pytest.mark.parametrize(
    ("name", "in_0208", "in_0213"),
    [
        ("山田　花子", True, True),
        ("﨑山", False, True),  # U+FA11: JIS X 0213 only
        ("①号", False, True),
        ("髙橋", False, False),  # U+9AD9: a CP932 (IBM) extension, in neither
        ("𠮷田", False, False),
    ],
)
def test_jis_sets(tmp_path: Path, name: str, in_0208: bool, in_0213: bool) -> None:
    for base, inside in (("jisx0208", in_0208), ("jisx0213", in_0213)):
        found = charset_findings(tmp_path, jis_set(tmp_path, base), name)
        assert found == (0 if inside else 1), (base, name)
        shutil.rmtree(tmp_path / base)


def test_closed_mj_set_judges_ideographs_only(tmp_path: Path) -> None:
    closed = tmp_path / "closed"
    shutil.copytree(SYNTHETIC, closed)
    text = (closed / "charset.yaml").read_text(encoding="utf-8")
    (closed / "charset.yaml").write_text(text + "closed: true\n", encoding="utf-8")
    assert charset_findings(tmp_path, closed, "一葛ヱＡ") == 0  # MJ bases, kana, Latin
    assert charset_findings(tmp_path, closed, "山") == 1  # not in the (tiny) MJ table
    assert charset_findings(tmp_path, SYNTHETIC, "山") == 0  # not closed: not judged
