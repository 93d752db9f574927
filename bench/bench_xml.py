"""The XML form: writing speed, validation speed and memory, against xmlschema's iter_errors.

    python -m bench.bench_xml [--rows 1000000] [--slice 20000] [--jobs N]

Each measurement runs in its own process. Data is synthetic (the sample generator), written
under bench/data/ (ignored by git). xmlschema is run on the first ``--slice`` records of the
same document with the same schema, and its time scaled to the whole file (it keeps the
whole tree in memory, so a million records would not fit the comparison's memory anyway).
Peak memory of a parallel run is that of the main process plus, as an upper bound, each
worker's peak (the children's largest peak times the number of workers).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

import polars as pl

from bench.common import DATA, emit, measure, table
from layout_tool.xml.segments import jobs

AREA, FILE_ID = "kaigo", "hihokensha"


def csv_path(rows: int) -> Path:
    path = DATA / f"{FILE_ID}-{rows}.csv"
    if not path.exists():
        from layout_tool.sample import generate
        from layout_tool.spec.catalogue import load_area

        DATA.mkdir(exist_ok=True)
        generate(load_area(AREA), rows, 1, FILE_ID)[FILE_ID].write_csv(path)
    return path


def write(rows: int, invalid: bool = False) -> dict[str, float]:
    """Write the XML form (timed: the writer only, the CSV is read before)."""
    from layout_tool.spec.catalogue import load_area
    from layout_tool.xml.writer import XmlWriter

    spec = load_area(AREA)
    frame = pl.read_csv(csv_path(rows), infer_schema=False)
    if invalid:  # every record: a code outside its table and a 6-digit 郵便番号
        frame = frame.with_columns(
            pl.lit("X").alias("性別"), pl.col("郵便番号").str.slice(0, 6).alias("郵便番号")
        )
    out = DATA / f"{FILE_ID}-{rows}{'-invalid' if invalid else ''}.xml"
    start = time.perf_counter()
    with out.open("wb") as fh:
        writer = XmlWriter(fh, spec, spec.file(FILE_ID))
        for offset in range(0, frame.height, 100_000):
            writer.write(frame.slice(offset, 100_000))
        writer.close()
    seconds = time.perf_counter() - start
    if invalid:  # and every 1000th record a structure problem: an unknown element
        text = out.read_text(encoding="utf-8").split("\n")
        for i in range(3, len(text) - 3, 1000):
            text[i] = text[i].replace("<性別>", "<不明/><性別>", 1)
        out.write_text("\n".join(text), encoding="utf-8")
    return {"seconds": seconds, "rows": frame.height, "bytes": out.stat().st_size}


def slice_of(path: Path, records: int) -> Path:
    """The document's first ``records`` records, closed as a document of its own."""
    out = path.with_name(f"{path.stem}-slice{records}.xml")
    with path.open("rb") as src, out.open("wb") as dst:
        for n, line in enumerate(src):
            if n >= records + 3:
                break
            dst.write(line)
        dst.write(f"</{FILE_ID}>\n</移行データ>\n".encode())
    return out


