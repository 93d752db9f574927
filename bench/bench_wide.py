"""The widest file of every detailed area, in every form, each against its reference.

    python -m bench.bench_wide [--rows 1000000] [--areas jumin,kaigo] [--repeat 1]
                               [--frictionless-rows 20000] [--xml-rows N] [--no-export]
                               [--export-rows N]

``make bench`` runs the 1M set; ``make bench-10m`` the 10M set (``--rows 10000000``: about
5 GB of CSV for 住民 個人 alone and an hour on two cores). Past 2M rows the CSV reference is
polars' streaming read (``scan_csv(...).collect_batches()``), as a whole-file ``read_csv``
would need about 17 GB at 10M rows; the XML form and the vendor export are then kept at 1M
rows unless ``--xml-rows`` / ``--export-rows`` say otherwise (10M rows of XML are ~30 GB).

One table, one line per measurement, each against its reference measured in the same run:

- CSV UTF-8: ``validate`` ÷ a bare ``polars.read_csv(infer_schema=False)`` (goal ≤ 2×);
- CSV CP932: ÷ ``validate`` of the UTF-8 copy (goal ≤ 1.5×);
- every row invalid: throughput as a share of the clean file's (goal ≥ 50 %);
- frictionless-py with an equivalent Table Schema (typed dates, primary key, enums, max
  lengths, digit patterns) on a slice, scaled by rows/s: the speed-up (goal ≥ 40×);
- XML: ``validate`` of the XML form ÷ a bare lxml ``iterparse`` of it;
- the wide vendor export of mappings/shisaku-data (CP932, 101 fields), ``convert`` ÷ a bare
  polars read + write of it.

Every measurement runs in a fresh process, so its peak RSS is its own (the column "peak
MB"); ``--repeat`` keeps the fastest of that many runs. Data is synthetic, generated once
under bench/data/ (git ignores it), see ``bench.wide_data``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import polars as pl

from bench.common import DATA, emit, measure, validate_once
from bench.wide_data import csv_files, detailed_areas, wide_export, widest, xml_file

MODULE = "bench.bench_wide"
STREAM_ROWS = 2_000_000
XML_ROWS = 1_000_000  # default XML form's rows past this (10M rows of XML are ~30 GB)
EXPORT_MAPPING = "shisaku-data/jumin"


def one(mode: str, *args: str) -> None:
    """One measurement in this fresh process; prints one JSON line (``common.emit``)."""
    start = time.perf_counter()
    if mode == "polars":
        frame = pl.read_csv(args[0], infer_schema=False)
        emit(seconds=time.perf_counter() - start, rows=frame.height)
    elif mode == "polars-stream":  # the same read in bounded memory, batch by batch
        rows = 0
        for batch in pl.scan_csv(args[0], infer_schema=False).collect_batches():
            rows += batch.height
        emit(seconds=time.perf_counter() - start, rows=rows)
    elif mode == "validate":
        rows, found = validate_once(*args)
        emit(seconds=time.perf_counter() - start, rows=rows, findings=found)
    elif mode == "frictionless":
        from bench.frictionless_ref import validate_with_frictionless

        rows, _ = validate_with_frictionless(*args)
        emit(seconds=time.perf_counter() - start, rows=rows)
    elif mode == "lxml":
        from lxml import etree

        records = 0
        for _, element in etree.iterparse(args[0], events=("end",), tag="{*}レコード"):
            records += 1  # read, then dropped with whatever came before it
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]
        emit(seconds=time.perf_counter() - start, rows=records)
    elif mode == "polars-rw":
        data = Path(args[0]).read_bytes().decode("cp932").encode("utf-8")
        frame = pl.read_csv(data, infer_schema=False)
        del data
        frame.write_csv(Path(args[0]).parent / "polars-out.csv")
        emit(seconds=time.perf_counter() - start, rows=frame.height)
    elif mode == "convert":
        from layout_tool.conversion import convert
        from layout_tool.mapping import load_mapping

        out = Path(args[0]).parent / "converted"
        report = convert(load_mapping(EXPORT_MAPPING), [Path(args[0])], out)
        emit(seconds=time.perf_counter() - start, rows=report.rows_in)
    else:
        raise SystemExit(f"unknown mode {mode}")


HEAD = [
    "area/file", "input", "rows", "ours s (CPU)", "reference", "ref s (CPU)", "ratio (CPU)",
    "goal", "peak MB",
]  # fmt: skip


def _secs(run: dict[str, float]) -> str:
    return f"{run['seconds']:.2f} ({run.get('cpu_s', 0):.1f})"


def _ratio(ours: dict[str, float], ref: dict[str, float]) -> str:
    """Wall-clock ratio, and the CPU ratio, which load elsewhere on the machine moves less."""
    cpu = ours.get("cpu_s", 0) / ref["cpu_s"] if ref.get("cpu_s") else 0
    return f"{ours['seconds'] / ref['seconds']:.2f}× ({cpu:.2f}×)"


def _line(
    name: str, what: str, ours: dict[str, float], ref: str, base: dict[str, float] | None
) -> list[str]:
    return [
        name,
        what,
        f"{int(ours['rows']):,}",
        _secs(ours),
        ref,
        "" if base is None else _secs(base),
        "",
        "",
        f"{ours['peak_mb']:.0f}",
    ]


def bench_area(
    area_id: str, rows: int, fric_rows: int, repeat: int, xml_rows: int
) -> list[list[str]]:
    file_id = widest(area_id)
    name = f"{area_id}/{file_id}"
    paths = csv_files(area_id, file_id, rows)

    def run(*args: str) -> dict[str, float]:
        return measure(MODULE, *args, repeat=repeat)

    # Past STREAM_ROWS a whole-file read_csv would need ~1.7 GB a million rows of 住民 個人:
    # the reference is then polars' streaming read of the same file (bounded memory too).
    reference = "polars" if rows <= STREAM_ROWS else "polars-stream"
    base = run(reference, str(paths["utf8"]))
    utf8 = run("validate", area_id, file_id, str(paths["utf8"]))
    cp932 = run("validate", area_id, file_id, str(paths["cp932"]))
    invalid = run("validate", area_id, file_id, str(paths["invalid"]))
    slice_path = DATA / f"wide-{area_id}-{file_id}-{fric_rows}-slice.csv"
    pl.read_csv(paths["utf8"], infer_schema=False, n_rows=fric_rows).write_csv(slice_path)
    fric = measure(MODULE, "frictionless", area_id, file_id, str(slice_path), repeat=1)
    lines = []
    shown = "polars.read_csv" if reference == "polars" else "polars scan_csv (streaming)"
    line = _line(name, "CSV UTF-8", utf8, shown, base)
    line[6:8] = [_ratio(utf8, base), "≤ 2×"]
    lines.append(line)
    line = _line(name, "CSV CP932", cp932, "validate UTF-8", utf8)
    line[6:8] = [_ratio(cp932, utf8), "≤ 1.5×"]
    lines.append(line)
    share = (invalid["rows"] / invalid["seconds"]) / (utf8["rows"] / utf8["seconds"])
    line = _line(name, f"every row invalid ({int(invalid['findings']):,} found)", invalid,
                 "validate clean", utf8)  # fmt: skip
    line[6:8] = [f"{share:.0%} of clean rows/s", "≥ 50 %"]
    lines.append(line)
    speedup = (utf8["rows"] / utf8["seconds"]) / (fric["rows"] / fric["seconds"])
    scaled = dict(fric, seconds=fric["seconds"] * utf8["rows"] / fric["rows"], rows=utf8["rows"])
    line = _line(name, f"frictionless ({fric_rows:,} rows, scaled)", scaled, "", None)
    line[3:8] = [_secs(utf8), "frictionless", f"{scaled['seconds']:.0f}",
                 f"{speedup:.0f}× faster", "≥ 40×"]  # fmt: skip
    line[8] = f"{utf8['peak_mb']:.0f}"
    lines.append(line)
    if xml_rows:
        source = (
            paths["utf8"] if xml_rows == rows else csv_files(area_id, file_id, xml_rows)["utf8"]
        )
        doc = xml_file(area_id, file_id, xml_rows, source)
        ours = run("validate", area_id, file_id, str(doc))
        parse = run("lxml", str(doc))
        line = _line(name, "XML", ours, "lxml iterparse", parse)
        line[6] = _ratio(ours, parse)
        lines.append(line)
    return lines


def bench_export(rows: int, repeat: int) -> list[str]:  # rows: of the export
    path = wide_export(rows)
    base = measure(MODULE, "polars-rw", str(path), repeat=repeat)
    ours = measure(MODULE, "convert", str(path), repeat=repeat)
    ours = dict(ours, rows=base["rows"])  # export rows (convert counts each target's reads)
    line = _line(EXPORT_MAPPING, "convert wide CP932 export", ours, "polars read+write", base)
    line[6] = _ratio(ours, base)
    return line


def show(lines: list[list[str]]) -> None:
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEAD))]
    for line in lines:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--one", nargs="+", metavar="MODE ARGS")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--areas", default="", help="comma-separated area ids (default: all)")
    parser.add_argument("--frictionless-rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=1, help="keep the fastest of N runs")
    parser.add_argument(
        "--xml-rows",
        type=int,
        default=None,
        help=f"rows of the XML form (default --rows, at most {XML_ROWS:,}; 0: none)",
    )
    parser.add_argument("--no-export", action="store_true")
    parser.add_argument(
        "--export-rows", type=int, default=None, help="rows of the vendor export (default as XML)"
    )
    args = parser.parse_args()
    if args.one:
        one(*args.one)
        return
    started = time.perf_counter()
    areas = [a for a in args.areas.split(",") if a] or detailed_areas()
    lines = [HEAD]
    fric_rows = min(args.frictionless_rows, args.rows)
    for area_id in areas:
        xml_rows = min(args.rows, XML_ROWS) if args.xml_rows is None else args.xml_rows
        for line in bench_area(area_id, args.rows, fric_rows, args.repeat, xml_rows):
            lines.append(line)
            print("  ".join(line), flush=True)
    if not args.no_export:
        export_rows = min(args.rows, XML_ROWS) if args.export_rows is None else args.export_rows
        lines.append(bench_export(export_rows, args.repeat))
        print("  ".join(lines[-1]), flush=True)
    load = os.getloadavg()
    print(
        f"\nbench_wide: {args.rows:,} rows, best of {args.repeat}, {os.cpu_count()} CPUs,"
        f" load {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} ({sys.version.split()[0]},"
        f" polars {pl.__version__}), {time.perf_counter() - started:.0f} s in all"
    )
    show(lines)


if __name__ == "__main__":
    main()
