"""Write the hostile XML corpus: tests/cases/hostile_xml/<case>.xml and expected.json.

    python scripts/make_hostile_xml.py [OUTDIR]

Every case is a document given to ``layout-tool validate --spec kaigo``; expected.json says
what must happen: the exit code, the finding codes and a piece of the first finding's
message. Each must be decided quickly (the test allows 2 s) and never print a traceback.
The documents are small: the attacks rely on what a parser would do with them, not on size.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

from layout_tool.sample import generate
from layout_tool.spec.catalogue import load_area
from layout_tool.xml.writer import XmlWriter
from layout_tool.xml.xsd import namespace

OUT = Path(__file__).resolve().parent.parent / "tests" / "cases" / "hostile_xml"
AREA, FILE_ID = "kaigo", "hihokensha"


def valid_document(rows: int = 3) -> bytes:
    spec = load_area(AREA)
    frame = generate(spec, rows, 7, FILE_ID)[FILE_ID]
    out = io.BytesIO()
    writer = XmlWriter(out, spec, spec.file(FILE_ID))
    writer.write(frame)
    writer.close()
    return out.getvalue()


def cases() -> dict[str, tuple[bytes, dict[str, object]]]:
    spec = load_area(AREA)
    ns = namespace(spec)
    good = valid_document()
    decl, rest = good.split(b"\n", 1)
    body = rest.decode()
    record = body.split("\n")[2]  # root, file element, then the first record
    laughs = "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )  # 10^9 "lol" if expanded
    deep = "<a>" * 10_000 + "</a>" * 10_000

    def doc(inner: str, root: str = "移行データ", before: str = "") -> bytes:
        start = f'<{root} xmlns="{ns}" area="{AREA}" version="2.7">'
        text = f"{start}\n{before}<{FILE_ID}>\n{inner}\n</{FILE_ID}>\n</{root}>\n"
        return (decl.decode() + "\n" + text).encode()

    dtd = "DOCTYPE"
    return {
        "billion_laughs": (
            decl
            + f'\n<!DOCTYPE 移行データ [<!ENTITY lol0 "lol">{laughs}]>\n'.encode()
            + rest.replace("<氏名>".encode(), "<氏名>&lol9;".encode(), 1),
            {"exit": 1, "codes": ["xsd"], "message": dtd},
        ),
        "external_entity_file": (
            decl
            + b'\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
            + rest.replace("<氏名>".encode(), "<氏名>&x;".encode(), 1),
            {"exit": 1, "codes": ["xsd"], "message": dtd},
        ),
        "external_entity_http": (
            decl
            + b'\n<!DOCTYPE r [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>\n'
            + rest.replace("<氏名>".encode(), "<氏名>&x;".encode(), 1),
            {"exit": 1, "codes": ["xsd"], "message": dtd},
        ),
        "external_dtd": (
            decl + b'\n<!DOCTYPE r SYSTEM "http://127.0.0.1:9/evil.dtd">\n' + rest,
            {"exit": 1, "codes": ["xsd"], "message": dtd},
        ),
        "parameter_entity": (
            decl + b"\n<!-- a comment first -->\n<!DOCTYPE r [<!ENTITY % p SYSTEM"
            b' "file:///etc/passwd"> %p;]>\n' + rest,
            {"exit": 1, "codes": ["xsd"], "message": dtd},
        ),
        "undeclared_entity": (
            good.replace("<氏名>".encode(), "<氏名>&x;".encode(), 1),
            {"exit": 1, "codes": ["xsd"], "message": "not well-formed"},
        ),
        "deep_nesting": (
            doc(record.replace("<方書/>", f"<方書>{deep}</方書>", 1)),
            {"exit": 1, "codes": ["xsd"], "message": "nested deeper than 256"},
        ),
        "deep_nesting_outside_records": (
            doc(deep + "\n" + record),
            {"exit": 1, "codes": ["xsd"], "message": "nested deeper than 256"},
        ),
        "truncated": (
            good[: len(good) * 2 // 3],
            {"exit": 1, "codes": ["xsd"], "message": "not well-formed"},
        ),
        "not_xml": (
            "保険者番号,被保険者番号\n200001,9000000001\n".encode(),
            {"exit": 1, "codes": ["xsd"], "message": "not well-formed"},
        ),
        "empty": (b"", {"exit": 1, "codes": ["xsd"], "message": "not an XML document"}),
        "bad_utf8": (
            good.replace("<氏名>".encode(), "<氏名>".encode() + b"\xff\xfe", 1),
            {"exit": 1, "codes": ["encoding"], "message": "encoding"},
        ),
        "wrong_namespace": (
            good.replace(ns.encode(), b"urn:example:other", 1),
            {"exit": 1, "codes": ["xsd"], "message": "not a document of area kaigo"},
        ),
        "no_namespace": (
            good.replace(f' xmlns="{ns}"'.encode(), b"", 1),
            {"exit": 1, "codes": ["xsd"], "message": "without a namespace"},
        ),
        "other_area": (
            good.replace(ns.encode(), ns.replace(AREA, "jumin").encode(), 1),
            {"exit": 1, "codes": ["xsd"], "message": "a document of area jumin"},
        ),
        "wrong_root": (
            doc(record, root="データ"),
            {"exit": 1, "codes": ["xsd"], "message": "root element is データ"},
        ),
        "records_outside_file": (
            doc(record, before=record + "\n"),
            {"exit": 1, "codes": ["xsd"], "message": "not inside a file element"},
        ),
        "comments_cdata_prefixes": (
            (
                decl.decode()
                + "\n<!-- prolog comment -->\n"
                + f'<t:移行データ xmlns:t="{ns}" area="{AREA}" version="2.7"><t:{FILE_ID}>'
                + "<?pi ignored?>\n"
                + _prefixed(record, "t").replace(
                    "<t:方書/>", "<t:方書><!-- c --><![CDATA[<&>]]>号</t:方書>"
                )
                + f"\n</t:{FILE_ID}></t:移行データ>\n"
            ).encode(),
            {"exit": 1, "codes": ["type"], "message": "方書 must be 全角"},
        ),
        "valid": (good, {"exit": 0, "codes": [], "message": ""}),
    }


def _prefixed(record: str, prefix: str) -> str:
    """The same record with every element name written with a namespace prefix."""
    return record.replace("</", "\x00").replace("<", f"<{prefix}:").replace("\x00", f"</{prefix}:")


def main(out: Path = OUT) -> None:
    out.mkdir(parents=True, exist_ok=True)
    expected: dict[str, dict[str, object]] = {}
    for name, (data, outcome) in cases().items():
        (out / f"{name}.xml").write_bytes(data)
        expected[name] = outcome
    text = json.dumps(expected, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    (out / "expected.json").write_text(text, encoding="utf-8")
    print(f"{len(expected)} cases in {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
