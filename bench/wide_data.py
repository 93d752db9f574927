"""Data for bench_wide: the widest file of an area in every form a user hands over.

All synthetic and fictitious (the sample generator), written once under bench/data/ (which
git ignores) and reused: UTF-8 CSV, its CP932 copy, a copy with every row invalid, the
XML form, and the wide-table vendor export of mappings/shisaku-data tiled to size.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from bench.common import DATA

BATCH = 100_000


def widest(area_id: str) -> str:
    from layout_tool.spec.catalogue import load_area

    spec = load_area(area_id)
    return max(spec.files, key=lambda f: len(f.items)).id


def detailed_areas() -> list[str]:
    from layout_tool.spec.catalogue import catalogue

    return [entry.id for entry in catalogue() if entry.spec is not None]


def csv_files(area_id: str, file_id: str, rows: int) -> dict[str, Path]:
    """The UTF-8 file of ``rows`` rows, its CP932 copy and an every-row-invalid copy."""
    from layout_tool.sample import sample_to_dir
    from layout_tool.spec.catalogue import load_area

    DATA.mkdir(exist_ok=True)
    stem = f"wide-{area_id}-{file_id}-{rows}"
    paths = {
        "utf8": DATA / f"{stem}.csv",
        "cp932": DATA / f"{stem}-cp932.csv",
        "invalid": DATA / f"{stem}-invalid.csv",
    }
    if not paths["utf8"].exists():
        gen = DATA / f"gen-{area_id}"
        written = sample_to_dir(load_area(area_id), rows, 1, gen, file_id=file_id)
        written[0].replace(paths["utf8"])
    if not paths["cp932"].exists():
        part = paths["cp932"].with_suffix(".part")
        with paths["utf8"].open(encoding="utf-8") as src, part.open("wb") as dst:
            while block := src.read(8 << 20):
                dst.write(block.encode("cp932"))
        part.replace(paths["cp932"])
    if not paths["invalid"].exists():
        spec = load_area(area_id).file(file_id)
        order = {"code": 0, "date": 1, "digits": 2}  # "X" fails each of them
        code = min((i for i in spec.items if i.type in order), key=lambda i: order[i.type]).name
        part = paths["invalid"].with_suffix(".part")
        # every row: "X" in a code item (else a date, else a digits item), one finding a
        # row, as an export with one systematic mistake would have
        (
            pl.scan_csv(paths["utf8"], infer_schema=False)
            .with_columns(pl.lit("X").alias(code))
            .sink_csv(part)
        )
        part.replace(paths["invalid"])
    return paths


def xml_file(area_id: str, file_id: str, rows: int, csv: Path) -> Path:
    """The XML form of ``csv`` (written batch by batch with layout-tool's writer)."""
    from layout_tool.spec.catalogue import load_area
    from layout_tool.xml.writer import XmlWriter

    path = DATA / f"wide-{area_id}-{file_id}-{rows}.xml"
    if path.exists():
        return path
    spec = load_area(area_id)
    part = path.with_suffix(".part")
    with part.open("wb") as fh:
        writer = XmlWriter(fh, spec, spec.file(file_id))
        for frame in pl.scan_csv(csv, infer_schema=False).collect_batches(chunk_size=BATCH):
            writer.write(frame)
        writer.close()
    part.replace(path)
    return path


def wide_export(rows: int) -> Path:
    """The shisaku-data 住民記録 export (CP932, CRLF, 101 columns) of about ``rows`` rows.

    The generator of the bundled sample is slow in Python, so one block of 3,000 households
    is made and repeated with its numbers moved on per block (宛名番号, 世帯番号, 住民票コード,
    個人番号 with its check digit recomputed), which keeps every key unique.
    """
    from layout_tool.checks.digits import check_digit_expr
    from layout_tool.sample.wide import render, wide_rows

    folder = DATA / f"export-{rows}"
    path = folder / "JUMIN_ICHIRAN.csv"
    if path.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    block_text = render(wide_rows(20240401, households=3000))
    block = pl.read_csv(block_text.encode("utf-8"), infer_schema=False)
    digits15 = [
        c
        for c in block.columns
        if block[c].drop_nulls().str.contains(r"^9999[12]\d{10}$").all()
        and block[c].drop_nulls().len()
    ]
    short = [c for c in block.columns if block[c].drop_nulls().str.contains(r"^9999\d{7}$").all()
             and block[c].drop_nulls().len()]  # fmt: skip
    mynumber = [c for c in block.columns if block[c].drop_nulls().str.contains(r"^9999\d{8}$").all()
                and block[c].drop_nulls().len()]  # fmt: skip
    stride = block.height
    part = path.with_suffix(".part")
    written = 0
    with part.open("wb") as fh:
        fh.write((",".join(block.columns) + "\r\n").encode("cp932"))
        n = 0
        while written < rows:
            shift = n * stride
            moved = block.with_columns(
                *[(pl.col(c).cast(pl.UInt64) + shift).cast(pl.String).alias(c) for c in digits15],
                *[(pl.col(c).cast(pl.UInt64) + shift).cast(pl.String).alias(c) for c in short],
            )
            moved = moved.with_columns(
                *[
                    pl.concat_str(body := (pl.col(c).str.head(11).cast(pl.UInt64) + shift)
                                  .cast(pl.String), check_digit_expr(body, "mynumber")).alias(c)
                    for c in mynumber
                ]
            )  # fmt: skip
            moved = moved.head(rows - written)
            text = moved.write_csv(include_header=False, line_terminator="\r\n", null_value="")
            fh.write(text.encode("cp932"))
            written += moved.height
            n += 1
    part.replace(path)
    return path