def one(mode: str, path: str, jobs: str) -> None:
    if mode.startswith("write"):
        emit(**write(int(path), invalid=mode == "write-invalid"))
        return
    start = time.perf_counter()
    if mode == "validate":
        os.environ["LAYOUT_TOOL_JOBS"] = jobs
        from layout_tool.report.report import Filter
        from layout_tool.spec.catalogue import load_area
        from layout_tool.validate import Options, validate_paths

        report = validate_paths(
            load_area(AREA), [Path(path)], Options(filter=Filter(max_findings=1000))
        )
        located = all(f.line is not None for f in report.findings if f.row is not None)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        emit(
            seconds=time.perf_counter() - start,
            rows=report.rows,
            findings=sum(report.by_code.values()),
            xsd=report.by_code["xsd"],
            located=float(located),
            child_peak_mb=round(children.ru_maxrss / 1024, 1),
            cpu=round(time.process_time() + children.ru_utime + children.ru_stime, 1),
        )
    elif mode == "xmlschema":
        import io

        import xmlschema

        from layout_tool.spec.catalogue import load_area
        from layout_tool.xml.xsd import build_xsd

        schema = xmlschema.XMLSchema10(io.BytesIO(build_xsd(load_area(AREA))))
        start = time.perf_counter()
        errors = list(schema.iter_errors(path))
        emit(seconds=time.perf_counter() - start, findings=len(errors))
    else:
        raise SystemExit(f"unknown mode {mode}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--one", nargs=3, metavar=("MODE", "PATH", "JOBS"))
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--slice", type=int, default=20_000)
    parser.add_argument("--jobs", default=str(jobs()))
    args = parser.parse_args()
    if args.one:
        one(*args.one)
        return
    mod = "bench.bench_xml"
    csv_path(args.rows)
    wrote = measure(mod, "write", str(args.rows), "1")
    measure(mod, "write-invalid", str(args.rows), "1")
    xml = DATA / f"{FILE_ID}-{args.rows}.xml"
    bad = DATA / f"{FILE_ID}-{args.rows}-invalid.xml"
    ours = measure(mod, "validate", str(xml), args.jobs)
    single = measure(mod, "validate", str(xml), "1")
    invalid = measure(mod, "validate", str(bad), args.jobs)
    scale = args.rows / args.slice
    ref = measure(mod, "xmlschema", str(slice_of(xml, args.slice)), "1")
    ref_bad = measure(mod, "xmlschema", str(slice_of(bad, args.slice)), "1")
    ref_s, ref_bad_s = ref["seconds"] * scale, ref_bad["seconds"] * scale
    workers = int(args.jobs)

    def memory(result: dict[str, float]) -> str:
        total = result["peak_mb"] + (workers * result["child_peak_mb"] if workers > 1 else 0)
        return (
            f"peak {result['peak_mb']:.0f} MB main + {result['child_peak_mb']:.0f} MB per"
            f" worker (≤ {total:.0f} MB in all)"
        )

    gb, cpus = wrote["bytes"] / 1e9, os.cpu_count()
    rate = wrote["rows"] / wrote["seconds"]
    rows = [
        ("file", f"{int(wrote['rows']):,} records, {gb:.2f} GB, {cpus} CPUs"),
        ("write XML", f"{wrote['seconds']:.1f} s = {rate:,.0f} records/s"),
        (f"validate XML (jobs {args.jobs})",
         f"{ours['seconds']:.1f} s, cpu {ours['cpu']:.0f} s, {memory(ours)}"),
        ("validate XML (jobs 1)", f"{single['seconds']:.1f} s, {memory(single)}"),
        ("xmlschema iter_errors",
         f"{ref['seconds']:.1f} s on {args.slice:,} → {ref_s:.0f} s scaled"),
        ("speed-up (clean)", f"{ref_s / ours['seconds']:.0f}× (jobs {args.jobs}),"
         f" {ref_s / single['seconds']:.0f}× (jobs 1)"),
        ("invalid file", f"{int(invalid['findings']):,} findings ({int(invalid['xsd']):,} xsd),"
         f" listed ones located: {bool(invalid['located'])}; {invalid['seconds']:.1f} s,"
         f" {memory(invalid)}"),
        ("xmlschema on it", f"{ref_bad['seconds']:.1f} s on {args.slice:,} → {ref_bad_s:.0f} s"
         f" scaled; {int(ref_bad['findings']):,} errors in the slice"),
        ("speed-up (invalid)", f"{ref_bad_s / invalid['seconds']:.0f}×"),
    ]  # fmt: skip
    print(f"bench_xml ({sys.version.split()[0]}, polars {pl.__version__})")
    table(rows)


if __name__ == "__main__":
    main()
