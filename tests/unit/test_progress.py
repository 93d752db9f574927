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
