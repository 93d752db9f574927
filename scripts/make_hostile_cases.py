"""Write the hostile corpus: tests/cases/hostile/<case>/ with inputs and case.json.

    python scripts/make_hostile_cases.py [OUTDIR]

One case per row of issue #17 that the safety rules own (docs/security.md). Each case.json
lists the runs (``args``, the ``exit`` code expected, a piece of stderr, extra ``env``) and
what must hold afterwards; tests/cli/test_hostile_cases.py runs them in a copy of the case
and checks, for every case: the exit code, no traceback, nothing written outside the
case's ``out*`` folders, the inputs unchanged (SHA-256), no ``.part`` left, and the masking,
cell-safety and inert-text scans the case asks for. Files stay small: the attacks rely on
what the tool would do with them, and limits are met by crafted headers or low limits.
"""

from __future__ import annotations

import io
import json
import shutil
import sys
import zipfile
from pathlib import Path

import polars as pl

from layout_tool.sample import generate
from layout_tool.spec.catalogue import load_area

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "cases" / "hostile"
SPEC = ROOT / "specs" / "v2.7" / "jumin.yaml"
MYNUMBERS = ["9999485546717", "９９９９４８５５４６７１", "99994855467X"]
FORMULAS = [
    '=HYPERLINK("http://x.invalid","a")',
    "=cmd|' /C calc'!A0",
    "+SUM(1,2)",
    "-2+3",
    "@SUM(1+1)",
    "\tTAB",
    "＝１＋１",
]
ESCAPES = ["\x1b]0;pwned\x07", "\x1b]8;;http://x.invalid\x07link\x1b]8;;\x07", "\u202etxt.exe"]


def standard(rows: int = 4, seed: int = 17) -> dict[str, pl.DataFrame]:
    return generate(load_area("jumin"), rows, seed)


def write_csv(path: Path, frame: pl.DataFrame) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.write_csv(path, line_terminator="\n", null_value="")


def with_values(frame: pl.DataFrame, item: str, values: list[str]) -> pl.DataFrame:
    column = frame.get_column(item).to_list()
    for i, v in enumerate(values[: len(column)]):
        column[i] = v
    return frame.with_columns(pl.Series(item, column, dtype=pl.String))


def jumin_folder(folder: Path, frames: dict[str, pl.DataFrame]) -> None:
    spec = load_area("jumin")
    for fid, frame in frames.items():
        write_csv(folder / f"{spec.file(fid).filename or fid}.csv", frame)


def case(
    name: str, row: int, title: str, runs: list[dict[str, object]], **checks: object
) -> dict[str, object]:
    return {"name": name, "row": row, "title": title, "runs": runs, **checks}


def run(
    *args: str,
    exit: int,
    stderr: str | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60,
) -> dict[str, object]:
    return {
        "args": list(args),
        "exit": exit,
        "stderr": stderr,
        "env": env or {},
        "timeout": timeout,
    }


def r01_masking(d: Path) -> dict[str, object]:
    frames = standard()
    frames["kojin"] = with_values(frames["kojin"], "個人番号", MYNUMBERS)
    jumin_folder(d / "in", frames)
    runs = [
        run(
            "validate",
            "--spec",
            "jumin",
            "in",
            "--format",
            f,
            "-o",
            f"out-validate/report.{f}",
            exit=1,
        )
        for f in ("text", "json", "csv", "html", "xlsx")
    ]
    runs += [
        run("validate", "--spec", "jumin", "in", exit=1),
        run("convert", "--spec", "jumin", "in", "-o", "out-xml", "--to", "xml", exit=0),
        run(
            "convert",
            "--spec",
            "jumin",
            "in",
            "-o",
            "out-json",
            "--to",
            "csv",
            "--format",
            "json",
            exit=0,
        ),
    ]
    return case(
        "r01-mynumber-in-messages",
        1,
        "個人番号 never in reports or messages",
        runs,
        secrets=MYNUMBERS,
    )


def r02_formulas(d: Path) -> dict[str, object]:
    frames = standard()
    frames["kojin"] = with_values(frames["kojin"], "氏名", FORMULAS)
    frames["kojin"] = with_values(frames["kojin"], "宛名番号", FORMULAS[2:])
    jumin_folder(d / "in", frames)
    with (d / "in" / "JUMIN_KOJIN.csv").open("a", encoding="utf-8") as fh:
        fh.write('=HYPERLINK("http://x.invalid"),+1,-2,@3\n')  # a ragged row: rejected
    (d / "gaiji").mkdir()
    (d / "gaiji" / "=cmd|' calc'!A0.csv").write_text("a,b\n=1+1,\ue000\n", encoding="utf-8")
    runs = [
        run(
            "validate", "--spec", "jumin", "in", "--format", "csv", "-o", "out-v/report.csv", exit=1
        ),
        run("convert", "--spec", "jumin", "in", "-o", "out-c", "--to", "xml", exit=1),
        run("gaiji", "gaiji", "--format", "csv", "-o", "out-g/gaiji.csv", exit=1),
    ]
    return case(
        "r02-formula-injection",
        2,
        "no CSV cell for Excel starts a formula",
        runs,
        csv_safe=["out-v/report.csv", "out-c/conversion/*.rejects.csv", "out-g/gaiji.csv"],
    )


