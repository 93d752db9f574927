"""The progress bar: percent from bytes, n/N files, the current file's rows; quiet when asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout_tool.cli import progress
from layout_tool.i18n import use_lang


def test_one_bar_with_percent_files_and_the_current_files_rows(tmp_path: Path) -> None:
    a, b = tmp_path / "A.csv", tmp_path / "B.csv"
    a.write_text("h\n" + "1234567\n" * 100, encoding="utf-8")
    b.write_text("h\n" + "1234567\n" * 100, encoding="utf-8")
    with use_lang("en"):
        bar = progress.Bar(progress.input_files([tmp_path]), "rows")
        bar.update(str(a), 50)
        shown = str(bar.bar)
        assert "[1/2] A.csv 50 rows" in shown and "25%" in shown
        bar.update(str(b), 10)  # the rows are the current file's, not a running total
        shown = str(bar.bar)
        assert "[2/2] B.csv 10 rows" in shown and "55%" in shown
        bar.close()


def test_quiet_and_not_a_terminal_draw_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(progress.QUIET, "on", True)
    with progress.row_progress() as update:
        assert update is None
    monkeypatch.setitem(progress.QUIET, "on", False)
    with progress.row_progress() as update:  # pytest's stderr is not a terminal
        assert update is None


def test_a_planned_run_counts_rows_of_every_file(tmp_path: Path) -> None:
    """sample knows the rows of each file before writing: percent and n/N from them."""
    from layout_tool.progress import Planned, plan

    with use_lang("en"):
        bar = progress.Bar([], "rows")
        assert isinstance(bar, Planned)
        plan(bar, {"out/A.csv": 300, "out/B.csv": 100})
        bar("out/A.csv", 150)
        shown = str(bar.bar)
        assert "[1/2] A.csv 150 rows" in shown and "38%" in shown
        bar("out/B.csv", 50)  # the rows are the current file's, not a running total
        shown = str(bar.bar)
        assert "[2/2] B.csv 50 rows" in shown and "88%" in shown
        bar.close()


def test_plan_is_ignored_where_progress_cannot_use_it() -> None:
    from layout_tool.progress import plan

    seen: list[tuple[str, int]] = []
    plan(lambda label, rows: seen.append((label, rows)), {"a": 1})  # a plain callback
    plan(None, {"a": 1})
    assert seen == []


def test_sample_and_manifest_report_progress_per_file(tmp_path: Path) -> None:
    """The library side of `sample` and `manifest`: every file is announced, rows per file."""
    from layout_tool.integrity.manifest import build_manifest
    from layout_tool.sample.generator import sample_to_dir
    from layout_tool.spec.catalogue import load_area

    class Recorder:
        def __init__(self) -> None:
            self.calls: list[tuple[str, int]] = []
            self.planned: dict[str, int] = {}

        def __call__(self, label: str, rows: int) -> None:
            self.calls.append((label, rows))

        def plan(self, rows: dict[str, int]) -> None:
            self.planned = dict(rows)

    spec = load_area("jumin")
    rec = Recorder()
    paths = sample_to_dir(spec, 50, 1, tmp_path / "s", progress=rec)
    assert set(rec.planned) == {str(p) for p in paths}
    assert {label for label, _ in rec.calls} == set(rec.planned)
    for label, rows in rec.planned.items():
        assert max(r for lab, r in rec.calls if lab == label) == rows
    rec = Recorder()
    build_manifest(tmp_path / "s", spec, "auto", True, rec)
    assert {lab for lab, r in rec.calls if r == 0} == {str(p) for p in paths}
