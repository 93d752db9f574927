"""The widest file of every detailed area: validate against bare polars and frictionless.

    python -m bench.bench_wide [--rows 1000000] [--areas jumin,kaigo] [--frictionless-rows 20000]

One table, one line per area: the widest file's item count, a bare ``polars.read_csv``
(``infer_schema=False``), ``validate`` of the UTF-8 and the CP932 copy, the ratio to polars,
the speed-up over frictionless-py (equivalent Table Schema: typed dates, primary key, enums,
max lengths, digit patterns; on a slice, scaled by rows/s) and each run's peak RSS. Every
measurement runs in a fresh process so its peak RSS is its own; data is generated here
(synthetic, fictitious) under bench/data/, which git ignores.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import polars as pl

from bench.common import DATA, emit, measure, validate_once

MODULE = "bench.bench_wide"


def widest(area_id: str) -> str:
    from layout_tool.spec.catalogue import load_area

    spec = load_area(area_id)
    return max(spec.files, key=lambda f: len(f.items)).id


def detailed_areas() -> list[str]:
    from layout_tool.spec.catalogue import catalogue

    return [entry.id for entry in catalogue() if entry.spec is not None]


def make_data(area_id: str, file_id: str, rows: int) -> dict[str, Path]:
    """The UTF-8 file of ``rows`` rows and its CP932 copy (made once, then reused)."""
    from layout_tool.sample import sample_to_dir
    from layout_tool.spec.catalogue import load_area

    DATA.mkdir(exist_ok=True)
    paths = {
        "utf8": DATA / f"wide-{area_id}-{file_id}-{rows}.csv",
        "cp932": DATA / f"wide-{area_id}-{file_id}-{rows}-cp932.csv",
    }
    if not paths["utf8"].exists():
        gen = DATA / f"gen-{area_id}"
        written = sample_to_dir(load_area(area_id), rows, 1, gen, file_id=file_id)
        written[0].replace(paths["utf8"])
    if not paths["cp932"].exists():
        with paths["utf8"].open(encoding="utf-8") as src, paths["cp932"].open("wb") as dst:
            for line in src:
                dst.write(line.encode("cp932"))
    return paths


def one(mode: str, area_id: str, file_id: str, path: str) -> None:
    start = time.perf_counter()
    if mode == "polars":
        frame = pl.read_csv(path, infer_schema=False)
        emit(seconds=time.perf_counter() - start, rows=frame.height)
    elif mode == "validate":
        rows, _ = validate_once(area_id, file_id, path)
        emit(seconds=time.perf_counter() - start, rows=rows)
    elif mode == "frictionless":
        from bench.frictionless_ref import validate_with_frictionless

        rows, _ = validate_with_frictionless(area_id, file_id, path)
        emit(seconds=time.perf_counter() - start, rows=rows)
    else:
        raise SystemExit(f"unknown mode {mode}")


def bench_area(area_id: str, rows: int, fric_rows: int) -> list[str]:
    file_id = widest(area_id)
    paths = make_data(area_id, file_id, rows)
    base = measure(MODULE, "polars", area_id, file_id, str(paths["utf8"]))
    utf8 = measure(MODULE, "validate", area_id, file_id, str(paths["utf8"]))
    cp932 = measure(MODULE, "validate", area_id, file_id, str(paths["cp932"]))
    slice_path = DATA / f"wide-{area_id}-{file_id}-{fric_rows}-slice.csv"
    pl.read_csv(paths["utf8"], infer_schema=False, n_rows=fric_rows).write_csv(slice_path)
    fric = measure(MODULE, "frictionless", area_id, file_id, str(slice_path), repeat=1)
    width = len(pl.read_csv(slice_path, n_rows=1, infer_schema=False).columns)
    speedup = (utf8["rows"] / utf8["seconds"]) / (fric["rows"] / fric["seconds"])
    return [
        f"{area_id}/{file_id}",
        str(width),
        f"{base['seconds']:.2f}",
        f"{utf8['seconds']:.2f}",
        f"{utf8['seconds'] / base['seconds']:.2f}×",
        f"{cp932['seconds'] / utf8['seconds']:.2f}×",
        f"{speedup:.0f}×",
        f"{utf8['peak_mb']:.0f}",
        f"{cp932['peak_mb']:.0f}",
    ]


HEAD = [
    "area/file",
    "items",
    "polars s",
    "validate s",
    "÷polars",
    "cp932÷utf8",
    "×frictionless",
    "peak MB",
    "peak MB cp932",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--one", nargs=4, metavar=("MODE", "AREA", "FILE", "PATH"))
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--areas", default="", help="comma-separated area ids (default: all)")
    parser.add_argument("--frictionless-rows", type=int, default=20_000)
    args = parser.parse_args()
    if args.one:
        one(*args.one)
        return
    areas = [a for a in args.areas.split(",") if a] or detailed_areas()
    lines = [HEAD]
    for area_id in areas:
        lines.append(bench_area(area_id, args.rows, min(args.frictionless_rows, args.rows)))
        print("  ".join(lines[-1]), flush=True)
    print(f"\nbench_wide: {args.rows:,} rows ({sys.version.split()[0]}, polars {pl.__version__})")
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEAD))]
    for line in lines:
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)))


if __name__ == "__main__":
    main()