def r03_paths(d: Path) -> dict[str, object]:
    mapping = (ROOT / "mappings" / "kakuu-densan" / "jumin.yaml").read_text(encoding="utf-8")
    first = mapping.index("file: ") + len("file: ")
    end = mapping.index("\n", first)
    (d / "up.yaml").write_text(mapping[:first] + "../../x.csv" + mapping[end:], encoding="utf-8")
    (d / "abs.yaml").write_text(mapping[:first] + "/tmp/x.csv" + mapping[end:], encoding="utf-8")
    spec = SPEC.read_text(encoding="utf-8").replace("filename: JUMIN_KOJIN", "filename: ../../y", 1)
    (d / "spec.yaml").write_text(spec, encoding="utf-8")
    jumin_folder(d / "in", standard())
    runs = [
        run("convert", "--mapping", "up.yaml", "--reverse", "in", "-o", "out", exit=2),
        run("convert", "--mapping", "abs.yaml", "--reverse", "in", "-o", "out", exit=2),
        run(
            "convert",
            "--spec",
            "spec.yaml",
            "in",
            "-o",
            "out",
            "--to",
            "xml",
            exit=2,
            stderr="filename",
        ),
    ]
    return case("r03-writes-outside", 3, "output names are plain names", runs)


def r04_overlap(d: Path) -> dict[str, object]:
    frames = standard()
    jumin_folder(d / "in", frames)
    kojin = (d / "in" / "JUMIN_KOJIN.csv").read_text(encoding="utf-8").splitlines()
    kojin.insert(2, '9999,ragged,"row')
    kojin.insert(3, "only,three,fields")
    (d / "in2").mkdir()
    (d / "in2" / "JUMIN_KOJIN.csv").write_text("\n".join(kojin) + "\n", encoding="utf-8")
    runs = [
        run("convert", "--spec", "jumin", "in", "-o", "in", "--to", "xml", exit=2, stderr="input"),
        run("validate", "--spec", "jumin", "in", "-o", "in/JUMIN_KOJIN.csv", exit=2),
        run("validate", "--spec", "jumin", "in", "-o", "in/report.txt", exit=2),
        run("convert", "--spec", "jumin", "in2", "-o", "out", "--to", "xml", exit=1),
    ]
    return case(
        "r04-inputs-overwritten",
        4,
        "inputs never touched; ragged rows kept raw",
        runs,
        raw_kept={
            "out/conversion/JUMIN_KOJIN.rejects.csv": ['9999,ragged,"row', "only,three,fields"]
        },
    )


def bomb(levels: int = 10, width: int = 9) -> str:
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines)


def r06_yaml_bomb(d: Path) -> dict[str, object]:
    mapping = (ROOT / "mappings" / "kakuu-densan" / "jumin.yaml").read_text(encoding="utf-8")
    body = bomb().replace("\n", "\n  ")
    (d / "mapping.yaml").write_text(mapping + f"\nx-bomb:\n  {body}\n", encoding="utf-8")
    (d / "mapping2.yaml").write_text(
        bomb() + "\n" + mapping.replace("\nname:", f"\ndescription: *a{9}\nname:", 1),
        encoding="utf-8",
    )
    spec = SPEC.read_text(encoding="utf-8")
    (d / "spec.yaml").write_text(bomb() + "\nnote: *a9\n" + spec, encoding="utf-8")
    jumin_folder(d / "in", standard())
    runs = [
        run("coverage", "--mapping", "mapping.yaml", exit=2, stderr="alias", timeout=20),
        run("coverage", "--mapping", "mapping2.yaml", exit=2, stderr="alias", timeout=20),
        run("validate", "--spec", "spec.yaml", "in", exit=2, stderr="alias", timeout=20),
    ]
    return case("r06-yaml-alias-bomb", 6, "YAML aliases bounded", runs)


def xlsx(parts: dict[str, bytes]) -> bytes:
    base = {
        "[Content_Types].xml": b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',  # noqa: E501
        "_rels/.rels": b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',  # noqa: E501
        "xl/workbook.xml": b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="items" sheetId="1" r:id="rId1"/></sheets></workbook>',  # noqa: E501
        "xl/_rels/workbook.xml.rels": b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',  # noqa: E501
    }
    base.update({k: v for k, v in parts.items()})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in base.items():  # a fixed date: the same bytes every time
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            z.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return out.getvalue()


