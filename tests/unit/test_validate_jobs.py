"""``--jobs N`` checks the files in N processes and gives the serial run's report, exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from layout_tool.cli.main import cli
from layout_tool.report.render import render_text
from layout_tool.report.report import Filter, Report
from layout_tool.sample import generate, seed_faults, write
from layout_tool.spec.catalogue import load_area
from layout_tool.validate import Options, validate_paths

SPEC = load_area("jumin")


@pytest.fixture(scope="module")
def handover(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("jumin")
    frames, faults = seed_faults(generate(SPEC, 200, 5), SPEC, 40, 5)
    assert len(faults) == 40
    write(frames, SPEC, out)
    (out / "unrelated.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    return out


def _shape(report: Report) -> dict[str, object]:
    out = report.to_dict()
    out.pop("made", None)
    return {
        "dict": out,
        # as lines: ties in the by-code table come in polars' group_by order, even serially
        "text": sorted(render_text(report).replace(report.made, "").splitlines()),
        "examples": {k: [f.to_dict() for f in v] for k, v in report.examples.items()},
        "masked": dict(report.masked),
    }


@pytest.mark.parametrize("cap", [0, 3, 17, None])
def test_two_jobs_give_the_serial_report(handover: Path, cap: int | None) -> None:
    files = sorted(handover.glob("*.csv"))
    inputs = [handover, files[0]]  # one file twice: its keys are shared, as serially
    serial = validate_paths(SPEC, inputs, Options(filter=Filter(max_findings=cap)))
    parallel = validate_paths(SPEC, inputs, Options(filter=Filter(max_findings=cap), jobs=2))
    assert serial.errors > 0 and len(serial.files) >= 3
    assert _shape(parallel) == _shape(serial)


def test_cli_default_is_one_per_core_with_the_serial_report(
    handover: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from layout_tool.validate import parallel, run

    monkeypatch.setattr(run, "PARALLEL_MIN_BYTES", 0)  # the set counts as big
    monkeypatch.setattr(parallel, "jobs_for", lambda jobs: jobs or 2)
    used: list[int] = []
    real = parallel.check_files

    def spy(*args: object, **kwargs: object) -> None:
        used.append(int(args[-1]))  # type: ignore[call-overload]
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "check_files", spy)
    runner = CliRunner()
    args = ["validate", "--spec", "jumin", str(handover), "--format", "json"]
    default = runner.invoke(cli, args)
    one = runner.invoke(cli, [*args, "--jobs", "1"])
    assert used == [2], "the default is one process per core"
    assert one.exit_code == default.exit_code == 1
    a, b = json.loads(one.stdout), json.loads(default.stdout)
    a.pop("made", None)
    b.pop("made", None)
    assert a == b


def test_small_runs_stay_serial_unless_jobs_are_asked_for(handover: Path) -> None:
    from layout_tool.validate.run import _serial

    files = sorted(handover.glob("*.csv"))
    assert _serial(0, files)  # a few KB: a worker would take longer to start
    assert _serial(1, files) and _serial(2, files[:1])
    assert not _serial(2, files)
