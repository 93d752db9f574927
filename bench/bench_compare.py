"""compare speed and memory against a bare polars read of both files, measured in one run.

    python -m bench.bench_compare [--rows 1000000 [10000000 ...]] [--repeat 1]

The widest file (住民基本台帳 個人, 77 items) is generated with ``rows`` rows (OLD), and NEW
is a copy with edits: every 50,000th row dropped, 試験 → 検証 in every 997th row. Above
1,000,000 rows the 1,000,000-row file is repeated with a different 宛名番号 per copy (its
second digit), streaming: OLD and NEW are written line by line, never held in memory.
Each measurement runs in its own process, so its peak RSS is its own. The baseline is
``polars.read_csv(infer_schema=False)`` of both files; a file that would not fit in memory
(above ``READ_MAX`` rows: polars needs ~3 GB a million rows of this file) is read with
polars' streaming engine instead (``scan_csv(...).collect_batches()``, marked † in the
table). Data goes to bench/data/ (git ignores it). Not part of the test run.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import polars as pl

from bench.common import DATA, emit, measure

AREA, FILE_ID = "jumin", "kojin"
DROP_EVERY, EDIT_EVERY = 50_000, 997
BASE_ROWS = 1_000_000  # generated once; larger files repeat it with other keys
READ_MAX = 2_000_000  # rows a bare read_csv of both files is measured for (memory)


def make_data(rows: int, seed: int = 1) -> tuple[Path, Path]:
    from layout_tool.sample import sample_to_dir
    from layout_tool.spec.catalogue import load_area

    old = DATA / f"compare-{rows}" / "old" / "JUMIN_KOJIN.csv"
    new = DATA / f"compare-{rows}" / "new" / "JUMIN_KOJIN.csv"
    if old.exists() and new.exists():
        return old, new
    old.parent.mkdir(parents=True, exist_ok=True)
    new.parent.mkdir(parents=True, exist_ok=True)
    if rows > BASE_ROWS:
        if rows > 10 * BASE_ROWS:
            raise SystemExit(f"--rows at most {10 * BASE_ROWS:,}")
        source, _ = make_data(BASE_ROWS, seed)
        copies = -(-rows // BASE_ROWS)
    else:
        if not old.exists():
            written = sample_to_dir(
                load_area(AREA), rows, seed, DATA / "gen-compare", file_id=FILE_ID
            )
            written[0].replace(old)
        source, copies = old, 1
    _write_pair(source, old, new, rows, copies)
    return old, new


def _write_pair(source: Path, old: Path, new: Path, rows: int, copies: int) -> None:
    """OLD (``source`` repeated ``copies`` times up to ``rows`` rows; copy c has c as the
    second digit of 宛名番号) and NEW (OLD edited), one line at a time."""
    same = source == old
    tmp_old = old.with_suffix(".part")
    with (
        open(os.devnull, "wb") if same else tmp_old.open("wb") as out_old,
        new.with_suffix(".part").open("wb") as out_new,
    ):
        i = 0
        for copy in range(copies):
            with source.open("rb") as src:
                header = src.readline()
                if copy == 0:
                    out_old.write(header)
                    out_new.write(header)
                digit = str(copy).encode()
                for line in src:
                    if i == rows:
                        break
                    i += 1
                    if copy:
                        city, atena, rest = line.split(b",", 2)
                        line = b",".join((city, atena[:1] + digit + atena[2:], rest))
                    out_old.write(line)
                    if i % DROP_EVERY == 0:
                        continue
                    if i % EDIT_EVERY == 0:
                        line = line.replace("試験".encode(), "検証".encode())
                    out_new.write(line)
    if not same:
        tmp_old.replace(old)
    new.with_suffix(".part").replace(new)


def one(mode: str, old: str, new: str) -> None:
    start = time.perf_counter()
    if mode == "polars":
        a = pl.read_csv(old, infer_schema=False)
        b = pl.read_csv(new, infer_schema=False)
        emit(seconds=time.perf_counter() - start, rows=a.height + b.height)
    elif mode == "polars-stream":
        n = 0
        for path in (old, new):
            for batch in pl.scan_csv(path, infer_schema=False).collect_batches():
                n += batch.height
        emit(seconds=time.perf_counter() - start, rows=n)
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
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    if args.one:
        one(*args.one)
        return
    print(
        f"compare {AREA}/{FILE_ID} (77 items); NEW = OLD less every {DROP_EVERY:,}th row,"
        f" 試験 → 検証 in every {EDIT_EVERY}th; fastest of {args.repeat}"
    )
    print(f"  load average before: {_load()}")
    rows: list[tuple[str, ...]] = [
        ("rows", "MB (old+new)", "polars s", "compare s", "ratio", "peak MB", "only old", "changed")
    ]
    for n in args.rows:
        old, new = make_data(n)
        mode = "polars" if n <= READ_MAX else "polars-stream"
        base = measure("bench.bench_compare", mode, str(old), str(new), repeat=args.repeat)
        got = measure("bench.bench_compare", "compare", str(old), str(new), repeat=args.repeat)
        mark = "" if mode == "polars" else " †"
        rows.append(
            (
                f"{n:,}",
                f"{(old.stat().st_size + new.stat().st_size) / 1e6:,.0f}",
                f"{base['seconds']:.1f}{mark}",
                f"{got['seconds']:.1f}",
                f"{got['seconds'] / base['seconds']:.2f}×",
                f"{got['peak_mb']:.0f}",
                f"{got['only_old']:,.0f}",
                f"{got['changed_values']:,.0f}",
            )
        )
        print(f"  ({n:,} rows: polars peak {base['peak_mb']:.0f} MB; load {_load()})", flush=True)
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    for r in rows:
        print("  " + "  ".join(v.rjust(w) for v, w in zip(r, widths, strict=True)))
    if any(n > READ_MAX for n in args.rows):
        print("  † polars' streaming read (read_csv of both would not fit in memory)")
    print(f"  load average after: {_load()}")
    sys.stdout.flush()


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
