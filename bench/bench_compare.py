"""compare speed and memory against a bare polars read of both files, measured in one run.

    python -m bench.bench_compare [--rows 1000000] [--repeat 1]

The widest file (住民基本台帳 個人, 77 items) is generated with ``rows`` rows (OLD), and NEW
is a copy with edits: every 50,000th row dropped, 試験 → 検証 in every 997th row. Each
measurement runs in its own process, so its peak RSS is its own. Data goes to bench/data/
(git ignores it). Not part of the test run.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import polars as pl

from bench.common import DATA, emit, measure, table

AREA, FILE_ID = "jumin", "kojin"
DROP_EVERY, EDIT_EVERY = 50_000, 997


def make_data(rows: int, seed: int = 1) -> tuple[Path, Path]:
    from layout_tool.sample import sample_to_dir
    from layout_tool.spec.catalogue import load_area

    old = DATA / f"compare-{rows}" / "old" / "JUMIN_KOJIN.csv"
    new = DATA / f"compare-{rows}" / "new" / "JUMIN_KOJIN.csv"
    if old.exists() and new.exists():
        return old, new
    old.parent.mkdir(parents=True, exist_ok=True)
    new.parent.mkdir(parents=True, exist_ok=True)
    if not old.exists():
        written = sample_to_dir(load_area(AREA), rows, seed, DATA / "gen-compare", file_id=FILE_ID)
        written[0].replace(old)
    with old.open("rb") as src, new.open("wb") as dst:
        for i, line in enumerate(src):
            if i and i % DROP_EVERY == 0:
                continue
            if i and i % EDIT_EVERY == 0:
                line = line.replace("試験".encode(), "検証".encode())
            dst.write(line)
    return old, new


def one(mode: str, old: str, new: str) -> None:
    start = time.perf_counter()
    if mode == "polars":
        a = pl.read_csv(old, infer_schema=False)
        b = pl.read_csv(new, infer_schema=False)
        emit(seconds=time.perf_counter() - start, rows=a.height + b.height)
    elif mode == "compare":
        from layout_tool.compare import Options, compare_paths
        from layout_tool.spec.catalogue import load_area

        report = compare_paths(load_area(AREA), [Path(old)], [Path(new)], Options())
        s = report.summary()
        emit(
            seconds=time.perf_counter() - start,
            rows=s["rows_old"] + s["rows_new"],
            only_old=s["only_old"],
            changed_values=s["changed_values"],
        )
    else:
        raise SystemExit(f"unknown mode {mode}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--one", nargs=3, metavar=("MODE", "OLD", "NEW"))
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    if args.one:
        one(*args.one)
        return
    old, new = make_data(args.rows)
    sizes = f"{old.stat().st_size / 1e6:.0f} MB + {new.stat().st_size / 1e6:.0f} MB"
    print(f"compare {AREA}/{FILE_ID}: {args.rows:,} × ~{args.rows:,} rows ({sizes})")
    base = measure("bench.bench_compare", "polars", str(old), str(new), repeat=args.repeat)
    got = measure("bench.bench_compare", "compare", str(old), str(new), repeat=args.repeat)
    table(
        [
            ("polars read of both", f"{base['seconds']:.1f} s, peak {base['peak_mb']:.0f} MB"),
            ("layout-tool compare", f"{got['seconds']:.1f} s, peak {got['peak_mb']:.0f} MB"),
            ("ratio", f"{got['seconds'] / base['seconds']:.2f}×"),
            ("only old / changed", f"{got['only_old']:.0f} / {got['changed_values']:.0f}"),
        ]
    )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
