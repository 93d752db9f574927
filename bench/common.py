"""Shared bench helpers: run one measurement in a fresh process and read its peak RSS."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


_COMPILED: list[bool] = []


def byte_compiled() -> None:
    """Write layout_tool's byte code once, as installing it does.

    A fresh process otherwise compiles every module from source (about 0.1 s) when
    ``PYTHONDONTWRITEBYTECODE`` is set, as on this project's machines; a user's installed
    tool has its byte code from ``pip install``, so the benchmarks measure it that way.
    """
    if not _COMPILED:
        import compileall

        compileall.compile_dir(str(Path(__file__).resolve().parents[1] / "layout_tool"), quiet=1)
        _COMPILED.append(True)


def measure(module: str, *args: str, repeat: int = 3) -> dict[str, float]:
    """The fastest of ``repeat`` fresh runs of ``python -m module --one ARGS`` (JSON line).

    The minimum is the least disturbed by whatever else the machine is doing.
    """
    byte_compiled()
    runs = [_measure_once(module, *args) for _ in range(repeat)]
    return min(runs, key=lambda r: r["seconds"])


def _measure_once(module: str, *args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-m", module, "--one", *args],
        check=False,
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        raise SystemExit(f"{module} --one {' '.join(args)} failed:\n{out.stderr[-3000:]}")
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def peak_mb() -> float:
    """Peak RSS of this process, in MB.

    Linux's ``VmHWM`` where there is one: ``ru_maxrss`` is inherited across fork, so a child
    of a bench that once held more would report the parent's peak as its own.
    """
    import resource

    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """User + system CPU of this process (all its threads) and its finished children."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)  # worker processes, once joined
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def emit(**values: float) -> None:
    values["peak_mb"] = round(peak_mb(), 1)
    values.setdefault("cpu_s", round(cpu_seconds(), 2))
    print(json.dumps(values))


def table(rows: list[tuple[str, str]]) -> None:
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"  {key.ljust(width)}  {value}")


def validate_once(area_id: str, file_id: str, path: str) -> tuple[int, int]:
    """Rows and findings of one ``validate`` run of ``path`` as a file of ``area_id``."""
    from layout_tool.report.report import Filter
    from layout_tool.spec.catalogue import load_area
    from layout_tool.validate import Options, validate_paths

    report = validate_paths(
        load_area(area_id), [Path(path)], Options(file_id=file_id, filter=Filter(max_findings=1000))
    )
    return report.rows, sum(report.by_code.values())
