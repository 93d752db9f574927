"""Load a charset folder (charset.yaml + its tables) with ``file:line`` errors.

Format (docs/gaiji.md, "Character sets"): ``charset.yaml`` names the set, its version and
source, the vendor 外字 ranges and three optional tables beside it:

- ``mj.csv``: ``mj,ucs`` — MJ文字図形名 and its character (code points, IVS included);
- ``gj.csv``: ``gj,ucs,fallback`` — GJ number, its plane-16 code point, the 代替 (or empty);
- ``ivs.txt``: registered IVS sequences in the IVD's own line format (``845B E0100; …``).
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path
from typing import Any

from layout_tool.charset.model import CP932_USER, IVS_SELECTORS, Charset, GjChar, parse_codepoints
from layout_tool.errors import LayoutToolError
from layout_tool.yamlsource import check_schema, parse_yaml, plain

SCHEMA = "charset/charset.schema.json"
FILE = "charset.yaml"
ENV = "LAYOUT_TOOL_CHARSETS"
MJ_NAME = re.compile(r"^MJ[0-9]{6}$")
GJ_NAME = re.compile(r"^GJ[0-9]{6}$")


def find_charset(name: str, base: Path | None = None) -> Path | None:
    """A charset by path, or by id in the folders of ``$LAYOUT_TOOL_CHARSETS`` (os.pathsep)."""
    given = Path(name)
    if given.is_file() or (given / FILE).is_file():
        return given
    if base is not None and (base / name / FILE).is_file():
        return base / name
    for folder in filter(None, os.environ.get(ENV, "").split(os.pathsep)):
        candidate = Path(folder) / name
        if (candidate / FILE).is_file():
            return candidate
    return None


def resolve_charset(name: str) -> Charset:
    """``--charset NAME|PATH``: a missing charset is a usage error."""
    found = find_charset(name)
    if found is None:
        raise LayoutToolError(
            f"charset {name!r} not found: give the folder made by `layout-tool charset import`"
            f" (or put it in a folder listed in ${ENV})"
        )
    return load_charset(found)


def load_charset(path: Path) -> Charset:
    """Load ``path`` (the folder, or its charset.yaml)."""
    yaml_path = path / FILE if path.is_dir() else path
    doc = parse_yaml(yaml_path)
    check_schema(doc, SCHEMA)
    data: dict[str, Any] = plain(doc.root)
    folder = yaml_path.parent
    tables: dict[str, str] = dict(data.get("tables", {}))
    vendor = tuple(_range(doc.path, s) for s in data.get("vendor", ["U+E000-U+F8FF"]))
    for kind, name in tables.items():
        if not (folder / name).is_file():
            raise doc.error(f"{kind} table {name} not found beside {FILE}", ["tables", kind])
    gj = _load_gj(folder / tables["gj"]) if "gj" in tables else {}
    mj = _load_mj(folder / tables["mj"]) if "mj" in tables else {}
    ivs = _load_ivs(folder / tables["ivs"]) if "ivs" in tables else frozenset()
    # An MJ character written with its IVS is a registered sequence too.
    ivs = ivs | {c for c in mj.values() if len(c) == 2 and _is_selector(c[1])}
    return Charset(
        id=data["charset"],
        name=data["name"],
        version=data["version"],
        source=data["source"],
        base=data.get("base", "mjplus"),
        synthetic=data.get("synthetic", False),
        closed=data.get("closed", False),
        vendor=vendor,
        gj=gj,
        mj=mj,
        ivs=ivs,
        tables=tables,
        path=str(folder),
    )


def _range(where: str, text: str) -> tuple[int, int]:
    if text == "cp932-user":
        return CP932_USER
    first, _, last = text.partition("-")
    a, b = int(first[2:], 16), int((last or first)[2:], 16)
    if a > b:
        raise LayoutToolError(f"vendor range {text} ends before it starts", path=where)
    return a, b


def _rows(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(line, row) of a UTF-8 CSV table, with its required columns checked."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LayoutToolError(f"not UTF-8 (byte {exc.start})", path=str(path)) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        raise LayoutToolError("empty table", path=str(path))
    names = [h.strip() for h in header]
    missing = [c for c in required if c not in names]
    if missing:
        raise LayoutToolError(f"missing column(s) {', '.join(missing)}", path=str(path), line=1)
    out = []
    for fields in reader:
        if not any(f.strip() for f in fields):
            continue
        if len(fields) > len(names):
            where = reader.line_num
            raise LayoutToolError("more fields than the header", path=str(path), line=where)
        out.append((reader.line_num, dict(zip(names, [f.strip() for f in fields], strict=False))))
    return out


def _load_gj(path: Path) -> dict[int, GjChar]:
    out: dict[int, GjChar] = {}
    for line, row in _rows(path, ("gj", "ucs")):
        number, char = row["gj"], parse_codepoints(row["ucs"])
        if not GJ_NAME.match(number):
            raise LayoutToolError(f"{number!r} is not GJ + six digits", path=str(path), line=line)
        if len(char) != 1 or not 0x100000 <= ord(char) <= 0x10FFFD:
            raise LayoutToolError(
                f"{number}: {row['ucs']!r} is not one code point of plane 16 (U+100000–U+10FFFD)",
                path=str(path),
                line=line,
            )
        if ord(char) in out:
            raise LayoutToolError(
                f"{row['ucs']} is also {out[ord(char)].number}", path=str(path), line=line
            )
        fallback = parse_codepoints(row.get("fallback") or "") or None
        out[ord(char)] = GjChar(number, ord(char), fallback)
    return out


def _load_mj(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for line, row in _rows(path, ("mj", "ucs")):
        name, char = row["mj"], parse_codepoints(row["ucs"])
        if not MJ_NAME.match(name):
            raise LayoutToolError(f"{name!r} is not MJ + six digits", path=str(path), line=line)
        if not char:
            raise LayoutToolError(f"{name}: no character", path=str(path), line=line)
        out[name] = char
    return out


def _is_selector(char: str) -> bool:
    return IVS_SELECTORS[0] <= ord(char) <= IVS_SELECTORS[1]


def _load_ivs(path: Path) -> frozenset[str]:
    """IVD lines ``845B E0100; collection; id`` (``#`` comments, blank lines skipped)."""
    out: set[str] = set()
    with path.open(encoding="utf-8-sig") as fh:
        for line_no, line in enumerate(fh, 1):
            body = line.split("#", 1)[0].strip()
            if not body:
                continue
            seq = parse_codepoints(body.split(";", 1)[0])
            if len(seq) != 2 or not _is_selector(seq[1]):
                raise LayoutToolError(
                    "not a base character and an IVS selector (U+E0100–U+E01EF)",
                    path=str(path),
                    line=line_no,
                )
            out.add(seq)
    return frozenset(out)
