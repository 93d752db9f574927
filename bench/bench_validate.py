"""Validation speed and memory against bare polars and frictionless, measured in one run.

    python -m bench.bench_validate [--rows 1000000] [--big 10000000] [--frictionless-rows 20000]

Each measurement runs in its own process so its peak RSS is its own. Data is generated
here (synthetic, fictitious) under bench/data/, which git ignores.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import polars as pl

from bench.common import DATA, emit, measure, table, validate_once

AREA, FILE_ID = "kaigo", "hihokensha"


def make_data(rows: int, seed: int = 1, variants: bool = True) -> dict[str, Path]:
    """The clean file (and, with ``variants``, an every-row-invalid and a CP932 copy)."""
    from layout_tool.sample import sample_to_dir
    from layout_tool.spec.catalogue import load_area

    DATA.mkdir(exist_ok=True)
    paths = {"clean": DATA / f"{FILE_ID}-{rows}.csv"}
    if variants:
        paths["invalid"] = DATA / f"{FILE_ID}-{rows}-invalid.csv"
        paths["cp932"] = DATA / f"{FILE_ID}-{rows}-cp932.csv"
    if all(p.exists() for p in paths.values()):
        return paths
    if not paths["clean"].exists():
        written = sample_to_dir(load_area(AREA), rows, seed, DATA / "gen", file_id=FILE_ID)
        written[0].replace(paths["clean"])
    if variants:
        # Every row invalid: a code value outside its table and a 6-digit 郵便番号.
        frame = pl.read_csv(paths["clean"], infer_schema=False)
        frame.with_columns(
            pl.lit("X").alias("性別"), pl.col("郵便番号").str.slice(0, 6).alias("郵便番号")
        ).write_csv(paths["invalid"])
        text = paths["clean"].read_text(encoding="utf-8")
        paths["cp932"].write_bytes(text.encode("cp932", errors="strict"))
    return paths


def one(mode: str, path: str) -> None:
    start = time.perf_counter()
    if mode == "polars":
        frame = pl.read_csv(path, infer_schema=False)
        emit(seconds=time.perf_counter() - start, rows=frame.height)
    elif mode == "validate":
        rows, findings = validate_once(AREA, FILE_ID, path)
        emit(seconds=time.perf_counter() - start, rows=rows, findings=findings)
    elif mode == "frictionless":
        from bench.frictionless_ref import validate_with_frictionless

        rows, errors = validate_with_frictionless(AREA, FILE_ID, path)
        emit(seconds=time.perf_counter() - start, rows=rows, findings=errors)
    else:
        raise SystemExit(f"unknown mode {mode}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--one", nargs=2, metavar=("MODE", "PATH"))
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--big", type=int, default=0, help="also measure peak memory on this many rows"
    )
    parser.add_argument("--frictionless-rows", type=int, default=20_000)
    args = parser.parse_args()
    if args.one:
        one(*args.one)
        return
    paths = make_data(args.rows)
    mod = "bench.bench_validate"
    base = measure(mod, "polars", str(paths["clean"]))
    clean = measure(mod, "validate", str(paths["clean"]))
    invalid = measure(mod, "validate", str(paths["invalid"]))
    cp932 = measure(mod, "validate", str(paths["cp932"]))
    slice_path = DATA / f"{FILE_ID}-{args.frictionless_rows}-slice.csv"
    pl.read_csv(paths["clean"], infer_schema=False, n_rows=args.frictionless_rows).write_csv(
        slice_path
    )
    fric = measure(mod, "frictionless", str(slice_path), repeat=1)
    ours_rate = clean["rows"] / clean["seconds"]
    fric_rate = fric["rows"] / fric["seconds"]
    ratio = clean["seconds"] / base["seconds"]
    bad_ratio = clean["seconds"] / invalid["seconds"]
    width = len(pl.read_csv(slice_path, n_rows=1).columns)
    rows = [
        ("rows", f"{int(clean['rows']):,} × {width} items"),
        ("polars.read_csv", f"{base['seconds']:.2f} s"),
        (
            "validate (clean)",
            f"{clean['seconds']:.2f} s = {ratio:.2f}× polars, {ours_rate:,.0f} rows/s,"
            f" peak {clean['peak_mb']:.0f} MB",
        ),
        (
            "validate (every row invalid)",
            f"{invalid['seconds']:.2f} s, {int(invalid['findings']):,} findings,"
            f" throughput {bad_ratio:.2f}× of clean",
        ),
        (
            "validate (CP932)",
            f"{cp932['seconds']:.2f} s = {cp932['seconds'] / clean['seconds']:.2f}× the UTF-8 time",
        ),
        (
            "frictionless (slice)",
            f"{int(fric['rows']):,} rows in {fric['seconds']:.2f} s = {fric_rate:,.0f} rows/s",
        ),
        ("speed-up over frictionless", f"{ours_rate / fric_rate:.0f}×"),
    ]
    if args.big:
        big = make_data(args.big, variants=False)["clean"]
        result = measure(mod, "validate", str(big), repeat=1)
        rows.append(
            (
                "peak memory, big file",
                f"{int(result['rows']):,} rows in {result['seconds']:.1f} s,"
                f" peak RSS {result['peak_mb']:.0f} MB",
            )
        )
    print(f"bench_validate ({sys.version.split()[0]}, polars {pl.__version__})")
    table(rows)


if __name__ == "__main__":
    main()
