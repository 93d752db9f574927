"""The XML reader: values, structure findings located by row, line and XPath, and the frame."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

import polars as pl
import pytest

from layout_tool.findings import Finding
from layout_tool.sample import generate
from layout_tool.spec.catalogue import load_area
from layout_tool.spec.model import AreaSpec
from layout_tool.xml.reader import XmlSource
from layout_tool.xml.writer import XmlWriter
from layout_tool.xml.xsd import namespace

KAIGO = load_area("kaigo")
NS = namespace(KAIGO)
ROOT_START = f'<移行データ xmlns="{NS}" area="kaigo" version="2.7">'


def records(spec: AreaSpec, file_id: str, rows: int, seed: int = 3) -> list[str]:
    """Valid record lines as the writer writes them."""
    frame = generate(spec, rows, seed, file_id)[file_id]
    out = io.BytesIO()
    writer = XmlWriter(out, spec, spec.file(file_id))
    writer.write(frame)
    writer.close()
    return out.getvalue().decode().split("\n")[3:-3]


HIHO = records(KAIGO, "hihokensha", 6)
KATAGAKI = "<方書>[^<]*</方書>|<方書/>"
SHUTOKU = "<資格取得事由>[^<]*</資格取得事由>|<資格取得事由/>"  # required


def document(body: str, root: str = ROOT_START) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{root}\n{body}\n</移行データ>\n'.encode()


def hiho(lines: list[str]) -> bytes:
    return document("<hihokensha>\n" + "\n".join(lines) + "\n</hihokensha>")


def read(
    tmp_path: Path, data: bytes, **kw: object
) -> tuple[XmlSource, dict[str, pl.DataFrame], list[Finding]]:
    path = tmp_path / "doc.xml"
    path.write_bytes(data)
    source = XmlSource(KAIGO, path, **kw)  # type: ignore[arg-type]
    frames: dict[str, pl.DataFrame] = {}
    findings: list[Finding] = []
    for section in source.sections():
        parts = []
        for batch in section.batches:
            parts.append(batch.frame)
            findings += batch.findings
        frames[section.file.id] = pl.concat(parts) if parts else pl.DataFrame()
    return source, frames, findings + source.findings


def test_valid_document_reads_every_value_with_rows_and_lines(tmp_path: Path) -> None:
    source, frames, findings = read(tmp_path, hiho(HIHO))
    expected = generate(KAIGO, 6, 3, "hihokensha")["hihokensha"]
    frame = frames["hihokensha"]
    assert findings == []
    assert frame["__row"].to_list() == [1, 2, 3, 4, 5, 6]
    got = frame.drop("__row")
    got.columns = expected.columns
    assert got.equals(expected)
    assert list(source.lines["hihokensha"]) == [4, 5, 6, 7, 8, 9]
    assert source.sha256 == hashlib.sha256((tmp_path / "doc.xml").read_bytes()).hexdigest()
    assert source.encoding == "utf-8" and source.detected_by == "xml declaration"


def test_small_batches_keep_rows_continuous(tmp_path: Path) -> None:
    path = tmp_path / "doc.xml"
    path.write_bytes(hiho(HIHO))
    source = XmlSource(KAIGO, path, batch_records=4)
    sizes, rows = [], []
    for section in source.sections():
        for batch in section.batches:
            sizes.append(batch.records)
            rows += batch.frame["__row"].to_list()
    assert sizes == [4, 2] and rows == [1, 2, 3, 4, 5, 6]


def test_omitted_optional_items_prefixes_cdata_and_comments_read_right(tmp_path: Path) -> None:
    first = re.sub(KATAGAKI, "", HIHO[0])  # an optional item left out
    second = re.sub(KATAGAKI, "<方書>@</方書>", HIHO[1])
    second = second.replace("</", "\0").replace("<", "<t:").replace("\0", "</t:")
    second = second.replace("@", "a<!-- not text --><![CDATA[<&>]]>&amp;&#13;")
    body = f"<hihokensha>\n{first}\n<?pi x?>{second}\n</hihokensha>"
    root = f'<移行データ xmlns="{NS}" xmlns:t="{NS}" area="kaigo" version="2.7">'
    _, frames, findings = read(tmp_path, document(body, root))
    assert findings == []
    assert frames["hihokensha"]["c9"].to_list() == [None, "a<&>&\r"]


@pytest.mark.parametrize(
    ("pattern", "replacement", "item", "path", "words"),
    [
        ("<性別>", "<junk/><性別>", None, "/junk", "not expected"),
        (KATAGAKI, "<方書><b/></方書>", "方書", "/方書", "Element content is not allowed"),
        (KATAGAKI, '<方書 a="1"/>', "方書", "/方書", "attribute 'a'"),
        (KATAGAKI, "<方書/>x", None, "", "Character content"),
        (SHUTOKU, "", "資格取得事由", "/資格変更年月日", "Expected is ( 資格取得事由 )"),
        (f"(?:{SHUTOKU}).*</レコード>", "</レコード>", "資格取得事由", "", "Missing child"),
    ],
)
def test_structure_problems_are_xsd_findings_with_row_line_and_xpath(
    tmp_path: Path, pattern: str, replacement: str, item: str | None, path: str, words: str
) -> None:
    bad = re.sub(pattern, replacement, HIHO[2], count=1)
    assert bad != HIHO[2]
    _, frames, findings = read(tmp_path, hiho([*HIHO[:2], bad, *HIHO[3:]]))
    xsd = [f for f in findings if f.code == "xsd"]
    assert len(xsd) == 1, xsd
    f = xsd[0]
    assert (f.row, f.line, f.file_id, f.item) == (3, 6, "hihokensha", item)
    assert f.xpath == f"/移行データ/hihokensha/レコード[3]{path}"
    assert words in f.text("en") and "{urn" not in f.text("en")
    assert frames["hihokensha"].height == 6  # the record is still read (and its values)


def test_misordered_items_are_a_structure_finding(tmp_path: Path) -> None:
    first, second = re.findall(
        "<保険者番号>[^<]*</保険者番号>|<被保険者番号>[^<]*</被保険者番号>", HIHO[0]
    )
    swapped = HIHO[0].replace(first + second, second + first)
    _, _, findings = read(tmp_path, hiho([swapped]))
    assert [(f.code, f.row, f.item, f.xpath) for f in findings] == [
        ("xsd", 1, "被保険者番号", "/移行データ/hihokensha/レコード[1]/被保険者番号")
    ]


def test_what_stands_between_records_is_reported(tmp_path: Path) -> None:
    lines = [HIHO[0], "stray text", "<other>x</other>", HIHO[1]]
    _, frames, findings = read(tmp_path, hiho(lines))
    messages = sorted((f.line, f.text("en")) for f in findings)
    assert messages == [
        (4, "unexpected text in hihokensha"),
        (6, "unexpected element other in hihokensha"),
    ]
    assert frames["hihokensha"]["__row"].to_list() == [1, 2]
    assert all(f.xpath == "/移行データ/hihokensha" for f in findings)


def test_root_attributes_are_checked(tmp_path: Path) -> None:
    root = f'<移行データ xmlns="{NS}" version="2.6" extra="1">'
    _, _, findings = read(tmp_path, document("<hihokensha/>", root))
    assert sorted(f.text("en") for f in findings) == [
        "attribute area (= kaigo) is missing",
        "attribute extra is not allowed",
        "attribute version is '2.6', must be '2.7'",
    ]


def test_file_elements_order_repeats_unknown_and_stray_records(tmp_path: Path) -> None:
    nintei = records(KAIGO, "nintei", 2)
    body = "\n".join(
        [
            "<nintei>", *nintei, "</nintei>",
            "<hihokensha>", HIHO[0], "</hihokensha>",
            "<hihokensha>", HIHO[1], "</hihokensha>",
            "<unknown>", HIHO[2], "</unknown>",
            HIHO[3],
        ]
    )  # fmt: skip
    _, frames, findings = read(tmp_path, document(body))
    assert set(frames) == {"nintei", "hihokensha"}
    assert frames["hihokensha"].height == 1 and frames["nintei"].height == len(nintei)
    messages = sorted(f.text("en") for f in findings)
    assert messages == [
        "file element hihokensha appears again; its records are not read",
        "file element hihokensha comes after nintei: the schema's order is hihokensha,"
        " nintei, fuka",
        "unexpected element unknown",
        "レコード inside unknown, not inside a file element; not read",
        "レコード inside 移行データ, not inside a file element; not read",
    ]


def test_file_selection_reads_one_file_and_notes_the_others(tmp_path: Path) -> None:
    nintei = records(KAIGO, "nintei", 2)
    body = "\n".join(["<hihokensha>", *HIHO, "</hihokensha>", "<nintei>", *nintei, "</nintei>"])
    source, frames, findings = read(tmp_path, document(body), file_id="nintei")
    assert list(frames) == ["nintei"] and findings == []
    assert source.notes == [
        f"{tmp_path / 'doc.xml'}: file element hihokensha not checked (--file nintei)"
    ]


def test_a_parse_error_keeps_the_records_before_it(tmp_path: Path) -> None:
    data = hiho(HIHO)
    cut = data.index(HIHO[4].encode()) + 40
    source, frames, findings = read(tmp_path, data[:cut])
    assert frames["hihokensha"].height == 4
    assert [(f.code, f.line) for f in findings] == [("xsd", 8)]
    assert findings[0].text("en").startswith("not well-formed XML: ")
    assert source.stopped
    assert source.sha256 == hashlib.sha256(data[:cut]).hexdigest()


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "not an XML document"),
        (b"a,b\n1,2\n", "not well-formed"),
        (b"<a>" * 300 + b"</a>" * 300, "nested deeper than 256"),
        ("<移行データ>".encode(), "without a namespace"),
        (b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', "DOCTYPE"),
        ('\ufeff<!DOCTYPE x SYSTEM "http://127.0.0.1:9/x"><x/>'.encode("utf-16"), "DOCTYPE"),
    ],
)
def test_documents_that_are_not_read(tmp_path: Path, data: bytes, words: str) -> None:
    _, frames, findings = read(tmp_path, data)
    assert frames == {}
    assert len(findings) == 1 and words in findings[0].text("en")
    assert findings[0].code == "xsd"


def test_a_doctype_after_a_long_prolog_is_still_refused(tmp_path: Path) -> None:
    prolog = "<!--" + "x" * (1 << 21) + "-->\n"
    data = (prolog + '<!DOCTYPE r [<!ENTITY a "b">]>\n').encode() + hiho(HIHO[:1]).split(b"\n", 1)[
        1
    ]
    source, frames, findings = read(tmp_path, data)
    assert frames == {} and source.stopped
    assert ["DOCTYPE" in f.text("en") for f in findings] == [True]


def test_undecodable_bytes_are_an_encoding_finding(tmp_path: Path) -> None:
    data = hiho(HIHO).replace("<氏名>".encode(), "<氏名>".encode() + b"\xff", 1)
    _, _, findings = read(tmp_path, data)
    assert [f.code for f in findings] == ["encoding"]


def test_a_declared_legacy_encoding_is_read(tmp_path: Path) -> None:
    text = hiho(HIHO[:2]).decode().replace('encoding="UTF-8"', 'encoding="Shift_JIS"')
    source, frames, findings = read(tmp_path, text.encode("cp932"))
    assert findings == [] and frames["hihokensha"].height == 2
    assert source.encoding == "shift_jis"


def test_lines_past_65535_are_right_or_absent_never_capped(tmp_path: Path) -> None:
    empty = re.sub(r"<([^<>/]+)>[^<]*</\1>", r"<\1/>", HIHO[1])  # no text at all
    junked = re.sub(KATAGAKI, '<方書 a="1"/>', HIHO[0])
    lines = [*[""] * 70_000, junked, empty]
    source, _, findings = read(tmp_path, hiho(lines))
    first = 70_004  # declaration, root, file element, 70,000 blank lines
    assert list(source.lines["hihokensha"]) == [first, 0]  # 0: libxml2 cannot tell
    [attribute] = [f for f in findings if "attribute" in f.text("en")]
    assert attribute.line == first
    assert all(f.line != 65535 for f in findings)
