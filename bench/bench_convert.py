"""Conversion speed and memory against a bare polars read + write, measured in one run.

    python -m bench.bench_convert [--rows 1000000]

The data is the 介護保険 被保険者 file of the synthetic generator, converted to two
fictitious vendors' exports with the bundled mappings in reverse (timed too): a UTF-8 CSV
with BOM (kaso-systems) and fixed-width CP932 records (kakuu-densan). The measurements:
the bare polars read + write of the vendor CSV (the baseline), ``convert`` of the CSV, and
``convert`` of the fixed-width file, each in its own process so its peak RSS is its own.
Targets (the issue): CSV ≤ 3× the baseline, fixed-width ≤ 2× that (≤ 6× the baseline).
Data goes to bench/data/, which git ignores.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

import polars as pl

from bench.common import DATA, emit, measure, table

AREA, FILE_ID = "kaigo", "hihokensha"
CSV_MAPPING, FIXED_MAPPING = "kaso-systems/kaigo", "kakuu-densan/kaigo"


def make_data(rows: int, seed: int = 7) -> dict[str, Path]:
    """Standard file → the two vendors' exports (cached under bench/data/convert-<rows>/)."""
    from layout_tool.convert import ConvertOptions, convert
    from layout_tool.mapping import load_mapping
    from layout_tool.sample import sample_to_dir
    from layout_tool.spec.catalogue import load_area

    folder = DATA / f"convert-{rows}"
    paths = {
        "standard": folder / "standard" / "KAIGO_HIHOKENSHA.csv",
        "csv": folder / "csv" / "KSJ_KAIGO_HIHOKENSHA.csv",
        "fixed": folder / "fixed" / "KGHIHO.DAT",
    }
    if all(p.exists() for p in paths.values()):
        return paths
    if folder.exists():
        shutil.rmtree(folder)
    written = sample_to_dir(load_area(AREA), rows, seed, folder / "standard", file_id=FILE_ID)
    print(f"generated {written[0]}", file=sys.stderr)
    for kind, name in (("csv", CSV_MAPPING), ("fixed", FIXED_MAPPING)):
        start = time.perf_counter()
        report = convert(
            load_mapping(name), [written[0]], folder / kind, ConvertOptions(reverse=True)
        )
        print(
            f"{kind}: --reverse {report.rows_in:,} rows in {time.perf_counter() - start:.1f} s,"
            f" {report.rows_rejected:,} do not fit the vendor layout",
            file=sys.stderr,
        )
    return paths


def one(mode: str, path: str) -> None:
    from layout_tool.convert import convert
    from layout_tool.mapping import load_mapping

    start, cpu = time.perf_counter(), time.process_time()
    out = Path(path).parent.parent / f"out-{mode}"
    if mode == "polars":
        frame = pl.read_csv(path, infer_schema=False)
        frame.write_csv(out.with_suffix(".csv"))
        emit(seconds=time.perf_counter() - start, cpu=time.process_time() - cpu, rows=frame.height)
        return
    name = {"csv": CSV_MAPPING, "fixed": FIXED_MAPPING}[mode]
    report = convert(load_mapping(name), [Path(path)], out)
    emit(
        seconds=time.perf_counter() - start,
        cpu=time.process_time() - cpu,
        rows=report.rows_in,
        rejected=report.rows_rejected,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--one", nargs=2, metavar=("MODE", "PATH"))
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.one:
        one(*args.one)
        return
    paths = make_data(args.rows)
    mod = "bench.bench_convert"
    base = measure(mod, "polars", str(paths["csv"]), repeat=args.repeat)
    csv = measure(mod, "csv", str(paths["csv"]), repeat=args.repeat)
    fixed = measure(mod, "fixed", str(paths["fixed"]), repeat=args.repeat)
    width = len(pl.read_csv(paths["csv"], n_rows=1).columns)
    size = {k: p.stat().st_size / 1e6 for k, p in paths.items()}
    rows = [
        ("rows", f"{int(base['rows']):,} × {width} vendor fields"),
        (
            "polars read + write (CSV)",
            f"{base['seconds']:.2f} s, peak {base['peak_mb']:.0f} MB ({size['csv']:.0f} MB file)",
        ),
        (
            "convert CSV → standard",
            f"{csv['seconds']:.2f} s = {csv['seconds'] / base['seconds']:.2f}× polars"
            f" (target ≤ 3), peak {csv['peak_mb']:.0f} MB, {int(csv['rejected']):,} rejected",
        ),
        (
            "convert fixed CP932 → standard",
            f"{fixed['seconds']:.2f} s = {fixed['seconds'] / base['seconds']:.2f}× polars,"
            f" {fixed['seconds'] / csv['seconds']:.2f}× the CSV conversion (target ≤ 2),"
            f" peak {fixed['peak_mb']:.0f} MB ({size['fixed']:.0f} MB file)",
        ),
    ]
    rows.append(
        (
            "CPU time (all threads)",
            f"polars {base['cpu']:.2f} s, CSV {csv['cpu']:.2f} s"
            f" ({csv['cpu'] / base['cpu']:.2f}×), fixed {fixed['cpu']:.2f} s"
            f" ({fixed['cpu'] / csv['cpu']:.2f}× CSV)",
        )
    )
    print(f"bench_convert ({sys.version.split()[0]}, polars {pl.__version__})")
    table(rows)


if __name__ == "__main__":
    main()