SHEET = '<?xml version="1.0" encoding="UTF-8"?>{dtd}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>'


def sheet(rows: str, dtd: str = "") -> bytes:
    return SHEET.format(rows=rows, dtd=dtd).encode()


def cells(*values: str) -> str:
    return "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in values)


def r09_workbook_bombs(d: Path) -> dict[str, object]:
    header = "<row>" + cells("項目名", "属性", "桁数") + "</row>"
    many = header + "<row>" + cells("氏名", "全角", "10") + "</row>" * 1
    rows = header + "".join("<row>" + cells("氏名", "全角", "10") + "</row>" for _ in range(2000))
    (d / "rows.xlsx").write_bytes(xlsx({"xl/worksheets/sheet1.xml": sheet(rows)}))
    big = header + "<row>" + cells("氏名", "全角", "1" * 40_000) + "</row>"
    (d / "cell.xlsx").write_bytes(xlsx({"xl/worksheets/sheet1.xml": sheet(big)}))
    padding = " " * (210 << 20)  # 210 MB of blanks: about 200 KB deflated
    (d / "unpacked.xlsx").write_bytes(xlsx({"xl/worksheets/sheet1.xml": sheet(many + padding)}))
    env = {"LAYOUT_TOOL_MAX_SHEET_ROWS": "1000"}
    runs = [
        run(
            "spec",
            "import",
            "rows.xlsx",
            "--area",
            "jumin",
            "-o",
            "out/a.yaml",
            exit=2,
            stderr="LAYOUT_TOOL_MAX_SHEET_ROWS",
            env=env,
            timeout=20,
        ),
        run(
            "spec",
            "import",
            "cell.xlsx",
            "--area",
            "jumin",
            "-o",
            "out/b.yaml",
            exit=2,
            stderr="MAX_CELL_CHARS",
            timeout=20,
        ),
        run(
            "spec",
            "import",
            "unpacked.xlsx",
            "--area",
            "jumin",
            "-o",
            "out/c.yaml",
            exit=2,
            stderr="MAX_WORKBOOK_UNPACKED_BYTES",
            timeout=20,
        ),
    ]
    return case("r09-spec-import-bombs", 9, "workbook size, rows and cells capped", runs)


def r10_xxe(d: Path) -> dict[str, object]:
    header = "<row>" + cells("項目名", "属性", "桁数") + "</row>"
    row = "<row>" + cells("&xxe;", "全角", "10") + "</row>"
    dtd = '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    (d / "xxe.xlsx").write_bytes(xlsx({"xl/worksheets/sheet1.xml": sheet(header + row, dtd)}))
    laughs = '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    (d / "laughs.xlsx").write_bytes(xlsx({"xl/worksheets/sheet1.xml": sheet(header, laughs)}))
    (d / "notzip.xlsx").write_bytes(b"PK\x03\x04 this is no workbook")
    runs = [
        run("spec", "import", f, "--area", "jumin", "-o", f"out/{f}.yaml", exit=2, timeout=20)
        for f in ("xxe.xlsx", "laughs.xlsx", "notzip.xlsx")
    ]
    return case("r10-xxe-workbook", 10, "DTD/entity workbooks refused (exit 2)", runs)


def r11_gaiji_map(d: Path) -> dict[str, object]:
    jumin_folder(d / "in", standard())
    (d / "ascii.csv").write_text("source,target\n9,8\n", encoding="utf-8")
    (d / "long.csv").write_text("source,target\n" + "\ue000" * 1_000 + ",葛\n", encoding="utf-8")
    rows = "".join(f"#G{i:05d},葛\n" for i in range(300))
    (d / "many.csv").write_text("source,target\n" + rows, encoding="utf-8")
    env = {"LAYOUT_TOOL_MAX_MAP_ROWS": "200"}
    runs = [
        run("gaiji", "in", "--map", "ascii.csv", exit=2, stderr="plain ASCII"),
        run("gaiji", "in", "--map", "long.csv", exit=2, stderr="longer than"),
        run("gaiji", "in", "--map", "many.csv", exit=2, stderr="MAX_MAP_ROWS", env=env),
        run(
            "gaiji",
            "in",
            "--map",
            "ascii.csv",
            exit=0,
            env={"LAYOUT_TOOL_GAIJI_ALLOW_PLAIN_SOURCES": "1"},
        ),
    ]
    return case("r11-gaiji-map", 11, "外字 tables bounded; plain ASCII sources refused", runs)


