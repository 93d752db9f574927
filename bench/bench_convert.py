"""Conversion speed and memory against a bare polars read + write, measured in one run.

    python -m bench.bench_convert [--rows 1000000] [--repeat 3]

The data is the 介護保険 被保険者 file of the synthetic generator, converted to two
fictitious vendors' exports with the bundled mappings in reverse (timed too): a UTF-8 CSV
with BOM (kaso-systems) and fixed-width CP932 records (kakuu-densan). The measurements:
the bare polars read + write of the vendor CSV (the baseline), ``convert`` of the CSV, and
``convert`` of the fixed-width file.

Built for a noisy two-core machine that others use at the same time: every measurement is
its own fresh process (so its peak RSS is its own and nothing is warm), the three are run
in rounds (baseline, CSV, fixed-width, then again) so that a burst of load elsewhere hits
all of them alike rather than one, and each reports the fastest of its ``--repeat`` runs
(the least disturbed). The ratio of each round's own pair is shown too: when the two
readings disagree, the machine was busy and the run is worth repeating.

Targets (the issue): CSV ≤ 3× the baseline; fixed-width ≤ 2× the CSV conversion (the
reading used here; the ratio to the baseline is printed as well). ``convert`` is timed
from before the tool is imported to the end, mapping loading included, as a user would
wait for it; ``setup`` is that part alone. Data goes to bench/data/, which git ignores.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

import polars as pl

from bench.common import DATA, emit, measure, table

AREA, FILE_ID = "kaigo", "hihokensha"
CSV_MAPPING, FIXED_MAPPING = "kaso-systems/kaigo", "kakuu-densan/kaigo"
MODES = ("polars", "csv", "fixed")
TARGET_CSV, TARGET_FIXED = 3.0, 2.0


def make_data(rows: int, seed: int = 7) -> dict[str, Path]:
    """Standard file → the two vendors' exports (cached under bench/data/convert-<rows>/)."""
    from layout_tool.conversion import ConvertOptions, convert
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
    """One measurement in this (fresh) process: prints one JSON line (see ``common.emit``)."""
    start, cpu = time.perf_counter(), time.process_time()
    out = Path(path).parent.parent / f"out-{mode}"
    if mode == "polars":
        frame = pl.read_csv(path, infer_schema=False)
        frame.write_csv(out.with_suffix(".csv"))
        emit(seconds=time.perf_counter() - start, cpu=time.process_time() - cpu, rows=frame.height)
        return
    from layout_tool.conversion import convert
    from layout_tool.mapping import load_mapping

    mapping = load_mapping({"csv": CSV_MAPPING, "fixed": FIXED_MAPPING}[mode])
    setup = time.perf_counter() - start
    report = convert(mapping, [Path(path)], out)
    emit(
        seconds=time.perf_counter() - start,
        cpu=time.process_time() - cpu,
        setup=setup,
        rows=report.rows_in,
        rejected=report.rows_rejected,
    )


def rounds(paths: dict[str, Path], repeat: int) -> dict[str, list[dict[str, float]]]:
    """``repeat`` rounds of every mode, interleaved, each run in a fresh process."""
    inputs = {"polars": paths["csv"], "csv": paths["csv"], "fixed": paths["fixed"]}
    runs: dict[str, list[dict[str, float]]] = {m: [] for m in MODES}
    for n in range(repeat):
        for mode in MODES:
            runs[mode].append(measure("bench.bench_convert", mode, str(inputs[mode]), repeat=1))
        done = ", ".join(f"{m} {runs[m][-1]['seconds']:.2f} s" for m in MODES)
        print(f"round {n + 1}/{repeat}: {done}", file=sys.stderr)
    return runs


def _best(runs: list[dict[str, float]]) -> dict[str, float]:
    return min(runs, key=lambda r: r["seconds"])


def _paired(top: list[dict[str, float]], bottom: list[dict[str, float]]) -> str:
    """Each round's own ratio: how far apart the rounds were (the machine's noise)."""
    ratios = [t["seconds"] / b["seconds"] for t, b in zip(top, bottom, strict=True)]
    return f"rounds {min(ratios):.2f}–{max(ratios):.2f}, median {statistics.median(ratios):.2f}"


def _verdict(ratio: float, target: float) -> str:
    return "meets" if ratio <= target else "MISSES"


def report(paths: dict[str, Path], runs: dict[str, list[dict[str, float]]]) -> None:
    base, csv, fixed = (_best(runs[m]) for m in MODES)
    width = len(pl.read_csv(paths["csv"], n_rows=1).columns)
    size = {k: p.stat().st_size / 1e6 for k, p in paths.items()}
    csv_ratio = csv["seconds"] / base["seconds"]
    fixed_csv = fixed["seconds"] / csv["seconds"]
    fixed_base = fixed["seconds"] / base["seconds"]
    rows = [
        ("rows", f"{int(base['rows']):,} × {width} vendor fields, best of {len(runs['csv'])}"),
        (
            "polars read + write (CSV)",
            f"{base['seconds']:.2f} s, CPU {base['cpu']:.2f} s, peak {base['peak_mb']:.0f} MB"
            f" ({size['csv']:.0f} MB file)",
        ),
        (
            "convert CSV → standard",
            f"{csv['seconds']:.2f} s = {csv_ratio:.2f}× polars (target ≤ {TARGET_CSV:g}:"
            f" {_verdict(csv_ratio, TARGET_CSV)}), setup {csv['setup']:.2f} s,"
            f" peak {csv['peak_mb']:.0f} MB, {int(csv['rejected']):,} rejected",
        ),
        ("", _paired(runs["csv"], runs["polars"])),
        (
            "convert fixed CP932 → standard",
            f"{fixed['seconds']:.2f} s = {fixed_csv:.2f}× the CSV conversion (target"
            f" ≤ {TARGET_FIXED:g}: {_verdict(fixed_csv, TARGET_FIXED)}) = {fixed_base:.2f}×"
            f" polars, peak {fixed['peak_mb']:.0f} MB ({size['fixed']:.0f} MB file),"
            f" {int(fixed['rejected']):,} rejected",
        ),
        ("", _paired(runs["fixed"], runs["csv"]) + " (against the CSV conversion)"),
        (
            "CPU time (all threads)",
            f"CSV {csv['cpu']:.2f} s ({csv['cpu'] / base['cpu']:.2f}× polars),"
            f" fixed {fixed['cpu']:.2f} s ({fixed['cpu'] / csv['cpu']:.2f}× CSV,"
            f" {fixed['cpu'] / base['cpu']:.2f}× polars)",
        ),
    ]
    print(f"bench_convert ({sys.version.split()[0]}, polars {pl.__version__})")
    table(rows)


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
    report(paths, rounds(paths, max(1, args.repeat)))


if __name__ == "__main__":
    main()
