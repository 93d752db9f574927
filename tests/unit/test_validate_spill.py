"""Past the memory budget the checks across rows spill to disk: the report must not change."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout_tool.checks import spill
from layout_tool.report.report import Filter, Report
from layout_tool.sample import generate, seed_faults, write
from layout_tool.spec.catalogue import load_area
from layout_tool.validate import Options, validate_paths

SPEC = load_area("jumin")


@pytest.fixture(scope="module")
def handover(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("jumin-spill")
    frames, _ = seed_faults(generate(SPEC, 400, 7), SPEC, 60, 7)
    write(frames, SPEC, out)
    return out


def _shape(report: Report) -> dict[str, object]:
    out = report.to_dict()
    out.pop("made", None)
    return out


def _codes(report: Report) -> set[str]:
    return {code for code, n in report.by_code.items() if n}


@pytest.mark.parametrize("cap", [5, None])
@pytest.mark.parametrize("jobs", [1, 2])
def test_spilled_runs_give_the_same_report(
    handover: Path, cap: int | None, jobs: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = sorted(handover.glob("*.csv"))
    inputs = [handover, files[0]]  # one file twice: two files' keys in one Collected
    small = 4096  # several batches per file, so several runs
    options = Options(filter=Filter(max_findings=cap), batch_bytes=small, jobs=jobs)
    held = validate_paths(SPEC, inputs, options)
    made: list[Path] = []
    real_write = spill.Spill.write

    def spy(self: spill.Spill, kind: str, frame: object, by: str) -> None:
        real_write(self, kind, frame, by)  # type: ignore[arg-type]
        made.extend(self.folders)

    monkeypatch.setattr(spill.Spill, "write", spy)
    monkeypatch.setenv("LAYOUT_TOOL_SPILL_MB", "0")  # spill after every batch
    spilled = validate_paths(SPEC, inputs, options)
    assert {"key-duplicate", "reference", "rule"} <= _codes(held)
    assert _shape(spilled) == _shape(held)
    if jobs == 1:
        assert made, "the budget of 0 must spill"
    assert not [p for p in made if p.exists()], "spill folders are removed at the end"


def test_budget_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAYOUT_TOOL_SPILL_MB", "1.5")
    assert spill.budget() == 3 << 19
    monkeypatch.setenv("LAYOUT_TOOL_SPILL_MB", "lots")
    assert spill.budget() == int(spill.DEFAULT_MB * (1 << 20))