def r12_environment(d: Path) -> dict[str, object]:
    jumin_folder(d / "in", standard())
    (d / "deep.yaml").write_text("a: " + "[" * 20_000 + "]" * 20_000 + "\n", encoding="utf-8")
    deep = "".join(" " * i + f"k{i}:\n" for i in range(300))
    (d / "deep2.yaml").write_text(deep + " " * 300 + "v: 1\n", encoding="utf-8")
    spec = SPEC.read_text(encoding="utf-8")
    (d / "wide.yaml").write_text(spec.replace("length: 15,", "length: 1e20,", 1), encoding="utf-8")
    (d / "nul.yaml").write_text(
        spec.replace("name: 世帯主氏名", 'name: "世帯主\\0氏名"', 1), encoding="utf-8"
    )
    frames = standard()
    frames["setai"] = with_values(frames["setai"], "世帯主氏名", ["あ" * 400])
    jumin_folder(d / "big", frames)
    runs = [
        run("validate", "--spec", "deep.yaml", "in", exit=2, stderr="deeper"),
        run("coverage", "--mapping", "deep2.yaml", exit=2, stderr="deeper"),
        run("validate", "--spec", "wide.yaml", "in", exit=2, stderr="maximum"),
        run("spec", "xsd", "nul.yaml", "-o", "out/x.xsd", exit=2, stderr="name"),
        run(
            "convert",
            "--spec",
            "jumin",
            "big",
            "-o",
            "out-big",
            "--to",
            "xml",
            exit=1,
            env={"LAYOUT_TOOL_MAX_XML_VALUE_BYTES": "1000"},
        ),
    ]
    return case("r12-environment", 12, "deep YAML, huge 桁数, NUL names, huge XML value", runs)


def r13_stale_parts(d: Path) -> dict[str, object]:
    jumin_folder(d / "in", standard())
    stale = d / "out" / ".JUMIN_KOJIN.xml.lt4194309-abcd1234.part"  # a pid above pid_max
    stale.parent.mkdir(parents=True)
    stale.write_text("partial personal data", encoding="utf-8")
    (d / "out" / ".keep.lt1-x.part").write_text("pid 1 is alive: kept", encoding="utf-8")
    runs = [run("convert", "--spec", "jumin", "in", "-o", "out", "--to", "xml", exit=0)]
    return case(
        "r13-stale-parts",
        13,
        "stale .part files of dead runs swept",
        runs,
        gone=["out/.JUMIN_KOJIN.xml.lt4194309-abcd1234.part"],
        kept=["out/.keep.lt1-x.part"],
    )


def r15_escapes(d: Path) -> dict[str, object]:
    frames = standard()
    frames["kojin"] = with_values(frames["kojin"], "氏名", ESCAPES)
    frames["kojin"] = with_values(frames["kojin"], "旧氏", ["\u202e逆順", "line\nbreak"])
    jumin_folder(d / "in", frames)
    (d / "in" / "evil\x1b[31mname.csv").write_text("a\n", encoding="utf-8")
    runs = [
        run("validate", "--spec", "jumin", "in", exit=1),
        run("validate", "--spec", "jumin", "in", "--format", "text", "-o", "out/r.txt", exit=1),
        run("validate", "--spec", "jumin", "in", "--format", "json", "-o", "out/r.json", exit=1),
        run("convert", "--spec", "jumin", "in", "-o", "out-c", "--to", "csv", exit=0),
    ]
    return case(
        "r15-terminal-escapes",
        15,
        "text output inert; bidi not 全角",
        runs,
        inert=["out/r.txt", "out-c/conversion/report.txt"],
        finding={"file": "out/r.json", "item": "旧氏", "code": "type", "row": 1},
    )


def r17_big_values(d: Path) -> dict[str, object]:
    frames = standard()
    frames["kojin"] = with_values(frames["kojin"], "氏名", ["あ" * 50_000])
    jumin_folder(d / "in", frames)
    runs = [
        run("validate", "--spec", "jumin", "in", "--format", f, "-o", f"out/r.{f}", exit=1)
        for f in ("text", "json", "csv", "html")
    ]
    return case(
        "r17-report-values",
        17,
        "report values capped",
        runs,
        max_bytes={
            "out/r.text": 30_000,
            "out/r.json": 30_000,
            "out/r.csv": 30_000,
            "out/r.html": 400_000,
        },
    )


CASES = [
    r01_masking,
    r02_formulas,
    r03_paths,
    r04_overlap,
    r06_yaml_bomb,
    r09_workbook_bombs,
    r10_xxe,
    r11_gaiji_map,
    r12_environment,
    r13_stale_parts,
    r15_escapes,
    r17_big_values,
]


def main(out: Path = OUT) -> None:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for make in CASES:
        tmp = out / "_tmp"
        tmp.mkdir()
        spec = make(tmp)
        folder = out / str(spec["name"])
        tmp.rename(folder)
        (folder / "case.json").write_text(
            json.dumps(spec, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        print(folder.relative_to(out.parent))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
