"""How fast could ``validate`` be with polars alone? A lower bound, measured per area.

    python -m bench.bench_floor [--rows 1000000] [--areas jumin,kotei] [--repeat 2]

For the widest file of each area (the data of ``bench_wide``), each in a fresh process:

- ``read``: the reference of the ≤ 2× goal, a bare ``polars.read_csv(infer_schema=False)``;
- ``floor``: polars' own streaming engine reading the file and evaluating the tool's per-item
  check expressions and cross-file columns, exactly as ``validate`` builds them for the
  file (sign-free variants where the file holds no sign), and nothing else: no SHA-256, no
  field-count proof, no findings, no Python between batches. It is the best a pipeline of
  these expressions does on this machine, and ``validate`` must do more than it;
- ``fused``: the same query on the file cut into the reader's 8 MB chunks (one streaming
  query a chunk, each chunk's field-count proof included, the chunks in memory before
  timing): polars parsing and checking a batch in one query, as a redesign of the reader
  would;
- ``import``: importing layout_tool's validate and loading the area's spec (bytecode
  compiled), which every run of the command pays before it reads a byte;
- ``validate``: the command's own library call, as ``bench_wide`` measures it.

The table gives each against the read: when ``floor + import`` is already past 2× the read,
no arrangement of these polars expressions meets the goal on that file.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import polars as pl

from bench.common import emit, measure, validate_once
from bench.wide_data import csv_files, detailed_areas, widest

MODULE = "bench.bench_floor"


def _floor(area_id: str, file_id: str, path: str, chunked: bool = False) -> None:
    """Stream the file (or its 8 MB chunks) through the file's check expressions."""
    import io

    from layout_tool.charset.policy import CharPolicy
    from layout_tool.io.batch import ROW, col, signs_absent
    from layout_tool.io.csvparse import chunks
    from layout_tool.io.csvsource import BATCH_BYTES
    from layout_tool.spec.catalogue import load_area
    from layout_tool.validate.engine import _Plan

    spec = load_area(area_id)
    fspec = next(f for f in spec.files if f.id == file_id)
    width = len(fspec.items)
    schema = {col(i): pl.String for i in range(width)}
    positions = {item.name: i for i, item in enumerate(fspec.items)}
    plan = _Plan(fspec, positions, dict(spec.codes), path, CharPolicy(), spec)
    data = Path(path).read_bytes()  # not timed: generous to the floor
    exprs = plan.exprs(signs_absent(data))
    body = data[data.index(b"\n") + 1 :]
    parts = list(chunks(io.BytesIO(body), BATCH_BYTES)) if chunked else []
    del data, body
    proof = [pl.sum_horizontal(pl.col(col(i)).str.len_bytes() for i in range(width)).alias("n")]
    start = time.perf_counter()
    rows = 0
    sources: list[str | bytes] = [*parts] if chunked else [path]
    for source in sources:
        query = (
            pl.scan_csv(
                source,
                has_header=False,
                skip_lines=0 if chunked else 1,
                schema=schema,
                quote_char=None,
            )
            .with_row_index(ROW, offset=rows + 1)
            .with_columns(*exprs.screens)
            .select(
                ROW, *exprs.checks, *exprs.scan, *plan.gathering.exprs, *(proof if chunked else [])
            )
        )
        got = read = 0
        for batch in query.collect_batches():
            got += batch.height
            read += int(batch["n"].sum()) if chunked else 0
        # the proof as the reader makes it: every line of the chunk had all its fields
        if chunked and read + width * got != len(source):
            raise SystemExit(f"chunk at row {rows + 1}: a line without all its fields")
        rows += got
    emit(seconds=time.perf_counter() - start, rows=rows)


def one(mode: str, *args: str) -> None:
    """One measurement in this fresh process; prints one JSON line (``common.emit``)."""
    start = time.perf_counter()
    if mode == "read":
        frame = pl.read_csv(args[0], infer_schema=False)
        emit(seconds=time.perf_counter() - start, rows=frame.height)
    elif mode == "floor":
        _floor(args[0], args[1], args[2])
    elif mode == "fused":
        _floor(args[0], args[1], args[2], chunked=True)
    elif mode == "import":
        from layout_tool.spec.catalogue import load_area
        from layout_tool.validate import Options, validate_paths  # noqa: F401

        load_area(args[0])
        emit(seconds=time.perf_counter() - start, rows=0)
    elif mode == "validate":
        rows, found = validate_once(*args)
        emit(seconds=time.perf_counter() - start, rows=rows, findings=found)
    else:
        raise SystemExit(f"unknown mode {mode}")


HEAD = ["area/file", "read s", "floor s", "fused s", "import s", "(floor+import) ÷ read",
        "(fused+import) ÷ read", "validate s", "validate ÷ read"]  # fmt: skip


def bench_area(area_id: str, rows: int, repeat: int) -> list[str]:
    file_id = widest(area_id)
    path = str(csv_files(area_id, file_id, rows)["utf8"])

    def run(*args: str) -> float:
        return measure(MODULE, *args, repeat=repeat)["seconds"]

    read = run("read", path)
    floor = run("floor", area_id, file_id, path)
    fused = run("fused", area_id, file_id, path)
    imported = run("import", area_id)
    ours = run("validate", area_id, file_id, path)
    return [
        f"{area_id}/{file_id}",
        f"{read:.2f}",
        f"{floor:.2f}",
        f"{fused:.2f}",
        f"{imported:.2f}",
        f"{(floor + imported) / read:.2f}×",
        f"{(fused + imported) / read:.2f}×",
        f"{ours:.2f}",
        f"{ours / read:.2f}×",
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--one", nargs="+", metavar="MODE ARGS")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--areas", default="", help="comma-separated area ids (default: all)")
    parser.add_argument("--repeat", type=int, default=2, help="keep the fastest of N runs")
    args = parser.parse_args()
    if args.one:
        one(*args.one)
        return
    lines = [HEAD]
    for area_id in [a for a in args.areas.split(",") if a] or detailed_areas():
        lines.append(bench_area(area_id, args.rows, args.repeat))
        print("  ".join(lines[-1]), flush=True)
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEAD))]
    print(f"\nbench_floor: {args.rows:,} rows, best of {args.repeat} (polars {pl.__version__})")
    for line in lines:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |")


if __name__ == "__main__":
    main()
