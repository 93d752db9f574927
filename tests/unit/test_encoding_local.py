"""A few records in another encoding are read and reported; a file in another encoding is
one summary finding (``CsvSource.massive``).

One CP932 record of 60 kanji inside a UTF-8 export has over 100 bytes that do not decode
as UTF-8; counted alone, that once refused the whole file ("nothing converted").
"""

from __future__ import annotations

from pathlib import Path

from layout_tool.io.csvsource import CsvSource
from layout_tool.spec.catalogue import load_area
from layout_tool.validate import Options, validate_paths

KANJI = "試験" * 30  # 60 kanji: 120 CP932 bytes, each one a byte UTF-8 cannot decode


def _export(path: Path, cp932_rows: set[int], rows: int = 36) -> list[str]:
    spec = load_area("jumin")
    names = [i.name for i in spec.file("kojin").items]
    out = (",".join(names) + "\n").encode("utf-8")
    for i in range(rows):
        row = [""] * len(names)
        row[names.index("宛名番号")] = f"{900000000000001 + i}"
        row[names.index("方書")] = KANJI if i in cp932_rows else "見本荘１０１号"
        row[names.index("氏名")] = "見本　太郎"
        line = ",".join(row) + "\n"
        out += line.encode("cp932" if i in cp932_rows else "utf-8")
    path.write_bytes(out)
    return names


def test_one_record_in_cp932_is_read_with_its_findings(tmp_path: Path) -> None:
    path = tmp_path / "JUMIN_KOJIN.csv"
    _export(path, {2})
    source = CsvSource(path)
    assert source.encoding == "utf-8" and source.sample_failures > 100
    assert not source.massive
    report = validate_paths(load_area("jumin"), [path], Options(file_id="kojin"))
    assert report.rows == 36
    encoding = [f for f in report.findings if f.code == "encoding"]
    assert encoding and {f.row for f in encoding} == {3}
    assert report.by_code["encoding"] >= 100  # every bad byte, on that record only


def test_a_file_in_cp932_declared_utf8_is_still_one_summary(tmp_path: Path) -> None:
    path = tmp_path / "JUMIN_KOJIN.csv"
    _export(path, set(range(36)))
    source = CsvSource(path, encoding="utf-8")
    assert source.massive
    report = validate_paths(load_area("jumin"), [path], Options(file_id="kojin", encoding="utf-8"))
    assert report.by_code["encoding"] == 1 and report.rows == 36


def test_the_summary_advises_what_would_read_the_file(tmp_path: Path) -> None:
    """auto already chose UTF-8 by the BOM: only naming cp932 helps; declared: auto helps too."""
    path = tmp_path / "JUMIN_KOJIN.csv"
    _export(path, set(range(36)))
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())  # a BOM before CP932 data
    chosen = CsvSource(path)
    assert chosen.detected.how == "bom" and chosen.massive
    said = str(chosen.encoding_summary().message)
    assert "--encoding cp932" in said and "--encoding auto" not in said, said
    declared = str(CsvSource(path, encoding="utf-8-sig").encoding_summary().message)
    assert "--encoding auto" in declared and "cp932" in declared, declared


def test_one_bad_byte_is_one_finding(tmp_path: Path) -> None:
    """The U+FFFD of a bad byte is no ``type`` fault of its own in the cell it is in."""
    spec = load_area("jumin")
    names = [i.name for i in spec.file("kojin").items]
    row = [""] * len(names)
    row[names.index("宛名番号")] = "900000000000001"
    row[names.index("住民票コード")] = "TEST#27171"  # # marks the bad byte
    line = ",".join(row).encode("cp932").replace(b"#", b"\x80")
    path = tmp_path / "JUMIN_KOJIN.csv"
    path.write_bytes((",".join(names) + "\n").encode("cp932") + line + b"\n")
    report = validate_paths(spec, [path], Options(file_id="kojin", encoding="cp932"))
    cell = [f for f in report.findings if f.item == "住民票コード"]
    assert [f.code for f in cell] == ["encoding"]
